"""Personal API tokens: made and revoked by their owner on their account page, and
checked on every call to the API.

A token is a random key with a short prefix that says what it is (a key pasted into
the wrong place is easy to recognise and to find in a leak). Only its SHA-256 digest is
stored: the key is shown once, when it is made, and cannot be seen again.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import audit
from .models import ApiToken, AuditVerb
from .people import User

PREFIX = "nnpcf_"
# Much longer than any key made here (the prefix and 43 characters): anything longer
# is refused before it is hashed.
_LONGEST = 200
# How stale "last used" may be: writing it on every call would make every read a write.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    """A token just made, with its key: the only moment the key exists outside the
    owner's hands."""

    token: ApiToken
    key: str


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, actor: User, name: str) -> NewToken:
    """A new token for `actor`, named by them."""
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(person=actor, name=name.strip(), digest=digest_of(key))
    audit.record(actor=actor, verb=AuditVerb.API_TOKEN_CREATED, target=token)
    return NewToken(token=token, key=key)


@transaction.atomic
def revoke_api_token(*, actor: User, token: ApiToken) -> ApiToken:
    """Stop the token working, for good. Revoking it twice records it once."""
    now = timezone.now()
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    if revoked:
        token.revoked_at = now
        audit.record(actor=actor, verb=AuditVerb.API_TOKEN_REVOKED, target=token)
    return token


def live_tokens(person: User) -> list[ApiToken]:
    """The person's tokens that still work, the newest first."""
    return list(ApiToken.objects.filter(person=person, revoked_at__isnull=True))


def authenticate(key: str) -> User | None:
    """The person a key belongs to, while the token is not revoked and they may still
    sign in; None for any other key."""
    if not key.startswith(PREFIX) or len(key) > _LONGEST:
        return None
    token = (
        ApiToken.objects.select_related("person")
        .filter(digest=digest_of(key), revoked_at__isnull=True, person__is_active=True)
        .order_by()
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        # Conditional, so that calls arriving together write it once.
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_EVERY)
        ).update(last_used_at=now)
    return token.person
