from django.core.management import call_command

from responses.models import Forum, Item, Membership, Report, Revision, Role


def test_demo_data_loads_once_and_again_changes_nothing(db, capsys):
    call_command("load_demo")
    counts = [m.objects.count() for m in (Forum, Item, Membership, Report, Revision)]
    call_command("load_demo")
    assert [m.objects.count() for m in (Forum, Item, Membership, Report, Revision)] == counts
    output = capsys.readouterr().out
    assert "steering.aisha" in output and "demo-parent-carer" in output


def test_demo_has_the_network_the_report_and_every_role(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Forum.objects.filter(kind="region").count() == 9
    report = Report.objects.get()
    headings = [item.heading for item in report.items.order_by("order")]
    assert headings[0] == "Key findings"
    assert headings[3] == "Recommendation 3: Creating a more inclusive mainstream offer"
    assert len(headings) == 9
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {Role.MEMBER, Role.LEAD, Role.STEERING}
    assert Membership.objects.filter(role=Role.STEERING).count() == 2
    assert Revision.objects.exclude(stance="no_position").exists()


def test_demo_has_local_forums_under_three_regions_with_people_and_drafts(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    locals_ = Forum.objects.filter(kind="local")
    assert locals_.values("parent").distinct().count() >= 3
    for region in Forum.objects.filter(kind="region", children__isnull=False).distinct():
        assert region.children.count() >= 2
    camden = Forum.objects.get(slug="camden")
    roles = dict(camden.memberships.values_list("user__username", "role"))
    assert roles == {"camden.lead": Role.LEAD, "camden.member": Role.MEMBER}
    drafted = Revision.objects.filter(section__response__forum__kind="local")
    assert drafted.values("section__response__forum").distinct().count() >= 5
