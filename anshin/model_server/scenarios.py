"""Training scenarios as data, and the rule that picks one for a request.

`scenarios.toml` holds, per scenario: `id`, `task` (one of `TASKS`, the kinds of work;
a policy maps its use categories onto them), `title`, a `prompt` a trainer can paste,
`keywords`, the prepared `response`, and
`flaw` when the response is deliberately wrong for reviewers to catch. The training page
reuses the same file through `load_scenarios()`.

Matching looks only at the last user message, normalised (NFKC, case-folded, all
whitespace removed), and decides in this order:

1. a scenario whose normalised `prompt` occurs in the message (the trainer pasted it);
2. otherwise a scenario all of whose keyword groups occur in the message; a keyword group is
   a string whose alternatives are separated by `|` (`"要約|まとめ"`), and a group occurs when
   any alternative does. When several scenarios match, the one with more groups wins, then
   the one earlier in the file;
3. otherwise no scenario (the caller falls back to an extractive or a generic reply).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

# The kinds of work the scenarios show. A policy maps its own use categories onto these
# (`training_tasks`), so the scenarios serve any city's guideline.
TASKS: tuple[str, ...] = (
    "rewriting",
    "composing",
    "proofreading",
    "tabulating",
    "brainstorming",
    "spreadsheet_code",
    "faq",
    "workflow",
)

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Scenario:
    """One prepared exchange; `flaw` says what reviewers should catch, or is None."""

    id: str
    task: str
    title: str
    prompt: str
    keywords: tuple[str, ...]
    response: str
    flaw: str | None = None

    @property
    def keyword_groups(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(_normalise(a) for a in k.split("|") if a.strip()) for k in self.keywords)


def _normalise(text: str) -> str:
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


def parse_scenarios(toml_text: str) -> tuple[Scenario, ...]:
    """Parse and validate scenario TOML (a `[[scenario]]` array); raise ValueError when invalid."""
    data = tomllib.loads(toml_text)
    scenarios = []
    seen: set[str] = set()
    for raw in data.get("scenario", []):
        missing = {"id", "task", "title", "prompt", "keywords", "response"} - raw.keys()
        if missing:
            raise ValueError(f"scenario {raw.get('id', '?')}: missing {sorted(missing)}")
        if raw["task"] not in TASKS:
            raise ValueError(f"scenario {raw['id']}: unknown task {raw['task']!r}")
        if raw["id"] in seen:
            raise ValueError(f"scenario {raw['id']}: duplicate id")
        if not raw["keywords"]:
            raise ValueError(f"scenario {raw['id']}: needs at least one keyword")
        seen.add(raw["id"])
        scenarios.append(
            Scenario(
                id=raw["id"],
                task=raw["task"],
                title=raw["title"],
                prompt=raw["prompt"].strip(),
                keywords=tuple(raw["keywords"]),
                response=raw["response"].strip(),
                flaw=raw.get("flaw"),
            )
        )
    return tuple(scenarios)


@cache
def load_scenarios() -> tuple[Scenario, ...]:
    """The scenarios shipped with the package, in file order."""
    text = resources.files(__package__).joinpath("scenarios.toml").read_text(encoding="utf-8")
    return parse_scenarios(text)


def match_scenario(message: str, scenarios: tuple[Scenario, ...]) -> Scenario | None:
    """The scenario for this user message by the rule in the module docstring, or None."""
    text = _normalise(message)
    if not text:
        return None
    for scenario in scenarios:
        if _normalise(scenario.prompt) in text:
            return scenario
    best: Scenario | None = None
    best_groups = 0
    for scenario in scenarios:
        groups = scenario.keyword_groups
        if len(groups) > best_groups and all(any(a in text for a in g) for g in groups):
            best, best_groups = scenario, len(groups)
    return best
