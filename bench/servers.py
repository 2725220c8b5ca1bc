"""What the benchmarks share: a throwaway PostgreSQL database, gunicorn processes with
production settings on loopback ports, signed-in sessions and latency figures."""

import math
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432"
HOST = "127.0.0.1"
LOGIN_PATH = "/accounts/login/"


def admin_sql(statement: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_environment(database: str, workdir: Path) -> dict[str, str]:
    """Production settings, except that loopback is plain http."""
    return {
        "DATABASE_URL": f"{SERVER}/{database}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
    }


def start_server(port: int, workdir: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "nnpcf.wsgi:application",
        "--bind", f"{HOST}:{port}", "--worker-class", "gthread", "--workers", "1",
        "--threads", "4", "--timeout", "60", "--graceful-timeout", "5",
        # Browsers keep a connection open between autosaves; gunicorn's default of 2 s
        # would close it under an editor's pause, just as the next save is sent.
        "--keep-alive", "10",
    ]  # fmt: skip
    # A session of its own: Ctrl-C reaches this script, which stops the server itself.
    with open(workdir / f"gunicorn-{port}.log", "wb") as log:
        return subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_until_answering(servers: dict[int, subprocess.Popen], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    waiting = set(servers)
    while waiting and time.monotonic() < deadline:
        for port in list(waiting):
            if servers[port].poll() is not None:
                raise RuntimeError(f"gunicorn on port {port} stopped at start")
            try:
                if requests.get(f"http://{HOST}:{port}{LOGIN_PATH}", timeout=2).ok:
                    waiting.discard(port)
            except requests.RequestException:
                pass
        time.sleep(0.3)
    if waiting:
        raise RuntimeError(f"gunicorn did not answer on ports {sorted(waiting)}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


def percentiles(seconds: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    if len(seconds) < 2:
        return (seconds[0] * 1000, seconds[0] * 1000) if seconds else (math.nan, math.nan)
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return statistics.median(seconds) * 1000, cuts[94] * 1000


def session_for(user) -> str:
    """A signed-in session for `user`, as signing in would leave it (no password hashing,
    which would take longer than a run)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _interrupted(signum, frame):
    """Ctrl-C and SIGTERM end the run through the clean-up."""
    raise KeyboardInterrupt


@contextmanager
def throwaway_database(prefix: str) -> Iterator[Path]:
    """A new PostgreSQL database, migrated, with Django set up on it and production
    settings in the environment; its temporary folder given. Everything is removed at
    the end, also on an error or Ctrl-C."""
    database = f"nnpcf_{prefix}_{os.getpid()}"
    workdir = Path(tempfile.mkdtemp(prefix=f"{prefix}-", dir="/tmp"))
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGINT, _interrupted)  # even when started with SIGINT ignored
    created = False
    try:
        admin_sql(f'CREATE DATABASE "{database}"')
        created = True
        os.environ.update(production_environment(database, workdir))
        os.environ["DJANGO_SETTINGS_MODULE"] = "nnpcf.settings"
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        print(f"Database {database}: migrating and building the data ...", flush=True)
        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        yield workdir
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if created:
            admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def gunicorn_processes(workdir: Path, count: int = 2) -> Iterator[list[int]]:
    """`count` gunicorn processes serving the app, each on a free port; the ports given.
    A process that failed shows the end of its log."""
    from django.db import connections

    connections.close_all()
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    servers: dict[int, subprocess.Popen] = {}
    try:
        for port in ports:
            servers[port] = start_server(port, workdir)
        wait_until_answering(servers)
        yield ports
    finally:
        for server in servers.values():
            stop_server(server)
        for port, server in servers.items():
            if server.returncode not in (0, None, -signal.SIGTERM):
                print((workdir / f"gunicorn-{port}.log").read_text()[-2000:], file=sys.stderr)
