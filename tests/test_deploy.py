"""The production kit in deploy/: every file parses, every command it starts exists,
and every variable it sets is one the product reads. Docker and systemd are not on the
development machines, so this is what can be checked without them."""

import http.server
import os
import re
import runpy
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands
from gunicorn.config import Config

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
ROOT = DEPLOY.parent
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
SERVICES = ("db", "migrate", "web", "worker", "scheduler")


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def _unit_commands() -> list[list[str]]:
    return [
        shlex.split(line.split("=", 1)[1])
        for unit in sorted((DEPLOY / "systemd").iterdir())
        for line in unit.read_text().splitlines()
        if re.match(r"Exec(Start|StartPre)=", line)
    ]


def _kit_commands() -> list[list[str]]:
    compose = [
        service["command"] for service in _compose()["services"].values() if "command" in service
    ]
    return compose + _unit_commands()


def test_compose_runs_the_database_web_worker_and_scheduler():
    services = _compose()["services"]

    assert set(services) == set(SERVICES)
    assert services["web"]["environment"]["GUNICORN_BIND"] == "0.0.0.0:8000"
    # Every process of the app shares the settings, the database and the stored files.
    for name in ("migrate", "web", "worker", "scheduler"):
        assert services[name]["env_file"] == ".env"
        assert services[name]["environment"]["DEBUG"] == "false"
        assert services[name]["environment"]["DATABASE_URL"].endswith("@db:5432/nnpcf")
        assert services[name]["volumes"] == ["media:/data/media"]


def test_every_management_command_of_the_kit_exists():
    commands = get_commands()
    named = [
        command[command.index("manage.py") + 1]
        for command in _kit_commands()
        if "manage.py" in command
    ]

    assert {"migrate", "db_worker", "send_deadline_reminders"} <= set(named)
    assert [name for name in named if name not in commands] == []


def test_every_program_of_the_kit_is_there():
    for command in _kit_commands():
        program = command[0]
        if program.startswith("deploy/"):
            assert os.access(ROOT / program, os.X_OK), program
        if "-c" in command:
            assert (ROOT / command[command.index("-c") + 1]).is_file(), command


def test_the_reminders_timer_starts_its_service_every_day():
    timer = (DEPLOY / "systemd" / "nnpcf-reminders.timer").read_text()

    assert (DEPLOY / "systemd" / "nnpcf-reminders.service").is_file()
    assert re.search(r"^OnCalendar=\*-\*-\* \d\d:\d\d:00 Europe/London$", timer, re.MULTILINE)
    assert "Persistent=true" in timer


def _variables_read_by_the_product() -> set[str]:
    sources = [ROOT / "nnpcf" / "settings.py", GUNICORN_CONF, DEPLOY / "healthcheck.py"]
    names = {
        name for path in sources for name in re.findall(r'"([A-Z][A-Z0-9_]+)"', path.read_text())
    }
    names |= set(re.findall(r"\$\{([A-Z_]+)", (DEPLOY / "daily.sh").read_text()))
    # Read by compose itself (the database's password) and by the system clock.
    return names | {"POSTGRES_PASSWORD", "TZ"}


def test_every_variable_the_kit_sets_is_read_and_documented():
    example = (DEPLOY / "env.example").read_text()
    in_example = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    in_compose = {
        name
        for service in _compose()["services"].values()
        if service.get("env_file")
        for name in service["environment"]
    }
    readme = (ROOT / "README.md").read_text()

    assert {"SECRET_KEY", "ALLOWED_HOSTS", "STORAGE_BUCKET", "GUNICORN_WORKERS"} <= in_example
    assert sorted((in_example | in_compose) - _variables_read_by_the_product()) == []
    assert [name for name in sorted(in_example | in_compose) if f"`{name}`" not in readme] == []


def _gunicorn_settings() -> dict:
    module = runpy.run_path(str(GUNICORN_CONF))
    return {
        name: value for name, value in module.items() if not name.startswith("_") and name != "os"
    }


def test_gunicorn_config_holds_only_gunicorn_settings_with_valid_values(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    config = Config()
    settings = _gunicorn_settings()

    for name, value in settings.items():
        assert name in config.settings, f"{name} is not a gunicorn setting"
        config.set(name, value)  # raises on a value of the wrong kind
    assert config.worker_class_str == "gthread"
    assert config.workers == (os.cpu_count() or 1)
    assert config.accesslog == "-"


def test_gunicorn_starts_with_the_config(tmp_path):
    environment = {**os.environ, "GUNICORN_BIND": f"unix:{tmp_path / 'web.sock'}"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--check-config",
            "-c",
            str(GUNICORN_CONF),
            "nnpcf.wsgi",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_connections_stay_open_well_past_the_autosave_pause():
    script = (ROOT / "static" / "js" / "drafting.js").read_text()
    pause_ms = int(re.search(r"PAUSE_MS = (\d+);", script).group(1))

    assert _gunicorn_settings()["keepalive"] * 1000 >= pause_ms + 3000


def test_gunicorn_takes_its_address_and_processes_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "unix:/run/nnpcf/web.sock")
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")

    settings = _gunicorn_settings()

    assert settings["bind"] == ["unix:/run/nnpcf/web.sock"]
    assert (settings["workers"], settings["threads"]) == (3, 8)


@pytest.mark.parametrize("value", ["none", "0", "-2"])
def test_gunicorn_refuses_a_bad_number_of_processes(monkeypatch, value):
    monkeypatch.setenv("GUNICORN_WORKERS", value)

    with pytest.raises(SystemExit, match="GUNICORN_WORKERS must be a whole number"):
        _gunicorn_settings()


def _run_daily(tmp_path, *command, at):
    """deploy/daily.sh with a `sleep` that notes how long it was asked to wait and
    stops the script at its third call."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    fake_sleep = bin_folder / "sleep"
    fake_sleep.write_text(
        "#!/bin/sh\n"
        f'echo "$1" >> {tmp_path / "slept"}\n'
        f'[ "$(wc -l < {tmp_path / "slept"})" -lt 3 ] || exit 99\n'
    )
    fake_sleep.chmod(0o755)
    environment = {**os.environ, "PATH": f"{bin_folder}:{os.environ['PATH']}", "DAILY_AT": at}
    result = subprocess.run(
        [str(DEPLOY / "daily.sh"), *command],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return result, [int(line) for line in (tmp_path / "slept").read_text().split()]


def _clock_in(minutes: int) -> str:
    return time.strftime("%H:%M", time.localtime(time.time() + minutes * 60))


def test_scheduler_waits_for_the_time_of_day_then_runs_its_command(tmp_path):
    marker = tmp_path / "runs"

    result, slept = _run_daily(tmp_path, "sh", "-c", f"echo run >> {marker}", at=_clock_in(5))

    assert result.returncode == 99, result.stderr
    assert marker.read_text() == "run\nrun\n"
    assert 0 < slept[0] <= 5 * 60


def test_scheduler_waits_for_tomorrow_once_the_time_has_passed_today(tmp_path):
    result, slept = _run_daily(tmp_path, "true", at=_clock_in(-2))

    assert result.returncode == 99, result.stderr
    # Almost a day (23 to 25 hours when the clocks change).
    assert 23 * 3600 - 5 * 60 <= slept[0] <= 25 * 3600


def test_scheduler_tries_a_failed_run_again_soon(tmp_path):
    result, slept = _run_daily(tmp_path, "false", at="08:00")

    assert result.returncode == 99
    assert slept[1:] == [900, 900]


def test_scheduler_refuses_a_time_it_cannot_read(tmp_path):
    result = subprocess.run(
        [str(DEPLOY / "daily.sh"), "true"],
        env={**os.environ, "DAILY_AT": "at eight"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 2
    assert "DAILY_AT must be HH:MM" in result.stderr


class _Probe(http.server.BaseHTTPRequestHandler):
    status = 200
    hosts: list[str] = []

    def do_GET(self):
        _Probe.hosts.append(self.headers["Host"])
        self.send_response(_Probe.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(("status", "exit_code"), [(200, 0), (503, 1)])
def test_compose_health_check_passes_only_on_200(status, exit_code):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Probe)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Probe.status, _Probe.hosts = status, []
    environment = {
        **os.environ,
        "HEALTH_URL": f"http://127.0.0.1:{server.server_port}/health/",
        "ALLOWED_HOSTS": ".example.org,responses.example.org",
    }
    try:
        result = subprocess.run(
            [sys.executable, str(DEPLOY / "healthcheck.py")],
            env=environment,
            capture_output=True,
            check=False,
        )
    finally:
        server.shutdown()

    assert result.returncode == exit_code
    # Django refuses a host name it does not serve: the probe names one it does.
    assert _Probe.hosts == ["example.org"]
