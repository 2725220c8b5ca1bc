import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from responses.models import Forum, ForumKind, Membership, Response, Revision, Section, SectionKind

from . import factories


def test_starting_a_response_creates_introduction_items_and_conclusion(report, region, member):
    response = factories.make_response(report, region, author=member)
    kinds = [
        (s.kind, s.item.number if s.item else None) for s in response.sections.order_by("order")
    ]
    assert kinds == [
        (SectionKind.INTRODUCTION, None),
        (SectionKind.ITEM, "1"),
        (SectionKind.ITEM, "2"),
        (SectionKind.ITEM, "3"),
        (SectionKind.CONCLUSION, None),
    ]


def test_starting_twice_returns_the_same_response(report, region, member):
    first = factories.make_response(report, region, author=member)
    second = factories.make_response(report, region, author=member)
    assert first == second
    assert Response.objects.count() == 1


def test_one_response_per_forum_and_report(regional_response):
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(report=regional_response.report, forum=regional_response.forum)


def test_one_membership_per_user_and_forum(member, region):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=member, forum=region, role="lead")


def test_only_the_national_network_stands_at_the_root(national):
    with pytest.raises(IntegrityError), transaction.atomic():
        Forum.objects.create(name="Orphan", slug="orphan", kind=ForumKind.REGION)
    with pytest.raises(IntegrityError), transaction.atomic():
        Forum.objects.create(name="Second national", slug="n2", kind=ForumKind.NATIONAL)


def test_item_sections_need_an_item_and_others_must_not_have_one(regional_response):
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(response=regional_response, kind=SectionKind.ITEM, order=99)


def test_revisions_are_never_deleted(regional_response, member):
    section = regional_response.sections.first()
    revision = factories.draft(section, "Kept for ever.", author=member)
    with pytest.raises(ProtectedError):
        revision.delete()
    with pytest.raises(ProtectedError):
        Revision.objects.all().delete()
    with pytest.raises(ProtectedError):
        Section.objects.filter(pk=section.pk).delete()
    with pytest.raises(ProtectedError):
        Response.objects.filter(pk=regional_response.pk).delete()
    assert Revision.objects.filter(pk=revision.pk).exists()


def test_a_saved_revision_cannot_be_changed(regional_response, member):
    revision = factories.draft(regional_response.sections.first(), "First words.", author=member)
    revision.text = "Rewritten history."
    with pytest.raises(ValueError):
        revision.save()


def test_revision_points_to_its_base_and_section_to_its_latest(regional_response, member):
    section = regional_response.sections.get(order=1)
    first = factories.draft(section, "One.", author=member)
    second = factories.draft(section, "Two.", author=member)
    section.refresh_from_db()
    assert section.latest_revision == second
    assert second.base == first
    assert section.version == 2


def test_item_heading_uses_the_reports_own_number_and_title(report):
    item = report.items.get(number="3")
    assert item.heading == "Recommendation 3: Recommendation title 3"


def test_a_forums_name_takes_the_possessive_as_written_english_does():
    """ "London’s response", but "National Network of Parent Carer Forums’ response"."""
    assert Forum(name="London").possessive == "London’s"
    assert Forum(name="National Network of Parent Carer Forums").possessive == (
        "National Network of Parent Carer Forums’"
    )
