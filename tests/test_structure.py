"""Rules about where code lives, checked on the source files themselves."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "responses"
TEMPLATES = ROOT / "templates"

# What a template may not test itself: who someone is. Permissions decide that and
# hand the template a boolean ("may start the statement", "may see the record").
WHO_SOMEONE_IS = re.compile(
    r"(is_staff|is_superuser|is_steering|is_administrator)\b"
    r"|\b(sees_every_forum|groups|perms|memberships\.|get_role_display)\b|\brole\s*(==|!=|in)\s*['\"]|['\"]\s*(==|!=)\s*\w*\.?role\b"
)
CONDITION = re.compile(r"\{%-?\s*(?:if|elif)\s+(.*?)-?%\}")


def _conditions():
    for path in TEMPLATES.rglob("*.html"):
        for condition in CONDITION.findall(path.read_text()):
            yield path.relative_to(TEMPLATES), condition


def test_templates_decide_nothing_about_who_someone_is():
    offending = [
        (str(path), condition)
        for path, condition in _conditions()
        if WHO_SOMEONE_IS.search(condition)
    ]
    assert offending == []


def test_the_rule_above_catches_a_template_that_tests_roles():
    for condition in (
        "user.is_staff",
        "nav_is_steering or user.is_superuser",
        'membership.role == "lead"',
        "request.user.memberships.exists",
        "perms.responses.change_report",
    ):
        assert WHO_SOMEONE_IS.search(condition), condition
    assert not WHO_SOMEONE_IS.search("can_start_statement")
    assert not WHO_SOMEONE_IS.search("value == membership.role")  # a select's current choice


def _imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, relative imports resolved to dotted names."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
            if node.level == 0:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _module_path(module: str) -> Path | None:
    path = ROOT.joinpath(*module.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def test_the_importer_depends_on_reports_and_never_the_other_way():
    """What the importer builds on (report creation, the models) never imports the
    importer back: report creation reads what it is given through its own types.
    Features built on the importer's reading, such as bringing a response in, may."""
    importer = list((PACKAGE / "importing").rglob("*.py"))
    used = {
        found
        for path in importer
        for module in _imported_modules(path)
        if module.startswith("responses.")
        and not module.startswith("responses.importing")
        and (found := _module_path(module)) is not None
    }
    assert PACKAGE / "reports.py" in used
    offending = [
        str(path.relative_to(ROOT))
        for path in used
        if any(m.startswith("responses.importing") for m in _imported_modules(path))
    ]
    assert offending == []


def test_the_text_rules_touch_no_database():
    source = (PACKAGE / "merging.py").read_text()
    assert not any(m.startswith("django.db") for m in _imported_modules(PACKAGE / "merging.py"))
    assert ".objects" not in source and "transaction" not in source
