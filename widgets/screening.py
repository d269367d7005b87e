"""Step 2 (§6): the text, its screening with every finding highlighted, redaction with
placeholders, the per-warning and §6(1) ticks, and confirmation.

The page's screening is a help for the user; the engine screens again in `confirm_input`
whatever the page showed. Editing the text after a check invalidates the check.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from anshin.file_text import SUFFIXES, extract_text
from anshin.lifecycle import State
from anshin.session import SessionView
from checks import reason, screen
from widgets import texts
from widgets.controls import SessionContext, button, named, section, show, tick
from widgets.dialogue import turns_html
from widgets.guard import Notice, guarded
from widgets.highlight import colour_of, highlight_html, label_of
from widgets.published_source import SourceForm

if TYPE_CHECKING:
    from anshin.app import Anshin

PROGRESS_AFTER_S = 1.0  # issue 13.7: a check taking longer than this shows how far it has got

def finding_key(f: Any) -> str:
    """The key the engine expects for an acknowledged warning."""
    return f"{f.start}:{f.end}:{f.category}"


class InputStep:
    def __init__(self, ctx: SessionContext, on_confirmed: Callable[[SessionView], None]) -> None:
        self.ctx = ctx
        self.on_confirmed = on_confirmed
        self.box, _ = section(texts.STEP2_TITLE, texts.STEP2_LEAD, "anshin-step-input")
        self.notice = Notice("anshin-input-notice")
        self.checked_text: str | None = None
        self.findings: list[Any] = []
        self.warn_ticks: dict[str, w.Checkbox] = {}

        self.history = w.HTML()
        self.history.add_class("anshin-history")
        self.text = w.Textarea(placeholder=texts.INPUT_PLACEHOLDER,
                               layout=w.Layout(width="100%", height="180px"))
        self.text.add_class("anshin-input")
        self.upload = w.FileUpload(accept=",".join(SUFFIXES), multiple=False,
                                   description=texts.UPLOAD_BUTTON, icon="",
                                   layout=w.Layout(width="240px", min_width="240px"))
        self.upload.add_class("anshin-upload")
        self.upload_note = w.HTML(f'<div style="color:#4a5a6a;font-size:92%">'
                                  f"{html.escape(texts.UPLOAD_NOTE)}</div>")
        named(self.text, texts.INPUT_LABEL)
        self.source = SourceForm(ctx, self.notice, on_change=self._source_changed)
        self.templates = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.templates.add_class("anshin-templates")
        self.check = button(texts.CHECK_BUTTON, "anshin-check", style="info")
        self.result = w.HTML()
        self.result.add_class("anshin-screening")
        self.findings_box = w.VBox()
        self.findings_box.add_class("anshin-findings")
        self.redact_all = button(texts.REDACT_ALL, "anshin-redact-all", style="warning")
        self.redact_pick = w.Dropdown(description=texts.REDACT_PICK, options=[],
                                      style={"description_width": "initial"},
                                      layout=w.Layout(width="auto"))
        self.redact_pick.add_class("anshin-redact-pick")
        self.redact_one = button(texts.REDACT_ONE, "anshin-redact-one", style="warning")
        self.redact_row = w.HBox([self.redact_all, self.redact_pick, self.redact_one],
                                 layout=w.Layout(flex_flow="row wrap", align_items="center"))
        show(self.redact_row, False)
        self.attest, attest_row = tick(texts.ATTEST, "anshin-attest")
        self.third_party, third_row = tick(texts.THIRD_PARTY, "anshin-third-party")
        self.confirm = button(texts.CONFIRM_BUTTON, "anshin-confirm", style="primary")
        self.confirm.disabled = True

        guard = guarded(self.notice)
        self.text.observe(guard(self._text_changed), names="value")
        self.upload.observe(guard(self._uploaded), names="value")
        self.check.on_click(guard(self._check))
        self.redact_all.on_click(guard(lambda _b: self._redact(self._blocked())))
        self.redact_one.on_click(guard(self._redact_picked))
        self.attest.observe(guard(lambda _c: self._update_buttons()), names="value")
        self.confirm.on_click(guard(self._confirm))
        self.form = w.VBox([self.text, w.HBox([self.upload, self.upload_note],
                                              layout=w.Layout(align_items="center")),
                            self.source.widget, self.check, self.result, self.findings_box,
                            self.redact_row, attest_row, third_row, self.confirm])
        self.box.children = [*self.box.children, self.history, self.templates, self.form,
                             self.notice]

    # -- callbacks ---------------------------------------------------------------------
    def offer_templates(self, category_id: str | None) -> None:
        """The declared §4 category's templates, as buttons that fill the text area."""
        cat = self.ctx.app.policy.category(category_id) if category_id else None
        guard = guarded(self.notice)
        buttons: list[w.Widget] = []
        for index, template in enumerate(cat.templates if cat else ()):
            first_line = template.strip().splitlines()[0] if template.strip() else template
            b = button(first_line[:40], "anshin-template")
            b.add_class(f"anshin-template-{index}")
            b.on_click(guard(lambda _b, t=template: setattr(self.text, "value", t)))
            buttons.append(b)
        if buttons:
            buttons.insert(0, w.HTML(f"{html.escape(texts.TEMPLATES_LABEL)}　"))
        self.templates.children = buttons

    def _uploaded(self, change: dict) -> None:
        """A file of the user's own: its text goes into the text area (after what is there),
        to be checked like typed text. The bytes are dropped from the widget at once."""
        files = change["new"]
        if not files:
            return
        upload = files[0]
        name, data = str(upload["name"]), bytes(upload["content"])
        self.upload.value = ()
        extracted = extract_text(name, data, self.ctx.app.policy.input_files)
        current = self.text.value.rstrip()
        self.text.value = f"{current}\n\n{extracted.text}" if current else extracted.text
        self.notice.show(texts.UPLOAD_READ.format(name=extracted.name,
                                                  length=len(extracted.text)), "ok")

    def _text_changed(self, change: dict) -> None:
        if self.checked_text is not None and change["new"] != self.checked_text:
            self._forget_check(texts.TEXT_CHANGED)
        self._update_buttons()

    def _source_changed(self) -> None:
        """The declaration decides how the text is screened: a check made under another
        declaration no longer holds."""
        if self.checked_text is not None:
            self._forget_check(texts.SOURCE_CHANGED)
        self._update_buttons()

    def _forget_check(self, message: str) -> None:
        self.checked_text = None
        self.findings = []
        self.result.value = ""
        self.findings_box.children = []
        show(self.redact_row, False)
        self.notice.show(message, "warn")

    def _check(self, _button: w.Button | None = None) -> None:
        ctx = self.ctx
        text = self.text.value
        self.source.send()
        began = time.perf_counter()

        def progress(fraction: float) -> None:
            # a check of a long text shows how far it has got; the result replaces the line
            if time.perf_counter() - began >= PROGRESS_AFTER_S:
                self.notice.show(texts.CHECKING_PROGRESS.format(percent=round(100 * fraction)))

        view, findings = ctx.app.sessions.check_input(ctx.view.session_id, ctx.person, text,
                                                      progress=progress)
        ctx.view = view
        self._show_check(text, findings)

    def _show_check(self, text: str, findings: list[Any]) -> None:
        self.checked_text = text
        self.findings = list(findings)
        self._render()
        blocked = self._blocked()
        if not findings:
            self.notice.show(texts.NO_FINDINGS, "ok")
        elif blocked:
            self.notice.show(texts.BLOCKED_STOP, "error")
        else:
            warned = len(findings) - len(blocked)
            self.notice.show(texts.FINDINGS_SUMMARY.format(blocked=0, warned=warned), "warn")
        self._update_buttons()

    def _redact(self, findings: list[Any]) -> None:
        if not findings or self.checked_text is None:
            return
        ctx = self.ctx
        view, after, red = ctx.app.sessions.redact_input(
            ctx.view.session_id, ctx.person, self.checked_text,
            [finding_key(f) for f in findings], mapping=ctx.mapping)
        ctx.view = view
        ctx.mapping = dict(red.mapping)
        self.checked_text = red.text   # before the text changes, so the check still holds
        self.text.value = red.text
        self._show_check(red.text, after)
        if not self._blocked():
            self.notice.show(texts.REDACTED.format(count=len(findings)), "ok")

    def _redact_picked(self, _button: w.Button) -> None:
        index = self.redact_pick.value
        if index is not None and 0 <= index < len(self.findings):
            self._redact([self.findings[index]])

    def _confirm(self, _button: w.Button) -> None:
        ctx = self.ctx
        if (self.checked_text is None or self.text.value != self.checked_text
                or not self.source.sent):
            self.notice.show(texts.NEED_CHECK, "warn")
            return
        acknowledged = [k for k, box in self.warn_ticks.items() if box.value]
        view = ctx.app.sessions.confirm_input(
            ctx.view.session_id, ctx.person, self.text.value, acknowledged=acknowledged,
            attest_publishable=bool(self.attest.value),
            third_party_material=bool(self.third_party.value),
        )
        ctx.view = view
        self.notice.show(texts.CONFIRMED, "ok")
        self.lock()
        self.on_confirmed(view)

    # -- display -------------------------------------------------------------------------
    def _blocked(self) -> list[Any]:
        return [f for f in self.findings if f.severity == "block"]

    def _render(self) -> None:
        policy = self.ctx.app.policy
        labels = {c: r.label for c, r in policy.screening.items()}
        text = self.checked_text or ""
        self.result.value = (f'<div style="margin:6px 0 2px">{html.escape(texts.HIGHLIGHT_TITLE)}</div>'
                             + highlight_html(text, self.findings, labels=labels))
        # One HTML block for the list (a widget per finding makes a long text slow to show);
        # widgets only where the user must act on one finding: the warn ticks.
        lines: list[str] = []
        rows: list[w.Widget] = []
        picks: list[tuple[str, int]] = []
        self.warn_ticks = {}
        guard = guarded(self.notice)
        for index, f in enumerate(self.findings):
            rule = policy.screening.get(f.category)
            clause = rule.clause if rule else policy.clauses["input"]
            badge = texts.SEVERITY_BLOCK if f.severity == "block" else texts.SEVERITY_WARN
            label = label_of(f.category, labels)
            line = texts.FINDING_LINE.format(label=label, clause=clause, message=f.message_ja)
            value = text[f.start:f.end]
            item = (f'<span style="background:{colour_of(f.category)};padding:1px 6px;'
                    f'border-radius:3px;margin-right:6px">{html.escape(badge)}</span>'
                    f'<span style="margin-right:6px">「{html.escape(value)}」</span>'
                    f"{html.escape(line)}"
                    f'<details class="anshin-why" style="display:inline-block;margin-left:6px">'
                    f'<summary style="cursor:pointer;color:#1a5fb4">{html.escape(texts.WHY)}</summary>'
                    f'<span>{html.escape(reason(f.rule_id))}</span>'
                    f'<span style="color:#555;margin-left:6px">({html.escape(f.rule_id)})</span></details>')
            css = f"anshin-finding anshin-finding-{f.severity} anshin-finding-{f.category}"
            if f.severity == "block":
                lines.append(f'<li class="{css}">{item}</li>')
                picks.append((f"{index + 1}. {label}「{value[:20]}」", index))
            else:
                box, _ = tick(texts.WARN_ACK, "anshin-warn-ack")
                box.observe(guard(lambda _c: self._update_buttons()), names="value")
                self.warn_ticks[finding_key(f)] = box
                row = w.VBox([w.HTML(f'<div class="{css}">{item}</div>'),
                              w.HBox([box, w.HTML(html.escape(texts.WARN_ACK))])])
                rows.append(row)
        block_list = w.HTML(f'<ol style="margin:4px 0;padding-left:1.6em;line-height:1.9">'
                            f'{"".join(lines)}</ol>' if lines else "")
        self.findings_box.children = [block_list, *rows]
        self.redact_pick.options = picks
        show(self.redact_row, bool(picks))

    def _update_buttons(self) -> None:
        ready = (self.checked_text is not None and self.text.value == self.checked_text
                 and self.source.sent
                 and not self._blocked() and all(b.value for b in self.warn_ticks.values())
                 and bool(self.attest.value) and bool(self.checked_text.strip()))
        self.confirm.disabled = not ready

    def lock(self) -> None:
        """After confirmation the text is what will be sent: no more edits here."""
        for widget in (self.text, self.check, self.confirm, self.attest, self.third_party,
                       self.redact_all, self.redact_one, self.redact_pick, self.upload):
            widget.disabled = True
        for box in self.warn_ticks.values():
            box.disabled = True
        self.source.lock()

    def unlock(self) -> None:
        """A new question (a follow-up): the form is empty and open again; the published
        material declaration belongs to the session and stays as it was."""
        for widget in (self.text, self.check, self.attest, self.third_party,
                       self.redact_all, self.redact_one, self.redact_pick, self.upload):
            widget.disabled = False
        self.text.value = ""
        self.checked_text = None
        self.findings = []
        self.warn_ticks = {}
        self.result.value = ""
        self.findings_box.children = []
        show(self.redact_row, False)
        self.attest.value = False
        self.third_party.value = False
        self._update_buttons()

    def start_follow_up(self, view: SessionView) -> None:
        """After 「続けて質問する」: the earlier turns above, an empty form below."""
        self.unlock()
        self._show_history(view)
        self.notice.show(texts.FOLLOW_UP_READY, "info")

    def _show_history(self, view: SessionView) -> None:
        self.history.value = (f"<b>{html.escape(texts.HISTORY_TITLE)}</b>"
                              f'<div style="border-left:4px solid #dde5ee;padding:2px 10px;'
                              f'margin:4px 0 10px">{turns_html(view.turns)}</div>'
                              if view.turns else "")

    def load(self, view: SessionView) -> None:
        """Resume: a blocked session offers its redacted text; a screened one shows the text."""
        show(self.box)
        self._show_history(view)
        self.offer_templates(view.category)
        self.source.load(view)
        if view.state == State.BLOCKED and view.blocked_text:
            self.text.value = view.blocked_text
        elif view.text_sent is not None and view.state in (State.SCREENED, State.GENERATING,
                                                           State.GENERATED):
            self.text.value = view.text_sent
            self.checked_text = view.text_sent
            self.lock()


def warm_up_screening(app: Anshin) -> None:
    """Screen a line before anyone asks: the morphological analyser and its dictionary load
    here, not at the user's first 確認する."""
    screen(texts.WARM_UP_TEXT, app.policy.severities)
