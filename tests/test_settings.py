"""Production settings: refuse to start unsafe, and pass Django's deployment checks."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789abcdefghijkl",
    "ALLOWED_HOSTS": "responses.example.org",
    "DATABASE_URL": "",
}


def _manage(*args, **env):
    environment = {**os.environ, **env}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = _manage("check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_malformed_setting_is_refused_at_start():
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


# What the settings give the sign-in lockout behind one TLS proxy; test_views.py signs
# in through such a proxy with exactly these.
BEHIND_ONE_PROXY = {
    "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
    "AXES_IPWARE_PROXY_ORDER": "left-most",
    "AXES_IPWARE_PROXY_COUNT": 0,
    "IPWARE_STRICT": False,
}


def _lockout_settings(**env) -> dict:
    names = [*BEHIND_ONE_PROXY, "TRUSTED_PROXY_COUNT"]
    script = (
        "from django.conf import settings; "
        f"print(repr({{name: getattr(settings, name, None) for name in {names!r}}}))"
    )
    result = _manage("shell", "--no-imports", "-c", script, **env)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout)


def test_behind_the_proxy_the_lockout_reads_the_forwarded_address():
    found = _lockout_settings(BEHIND_TLS_PROXY="true")
    assert found == {**BEHIND_ONE_PROXY, "TRUSTED_PROXY_COUNT": 1}


def test_the_number_of_trusted_proxies_comes_from_the_environment():
    found = _lockout_settings(BEHIND_TLS_PROXY="true", TRUSTED_PROXY_COUNT="2")
    assert (found["TRUSTED_PROXY_COUNT"], found["AXES_IPWARE_PROXY_COUNT"]) == (2, 1)


def test_without_a_proxy_the_lockout_reads_the_connecting_address():
    found = _lockout_settings(BEHIND_TLS_PROXY="false", TRUSTED_PROXY_COUNT="")
    assert found["TRUSTED_PROXY_COUNT"] == 0
    assert found["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ("REMOTE_ADDR",)


def test_a_negative_proxy_count_is_refused_at_start():
    result = _manage("check", TRUSTED_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be 0 or more" in result.stderr


def test_pdf_render_limits_come_from_the_environment_and_are_checked():
    result = _manage(
        "shell", "-c", "from django.conf import settings; "
        "print(settings.PDF_RENDER_SECONDS, settings.PDF_RENDER_MEMORY)",
        PDF_RENDER_SECONDS="60", PDF_RENDER_MEMORY_MB="512",
    )  # fmt: skip
    assert result.stdout.splitlines()[-1].split() == ["60", str(512 * 1024**2)], result.stderr
    result = _manage("check", PDF_RENDER_MEMORY_MB="100")
    assert result.returncode != 0 and "PDF_RENDER_MEMORY_MB" in result.stderr
