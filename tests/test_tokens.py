"""Personal API tokens: made, revoked and checked by responses.tokens."""

import hashlib

from responses import tokens
from responses.models import ApiToken, AuditEvent, AuditVerb


def test_a_new_token_is_kept_only_as_its_digest(member):
    made = tokens.create_api_token(actor=member, name="  Forum spreadsheet ")
    assert made.key.startswith("nnpcf_") and len(made.key) > 40
    stored = ApiToken.objects.get()
    assert stored.name == "Forum spreadsheet"
    assert stored.digest == hashlib.sha256(made.key.encode()).hexdigest()
    assert made.key not in str(list(ApiToken.objects.values()))
    assert tokens.authenticate(made.key) == member


def test_every_token_is_new(member):
    keys = {tokens.create_api_token(actor=member, name="A script").key for _ in range(5)}
    assert len(keys) == 5


def test_making_and_revoking_a_token_are_on_the_record(member):
    made = tokens.create_api_token(actor=member, name="Forum spreadsheet")
    tokens.revoke_api_token(actor=member, token=made.token)
    events = list(AuditEvent.objects.order_by("pk").values_list("verb", "actor", "target_label"))
    label = "API token “Forum spreadsheet”"
    assert events == [
        (AuditVerb.API_TOKEN_CREATED, member.pk, label),
        (AuditVerb.API_TOKEN_REVOKED, member.pk, label),
    ]


def test_a_revoked_token_stops_working_and_is_revoked_once(member):
    made = tokens.create_api_token(actor=member, name="A script")
    tokens.revoke_api_token(actor=member, token=made.token)
    tokens.revoke_api_token(actor=member, token=made.token)
    assert tokens.authenticate(made.key) is None
    assert AuditEvent.objects.filter(verb=AuditVerb.API_TOKEN_REVOKED).count() == 1
    assert tokens.live_tokens(member) == []
    assert ApiToken.objects.get().is_revoked  # kept on the record


def test_a_token_stops_working_when_its_owner_can_no_longer_sign_in(member):
    made = tokens.create_api_token(actor=member, name="A script")
    member.is_active = False
    member.save()
    assert tokens.authenticate(made.key) is None


def test_keys_that_were_never_made_open_nothing(member):
    made = tokens.create_api_token(actor=member, name="A script")
    for key in ("", "nnpcf_", made.key[len(tokens.PREFIX) :], made.key + "x", made.key.upper()):
        assert tokens.authenticate(key) is None
    digest = ApiToken.objects.get().digest
    assert tokens.authenticate(digest) is None  # the stored digest is not a key


def test_live_tokens_are_the_owners_own_newest_first(member, lead):
    first = tokens.create_api_token(actor=member, name="First").token
    second = tokens.create_api_token(actor=member, name="Second").token
    tokens.create_api_token(actor=lead, name="The lead's")
    assert tokens.live_tokens(member) == [second, first]
