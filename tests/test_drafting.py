"""Saving sections without losing a word: stale saves, merges, clashes, refusals,
and two real writers at once."""

import threading

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from responses.drafting import (
    MAX_WORDS,
    UnknownBaseRevision,
    reopen_response,
    restore_revision,
    save_section,
    submit_response,
)
from responses.models import AuditEvent, Revision, RevisionKind, Section, Stance
from responses.refusals import ActionRefused

from . import factories

BASE = "We agree with the recommendation. Families need clear timescales."


@pytest.fixture
def section(regional_response):
    return regional_response.sections.get(order=1)


@pytest.fixture
def base(section, member):
    return factories.draft(section, BASE, Stance.NO_POSITION, author=member)


def _save(section, text, user, base_id, stance=Stance.NO_POSITION):
    return save_section(
        section=Section.objects.get(pk=section.pk),
        text=text,
        stance=stance,
        base_revision_id=base_id,
        actor=user,
    )


def test_a_save_on_the_latest_revision_makes_a_new_one(section, base, member):
    outcome = _save(section, BASE + " More.", member, base.pk, Stance.AGREE)
    assert outcome.status == "saved"
    assert outcome.revision == outcome.own_revision
    section.refresh_from_db()
    assert section.latest_revision == outcome.revision
    assert (section.text, section.stance) == (BASE + " More.", Stance.AGREE)
    assert outcome.revision.base == base


def test_saving_the_same_text_again_adds_no_revision(section, base, member):
    outcome = _save(section, BASE, member, base.pk)
    assert outcome.status == "saved"
    assert outcome.revision == base
    assert section.revisions.count() == 1


def test_a_stale_save_is_merged_and_names_whose_changes(section, base, member, lead):
    _save(section, BASE.replace("We agree", "We strongly agree"), lead, base.pk)
    outcome = _save(section, BASE.replace("clear", "clear, published"), member, base.pk)
    assert outcome.status == "merged"
    assert outcome.merged_authors == ["Lee"]
    expected = (
        "We strongly agree with the recommendation. Families need clear, published timescales."
    )
    assert outcome.revision.text == expected
    assert outcome.revision.kind == RevisionKind.MERGED
    assert outcome.own_revision.text == BASE.replace("clear", "clear, published")
    assert outcome.own_revision.kind == RevisionKind.KEPT
    section.refresh_from_db()
    assert section.latest_revision == outcome.revision


def test_a_stance_and_a_text_edit_made_at_once_merge(section, base, member, lead):
    _save(section, BASE, lead, base.pk, Stance.DISAGREE)
    outcome = _save(section, BASE + " Yes.", member, base.pk)
    assert outcome.status == "merged"
    assert (outcome.revision.text, outcome.revision.stance) == (BASE + " Yes.", Stance.DISAGREE)


def test_clashing_edits_keep_both_texts_and_report_a_conflict(section, base, member, lead):
    theirs = _save(section, BASE.replace("clear", "short"), lead, base.pk).revision
    outcome = _save(section, BASE.replace("clear", "fixed"), member, base.pk)
    assert outcome.status == "conflict"
    assert outcome.revision == theirs
    assert outcome.own_revision.text == BASE.replace("clear", "fixed")
    assert outcome.own_revision.base == base
    section.refresh_from_db()
    assert section.latest_revision == theirs


def test_different_stances_chosen_at_once_clash(section, base, member, lead):
    _save(section, BASE, lead, base.pk, Stance.AGREE)
    outcome = _save(section, BASE, member, base.pk, Stance.DISAGREE)
    assert outcome.status == "conflict"


def test_text_over_the_word_cap_is_refused_and_nothing_stored(section, base, member):
    with pytest.raises(ActionRefused, match="over 20,000 words"):
        _save(section, "word " * (MAX_WORDS + 1), member, base.pk)
    assert section.revisions.count() == 1


def test_an_unknown_stance_is_refused(section, base, member):
    with pytest.raises(ActionRefused, match="position"):
        _save(section, BASE, member, base.pk, stance="maybe")
    assert section.revisions.count() == 1


def test_a_base_from_another_section_is_refused(section, base, member, other_response):
    foreign = factories.draft(other_response.sections.get(order=1), "Theirs.")
    with pytest.raises(UnknownBaseRevision):
        _save(section, "Mine.", member, foreign.pk)
    assert section.revisions.count() == 1


def test_a_save_on_a_submitted_response_is_refused(section, base, member, lead):
    submit_response(response=section.response, actor=lead)
    with pytest.raises(ActionRefused, match="submitted"):
        _save(section, "Late words.", member, base.pk)
    assert section.revisions.count() == 1


def test_the_introduction_takes_no_stance(regional_response, member):
    introduction = regional_response.sections.get(order=0)
    outcome = _save(introduction, "Hello.", member, None, Stance.AGREE)
    assert outcome.revision.stance == Stance.NO_POSITION


def test_restoring_an_old_revision_makes_a_new_latest_one(section, base, member):
    factories.draft(section, "Second thoughts.", author=member)
    restored = restore_revision(section=section, revision=base, actor=member)
    section.refresh_from_db()
    assert section.latest_revision == restored
    assert restored.text == BASE and restored.kind == RevisionKind.RESTORED
    assert section.revisions.count() == 3


def _summary_matches_latest(section) -> bool:
    stored = Section.objects.select_related("latest_revision").get(pk=section.pk)
    latest = stored.latest_revision
    return (stored.latest_stance, stored.latest_words) == (
        latest.stance,
        len(latest.text.split()),
    )


def test_a_sections_stance_and_word_count_follow_its_latest_revision(section, base, member, lead):
    """Lists count a section's stance and words from its own columns: every way a
    revision becomes the latest keeps them true."""
    assert _summary_matches_latest(section)
    saved = _save(section, BASE + " More words here.", member, base.pk, Stance.AGREE)
    assert _summary_matches_latest(section)
    merged = _save(section, BASE.replace("clear", "clear, published"), lead, base.pk)
    assert merged.status == "merged" and _summary_matches_latest(section)
    _save(section, "Short.", member, merged.revision.pk, Stance.DISAGREE)
    clash = _save(section, "Other words.", lead, merged.revision.pk)
    assert clash.status == "conflict" and _summary_matches_latest(section)
    restore_revision(section=section, revision=saved.revision, actor=member)
    assert _summary_matches_latest(section)
    stored = Section.objects.get(pk=section.pk)
    assert (stored.latest_stance, stored.latest_words) == (Stance.AGREE, 12)


def test_submitting_and_reopening_are_on_the_record(regional_response, lead):
    submit_response(response=regional_response, actor=lead)
    regional_response.refresh_from_db()
    assert regional_response.is_submitted and regional_response.submitted_by == lead
    reopen_response(response=regional_response, actor=lead)
    regional_response.refresh_from_db()
    assert not regional_response.is_submitted
    verbs = list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True))
    assert verbs == ["response.started", "response.submitted", "response.reopened"]
    submitted = AuditEvent.objects.get(verb="response.submitted")
    assert len(submitted.data["items_without_position"]) == 3


def test_the_national_statement_is_saved_the_same_way(statement, steering, second_steering):
    section = statement.sections.get(order=1)
    first = _save(section, BASE, steering, None, Stance.AGREE).revision
    _save(section, BASE + " Agreed.", steering, first.pk, Stance.AGREE)
    outcome = _save(section, "National view. " + BASE, second_steering, first.pk, Stance.AGREE)
    assert outcome.status == "merged"
    assert outcome.revision.text == "National view. " + BASE + " Agreed."


# Every submitted text is stored, whatever order saves arrive in and whatever
# revision they start from.
SAVES = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10),  # which earlier revision is the base
        st.lists(st.sampled_from(["We", "agree", "disagree", "families", "need", "."]), max_size=8),
        st.sampled_from(Stance.values),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(saves=SAVES)
def test_every_submitted_text_is_stored_in_some_revision(region, member, saves):
    response = factories.make_response(factories.make_report(items=1), region, author=member)
    section = response.sections.get(order=1)
    bases: list[int | None] = [None]
    for base_index, words, stance in saves:
        text = " ".join(words)
        base_id = bases[base_index % len(bases)]
        outcome = _save(section, text, member, base_id, stance)
        assert (outcome.own_revision.text, outcome.own_revision.stance) == (text, stance)
        assert Revision.objects.filter(section=section, text=text, stance=stance).exists()
        section.refresh_from_db()
        assert section.latest_revision == outcome.revision
        bases.append(outcome.revision.pk)


# Two real writers: two threads, each with its own database connection, saving the
# same section from the same base at the same moment.


def _race(section, base_id, writers):
    barrier = threading.Barrier(len(writers))
    outcomes, errors = {}, []

    def write(user, text, stance):
        try:
            barrier.wait(timeout=10)
            outcomes[user.username] = _save(section, text, user, base_id, stance)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=writer) for writer in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_writers_with_separate_edits_both_keep_their_words(
    regional_response, member, lead
):
    section = regional_response.sections.get(order=1)
    for round_number in range(3):
        base = factories.draft(section, f"{BASE} Round {round_number}.", author=member)
        ours = base.text.replace("We agree", "We strongly agree")
        theirs = base.text.replace("clear", "clear, published")
        outcomes = _race(
            section, base.pk, [(member, ours, Stance.AGREE), (lead, theirs, Stance.AGREE)]
        )
        assert sorted(o.status for o in outcomes.values()) == ["merged", "saved"]
        section.refresh_from_db()
        assert section.text == (
            f"We strongly agree with the recommendation. Families need clear, published "
            f"timescales. Round {round_number}."
        )
        assert section.revisions.filter(text=ours).exists()
        assert section.revisions.filter(text=theirs).exists()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_writers_with_clashing_edits_both_keep_their_words(
    regional_response, member, lead
):
    section = regional_response.sections.get(order=1)
    base = factories.draft(section, BASE, author=member)
    ours, theirs = BASE.replace("clear", "short"), BASE.replace("clear", "fixed")
    outcomes = _race(section, base.pk, [(member, ours, Stance.AGREE), (lead, theirs, Stance.AGREE)])
    assert sorted(o.status for o in outcomes.values()) == ["conflict", "saved"]
    section.refresh_from_db()
    assert section.text in (ours, theirs)
    assert section.version == 2
    assert section.revisions.filter(text=ours).exists()
    assert section.revisions.filter(text=theirs).exists()
