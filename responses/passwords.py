"""Password reset: queued so that it takes the same time for every address, and
limited so that it cannot be used to flood someone's inbox."""

import hashlib
from typing import Any
from urllib.parse import urlsplit

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

# Per hour. The cache holds the counts: see the README about running several processes.
RESETS_PER_ADDRESS = 5
RESETS_PER_CLIENT = 20
RESET_WINDOW_SECONDS = 60 * 60
TOO_MANY_RESETS = "Too many reset requests. Please wait an hour and try again."


def _counted(key: str, limit: int) -> bool:
    """Count one more request under `key`; whether it is still within `limit`."""
    cache.add(key, 0, RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the count expired between the two calls
        cache.set(key, 1, RESET_WINDOW_SECONDS)
        count = 1
    return count <= limit


def reset_allowed(*, email: str, request: HttpRequest) -> bool:
    """Whether one more reset may be sent to this address, asked from this client.
    Both counts go up either way, so a refused flood keeps being refused."""
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    client = get_client_ip_address(request) or "unknown"
    within = [
        _counted(f"password-reset:address:{address}", RESETS_PER_ADDRESS),
        _counted(f"password-reset:client:{client}", RESETS_PER_CLIENT),
    ]
    return all(within)


class QueuedPasswordResetForm(PasswordResetForm):
    """Looks nobody up while the request waits: the task does, after the response,
    so a known address and an unknown one cost the request the same."""

    def save(self, *_args: Any, **_options: Any) -> None:
        email = self.cleaned_data["email"]

        def enqueue() -> None:
            from .tasks import send_password_reset

            send_password_reset.enqueue(email=email)

        transaction.on_commit(enqueue)


def send_reset_email(email: str) -> None:
    """Send the reset link to each active account with this address, if any. The link
    points at SITE_URL, never at whatever host the request named."""
    site = urlsplit(settings.SITE_URL)
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=site.netloc, use_https=site.scheme == "https")
