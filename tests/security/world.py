"""A network in which every place user text goes holds one given text each."""

from dataclasses import dataclass

from responses.comments import add_comment
from responses.models import Forum, ForumKind, Item, ItemKind, Part, Report, Response, Role, Stance

from .. import factories


@dataclass
class World:
    report: Report
    regional: Response
    statement: Response
    steering: object
    member: object


def build_world(texts: list[str]) -> World:
    """One report whose items, regional sections, national sections and regions each
    carry one of `texts`, with the statement approved and published."""
    national = factories.make_national()
    steering = factories.make_member(national, Role.STEERING)
    second = factories.make_member(national, Role.STEERING)
    report = Report.objects.create(
        title=texts[0][:300],
        slug="world",
        publisher=texts[1][:200],
        response_deadline="2030-01-01",
    )
    part = Part.objects.create(report=report, order=1, label="Part 1", title=texts[2][:300])
    for order, text in enumerate(texts, start=1):
        Item.objects.create(
            report=report, part=part, order=order, kind=ItemKind.QUESTION,
            number=str(order), title=text[:300], text=text,
        )  # fmt: skip
    regions = [
        Forum.objects.create(
            name=f"{text[:180]} {order}",
            slug=f"world-{order}",
            kind=ForumKind.REGION,
            parent=national,
        )  # fmt: skip
        for order, text in enumerate(texts)
    ]
    member = factories.make_member(regions[0], Role.MEMBER)
    regional = factories.make_response(report, regions[0], author=member)
    for section in regional.sections.order_by("order"):
        text = texts[min(section.order, len(texts) - 1)]
        factories.draft(section, text, Stance.AGREE_WITH_CONCERNS, author=member)
        comment = add_comment(section=section, body=text, actor=member)
        add_comment(section=section, body=text, actor=member, parent=comment)
    statement = factories.make_response(report, national, author=steering)
    for section in statement.sections.order_by("order"):
        text = texts[min(section.order, len(texts) - 1)]
        factories.draft(section, text, Stance.AGREE, author=steering)
    factories.publish(statement, approvers=[steering, second])
    return World(report, regional, statement, steering, member)
