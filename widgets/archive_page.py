"""The archive (auditors and the Director): browse and search session records, open one —
our own view of the session beside the sealed HTML record in a sandboxed frame that may not
run scripts — and verify the chain and every record file, naming what differs.

Also the record viewer the admin page's investigation reuses.
"""

from __future__ import annotations

import dataclasses
import html
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin import oversight
from anshin.identity import Person
from anshin.index import SearchQuery
from anshin.texts import STATE_LABELS
from widgets import texts
from widgets.controls import button, show
from widgets.frame import SuspensionBanner
from widgets.guard import Notice, guarded
from widgets.session_detail import SessionList, esc, heading, session_html

if TYPE_CHECKING:
    from anshin.app import Anshin


def record_frame(record_html: str) -> str:
    """The record's own HTML, inert: `sandbox` with no permissions (no scripts, no forms,
    no navigation, opaque origin), the document escaped into `srcdoc`."""
    return (f'<div><b>{esc(texts.RECORD_FRAME_TITLE)}</b></div>'
            f'<iframe class="anshin-record-iframe" sandbox="" referrerpolicy="no-referrer" '
            f'style="width:100%;height:520px;border:1px solid #cfd8e3;background:#fff" '
            f'srcdoc="{html.escape(record_html, quote=True)}"></iframe>')


class RecordViewer:
    """One opened session: our own rendering, and (archive) the record file itself."""

    def __init__(self, app: Anshin, person: Person, *, with_file: bool) -> None:
        self.app, self.person, self.with_file = app, person, with_file
        self.detail = w.HTML()
        self.detail.add_class("anshin-record-view")
        self.frame = w.HTML()
        self.frame.add_class("anshin-record-frame")
        self.widget = w.VBox([self.detail, self.frame],
                             layout=w.Layout(border="1px solid #dde5ee", padding="4px 14px 12px",
                                             margin="8px 0"))
        show(self.widget, False)

    def open(self, session_id: str) -> None:
        view, paths = oversight.open_record(self.app, self.person, session_id)
        self.detail.value = session_html(view, self.app.policy)
        if self.with_file:
            files = texts.RECORD_FILES.format(ipynb=paths.ipynb.name, html=paths.html.name)
            frame = (record_frame(paths.html.read_text(encoding="utf-8"))
                     if paths.html.exists() else "")
            self.frame.value = f"<div style='color:#4a5a6a'>{esc(files)}</div>{frame}"
        show(self.widget)


class ArchivePage:
    def __init__(self, app: Anshin, person: Person) -> None:
        self.app, self.person = app, person
        self.notice = Notice("anshin-archive-notice")
        guard = guarded(self.notice)
        self.text = w.Text(description=texts.SEARCH_TEXT, style={"description_width": "initial"},
                           layout=w.Layout(width="60%"))
        self.text.add_class("anshin-archive-text")
        states = [(texts.ANY, "")] + [(label, s) for s, label in STATE_LABELS.items()]
        self.state = w.Dropdown(options=states, value="", description=texts.SEARCH_STATE)
        self.state.add_class("anshin-archive-state")
        search = button(texts.SEARCH_BUTTON, "anshin-archive-search", style="primary")
        search.on_click(guard(lambda _b: self.search()))
        self.viewer = RecordViewer(app, person, with_file=True)
        self.list = SessionList(app.policy, self.notice, "anshin-archive-list", self.viewer.open)
        self.verify_result = w.HTML()
        self.verify_result.add_class("anshin-verify-result")
        verify = button(texts.VERIFY_BUTTON, "anshin-verify")
        verify.on_click(guard(lambda _b: self.verify()))
        verify_box = w.VBox([w.HTML(heading(texts.VERIFY_TITLE)
                                    + f"<div style='color:#4a5a6a'>{esc(texts.VERIFY_LEAD)}</div>"),
                             verify, self.verify_result])
        self.widget = w.VBox([
            w.HTML(heading(texts.ARCHIVE_TITLE)
                   + f"<div style='color:#4a5a6a'>{esc(texts.ARCHIVE_LEAD)}</div>"),
            w.HBox([self.text, self.state, search]), self.notice, self.list.widget,
            self.viewer.widget, verify_box])
        self.widget.add_class("anshin-archive")
        guard(self.search)()

    def search(self) -> None:
        base = SearchQuery(text=self.text.value, state=self.state.value)
        self.list.load(lambda off, lim: oversight.archive_list(
            self.app, self.person, dataclasses.replace(base, offset=off, limit=lim)))

    def verify(self) -> None:
        report = oversight.verify_archive(self.app, self.person)
        counts = texts.VERIFY_COUNTS.format(events=report.events, files=report.files,
                                            sessions=report.sessions)
        if report.unsigned_through:
            counts += " " + texts.VERIFY_UNSIGNED.format(through=report.unsigned_through)
        if report.ok:
            self.verify_result.value = (
                f'<div class="anshin-verify-ok" role="status" style="color:#1e6b34;font-weight:bold">'
                f"{esc(texts.VERIFY_OK)}</div><div>{esc(counts)}</div>")
            return
        p = report.problem or report.stale[0]  # stale only: behind its events, not changed
        lines = [texts.VERIFY_WHERE.format(where=p.where),
                 texts.VERIFY_EXPECTED.format(expected=p.expected),
                 texts.VERIFY_FOUND.format(found=p.found), counts]
        kind, role, color, template = (
            ("bad", "alert", "#a8200d", texts.VERIFY_BAD) if report.problem is not None
            else ("stale", "status", "#7a4f00", texts.VERIFY_STALE))
        self.verify_result.value = (
            f'<div class="anshin-verify-{kind}" role="{role}" style="color:{color};font-weight:bold">'
            f"{esc(template.format(message=p.message_ja))}</div>"
            + "".join(f"<div style='font-family:monospace;word-break:break-all'>{esc(x)}</div>"
                      for x in lines))


def build(app: Anshin, person: Person, _banner: SuspensionBanner) -> w.Widget:
    return ArchivePage(app, person).widget
