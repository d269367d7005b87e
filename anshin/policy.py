"""The guideline as data: load and validate a policy TOML file at start-up.

A broken file must stop start-up with a message naming the file, the key and the line
(Japanese and English) — never surface at a user's first click.
"""

from __future__ import annotations

import dataclasses
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
from checks import CHECKSUMS, LocalPattern, LocalRules

_KEY_LOCATION = re.compile(r"file:[^\s]+|env:[A-Z_][A-Z0-9_]{0,63}")
ROLES = ("staff", "head", "director", "auditor")
SEVERITIES = ("block", "warn")

# What the product cites the guideline for: each key names a concept of the product, and a
# policy says how its city cites the clause that asks for it (「§7(1)」, 「第12条第1項」 …).
CLAUSE_KEYS = (
    "services",        # approved services, no training on inputs
    "uses",            # permitted use categories
    "purpose",         # declaring the purpose; grasping usage
    "input",           # what may be given to a service, overall
    "publishable",     # only what may be disclosed to third parties
    "personal_info",   # personal information, confidential markings
    "secrets",         # contractual secrecy, information from applications
    "copyright",       # existing works and trademarks
    "review",          # several staff review the output
    "output_privacy",  # privacy and defamation in the output
    "fairness",        # fairness of the output
    "decision",        # the department decides
    "suspension",      # the office may suspend use
    "contact",         # whom to ask
)

# Who may do what. The product's default table; a policy's [permissions] may change any row,
# and [review] reviewer_roles / [decision] decider_roles are the rows "review" and "decide".
ACTIONS: dict[str, tuple[str, ...]] = {
    "use": ("staff", "head", "director"),               # start and carry a session
    "review": ("staff", "head", "director"),
    "decide": ("head", "director"),
    "view_usage": ("head", "director"),                 # the department dashboard
    "oversee_all": ("director",),                       # every department, not only one's own
    "approve_services": ("director",),
    "maintain_lists": ("director",),                    # the trademark and wording lists
    "suspend": ("director",),
    "investigate": ("director",),                       # search usage history, any session
    "audit": ("auditor", "director"),                   # read sealed records, verify
    "read_any_session": ("director", "auditor"),
    "train": ROLES,
}


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
    clause: str
    training_tasks: tuple[str, ...] = ()

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
    max_turns: int = 20            # questions in one session's dialogue (each is screened)


MODEL_DEFAULTS = ModelCallPolicy(system_prompt="")


@dataclass(frozen=True)
class InputFilePolicy:
    """What a staff member's own file may be (issue 16, part 2): its size, and how much
    extracted text it may give (the text is screened and, if confirmed, sent)."""

    max_bytes: int = 5_000_000     # below the page's 10 MiB websocket message limit
    max_chars: int = 100_000


INPUT_FILE_DEFAULTS = InputFilePolicy()


@dataclass(frozen=True)
class TransparencyPolicy:
    """The transparency log (issue 15): the log's name, where the city's signing key and the
    witness's key live on the server (`file:PATH` relative to the chain-head folder, or
    `env:NAME`; never the key itself), and how old the newest signed checkpoint may get."""

    origin: str = "anshin.invalid/log"
    signing_key: str = "file:signing.key"
    witness_key: str = ""
    checkpoint_max_age_hours: int = 24


TRANSPARENCY_DEFAULTS = TransparencyPolicy()

# The kinds of record a retention period is set for: each decision outcome, an abandoned
# session, and training or demo records (whatever their outcome).
RETENTION_KINDS = ("adopted", "adopted_with_edits", "rejected", "abandoned", "training")


@dataclass(frozen=True)
class MailPolicy:
    """[mail]: the city's SMTP server, through which authors hear of reviews and decisions
    and reviewers of sessions waiting for them (issue 16.4). Absent: no e-mail is sent."""

    host: str
    port: int
    sender: str
    page_url: str = ""            # the My sessions page as staff reach it, for the link
    starttls: bool = False
    username: str = ""
    password_env: str = ""        # the name of a server-side variable holding the password


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
    role_labels: Mapping[str, str]
    clauses: Mapping[str, str]
    permissions: Mapping[str, tuple[str, ...]]
    local_rules: LocalRules   # the city's own identifiers and marking words
    input_files: InputFilePolicy = INPUT_FILE_DEFAULTS
    transparency: TransparencyPolicy = TRANSPARENCY_DEFAULTS
    retention_years: Mapping[str, int] = dataclasses.field(default_factory=dict)
    guideline_text_path: Path | None = None   # the guideline's own text, served to staff
    mail: MailPolicy | None = None

    def may(self, role: str, action: str) -> bool:
        """Whether `role` may do `action`: the one table every layer asks."""
        return role in self.permissions[action]

    def roles_for(self, action: str) -> tuple[str, ...]:
        return self.permissions[action]

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
            role_labels=self.role_labels(),
            clauses=self.clauses(),
            permissions=self.permissions(review, decision),
            local_rules=LocalRules(self.local_patterns(), self.marking_words()),
            input_files=self.input_files(),
            transparency=self.transparency(),
            retention_years=self.retention(),
            guideline_text_path=(self.existing_file(g, ["guideline", "text"])
                                 if "text" in g else None),
            mail=self.mail(),
        )

    def role_labels(self) -> dict[str, str]:
        """[roles]: what the city calls each of the four roles."""
        table = self.table("roles")
        return {role: self.string(table, ["roles", role]) for role in ROLES}

    def clauses(self) -> dict[str, str]:
        """[clauses]: how the city cites each clause the product refers to."""
        table = self.table("clauses")
        for key in table:
            if key not in CLAUSE_KEYS:
                raise self.fail(["clauses", key], f"未知のキー「{key}」です（使用可能: "
                                f"{', '.join(CLAUSE_KEYS)}）", f"unknown clause key '{key}'")
        return {key: self.string(table, ["clauses", key]) for key in CLAUSE_KEYS}

    def permissions(self, review: dict[str, Any],
                    decision: dict[str, Any]) -> dict[str, tuple[str, ...]]:
        """The actions → roles table: the product's defaults, the policy's [permissions]
        rows, and the reviewer and decider roles of [review] and [decision]."""
        table = self.data.get("permissions", {})
        if not isinstance(table, dict):
            raise self.fail(["permissions", ""], "表が必要です", "a table is required")
        result = dict(ACTIONS)
        for action in table:
            if action not in ACTIONS or action in ("review", "decide"):
                raise self.fail(["permissions", action], f"未知の操作「{action}」です（使用可能: "
                                f"{', '.join(a for a in ACTIONS if a not in ('review', 'decide'))}"
                                "。レビューと決定は [review] と [decision] で指定します）",
                                f"unknown action '{action}'")
            result[action] = self.roles(table, ["permissions", action])
        result["review"] = self.roles(review, ["review", "reviewer_roles"])
        result["decide"] = self.roles(decision, ["decision", "decider_roles"])
        return result

    def local_patterns(self) -> tuple[LocalPattern, ...]:
        """[[patterns]]: the city's own identifiers, compiled here so a bad expression stops
        start-up with its line."""
        entries = self.data.get("patterns", [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise self.fail(["patterns", ""], "[[patterns]] の表が必要です", "[[patterns]] tables")
        result: list[LocalPattern] = []
        for i, e in enumerate(entries):
            key: list[str | int] = ["patterns", i]
            category = self.string(e, [*key, "category"])
            if category not in SCREENING_CATEGORIES:
                raise self.fail([*key, "category"], f"未知の区分「{category}」です（使用可能: "
                                f"{', '.join(SCREENING_CATEGORIES)}）", f"unknown category '{category}'")
            pattern = self.string(e, [*key, "pattern"])
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                raise self.fail([*key, "pattern"], f"正規表現として読めません（{exc}）",
                                f"not a regular expression: {exc}") from exc
            if compiled.match(""):
                raise self.fail([*key, "pattern"], "空の文字列に一致する正規表現は使えません",
                                "the pattern matches the empty string")
            context = e.get("context", [])
            if not isinstance(context, list) or not all(isinstance(c, str) and c for c in context):
                raise self.fail([*key, "context"], "文字列の一覧が必要です", "a list of strings")
            window = e.get("window", 20)
            if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 200:
                raise self.fail([*key, "window"], "1〜200 の整数（文字数）が必要です",
                                "an integer 1..200 is required")
            checksum = e.get("checksum")
            if checksum is not None and checksum not in CHECKSUMS:
                raise self.fail([*key, "checksum"], f"検査方式は {', '.join(CHECKSUMS)} の"
                                "いずれかです", f"checksum must be one of {', '.join(CHECKSUMS)}")
            severity = e.get("severity")
            if severity not in SEVERITIES:
                raise self.fail([*key, "severity"], "block または warn を指定してください",
                                "severity must be 'block' or 'warn'")
            name = self.string(e, [*key, "name"])
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or any(p.name == name for p in result):
                raise self.fail([*key, "name"], "英小文字・数字・_ の、重複しない名前が必要です",
                                "a unique lower-case name is required")
            unknown = set(e) - {"name", "category", "pattern", "context", "window", "checksum",
                                "severity"}
            if unknown:
                raise self.fail([*key, sorted(unknown)[0]], f"未知のキー「{sorted(unknown)[0]}」です",
                                f"unknown key '{sorted(unknown)[0]}'")
            result.append(LocalPattern(name, category, pattern, tuple(context), window,
                                       checksum, severity))
        return tuple(result)

    def marking_words(self) -> tuple[str, ...]:
        """[screening_words] markings: the city's own confidentiality markings (「庁内限り」…)."""
        table = self.data.get("screening_words", {})
        if not isinstance(table, dict):
            raise self.fail(["screening_words", ""], "表が必要です", "a table is required")
        words = table.get("markings", [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise self.fail(["screening_words", "markings"], "空でない文字列の一覧が必要です",
                            "a list of non-empty strings")
        return tuple(w.strip() for w in words)


    def count(self, where: dict[str, Any], key: list[str | int], default: int,
              upper: int) -> int:
        value = where.get(str(key[-1]), default)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= upper:
            raise self.fail(key, f"1〜{upper} の整数が必要です", f"an integer 1..{upper} required")
        return value

    def input_files(self) -> InputFilePolicy:
        """The optional [input_files] table: limits on a file a user adds to the input."""
        table = self.data.get("input_files", {})
        if not isinstance(table, dict):
            raise self.fail(["input_files", ""], "表 [input_files] が必要です",
                            "[input_files] must be a table")
        return InputFilePolicy(
            max_bytes=self.count(table, ["input_files", "max_bytes"],
                                 INPUT_FILE_DEFAULTS.max_bytes, 10_000_000),
            max_chars=self.count(table, ["input_files", "max_chars"],
                                 INPUT_FILE_DEFAULTS.max_chars, 100_000))

    def retention(self) -> dict[str, int]:
        """The optional [retention] table: years each kind of record is kept (0 = 永年).
        A kind left out is kept for good; `anshin retention` only lists, never deletes."""
        table = self.data.get("retention", {})
        if not isinstance(table, dict):
            raise self.fail(["retention", ""], "表が必要です", "a table is required")
        years = {}
        for kind, value in table.items():
            if kind not in RETENTION_KINDS:
                raise self.fail(["retention", kind], f"記録の種類は {', '.join(RETENTION_KINDS)} です",
                                f"record kinds are {', '.join(RETENTION_KINDS)}")
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
                raise self.fail(["retention", kind], "0〜100 の整数（年。0 は永年）が必要です",
                                "an integer number of years 0..100 is required")
            years[kind] = value
        return years

    def transparency(self) -> TransparencyPolicy:
        """The optional [transparency] table. A key location is `file:…` or `env:NAME`; a
        value that looks like a key itself is refused (it would live in the policy file)."""
        from anshin.tlog_keys import valid_key_name
        from checks.secrets import find_secret

        table = self.data.get("transparency", {})
        if not isinstance(table, dict):
            raise self.fail(["transparency", ""], "表が必要です", "a table is required")
        d = TRANSPARENCY_DEFAULTS
        origin = table.get("origin", d.origin)
        if not isinstance(origin, str) or not valid_key_name(origin) or origin.startswith("{"):
            raise self.fail(["transparency", "origin"],
                            "記録の名前（空白・「+」を含まない文字列。例: niiza.lg.jp/anshin）が必要です",
                            "a log name without spaces or '+' is required")
        locations = {}
        for name, default in (("signing_key", d.signing_key), ("witness_key", d.witness_key)):
            value = table.get(name, default)
            ok = isinstance(value, str) and (
                (value == "" and name == "witness_key")
                or (_KEY_LOCATION.fullmatch(value) is not None and find_secret(value) is None))
            if not ok:
                raise self.fail(["transparency", name],
                                "鍵の置き場所（file:パス または env:環境変数名）が必要です。"
                                "鍵そのものは書きません",
                                "a key location (file:PATH or env:NAME) is required, never the key")
            locations[name] = value
        hours = table.get("checkpoint_max_age_hours", d.checkpoint_max_age_hours)
        if not isinstance(hours, int) or isinstance(hours, bool) or not 1 <= hours <= 24:
            raise self.fail(["transparency", "checkpoint_max_age_hours"],
                            "1〜24 の整数（時間）が必要です", "an integer 1..24 (hours) is required")
        return TransparencyPolicy(origin, locations["signing_key"], locations["witness_key"],
                                  hours)

    def mail(self) -> MailPolicy | None:
        """The optional [mail] table (SMTP server, sender, page link)."""
        table = self.data.get("mail")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise self.fail(["mail", ""], "表 [mail] が必要です", "[mail] must be a table")
        port = table.get("port", 25)
        if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
            raise self.fail(["mail", "port"], "1〜65535 の整数が必要です",
                            "an integer port 1..65535 is required")
        optional = {}
        for key in ("page_url", "username", "password_env"):
            value = table.get(key, "")
            if not isinstance(value, str):
                raise self.fail(["mail", key], "文字列が必要です", "a string is required")
            optional[key] = value.strip()
        return MailPolicy(
            host=self.string(table, ["mail", "host"]), port=port,
            sender=self.string(table, ["mail", "sender"]),
            starttls=self.boolean(table, ["mail", "starttls"], default=False), **optional)

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
        turns = self.count(table, ["model", "max_turns"], MODEL_DEFAULTS.max_turns, 200)
        return ModelCallPolicy(prompt.strip(), deadline, first_byte, turns)

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
                    clause=self.string(c, ["categories", i, "clause"]),
                    training_tasks=self.training_tasks(c, i),
                )
            )
        ids = [c.id for c in result]
        for i, cid in enumerate(ids):
            if ids.index(cid) != i:
                raise self.fail(["categories", i, "id"], f"id「{cid}」が重複しています", "duplicate id")
        return tuple(result)

    def training_tasks(self, category: dict[str, Any], i: int) -> tuple[str, ...]:
        """The training page's kinds of work (`anshin.model_server.scenarios.TASKS`) that
        show this use category."""
        from anshin.model_server.scenarios import TASKS

        tasks = category.get("training_tasks", [])
        if not isinstance(tasks, list) or any(t not in TASKS for t in tasks):
            raise self.fail(["categories", i, "training_tasks"],
                            f"研修の種類の一覧が必要です（使用可能: {', '.join(TASKS)}）",
                            f"a list of training tasks ({', '.join(TASKS)})")
        return tuple(tasks)

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
