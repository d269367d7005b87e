"""The guideline as data: load and validate a policy TOML file at start-up.

A broken file must stop start-up with a message naming the file, the key and the line
(Japanese and English) — never surface at a user's first click.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anshin import texts
from anshin.errors import AnshinError
from checks import CATEGORIES as SCREENING_CATEGORIES

ROLES = ("staff", "head", "director", "auditor")
SEVERITIES = ("block", "warn")


class PolicyError(AnshinError):
    """The policy file cannot be used. Carries a Japanese and an English message."""

    def __init__(self, message_ja: str, message_en: str) -> None:
        super().__init__(message_ja)
        self.args = (f"{message_ja}\n{message_en}",)
        self.message_en = message_en


@dataclass(frozen=True)
class UsageCategory:
    """A §4 permitted use."""

    id: str
    number: int
    label: str
    description: str
    example: str
    reason_required: bool
    templates: tuple[str, ...]

    @property
    def display(self) -> str:
        return f"({self.number}) {self.label}"


@dataclass(frozen=True)
class ScreeningRule:
    """How a §6 screening category is treated: its severity and the clause it cites."""

    category: str
    label: str
    severity: str
    clause: str


@dataclass(frozen=True)
class PublishedMaterial:
    """The guideline's wording for text declared already published (§4(4))."""

    clause: str
    declare: str
    screening_note: str


@dataclass(frozen=True)
class ReviewItem:
    """One §7 question every reviewer answers."""

    id: str
    question: str
    clause: str


@dataclass(frozen=True)
class ModelCallPolicy:
    """What every model call gets (§3): the product's instructions to the model, and the
    bounds after which a call is given up, so no staff member waits without end."""

    system_prompt: str
    deadline_s: float = 120.0      # the whole call, every attempt and wait included
    first_byte_s: float = 30.0     # from request to first byte, and between two chunks


MODEL_DEFAULTS = ModelCallPolicy(system_prompt="")


@dataclass(frozen=True)
class Policy:
    """A validated guideline. `sha256` identifies the exact file in every record."""

    id: str
    title: str
    city: str
    version: str
    decided: dt.date
    revised: tuple[dt.date, ...]
    director_title: str
    office: str
    contact: str
    default_suspension_notice: str
    categories: tuple[UsageCategory, ...]
    screening: Mapping[str, ScreeningRule]
    published_material: PublishedMaterial
    review_items: tuple[ReviewItem, ...]
    min_reviewers: int
    author_counts: bool
    reviewers_same_department: bool
    reviewer_roles: tuple[str, ...]
    decider_roles: tuple[str, ...]
    decision_same_department: bool
    copy_threshold_chars: int
    model: ModelCallPolicy
    trademarks_path: Path
    biased_terms_path: Path
    reference_dir: Path | None
    page_idle_minutes: int
    staff_server_idle_minutes: int
    source_path: Path
    sha256: str

    def category(self, category_id: str) -> UsageCategory | None:
        return next((c for c in self.categories if c.id == category_id), None)

    @property
    def severities(self) -> dict[str, str]:
        """Category id → severity, the plain mapping `checks.screen` takes."""
        return {c: r.severity for c, r in self.screening.items()}


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy file; raise PolicyError naming file, key and line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError(
            texts.POLICY_FILE_MISSING.format(file=path),
            f"Policy file not found: {path} ({exc.strerror})",
        ) from exc
    source = raw.decode("utf-8", errors="replace")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = match.group(1) if match else "?"
        raise PolicyError(
            texts.POLICY_SYNTAX.format(file=path, line=line, detail=str(exc)),
            f"Policy file syntax error: {path} line {line}: {exc}",
        ) from exc
    return _Validator(path, source, data, hashlib.sha256(raw).hexdigest()).policy()


class _Validator:
    """Turns the parsed TOML into a Policy, locating each problem in the source."""

    def __init__(self, path: Path, source: str, data: dict[str, Any], digest: str) -> None:
        self.path = path
        self.lines = source.splitlines()
        self.data = data
        self.digest = digest

    def fail(self, key: Sequence[str | int], detail_ja: str, detail_en: str) -> PolicyError:
        dotted = ".".join(f"[{k}]" if isinstance(k, int) else k for k in key).replace(".[", "[")
        line = self._line_of(key)
        return PolicyError(
            texts.POLICY_KEY.format(file=self.path, line=line, key=dotted, detail=detail_ja),
            f"Policy file error: {self.path} line {line} key '{dotted}': {detail_en}",
        )

    def _line_of(self, key: Sequence[str | int]) -> int | str:
        """The line of `key` (table, array-of-tables index, field) in the source file."""
        table: str | None = None
        index = -1
        want_table = key[0] if len(key) > 1 else None
        want_index = key[1] if len(key) > 2 and isinstance(key[1], int) else None
        field = key[-1] if isinstance(key[-1], str) else None
        best: int | str = "?"
        for number, text in enumerate(self.lines, start=1):
            stripped = text.strip()
            header = re.match(r"^\[\[?\s*([A-Za-z0-9_.]+)\s*\]\]?", stripped)
            if header:
                name = header.group(1)
                if stripped.startswith("[[") and name != table:
                    index = -1
                table = name
                if stripped.startswith("[["):
                    index += 1
                if name == want_table and (want_index is None or index == want_index):
                    best = number
                continue
            in_scope = (table == want_table) and (want_index is None or index == want_index)
            if (want_table is None and table is None) or in_scope:
                if field and re.match(rf"^{re.escape(field)}\s*=", stripped):
                    return number
        return best

    # -- helpers -------------------------------------------------------------------------
    def table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        if not isinstance(value, dict):
            raise self.fail([name, ""], f"表 [{name}] がありません", f"table [{name}] missing")
        return value

    def string(self, where: dict[str, Any], key: list[str | int]) -> str:
        value = where.get(str(key[-1]))
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "空でない文字列が必要です", "a non-empty string is required")
        return value

    def boolean(self, where: dict[str, Any], key: list[str | int],
                default: bool | None = None) -> bool:
        value = where.get(str(key[-1]), default)
        if not isinstance(value, bool):
            raise self.fail(key, "true または false が必要です", "true or false is required")
        return value

    def roles(self, where: dict[str, Any], key: list[str | int]) -> tuple[str, ...]:
        value = where.get(str(key[-1]))
        if not isinstance(value, list) or not value or any(r not in ROLES for r in value):
            raise self.fail(
                key,
                f"役割の一覧が必要です（{', '.join(ROLES)}）",
                f"a list of roles is required ({', '.join(ROLES)})",
            )
        return tuple(value)

    def existing_file(self, where: dict[str, Any], key: list[str | int]) -> Path:
        """A file named relative to the policy file, which must exist."""
        path = self.path.parent / self.string(where, key)
        if not path.is_file():
            raise self.fail(key, f"ファイル {path} がありません", f"file {path} not found")
        return path

    def date(self, where: dict[str, Any], key: list[str | int]) -> dt.date:
        value = where.get(str(key[-1]))
        if not isinstance(value, dt.date):
            raise self.fail(key, "日付（例: 2024-05-14）が必要です", "a date is required")
        return value

    def minutes(self, where: dict[str, Any], key: list[str | int], default: int) -> int:
        """A whole number of minutes, 1 to a day; `default` when the key is absent."""
        value = where.get(str(key[-1]), default)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 1440:
            raise self.fail(key, "1〜1440 の整数（分）が必要です",
                            "an integer number of minutes 1..1440 is required")
        return value

    # -- the policy ------------------------------------------------------------------------
    def policy(self) -> Policy:
        g = self.table("guideline")
        revised = g.get("revised", [])
        if not isinstance(revised, list) or not all(isinstance(d, dt.date) for d in revised):
            raise self.fail(["guideline", "revised"], "日付の一覧が必要です", "a list of dates")
        review = self.table("review")
        minimum = review.get("min_reviewers")
        if not isinstance(minimum, int) or isinstance(minimum, bool) or not 1 <= minimum <= 10:
            raise self.fail(
                ["review", "min_reviewers"], "1〜10 の整数が必要です", "an integer 1..10 is required"
            )
        decision = self.table("decision")
        output = self.table("output")
        threshold = output.get("copy_threshold_chars")
        if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 10:
            raise self.fail(["output", "copy_threshold_chars"], "10 以上の整数が必要です",
                            "an integer ≥ 10 is required")
        server = self.data.get("server", {})
        if not isinstance(server, dict):
            raise self.fail(["server", ""], "表が必要です", "a table is required")
        published = self.table("published_material")
        reference = output.get("reference_dir", "")
        if not isinstance(reference, str):
            raise self.fail(["output", "reference_dir"], "文字列が必要です", "a string is required")
        return Policy(
            id=self.string(g, ["guideline", "id"]),
            title=self.string(g, ["guideline", "title"]),
            city=self.string(g, ["guideline", "city"]),
            version=self.string(g, ["guideline", "version"]),
            decided=self.date(g, ["guideline", "decided"]),
            revised=tuple(revised),
            director_title=self.string(g, ["guideline", "director_title"]),
            office=self.string(g, ["guideline", "office"]),
            contact=self.string(g, ["guideline", "contact"]),
            default_suspension_notice=self.string(g, ["guideline", "default_suspension_notice"]),
            categories=self.categories(),
            screening=self.screening(),
            published_material=PublishedMaterial(
                clause=self.string(published, ["published_material", "clause"]),
                declare=self.string(published, ["published_material", "declare"]),
                screening_note=self.string(published, ["published_material", "screening_note"]),
            ),
            review_items=self.review_items(),
            min_reviewers=minimum,
            author_counts=self.boolean(review, ["review", "author_counts"]),
            reviewers_same_department=self.boolean(review, ["review", "same_department"],
                                                   default=True),
            reviewer_roles=self.roles(review, ["review", "reviewer_roles"]),
            decider_roles=self.roles(decision, ["decision", "decider_roles"]),
            decision_same_department=self.boolean(decision, ["decision", "same_department"]),
            copy_threshold_chars=threshold,
            model=self.model(),
            trademarks_path=self.existing_file(output, ["output", "trademarks"]),
            biased_terms_path=self.existing_file(output, ["output", "biased_terms"]),
            reference_dir=self.path.parent / reference if reference.strip() else None,
            page_idle_minutes=self.minutes(server, ["server", "page_idle_minutes"], 60),
            staff_server_idle_minutes=self.minutes(
                server, ["server", "staff_server_idle_minutes"], 120),
            source_path=self.path,
            sha256=self.digest,
        )

    def seconds(self, where: dict[str, Any], key: list[str | int], default: float,
                upper: float) -> float:
        value = where.get(str(key[-1]), default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= upper:
            raise self.fail(key, f"1〜{upper:g} の秒数が必要です", f"seconds 1..{upper:g} required")
        return float(value)

    def model(self) -> ModelCallPolicy:
        """The optional [model] table; without it, no system prompt and the default bounds."""
        table = self.data.get("model", {})
        if not isinstance(table, dict):
            raise self.fail(["model", ""], "表 [model] が必要です", "[model] must be a table")
        prompt = table.get("system_prompt", MODEL_DEFAULTS.system_prompt)
        if not isinstance(prompt, str):
            raise self.fail(["model", "system_prompt"], "文字列が必要です", "a string is required")
        deadline = self.seconds(table, ["model", "deadline_s"], MODEL_DEFAULTS.deadline_s, 600)
        first_byte = self.seconds(table, ["model", "first_byte_s"], MODEL_DEFAULTS.first_byte_s,
                                  deadline)
        return ModelCallPolicy(prompt.strip(), deadline, first_byte)

    def array(self, name: str) -> list[dict[str, Any]]:
        value = self.data.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self.fail([name, ""], f"[[{name}]] が1つ以上必要です", f"[[{name}]] entries required")
        return value

    def categories(self) -> tuple[UsageCategory, ...]:
        result: list[UsageCategory] = []
        for i, c in enumerate(self.array("categories")):
            number = c.get("number")
            if not isinstance(number, int) or isinstance(number, bool):
                raise self.fail(["categories", i, "number"], "整数が必要です", "an integer is required")
            templates = c.get("templates", [])
            if not isinstance(templates, list) or not all(isinstance(t, str) for t in templates):
                raise self.fail(
                    ["categories", i, "templates"], "文字列の一覧が必要です", "a list of strings"
                )
            result.append(
                UsageCategory(
                    id=self.string(c, ["categories", i, "id"]),
                    number=number,
                    label=self.string(c, ["categories", i, "label"]),
                    description=self.string(c, ["categories", i, "description"]),
                    example=self.string(c, ["categories", i, "example"]),
                    reason_required=self.boolean(c, ["categories", i, "reason_required"]),
                    templates=tuple(templates),
                )
            )
        ids = [c.id for c in result]
        for i, cid in enumerate(ids):
            if ids.index(cid) != i:
                raise self.fail(["categories", i, "id"], f"id「{cid}」が重複しています", "duplicate id")
        return tuple(result)

    def screening(self) -> dict[str, ScreeningRule]:
        rules: dict[str, ScreeningRule] = {}
        for i, s in enumerate(self.array("screening")):
            category = self.string(s, ["screening", i, "category"])
            if category not in SCREENING_CATEGORIES:
                raise self.fail(
                    ["screening", i, "category"],
                    f"未知の区分「{category}」です（使用可能: {', '.join(SCREENING_CATEGORIES)}）",
                    f"unknown category '{category}'",
                )
            if category in rules:
                raise self.fail(["screening", i, "category"], "区分が重複しています", "duplicate")
            severity = s.get("severity")
            if severity not in SEVERITIES:
                raise self.fail(
                    ["screening", i, "severity"],
                    "block または warn を指定してください",
                    "severity must be 'block' or 'warn'",
                )
            rules[category] = ScreeningRule(
                category=category,
                label=self.string(s, ["screening", i, "label"]),
                severity=severity,
                clause=self.string(s, ["screening", i, "clause"]),
            )
        missing = [c for c in SCREENING_CATEGORIES if c not in rules]
        if missing:
            raise self.fail(
                ["screening", ""],
                f"区分 {', '.join(missing)} の設定がありません",
                f"screening categories missing: {', '.join(missing)}",
            )
        return rules

    def review_items(self) -> tuple[ReviewItem, ...]:
        return tuple(
            ReviewItem(
                id=self.string(r, ["review_items", i, "id"]),
                question=self.string(r, ["review_items", i, "question"]),
                clause=self.string(r, ["review_items", i, "clause"]),
            )
            for i, r in enumerate(self.array("review_items"))
        )
