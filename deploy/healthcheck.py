"""Exits 0 when the web process answers /health/ with 200, 1 otherwise: the health
check of deploy/compose.yaml's web service, usable by any monitor on the machine.

The request names the first of ALLOWED_HOSTS, since Django refuses other host names.
"""

import os
import sys
import urllib.error
import urllib.request

url = os.environ.get("HEALTH_URL", "http://127.0.0.1:8000/health/")
hosts = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
if not url.startswith(("http://", "https://")):
    sys.exit(f"HEALTH_URL must be an http or https address, not {url!r}")
headers = {"Host": hosts[0].lstrip(".")} if hosts else {}
try:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (scheme checked above)
    with urllib.request.urlopen(request, timeout=5):  # noqa: S310
        pass
except (urllib.error.URLError, OSError) as error:
    sys.stderr.write(f"{url}: {error}\n")
    sys.exit(1)
