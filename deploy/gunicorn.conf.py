"""gunicorn's settings for the web process:

    gunicorn -c deploy/gunicorn.conf.py nnpcf.wsgi

Three variables, each with a default that suits one small machine: GUNICORN_BIND
(address:port, or unix:/path), GUNICORN_WORKERS and GUNICORN_THREADS.
"""

import os


def _whole_number(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number of 1 or more, not {value!r}")
    return int(value)


# Loopback by default: a TLS proxy on the same machine stands in front. Containers bind
# 0.0.0.0 (deploy/compose.yaml sets it).
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]

# One process per processor, each with a few threads: most requests wait on the
# database; a PDF is made in a niced child process of its own (responses/pdf/aside.py),
# which the request's thread only waits for.
workers = _whole_number("GUNICORN_WORKERS", os.cpu_count() or 1)
worker_class = "gthread"
threads = _whole_number("GUNICORN_THREADS", 4)

# The drafting page autosaves after a 2 s pause in typing (PAUSE_MS in
# static/js/drafting.js). With gunicorn's default keep-alive of 2 s the server closed
# idle connections just as the next save went out on them, and those saves failed
# (README, Load). Connections must stay open well past the pause. A proxy in front must
# close its idle connections to gunicorn before gunicorn does (nginx:
# keepalive_timeout below 10 s in its upstream block).
keepalive = 10

# A 100-page statement renders in about 7 s on a quiet 2-core machine (README, PDF); the
# renderer is stopped after PDF_RENDER_SECONDS (120 by default). gthread workers keep
# answering gunicorn's heartbeat meanwhile; this bounds a worker that stops answering.
timeout = 120
graceful_timeout = 30

# Replace each process after a while, at staggered moments so they do not all restart
# together, so that whatever memory a process gathers is given back.
max_requests = 2000
max_requests_jitter = 200

# Access log on standard output, errors on standard error: journald or docker keeps them.
accesslog = "-"
errorlog = "-"

# Containers often give /tmp a slow disk; the workers' heartbeat files belong in memory.
if os.path.isdir("/dev/shm"):  # noqa: S108 (gunicorn's own advice; each file is private)
    worker_tmp_dir = "/dev/shm"  # noqa: S108


def post_worker_init(worker):
    """Each process starts the fork server of its PDFs and upload readers
    (responses/aside.py) as it starts, so the first upload after a restart does not wait
    the second the server takes to start."""
    from responses.aside import start_server

    start_server()
