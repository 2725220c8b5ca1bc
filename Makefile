# Quick start: `make run` serves the app with demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENDOR := static/vendor

# Debian packages the product needs beyond Python and Node: WeasyPrint's HarfBuzz
# subsetter (PDF fonts) and Chromium for the browser tests.
SYSTEM_PACKAGES := libharfbuzz-subset0 chromium

.PHONY: setup system-packages run test lint lock lock-check format clean

# The lock files pin every package, with hashes, for Python 3.11 and up on any
# platform. A lock keeps the versions it already has unless its .in file asks for
# another: `make lock LOCK_ARGS="--upgrade-package weasyprint"` (or `--upgrade`) moves on.
LOCK := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(LOCK_ARGS)

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(VENDOR)/.copied: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/axe $(VENDOR)/atkinson-hyperlegible
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map $(VENDOR)/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/bootstrap/
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe/
	cp node_modules/@fontsource/atkinson-hyperlegible/files/*.woff2 \
	   node_modules/@fontsource/atkinson-hyperlegible/LICENSE $(VENDOR)/atkinson-hyperlegible/
	touch $@

setup: system-packages $(VENV)/.installed $(VENDOR)/.copied

run: setup
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check --tabwidth 2 templates
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory lock-check

lock: setup
	$(LOCK) requirements.in -o requirements.txt
	$(LOCK) requirements-dev.in -o requirements-dev.txt

# Compiles both locks afresh beside the committed ones (starting from them, so only a
# change of the .in files moves a version) and fails if anything differs but the
# hashes, which PyPI may add to when a release gains a wheel.
lock-check: setup
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; status=0; \
	for name in requirements requirements-dev; do \
	  cp $$name.txt "$$tmp/$$name.txt"; \
	  $(LOCK) $$name.in -o "$$tmp/$$name.txt" || exit 1; \
	  grep -v -- '--hash=' $$name.txt >"$$tmp/$$name.committed"; \
	  grep -v -- '--hash=' "$$tmp/$$name.txt" >"$$tmp/$$name.compiled"; \
	  if ! diff -u "$$tmp/$$name.committed" "$$tmp/$$name.compiled"; then \
	    echo "$$name.txt does not match $$name.in: run make lock and commit both."; status=1; \
	  fi; \
	done; exit $$status

format: setup
	$(BIN)/ruff format .
	$(BIN)/djhtml --tabwidth 2 templates
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles
