"""The session record: every session archived as a notebook (.ipynb) and its HTML export,
rewritten as the session moves, so an unfinished session still leaves an honest record.

How untrusted text stays inert (user and model text: purpose, the text sent, the output,
comments, edited texts, reasons, names):

* It only ever goes into `text/plain` outputs or into cells of our own table JSON
  (`application/vnd.anshin.table+json`, with a `text/plain` fallback for Jupyter). Markdown
  cells hold nothing but the fixed labels of `anshin.records_texts`.
* `inert_notebook` is the preprocessing pass run before both files are written: it keeps
  only `stream`, `text/plain` and our table data, drops every other MIME type (text/html,
  text/markdown, images, SVG, `application/javascript`, widget views), error outputs, raw
  cells, attachments and `metadata.widgets`.
* The HTML is exported by nbconvert with our own template (`anshin/record_template/`), which
  is the sanitiser: an allow-list that renders markdown cells, escapes `text/plain` and every
  table cell with Jinja's `escape`, and renders nothing else. No script element, no CDN
  (no require.js, no MathJax), no web font, `<html lang="ja">`, and a
  `Content-Security-Policy` meta (`default-src 'none'`) as a second wall.
  nbconvert's own `sanitize_html` stays off on purpose: its allow-list turns our headings
  into literal `<h2 …>` text and adds nothing once no untrusted text is ever HTML.
  Images are never embedded (`embed_images=False`).

Speed: nbconvert is imported on the first write only (about 2 s cold) and one exporter is
reused per writer; a warm write of both files takes a few tens of milliseconds.

Files live at `archive/YYYY/MM/<session-id>.ipynb|.html` (year and month of the session's
creation, JST, so a session's files never move); each file's sha256 is appended to the chain
as a `record.exported` event, and `anshin.verify` checks the files against those events.

Transparency log (issue 15): before the files are written, the notebook's content hash is
appended as a `record.committed` event; the record then carries, in
`metadata.anshin.transparency`, that event as a leaf, its inclusion proof and the city's
signed checkpoint of the tree ending at it (`anshin.tlog_checkpoints`), so one file can be
checked with no database by `anshin.tlog_verify` (and the HTML shows the same proof). When
the session is decided or abandoned that checkpoint is also kept in `archive/checkpoints/`.

Crash-consistency: a write is (1) both files written in full, fsynced, as *pending* files
named by their content hash (`.<name>.<sha256[:16]>.pending`), (2) the `record.exported`
events committed, (3) each pending file renamed over its record (`rebuild` also removes
what earlier crashes left behind). A process killed anywhere leaves the old state (before
2: the records match the old events, pending files are ignored) or the new one (after 2:
each record matches the new event or its pending file does — `anshin verify` says
「記録ファイルが古い」, not 改ざん, and `anshin rebuild-records` rewrites it). A pending
file is replaced only by a complete file of the same content, so a second crash cannot
destroy the first one's state.
`ANSHIN_RECORDS_KILL_AT` (a step name of `KILL_POINTS`) makes the writer SIGKILL itself
there: the crash tests use it to kill a real process at each step.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import signal
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anshin import records_texts as t
from anshin.clock import japan_date, japan_time
from anshin.events import decode
from anshin.input_history import InputAttempt, input_attempts
from anshin.lifecycle import RECORD_KINDS, Kind, State
from anshin.output_checking import output_clause
from anshin.policy import Policy
from anshin.session import SessionView, StoredFinding, fold, text_sha256
from anshin.store import Event, EventStore, NewEvent, chain_entry
from anshin.tlog_checkpoints import Notary
from anshin.tlog_verify import RECORD_PROOF_FORMAT, record_content_sha256
from anshin.wording import current as current_wording
from checks.output.texts import CATEGORY_LABELS as OUTPUT_CATEGORY_LABELS

log = logging.getLogger(__name__)

TABLE_MIME = "application/vnd.anshin.table+json"
RECORD_FORMAT = "anshin-record/1"
RECORDER_ACTOR = "anshin.records"
TEMPLATE_DIR = Path(__file__).resolve().parent / "record_template"
TEMPLATE_NAME = "anshin_record"
_KEPT_MIME = ("text/plain", TABLE_MIME)
KILL_POINTS = ("pending", "exported", "renamed-first", "renamed")


@dataclass(frozen=True)
class RecordPaths:
    """Where one session's record lives."""

    ipynb: Path
    html: Path


def record_dir(archive_dir: Path, created_at: str) -> Path:
    """`archive/YYYY/MM` from the session's creation time (JST), so files never move."""
    local = japan_date(created_at)
    return archive_dir / f"{local.year:04d}" / f"{local.month:02d}"


def record_paths(archive_dir: Path, session_id: str, created_at: str) -> RecordPaths:
    folder = record_dir(archive_dir, created_at)
    return RecordPaths(folder / f"{session_id}.ipynb", folder / f"{session_id}.html")


class RecordWriter:
    """Render a session to its record files and seal their hashes into the chain."""

    def __init__(self, archive_dir: Path, store: EventStore, policy: Policy,
                 notary: Notary | None = None) -> None:
        self.archive_dir = Path(archive_dir)
        self.store = store
        self.policy = policy
        self.notary = notary or Notary.for_store(store, policy, self.archive_dir)
        self._exporter: Any = None
        self._lock = threading.Lock()

    def write(self, view: SessionView) -> RecordPaths:
        """Write the .ipynb and .html of `view` and append one `record.exported` per file.

        Two processes may record the same session at once (two reviewers signing); under a
        per-session file lock the session is re-read if the store has moved past `view`,
        so the last writer always writes the newest state.
        """
        paths = record_paths(self.archive_dir, view.session_id, view.created_at)
        paths.ipynb.parent.mkdir(parents=True, exist_ok=True)
        lock_path = paths.ipynb.parent / f".{view.session_id}.lock"
        with self._lock, _file_lock(lock_path):
            view = self._latest(view)
            nb = build_notebook(view, self.policy)
            inert_notebook(nb)
            ipynb = self._prove(view, nb)
            html = self._export_html(nb)
            digests = {}
            for path, data in ((paths.ipynb, ipynb), (paths.html, html)):
                digests[path] = hashlib.sha256(data).hexdigest()
                _write_durably(pending_path(path, digests[path]), data)
            _crash_point("pending")
            chain = nb.metadata["anshin"]["chain"]
            self.store.append_many([
                NewEvent(Kind.RECORD_EXPORTED.value, RECORDER_ACTOR, view.session_id, {
                    "path": path.relative_to(self.archive_dir).as_posix(),
                    "format": path.suffix.lstrip("."),
                    "sha256": digest,
                    "chain_seq": chain["seq"],
                    "chain_hash": chain["hash"],
                })
                for path, digest in digests.items()
            ])
            _crash_point("exported")
            for n, (path, digest) in enumerate(digests.items()):
                os.replace(pending_path(path, digest), path)
                _fsync_dir(path.parent)
                _crash_point("renamed-first" if n == 0 else "renamed")
        return paths

    def _prove(self, view: SessionView, nb: Any) -> bytes:
        """Commit the content hash as a log leaf and embed its proof and signed checkpoint
        (in `nb`, for the HTML, and in the returned `.ipynb` bytes); a final record's
        checkpoint is kept (the checkpoint of its decision). The notebook is serialised
        once: the proof is added to the parsed file, written back as nbformat writes it."""
        content = json.loads(_notebook_bytes(nb))
        commit = self.store.append(NewEvent(
            Kind.RECORD_COMMITTED.value, RECORDER_ACTOR, view.session_id,
            {"content_sha256": record_content_sha256(content)}))
        proof = self.notary.prove(commit.seq)
        note = proof.note
        if view.state in (State.DECIDED, State.ABANDONED):
            _path, note = self.notary.publish(note)
        else:
            self.notary.ensure_fresh()
        transparency = {
            "format": RECORD_PROOF_FORMAT,
            "leaf_index": proof.index,
            "leaf": chain_entry(commit.prev_hash, commit.body())[64:].decode("utf-8"),
            "inclusion": proof.inclusion_b64(),
            "checkpoint": note,
        }
        nb.metadata["anshin"]["transparency"] = transparency
        content["metadata"]["anshin"]["transparency"] = transparency
        return (json.dumps(content, indent=1, sort_keys=True, separators=(",", ": "),
                           ensure_ascii=False) + "\n").encode("utf-8")

    def rebuild(self, view: SessionView) -> RecordPaths:
        """Rewrite a stale record from the chain, then remove what earlier crashes left
        behind (pending and temporary files of this session; verify ignores them)."""
        paths = self.write(view)
        for path in (paths.ipynb, paths.html):
            for leftover in (*path.parent.glob(f".{path.name}.*.pending"),
                             *path.parent.glob(f"..{path.name}.*.pending.tmp*")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
        return paths

    def _latest(self, view: SessionView) -> SessionView:
        newer = self.store.read(session_id=view.session_id, after_seq=view.last_seq)
        if any(ev.kind not in RECORD_KINDS for ev in newer):
            return fold(self.store.read(session_id=view.session_id))
        return view

    def _export_html(self, nb: Any) -> bytes:
        if self._exporter is None:
            from nbconvert import HTMLExporter

            self._exporter = HTMLExporter(
                extra_template_basedirs=[str(TEMPLATE_DIR)],
                template_name=TEMPLATE_NAME,
                sanitize_html=False,   # the template is the allow-list; see the docstring
                embed_images=False,
                exclude_input=True,
            )
        body, _resources = self._exporter.from_notebook_node(
            nb, resources={"anshin_texts": t.HTML_TEXTS})
        return body.encode("utf-8")


# -- the notebook ----------------------------------------------------------------------------
def build_notebook(view: SessionView, policy: Policy) -> Any:
    """The record notebook of `view` (nbformat v4.5), before `inert_notebook`."""
    import nbformat.v4 as v4

    b = _Builder(v4)
    prefix = (t.DEMO_TITLE_PREFIX if view.demo
              else t.TRAINING_TITLE_PREFIX if view.training else "")
    title = prefix + t.RECORD_TITLE
    head = [f"# {title}"]
    if view.demo:
        head.append(f"> {t.DEMO_NOTICE}")
    elif view.training:
        head.append(f"> {t.TRAINING_NOTICE}")
    if view.state == State.DECIDED:
        head.append(f"> {t.FINAL_NOTICE}")
    elif view.state == State.ABANDONED:
        head.append(f"> {t.ABANDONED_NOTICE}")
    else:
        head.append(f"> {t.DRAFT_NOTICE}")
    b.markdown("\n\n".join(head))
    _summary(b, view, policy)
    _purpose(b, view, policy)
    _input(b, view, policy)
    _conversation(b, view)
    _generation(b, view)
    _output_check(b, view, policy)
    _review(b, view, policy)
    _decision(b, view)
    _chain(b, view)

    start = decode(view.events[0]) if view.events and view.events[0].kind == Kind.STARTED else None
    last = view.events[-1] if view.events else None
    nb = v4.new_notebook(cells=b.cells)
    nb.metadata["title"] = f"{title} {view.session_id}"
    nb.metadata["language_info"] = {"name": "text"}
    nb.metadata["anshin"] = {
        "record_format": RECORD_FORMAT,
        "session_id": view.session_id,
        "state": str(view.state),
        "training": view.training,
        "demo": view.demo,
        "author": view.author,
        "author_authenticated": view.author_authenticated,
        "author_name": view.author_name,
        "department": view.department,
        "policy": {
            "id": start.policy_id if start and start.policy_id else policy.id,
            "version": view.policy_version,
            "sha256": start.policy_sha256 if start else "",
        },
        "service": view.service_id,
        "model": view.model,
        "created": view.created_at,
        "updated": view.updated_at,
        "outcome": view.decision.outcome if view.decision else None,
        "final_sha256": view.decision.final_sha256 if view.decision else None,
        "published_source": (view.published_source.to_payload()
                             if view.published_source else None),
        "chain": {"seq": last.seq if last else 0, "hash": last.hash if last else ""},
    }
    return nb


def inert_notebook(nb: Any) -> Any:
    """Keep only what renders inert everywhere: see the module docstring. In place."""
    nb.metadata.pop("widgets", None)
    kept = []
    for cell in nb.cells:
        if cell.cell_type == "raw":
            continue
        cell.pop("attachments", None)
        if cell.cell_type == "code":
            outputs = []
            for output in cell.get("outputs", []):
                if output.output_type == "stream":
                    outputs.append(output)
                elif output.output_type in ("display_data", "execute_result"):
                    data = {k: v for k, v in output.data.items() if k in _KEPT_MIME}
                    if data:
                        output.data = data
                        outputs.append(output)
            cell.outputs = outputs
        kept.append(cell)
    nb.cells = kept
    return nb


class _Builder:
    """Cells with deterministic ids: markdown for our labels, outputs for everything else."""

    def __init__(self, v4: Any) -> None:
        self.v4 = v4
        self.cells: list[Any] = []
        self._outputs: list[Any] | None = None

    def markdown(self, source: str) -> None:
        self.cells.append(self.v4.new_markdown_cell(source, id=f"md-{len(self.cells)}"))
        self._outputs = None

    def section(self, heading: str) -> None:
        self.markdown(f"## {heading}")

    def _out(self, output: Any) -> None:
        if self._outputs is None:
            cell = self.v4.new_code_cell("", id=f"out-{len(self.cells)}", outputs=[],
                                         metadata={"jupyter": {"source_hidden": True},
                                                   "editable": False, "deletable": False})
            self.cells.append(cell)
            self._outputs = cell.outputs
        self._outputs.append(output)

    def label(self, text: str) -> None:
        self._out(self.v4.new_output("display_data", data={"text/plain": f"【{text}】"},
                                     metadata={"anshin": {"role": "label"}}))

    def text(self, value: str) -> None:
        self._out(self.v4.new_output("display_data", data={"text/plain": value}))

    def field(self, label: str, value: str | None) -> None:
        self.label(label)
        self.text(value if value else t.NOT_YET)

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[Any]],
              style: str = "grid") -> None:
        cells = [[v if isinstance(v, int) else str(v if v is not None else "") for v in row]
                 for row in rows]
        self._out(self.v4.new_output("display_data", data={
            "text/plain": plain_table(columns, cells),
            TABLE_MIME: {"columns": list(columns), "rows": cells, "style": style},
        }))

    def pairs(self, rows: Sequence[tuple[str, Any]]) -> None:
        self.table(("項目", "内容"), rows, style="pairs")


def plain_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A text table aligned for a monospace font, counting East Asian wide characters."""
    table = [[str(c) for c in columns]] + [[str(v).replace("\n", " ⏎ ") for v in r] for r in rows]
    widths = [max(_width(row[i]) for row in table) for i in range(len(columns))]
    lines = []
    for n, row in enumerate(table):
        lines.append("  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths, strict=True))
                     .rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# -- sections --------------------------------------------------------------------------------
def _person(name: str, person_id: str) -> str:
    return f"{name}（{person_id}）" if name else person_id


def _summary(b: _Builder, view: SessionView, policy: Policy) -> None:
    start = decode(view.events[0]) if view.events and view.events[0].kind == Kind.STARTED else None
    last = view.events[-1] if view.events else None
    started_under = start.policy_id if start and start.policy_id else policy.id
    policy_label = (f"{policy.title} {view.policy_version}版"
                    if started_under == policy.id else view.policy_version)
    b.section(t.H_SUMMARY)
    b.pairs([
        (t.F_SESSION_ID, view.session_id),
        (t.F_STATE, t.STATE_LABELS.get(str(view.state), str(view.state))),
        (t.F_AUTHOR, _person(view.author_name, view.author)),
        (t.F_IDENTITY, t.IDENTITY_LABELS[view.author_authenticated]),
        (t.F_DEPARTMENT, view.department),
        (t.F_CREATED, japan_time(view.created_at)),
        (t.F_UPDATED, japan_time(view.updated_at)),
        (t.F_POLICY, f"{policy_label}（{started_under}）"),
        (t.F_POLICY_SHA, start.policy_sha256 if start else ""),
        (t.F_SERVICE, view.service_id or t.NOT_YET),
        (t.F_MODEL, view.model or t.NOT_YET),
        (t.F_TRAINING, t.YES if view.training else t.NO),
        (t.F_DEMO, t.YES if view.demo else t.NO),
        (t.F_CHAIN, f"{last.seq} / {last.hash[:16]}" if last else ""),
    ])


def _purpose(b: _Builder, view: SessionView, policy: Policy) -> None:
    b.section(t.H_PURPOSE)
    if view.category is None:
        b.text(t.NOT_YET)
        return
    category = policy.category(view.category)
    b.pairs([(t.F_CATEGORY, category.display if category else view.category)])
    b.field(t.F_PURPOSE, view.purpose)
    b.field(t.F_INTENDED_USE, view.intended_use)
    if view.reason:
        b.field(t.F_REASON, view.reason)


def _category_label(category: str, policy: Policy) -> tuple[str, str]:
    rule = policy.screening.get(category)
    if rule is not None:
        return rule.label, rule.clause
    if category in OUTPUT_CATEGORY_LABELS:
        return OUTPUT_CATEGORY_LABELS[category], output_clause(category, policy)
    return category, ""


def _findings_table(b: _Builder, findings: Sequence[StoredFinding], policy: Policy) -> None:
    if not findings:
        b.text(t.NONE)
        return
    rows = []
    for f in findings:
        label, clause = _category_label(f.category, policy)
        rows.append((label, clause, t.SEVERITY_LABELS.get(f.severity, f.severity),
                     t.POSITION.format(start=f.start + 1, end=f.end), f.rule_id))
    b.table(t.FINDING_COLUMNS, rows)


def _published_source(b: _Builder, view: SessionView, policy: Policy) -> None:
    """The author's declaration that the text is published material, and its source."""
    b.label(t.F_PUBLISHED.format(clause=policy.published_material.clause))
    source = view.published_source
    if source is None:
        b.text(t.PUBLISHED_NONE)
        return
    declared = _last(view.events, Kind.SOURCE_DECLARED)
    b.pairs([
        (t.F_SOURCE_TITLE, source.title),
        (t.F_SOURCE_ISSUER, source.issuer or t.NONE),
        (t.F_SOURCE_URL, source.url or t.NONE),
        (t.F_SOURCE_DATE, source.issued_on or t.NONE),
        (t.F_SOURCE_DECLARED_AT, japan_time(declared.at) if declared else ""),
    ])
    b.text(policy.published_material.screening_note)


def _input(b: _Builder, view: SessionView, policy: Policy) -> None:
    b.section(t.H_INPUT)
    _published_source(b, view, policy)
    _attempts(b, input_attempts(view.events), policy)
    b.field(t.F_TEXT_SENT, view.text_sent)
    screened = _last(view.events, Kind.INPUT_SCREENED)
    blocked = [ev for ev in view.events
               if ev.kind == Kind.INPUT_CHECKED and decode(ev).blocked]
    rows: list[tuple[str, Any]] = []
    if screened is not None:
        s = decode(screened)
        rows += [
            (t.F_ACKNOWLEDGED, f"{len(s.acknowledged)}件"),
            (t.F_ATTESTED, t.YES if s.attest_publishable else t.NO),
            (t.F_THIRD_PARTY, t.YES if s.third_party_material else t.NO),
            (t.F_SCREENED_AS_PUBLISHED, t.YES if s.published else t.NO),
        ]
    b.pairs([*rows, (t.F_BLOCKED_COUNT, f"{len(blocked)}回")])


def _attempts(b: _Builder, attempts: Sequence[InputAttempt], policy: Policy) -> None:
    """Every check of the input, each finding with what was done about it."""
    b.label(t.F_ATTEMPTS.format(count=len(attempts)))
    if not attempts:
        b.text(t.NO_ATTEMPTS)
        return
    for attempt in attempts:
        status = (t.ATTEMPT_STATUS_BLOCKED if attempt.blocked
                  else t.ATTEMPT_STATUS_WARN if attempt.findings else t.ATTEMPT_STATUS_CLEAN)
        if attempt.confirmed:
            status += f"・{t.ATTEMPT_CONFIRMED}"
        length = t.ATTEMPT_LENGTH_UNKNOWN if attempt.length is None else attempt.length
        b.label(t.F_ATTEMPT_HEAD.format(n=attempt.n, at=japan_time(attempt.at),
                                        length=length, status=status))
        rows = []
        for done in attempt.findings:
            f = done.finding
            label, clause = _category_label(f.category, policy)
            rows.append((label, clause, t.SEVERITY_LABELS.get(f.severity, f.severity),
                         t.POSITION.format(start=f.start + 1, end=f.end), f.rule_id,
                         t.FINDING_OUTCOME_LABELS[done.outcome].format(
                             placeholder=done.placeholder or "")))
        if rows:
            b.table(t.ATTEMPT_COLUMNS, rows)
        if attempt.redacted_text is not None:
            b.label(t.F_BLOCKED_TEXT)
            b.text(attempt.redacted_text)


def _conversation(b: _Builder, view: SessionView) -> None:
    """The dialogue turn by turn, as sent and received (issue 16): every question as it was
    screened, every answer, and answers the author had made again."""
    b.section(t.H_CONVERSATION)
    turns = view.all_turns
    b.pairs([(t.F_TURN_COUNT, f"{len(turns)}件")])
    if not turns:
        b.text(t.NO_TURNS)
        return
    for turn in turns:
        b.field(t.F_TURN_QUESTION.format(n=turn.n), turn.text_sent)
        for k, earlier in enumerate(turn.set_aside, start=1):
            b.field(t.F_TURN_SET_ASIDE.format(n=turn.n, k=k), earlier)
        b.field(t.F_TURN_ANSWER.format(n=turn.n), turn.output or t.NOT_YET)


def _generation(b: _Builder, view: SessionView) -> None:
    b.section(t.H_GENERATION)
    attempts = [ev for ev in view.events if ev.kind in (
        Kind.GENERATION_STARTED, Kind.GENERATION_COMPLETED, Kind.GENERATION_FAILED)]
    if not attempts:
        b.text(t.NO_GENERATION)
        return
    n = 0
    open_attempt = False
    for ev in attempts:
        p = decode(ev)
        if ev.kind == Kind.GENERATION_STARTED or not open_attempt:
            n += 1
            b.label(f"{t.F_ATTEMPT.format(n=n)}（{japan_time(ev.at)}）")
        if ev.kind == Kind.GENERATION_STARTED:
            open_attempt = True
            b.pairs([(t.F_SERVICE, p.service_id), (t.F_MODEL, p.model)])
            b.label(t.F_MESSAGES)
            for message in p.messages:
                role = str(message.get("role", ""))
                b.label(t.ROLE_LABELS.get(role, role))
                b.text(str(message.get("content", "")))
        elif ev.kind == Kind.GENERATION_COMPLETED:
            open_attempt = False
            b.field(t.F_OUTPUT, p.output)
            b.pairs([(t.F_FINISH, p.finish_reason)]
                    + [(f"{t.F_USAGE}: {k}", json.dumps(v, ensure_ascii=False)
                        if not isinstance(v, int) else v) for k, v in sorted(p.usage.items())])
        else:
            open_attempt = False
            b.pairs([(t.F_INCOMPLETE + t.F_ERROR, p.message_ja or p.error_kind)])
            if p.partial_output or p.incomplete:
                b.label(t.F_PARTIAL)
                b.text(p.partial_output or t.NONE)
    if open_attempt:
        b.label(t.F_PARTIAL)
        b.text(t.NOT_YET)


def _output_check(b: _Builder, view: SessionView, policy: Policy) -> None:
    b.section(t.H_OUTPUT_CHECK)
    if _last(view.events, Kind.OUTPUT_CHECKED) is None:
        b.text(t.NOT_YET)
        return
    b.text(t.OUTPUT_FINDINGS_NOTE)
    _findings_table(b, view.output_findings, policy)


def _review(b: _Builder, view: SessionView, policy: Policy) -> None:
    b.section(t.H_REVIEW)
    b.text(t.REVIEW_REQUIRED.format(required=policy.min_reviewers, count=view.counted_reviews))
    if not view.reviews:
        b.text(t.NO_REVIEWS)
        return
    items = {item.id: item for item in policy.review_items}
    versions = _versions(b, view)
    for n, review in enumerate(view.reviews, start=1):
        b.label(t.F_REVIEWER.format(n=n, name=review.reviewer_name, id=review.reviewer))
        b.text(t.F_REVIEWER_META.format(
            department=review.department, role=current_wording().role(review.role),
            at=japan_time(review.at),
            counts=t.COUNTS if view.review_counts(review) else t.NOT_COUNTED)
            + f" ／ {t.F_IDENTITY}: {t.IDENTITY_LABELS[review.authenticated]}")
        b.text(t.F_REVIEWED_TEXT.format(version=versions.get(review.text_sha256,
                                                             t.VERSION_UNKNOWN),
                                        sha=review.text_sha256))
        if review in view.lapsed_reviews:
            b.text(t.REVIEW_LAPSED)
        order = [i for i in items if i in review.answers]
        order += [i for i in review.answers if i not in items]
        rows = []
        for item_id in order:
            item, answer = items.get(item_id), review.answers[item_id]
            verdict = answer.get("verdict", "")
            rows.append((item.question if item else item_id, item.clause if item else "",
                         t.VERDICT_LABELS.get(verdict, verdict), answer.get("comment", "")))
        b.table(t.REVIEW_COLUMNS, rows)
        b.field(t.F_COMMENT, review.comment or t.NONE)
        if review.edited_text:
            b.field(t.F_EDITED, review.edited_text)


def _versions(b: _Builder, view: SessionView) -> dict[str, str]:
    """Each text put under review (outputs, the author's revisions), once, in full, with
    its SHA-256; returns sha → its name so each review can say which one it signed."""
    texts_seen: list[tuple[str, str]] = []
    outputs = 0
    for ev in view.events:
        if ev.kind == Kind.GENERATION_STARTED:
            outputs += 1
        elif ev.kind == Kind.GENERATION_COMPLETED:
            texts_seen.append((t.VERSION_OUTPUT.format(n=outputs), decode(ev).output))
        elif ev.kind == Kind.TEXT_REVISED:
            revised = decode(ev)
            source = t.REVISION_SOURCES.get(revised.source, "").format(
                reviewer=revised.from_reviewer)
            texts_seen.append((t.VERSION_REVISED.format(source=source, at=japan_time(ev.at),
                                                        by=ev.actor), revised.text))
    reviewed = {r.text_sha256 for r in view.reviews}
    current = view.text_under_review_sha256
    names: dict[str, str] = {}
    shown = [(label, text) for label, text in texts_seen
             if text_sha256(text) in reviewed or text_sha256(text) == current]
    if shown:
        b.label(t.H_VERSIONS)
    for label, text in shown:
        sha = text_sha256(text)
        if sha in names:
            continue
        names[sha] = t.VERSION_NAME.format(n=len(names) + 1)
        b.label(f"{names[sha]}: {label}" + (t.F_VERSION_CURRENT if sha == current else ""))
        b.pairs([(t.F_VERSION_SHA, sha)])
        b.text(text)
    return names


def _decision(b: _Builder, view: SessionView) -> None:
    if view.abandoned_at is not None:
        b.section(t.H_ABANDONED)
        b.pairs([(t.F_DECIDED_AT, japan_time(view.abandoned_at))])
        b.field(t.F_ABANDON_REASON, view.abandon_reason or t.NONE)
        return
    b.section(t.H_DECISION)
    d = view.decision
    if d is None:
        b.text(t.NO_DECISION)
        return
    counted = next((decode(ev).reviews_counted for ev in reversed(view.events)
                    if ev.kind == Kind.DECIDED), None) or []
    by_seq = {r.seq: r for r in view.reviews}
    b.pairs([
        (t.F_DECIDER, _person(d.decider_name, d.decider)),
        (t.F_IDENTITY, t.IDENTITY_LABELS[d.authenticated]),
        (t.F_OUTCOME, t.OUTCOME_LABELS.get(d.outcome, d.outcome)),
        (t.F_DECIDED_AT, japan_time(d.at)),
        (t.F_REVIEWED_SHA, d.reviewed_sha256 or ""),
        (t.F_COUNTED_REVIEWS, "、".join(_person(by_seq[s].reviewer_name, by_seq[s].reviewer)
                                        for s in counted if s in by_seq) or t.NONE),
        (t.F_FINAL_SOURCE, t.FINAL_SOURCES.get(d.source or "", t.NONE)),
        (t.F_FINAL_SHA, d.final_sha256 or t.NONE),
    ])
    b.field(t.F_DECISION_REASON, d.reason)
    if d.override_reason:
        b.pairs([(t.F_OVERRIDDEN, "、".join(d.overridden))])
        b.field(t.F_OVERRIDE, d.override_reason)
    b.label(t.F_FINAL_TEXT)
    b.text(d.final_text if d.final_text is not None else t.NO_FINAL_TEXT)


def _chain(b: _Builder, view: SessionView) -> None:
    b.section(t.H_CHAIN)
    b.text(t.CHAIN_NOTE)
    b.table(t.CHAIN_COLUMNS, _chain_rows(view.events))


def _chain_rows(events: Sequence[Event]) -> list[tuple[Any, ...]]:
    """One row per session event, and the record's own events (`record.committed` and two
    `record.exported` per write) folded into one last row, so the table shows what
    happened, not every write."""
    rows: list[tuple[Any, ...]] = []
    exports = [ev for ev in events if ev.kind in RECORD_KINDS]
    for ev in events:
        if ev.kind not in RECORD_KINDS:
            rows.append((ev.seq, f"{t.EVENT_LABELS.get(ev.kind, ev.kind)}（{ev.kind}）",
                         ev.actor, japan_time(ev.at), ev.hash[:16]))
    if exports:
        first, last = exports[0], exports[-1]
        rows.append((f"{first.seq}〜{last.seq}",
                     t.CHAIN_EXPORTS.format(count=len(exports), first=first.seq, last=last.seq)
                     + f"（{Kind.RECORD_EXPORTED.value}）", first.actor,
                     japan_time(last.at), last.hash[:16]))
    return rows


def _last(events: Sequence[Event], kind: Kind) -> Event | None:
    return next((ev for ev in reversed(events) if ev.kind == kind), None)


# -- files -----------------------------------------------------------------------------------
def _notebook_bytes(nb: Any) -> bytes:
    import nbformat

    return (nbformat.writes(nb, version=4) + "\n").encode("utf-8")


def pending_path(path: Path, sha256: str) -> Path:
    """Where the next content of `path` waits until its `record.exported` is committed."""
    return path.with_name(f".{path.name}.{sha256[:16]}.pending")


def _write_durably(path: Path, data: bytes) -> None:
    """The whole file under a temporary name, fsynced, renamed, folder fsynced: `path` is
    complete whenever it exists, even if an earlier crash left one of the same name."""
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}-{threading.get_ident()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _crash_point(step: str) -> None:
    """Die here, as a power cut or `kill -9` would, when the crash tests ask for `step`."""
    if os.environ.get("ANSHIN_RECORDS_KILL_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with open(path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
