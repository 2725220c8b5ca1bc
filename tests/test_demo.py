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
