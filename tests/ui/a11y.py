"""WCAG 2.1 AA in a real browser: axe-core injected from the local npm install (tests/js,
`make test` installs it; nothing from a CDN), run on the page as the user sees it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[1] / "js" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = ("serious", "critical")


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now."""
    assert AXE.is_file(), "axe-core is not installed: run `make test` (or npm ci --prefix tests/js)"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_AA)
    return [v for v in result["violations"] if v["impact"] in SERIOUS]


def described(violations: list[dict[str, Any]]) -> str:
    """The violations as a reader of a failed test needs them: rule, impact, where."""
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) + " — " + n.get("failureSummary", "")[:160]
                   for n in v["nodes"][:4]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(targets))
    return "\n".join(lines)


def assert_accessible(page: Any, where: str) -> None:
    """No serious or critical violation of WCAG 2.1 AA on the page (state `where`)."""
    found = serious_violations(page)
    assert not found, f"{where}:\n{described(found)}"
