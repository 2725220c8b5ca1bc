"""Demo data: the LGA/CCN/ISOS report, the network, its regions, local forums under
three of them, and a cast of users."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .drafting import save_section, start_response
from .forums import REGIONS, grant_membership
from .models import Forum, ForumKind, Item, ItemKind, Part, Report, Role, Stance

DEMO_PASSWORD = "demo-parent-carer"

REPORT_SLUG = "lga-ccn-isos-send-report"

KEY_FINDINGS_TEXT = (
    "Spending on high needs has risen faster than the funding for it, and most local "
    "authorities now carry deficits on their high needs budgets. Demand for education, "
    "health and care plans keeps growing, as does the use of specialist and independent "
    "placements."
)

RECOMMENDATIONS = [
    ("Vision and Guiding principles", "Set a national vision and guiding principles for the SEND system."),
    ("A National Framework", "Create a national framework describing needs and the support expected for them."),
    ("Creating a more inclusive mainstream offer", "Make mainstream schools able and expected to include pupils with SEND."),
    ("Reforming the statutory framework for inclusion", "Change the law so that it supports an inclusive system."),
    ("Preparation for Adulthood", "Review how children's and adult services work together at transition."),
    ("Realigning powers and responsibilities", "Give local inclusion partnerships clear powers and duties."),
    ("The role of the independent sector", "Clarify what independent specialist provision is for and how it is paid for."),
    ("Developing a national workforce strategy", "Plan the training and retention of the SEND workforce nationally."),
]  # fmt: skip

# (region, username, full name, role)
PEOPLE = [
    ("London", "london.lead", "Grace Adeyemi", Role.LEAD),
    ("London", "london.member", "Tom Price", Role.MEMBER),
    ("North West", "northwest.lead", "Priya Shah", Role.LEAD),
    ("North West", "northwest.member", "Sam Walsh", Role.MEMBER),
    ("South West", "southwest.lead", "Helen Morris", Role.LEAD),
    ("East Midlands", "eastmidlands.lead", "Daniel Okafor", Role.LEAD),
    ("Yorkshire and the Humber", "yorkshire.lead", "Ruth Brennan", Role.LEAD),
]
STEERING = [("steering.aisha", "Aisha Khan"), ("steering.ben", "Ben Carter")]

# Local forums under three regions: (region, name, slug)
LOCAL_FORUMS = [
    ("London", "Camden Parent Carer Forum", "camden"),
    ("London", "Hackney Parent Carer Forum", "hackney"),
    ("London", "Croydon Parent Carer Forum", "croydon"),
    ("North West", "Manchester Parent Carer Forum", "manchester"),
    ("North West", "Cumbria Parent Carer Forum", "cumbria"),
    ("South West", "Bristol Parent Carer Forum", "bristol"),
    ("South West", "Devon Parent Carer Forum", "devon"),
]
# (local forum slug, username, full name, role)
LOCAL_PEOPLE = [
    ("camden", "camden.lead", "Nadia Rahman", Role.LEAD),
    ("camden", "camden.member", "Chris Doyle", Role.MEMBER),
    ("hackney", "hackney.lead", "Femi Balogun", Role.LEAD),
    ("croydon", "croydon.lead", "Jo Whitfield", Role.LEAD),
    ("manchester", "manchester.lead", "Imran Hussain", Role.LEAD),
    ("cumbria", "cumbria.lead", "Kate Irving", Role.LEAD),
    ("bristol", "bristol.lead", "Leah Thomas", Role.LEAD),
]

# Drafted text by region: {item number or section kind: (stance, text)}
DRAFTS = {
    "London": {
        "introduction": (None, "London's forums welcome a national conversation about SEND, and ask that families are part of it from the start, not consulted at the end."),
        "1": (Stance.AGREE, "A shared vision is overdue. Parents in our boroughs want it written with them, in plain words, and checked each year."),
        "2": (Stance.AGREE_WITH_CONCERNS, "A framework could bring consistency between boroughs.\n\nWe worry that fixed bands of need will not fit children whose needs change, and that support will be rationed to the band rather than the child."),
        "3": (Stance.AGREE_WITH_CONCERNS, "Inclusive mainstream schools are what most families want.\n\nSchools need quiet spaces, trained staff and accountability that rewards inclusion, or the promise will not be kept."),
        "4": (Stance.DISAGREE, "We cannot support moving away from legally enforceable rights while so many plans are not delivered. Tribunal results show the law is not being followed, not that it is wrong."),
    },
    "North West": {
        "introduction": (None, "Forums across the North West met twice to prepare this response."),
        "1": (Stance.AGREE, "We agree with a national vision, provided it is co-produced with parent carers and young people."),
        "2": (Stance.AGREE_WITH_CONCERNS, "Consistency between areas would help families who move.\n\nFixed classifications of need risk missing the whole child."),
        "3": (Stance.AGREE, "We support a more inclusive mainstream offer and better training for teachers."),
        "4": (Stance.DISAGREE, "Families only go to tribunal as a last resort. Removing rights will not rebuild trust."),
        "5": (Stance.AGREE, "Transition to adult services is where many families fall through the gaps; a review is welcome."),
    },
    "South West": {
        "1": (Stance.AGREE, "A national vision would help, if families help write it."),
        "2": (Stance.DISAGREE, "Rural families already travel far for support; a national framework that rations support by category would make this worse."),
        "3": (Stance.AGREE_WITH_CONCERNS, "Inclusion needs transport and local places, not only willing schools."),
    },
    "East Midlands": {
        "1": (Stance.AGREE, "We agree and ask for co-production to be named in the principles."),
        "3": (Stance.AGREE_WITH_CONCERNS, "Accountability measures such as league tables must change to reward inclusive practice."),
        "8": (Stance.AGREE, "Recruiting and keeping skilled staff is the biggest barrier our schools report."),
    },
}  # fmt: skip

# Drafted text by local forum, as DRAFTS.
LOCAL_DRAFTS = {
    "camden": {
        "1": (Stance.AGREE, "Families in Camden want a vision written with them, not for them.\n\nThe principles should say that co-production is how the system works, every time."),
        "2": (Stance.AGREE_WITH_CONCERNS, "A national framework could stop support changing at the borough boundary.\n\nBands of need must not become a ceiling on what a child gets."),
    },
    "hackney": {
        "1": (Stance.AGREE, "We agree with a national vision, provided families help to write it and check it each year."),
        "2": (Stance.DISAGREE, "A framework that sorts children into bands will ration support to the band, not the child."),
        "3": (Stance.AGREE_WITH_CONCERNS, "Mainstream schools need trained staff and quiet spaces before they can include every child."),
    },
    "croydon": {
        "1": (Stance.AGREE, "A shared vision is overdue; parents should be named as partners in it."),
    },
    "manchester": {
        "1": (Stance.AGREE, "A national vision would help, if parent carers and young people co-produce it."),
        "4": (Stance.DISAGREE, "Families go to tribunal as a last resort. Weakening rights will not rebuild trust."),
    },
    "cumbria": {
        "3": (Stance.AGREE_WITH_CONCERNS, "In rural areas inclusion depends on transport and local places as much as on schools."),
    },
    "bristol": {
        "2": (Stance.DISAGREE, "Bristol families fear a framework would be used to cut support."),
    },
}  # fmt: skip


def _user(username: str, full_name: str, *, staff: bool = False):
    User = get_user_model()
    first, _, last = full_name.partition(" ")
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            "is_staff": staff,
            "is_superuser": staff,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _report() -> Report:
    report, created = Report.objects.get_or_create(
        slug=REPORT_SLUG,
        defaults={
            "title": "Towards an effective and financially sustainable approach to SEND in England",
            "publisher": "LGA, CCN and ISOS Partnership",
            "source_url": "https://www.local.gov.uk/",
            "published_on": datetime.date(2024, 7, 1),
            "response_deadline": timezone.localdate() + datetime.timedelta(days=21),
            "approval_quorum": 2,
        },
    )
    if not created:
        return report
    part1 = Part.objects.create(report=report, order=1, label="Part 1", title="Key findings")
    part2 = Part.objects.create(report=report, order=2, label="Part 2", title="Recommendations")
    Item.objects.create(
        report=report, part=part1, order=1, kind=ItemKind.FINDING, title="Key findings",
        text=KEY_FINDINGS_TEXT,
    )  # fmt: skip
    for number, (title, text) in enumerate(RECOMMENDATIONS, start=1):
        Item.objects.create(
            report=report, part=part2, order=number + 1, kind=ItemKind.RECOMMENDATION,
            number=str(number), title=title, text=text,
        )  # fmt: skip
    return report


@transaction.atomic
def load_demo() -> dict[str, str]:
    """Create the demo data; running it again changes nothing. Returns the logins."""
    admin = _user("admin", "Alex Administrator", staff=True)
    national, _ = Forum.objects.get_or_create(
        kind=ForumKind.NATIONAL,
        defaults={"name": "National Network of Parent Carer Forums", "slug": "national"},
    )
    regions = {}
    for name in REGIONS:
        regions[name], _ = Forum.objects.get_or_create(
            name=name,
            defaults={
                "slug": name.lower().replace(" ", "-"),
                "kind": ForumKind.REGION,
                "parent": national,
            },
        )
    logins = {"admin": "Administrator"}
    for username, full_name in STEERING:
        user = _user(username, full_name)
        grant_membership(actor=admin, user=user, forum=national, role=Role.STEERING)
        logins[username] = "Steering group member"
    users_by_region = _members(PEOPLE, regions, admin=admin, logins=logins)
    locals_by_slug = {}
    for region, name, slug in LOCAL_FORUMS:
        locals_by_slug[slug], _ = Forum.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": ForumKind.LOCAL, "parent": regions[region]}
        )
    users_by_local = _members(LOCAL_PEOPLE, locals_by_slug, admin=admin, logins=logins)
    _user("outsider", "Olive Outsider")
    logins["outsider"] = "Signed up, not yet in a forum"

    report = _report()
    for region, drafts in DRAFTS.items():
        _draft(report, regions[region], drafts, author=users_by_region[region])
    for slug, drafts in LOCAL_DRAFTS.items():
        _draft(report, locals_by_slug[slug], drafts, author=users_by_local[slug])
    _start_statement(report, national, steering=[_user(u, n) for u, n in STEERING])
    return logins


def _members(people, forums: dict[str, Forum], *, admin, logins: dict[str, str]) -> dict:
    """Each person of `people` ((forum key, username, full name, role)) in their forum,
    their login listed; returns the first person of each forum, who drafts its text."""
    first = {}
    for key, username, full_name, role in people:
        user = _user(username, full_name)
        grant_membership(actor=admin, user=user, forum=forums[key], role=role)
        first.setdefault(key, user)
        logins[username] = f"{Role(role).label} of {forums[key].name}"
    return first


def _draft(report: Report, forum: Forum, drafts: dict, *, author) -> None:
    """The forum's response started, with the drafted sections saved once."""
    response = start_response(report=report, forum=forum, actor=author)
    for section in response.sections.select_related("item"):
        key = section.item.number if section.item_id else section.kind
        if key not in drafts or section.latest_revision_id:
            continue
        stance, text = drafts[key]
        save_section(
            section=section,
            text=text,
            stance=stance or Stance.NO_POSITION,
            base_revision_id=None,
            actor=author,
        )


def _start_statement(report: Report, national: Forum, *, steering) -> None:
    """The national statement under way: an introduction, one recommendation assembled
    from the regions and approved once, so the approval flow has something to show."""
    from .approval import approve_section
    from .workspace import assemble_starting_draft

    statement = start_response(report=report, forum=national, actor=steering[0])
    introduction = statement.sections.get(order=0)
    if introduction.latest_revision_id:
        return
    save_section(
        section=introduction,
        text=(
            "The National Network of Parent Carer Forums welcomes this report and the "
            "chance to answer it together with our nine regions."
        ),
        stance=Stance.NO_POSITION,
        base_revision_id=None,
        actor=steering[0],
    )
    item = report.items.get(number="1")
    revision = assemble_starting_draft(
        report=report, forum=national, item=item, base_revision_id=None, actor=steering[0]
    )
    approve_section(section=revision.section, revision_id=revision.pk, actor=steering[1])
