"""The regional drafting journey by keyboard alone, with visible focus at every step."""

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from responses.models import Response, Role, Stance
from tests import factories

from .conftest import visit

pytestmark = pytest.mark.django_db(transaction=True)

SAVED = re.compile(r"^Saved at \d\d:\d\d")

# What the focused element is (its id, else its words) and whether a sighted keyboard
# user can see it: on screen, not hidden, and drawn with an outline or a focus ring.
FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return {name: "", visible: false, why: "nothing has focus"};
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
        || (style.boxShadow && style.boxShadow !== "none");
    const onScreen = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
        && rect.top < innerHeight && rect.left < innerWidth;
    const hidden = style.visibility === "hidden" || el.closest("[hidden], [aria-hidden=true]");
    return {
        name: el.id || el.textContent.trim().replace(/\\s+/g, " "),
        visible: Boolean(ring && onScreen && !hidden),
        why: `ring ${ring}, on screen ${onScreen}, hidden ${Boolean(hidden)}, `
            + `box ${Math.round(rect.top)} to ${Math.round(rect.bottom)} of ${innerHeight}, `
            + `scrolled ${Math.round(scrollY)} of ${document.documentElement.scrollHeight}`,
    };
}"""


def focus_after(page, key: str | None = None, *, may_leave_page: bool = False) -> str:
    """Press a key (if any); fail unless whatever has focus then visibly shows it.

    Tabbing past the last element leaves the page for the browser's own controls,
    which `may_leave_page` allows once per search."""
    if key:
        page.keyboard.press(key)
    # The browser scrolls focus into view smoothly; on a busy machine that can take
    # a few seconds, and waiting costs nothing once the focus is in view.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({FOCUS})().visible", timeout=5000)
    focus = page.evaluate(FOCUS)
    if may_leave_page and focus["name"] == "":
        return ""
    assert focus["visible"], f"after {key}, focus on {focus['name']!r} is not visible: {focus}"
    return focus["name"]


def press(page, key: str) -> str:
    return focus_after(page, key)


def tab_to(page, name: str, *, key: str = "Tab", limit: int = 60) -> None:
    """Tab (or another key) until the element called `name` has focus."""
    if page.evaluate(FOCUS)["name"] == name:
        focus_after(page)
        return
    left_page = False
    for _ in range(limit):
        found = focus_after(page, key, may_leave_page=not left_page)
        if found == name:
            return
        left_page = left_page or found == ""
    pytest.fail(f"{name!r} cannot be reached with {key}")


def type_text(page, text: str) -> None:
    page.keyboard.type(text)
    focus = page.evaluate(FOCUS)
    assert focus["visible"], f"focus is not visible while typing: {focus}"


def test_a_member_drafts_two_sections_by_keyboard_alone(new_page, live_server):
    london = factories.make_region("London")
    member = factories.make_member(london, Role.MEMBER, first_name="Mo")
    report = factories.make_report(items=2)
    page = new_page()

    page.goto(f"{live_server.url}/accounts/login/")
    tab_to(page, "id_username")
    type_text(page, member.username)
    tab_to(page, "id_password")
    type_text(page, factories.PASSWORD)
    page.keyboard.press("Enter")  # a new page: focus starts again at its top
    page.get_by_role("heading", name="Dashboard").wait_for()

    tab_to(page, "Start London’s response")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="London’s response").wait_for()
    visit(page, "keyboard-drafting-page")
    response = Response.objects.get(report=report, forum=london)
    first, second = response.sections.filter(item__isnull=False).order_by("order")

    # From the contents straight to the first recommendation; choose a stance, write.
    tab_to(page, first.heading)
    press(page, "Enter")
    assert page.evaluate("document.activeElement.id") == f"section-{first.pk}"
    # Tab lands on the position chosen so far ("No position yet"); arrows choose.
    tab_to(page, f"stance-{first.pk}-{Stance.NO_POSITION}")
    assert press(page, "ArrowRight") == f"stance-{first.pk}-{Stance.AGREE}"
    tab_to(page, f"text-{first.pk}")
    type_text(page, "Families must help write the national vision.")
    # Back to the position to check it, then on to the Save button: leaving saves.
    assert press(page, "Shift+Tab") == f"stance-{first.pk}-{Stance.AGREE}"
    tab_to(page, f"text-{first.pk}")
    tab_to(page, f"Save {first.heading}")
    status = page.locator(f"form[data-section='{first.pk}'] .save-status")
    expect(status).to_have_text(SAVED)
    expect(status).to_have_attribute("aria-live", "polite")
    visit(page, "keyboard-drafting-saved")

    # The preview opens with Space and closes with Escape, back in the text.
    tab_to(page, "Preview")
    press(page, "Space")
    expect(page.locator(f"#preview-{first.pk}")).to_contain_text("Families must help write")
    visit(page, "keyboard-drafting-preview")
    assert press(page, "Escape") == f"text-{first.pk}"
    expect(page.locator(f"#preview-{first.pk}")).to_be_hidden()

    # On to the next recommendation, a different stance, and its text.
    tab_to(page, f"stance-{second.pk}-{Stance.NO_POSITION}")
    assert press(page, "ArrowLeft") == f"stance-{second.pk}-{Stance.DISAGREE}"
    tab_to(page, f"text-{second.pk}")
    type_text(page, "Rationing support by category would hurt rural families.")
    tab_to(page, f"Save {second.heading}")
    expect(page.locator(f"form[data-section='{second.pk}'] .save-status")).to_have_text(SAVED)

    page.reload()
    expect(page.locator(f"#text-{first.pk}")).to_have_value(
        "Families must help write the national vision."
    )
    expect(page.locator(f"#stance-{second.pk}-{Stance.DISAGREE}")).to_be_checked()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.stance, second.stance) == (Stance.AGREE, Stance.DISAGREE)


def test_the_focus_check_catches_a_focus_nobody_can_see(new_page, live_server):
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        """() => {
            const field = document.querySelector('#id_password');
            field.style.setProperty('outline', 'none', 'important');
            field.style.setProperty('box-shadow', 'none', 'important');
        }"""
    )
    with pytest.raises(AssertionError, match="id_password"):
        tab_to(page, "id_password")
