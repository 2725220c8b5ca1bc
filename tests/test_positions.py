from django.utils import timezone

from responses.models import Stance
from responses.positions import positions_matrix

from . import factories


def test_matrix_has_every_region_by_every_item_with_tallies(
    report, region, other_region, member, national
):
    third = factories.make_region("South West")
    response = factories.make_response(report, region, author=member)
    sections = list(response.sections.filter(item__isnull=False).order_by("order"))
    factories.draft(sections[0], "Yes.", Stance.AGREE, author=member)
    factories.draft(sections[1], "But.", Stance.AGREE_WITH_CONCERNS, author=member)
    factories.make_response(report, third)

    matrix = positions_matrix(report)

    assert [row.forum.name for row in matrix.rows] == ["London", "North West", "South West"]
    london = matrix.rows[0]
    assert [cell.stance for cell in london.cells] == [
        Stance.AGREE,
        Stance.AGREE_WITH_CONCERNS,
        Stance.NO_POSITION,
    ]
    assert london.cells[0].text == "Yes."
    assert matrix.rows[1].cells[0].stance_label == "No response"
    first = matrix.tallies[0]
    assert (first.count(Stance.AGREE), first.count(Stance.NO_POSITION), first.no_response) == (
        1,
        1,
        1,
    )
    assert first.in_order[-1] == ("no_response", "No response", 1)


def test_matrix_costs_four_queries_whatever_the_size(report, django_assert_num_queries):
    for _ in range(3):
        factories.make_response(report, factories.make_region())
    with django_assert_num_queries(4):
        positions_matrix(report)
    for _ in range(20):
        factories.make_response(report, factories.make_region())
    with django_assert_num_queries(4):
        positions_matrix(report)


def test_chart_bars_share_out_every_forum_and_the_legend_does_not_overlap(report):
    from responses.positions import tally_chart

    matrix_tallies = positions_matrix(report).tallies
    first = matrix_tallies[0]
    first.counts[Stance.AGREE] = 6
    first.counts[Stance.DISAGREE] = 2
    first.no_response = 1
    chart = tally_chart(matrix_tallies, bar_width=540)
    segments = chart.bars[0].segments
    assert [(s.key, s.count, s.width) for s in segments] == [
        ("agree", 6, 360.0),
        ("disagree", 2, 120.0),
        ("no_response", 1, 60.0),
    ]
    assert segments[1].x == segments[0].x + 360
    lefts = [x for _key, _label, _icon, x in chart.legend]
    for (_k, label, _i, x), following in zip(chart.legend[:-1], lefts[1:], strict=True):
        assert following - x >= 28 + 7 * len(label)
    assert lefts[-1] < chart.width


def test_matrix_as_of_a_moment_shows_positions_as_they_stood_then(
    report, region, other_region, member, other_member, django_assert_num_queries
):
    response = factories.make_response(report, region, author=member)
    first, second = response.sections.filter(item__isnull=False).order_by("order")[:2]
    factories.draft(first, "Yes.", Stance.AGREE, author=member)
    moment = timezone.now()
    factories.draft(first, "On reflection, no.", Stance.DISAGREE, author=member)
    factories.draft(second, "Later.", Stance.AGREE, author=member)
    factories.make_response(report, other_region, author=other_member)  # started later

    with django_assert_num_queries(5):
        matrix = positions_matrix(report, as_of=moment)

    london, north_west = matrix.rows
    assert [cell.stance for cell in london.cells[:2]] == [Stance.AGREE, Stance.NO_POSITION]
    assert london.cells[0].text == "Yes."
    assert north_west.cells[0].stance_label == "No response"
    assert positions_matrix(report).rows[0].cells[0].stance == Stance.DISAGREE


def test_matrix_as_of_a_moment_leaves_out_text_kept_aside_in_a_clash(report, region, member, lead):
    from responses.drafting import save_section

    response = factories.make_response(report, region, author=member)
    section = response.sections.filter(item__isnull=False).order_by("order").first()
    base = factories.draft(section, "We agree.", Stance.AGREE, author=member)
    factories.draft(section, "We agree, with concerns.", Stance.AGREE, author=lead)
    clash = save_section(
        section=section,
        text="We disagree.",
        stance=Stance.DISAGREE,
        base_revision_id=base.pk,
        actor=member,
    )
    assert clash.status == "conflict"  # the member's words are kept aside, not the latest

    cell = positions_matrix(report, as_of=timezone.now()).rows[0].cells[0]
    assert cell.text == "We agree, with concerns."
