"""Accessibility checks with axe-core (from node_modules, installed by `make assets`)."""

from pathlib import Path

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, as the public sector accessibility regulations require.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated over the DevTools protocol, so the page's CSP (no inline scripts) allows it.
        page.evaluate(AXE_JS.read_text())
    # Only violations are read, so only they are given in full (a third faster: axe otherwise
    # builds a selector for every node that passed).
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
        "resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(str(t) for t in node['target'])}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with a readable list of WCAG 2.2 AA violations on the current page."""
    violations = axe_violations(page)
    assert not violations, f"Accessibility problems on {page.url}:\n" + format_violations(
        violations
    )
