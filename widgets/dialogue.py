"""After an answer (issue 16, part 1): ask a follow-up, have the answer made again, or copy
it. The earlier turns are shown as they were sent and received.

Copying needs the browser: the answer (placeholders restored from this page's memory, never
from the store) goes into a read-only text area of an HTML widget, always escaped, and a
button of ours with a fixed inline handler writes that area's value to the clipboard. No
user or model text is ever part of the handler.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as w

from anshin.dialogue import Turn
from anshin.lifecycle import State
from anshin.session import SessionView
from checks import restore
from widgets import texts
from widgets.controls import SessionContext, button, show
from widgets.guard import Notice, guarded
from widgets.highlight import plain_html

# The copy button's handler: our constant code, reading the text area beside it.
COPY_SCRIPT = (
    "var b=this,t=b.parentNode.querySelector('textarea.anshin-copy-source'),"
    "s=b.parentNode.querySelector('.anshin-copy-status'),"
    "done=function(){s.textContent=b.getAttribute('data-done');};"
    "if(navigator.clipboard){navigator.clipboard.writeText(t.value).then(done,function(){"
    "t.select();document.execCommand('copy');done();});}"
    "else{t.select();document.execCommand('copy');done();}"
)


def turns_html(turns: Sequence[Turn]) -> str:
    """Questions as sent and answers as received, earlier answers made again included."""
    rows: list[str] = []
    for turn in turns:
        rows.append(f"<div class='anshin-turn-label'><b>"
                    f"{html.escape(texts.TURN_QUESTION.format(n=turn.n))}</b></div>"
                    + plain_html(turn.text_sent, css="anshin-turn-question"))
        for earlier in turn.set_aside:
            rows.append(f"<div><b>{html.escape(texts.TURN_SET_ASIDE.format(n=turn.n))}</b></div>"
                        + plain_html(earlier, css="anshin-turn-set-aside"))
        rows.append(f"<div><b>{html.escape(texts.TURN_ANSWER.format(n=turn.n))}</b></div>"
                    + plain_html(turn.output or texts.NO_TEXT, css="anshin-turn-answer"))
    return "".join(rows)


def copy_html(text: str, done: str = texts.COPIED) -> str:
    """A copy button for `text` (escaped into a hidden, read-only text area); `done` is
    what it says once copied."""
    return (
        '<div class="anshin-copy-box" style="display:inline-flex;align-items:center;gap:8px">'
        f'<textarea class="anshin-copy-source" readonly tabindex="-1" aria-hidden="true" '
        f'style="position:absolute;left:-10000px;width:1px;height:1px">'
        f"{html.escape(text)}</textarea>"
        f'<button type="button" class="anshin-copy jupyter-button widget-button" '
        f'data-done="{html.escape(done)}" onclick="{html.escape(COPY_SCRIPT)}">'
        f"{html.escape(texts.COPY_BUTTON)}</button>"
        '<span class="anshin-copy-status" role="status" style="color:#1e6b34"></span></div>'
    )


class DialogueBar:
    """The actions after an answer. `on_follow_up` gets the session ready for the next
    question; `on_regenerate` sends the same question again."""

    def __init__(self, ctx: SessionContext, *, on_follow_up: Callable[[SessionView], None],
                 on_regenerate: Callable[[SessionView], None]) -> None:
        self.ctx = ctx
        self.on_follow_up = on_follow_up
        self.on_regenerate = on_regenerate
        self.notice = Notice("anshin-dialogue-notice")
        self.follow_up = button(texts.FOLLOW_UP_BUTTON, "anshin-follow-up", style="primary")
        self.regenerate = button(texts.REGENERATE_BUTTON, "anshin-regenerate")
        self.copy = w.HTML()
        self.copy.add_class("anshin-copy-widget")
        guard = guarded(self.notice)
        self.follow_up.on_click(guard(self._follow_up))
        self.regenerate.on_click(guard(self._regenerate))
        self.box = w.VBox([
            w.HTML(f'<div style="color:#4a5a6a">{html.escape(texts.DIALOGUE_LEAD)}</div>'),
            w.HBox([self.follow_up, self.regenerate, self.copy],
                   layout=w.Layout(flex_flow="row wrap", align_items="center")),
            self.notice,
        ], layout=w.Layout(display="none", margin="4px 0 8px"))
        self.box.add_class("anshin-dialogue")

    def _follow_up(self, _button: w.Button) -> None:
        ctx = self.ctx
        view = ctx.app.sessions.follow_up(ctx.view.session_id, ctx.person)
        ctx.view = view
        show(self.box, False)
        self.on_follow_up(view)

    def _regenerate(self, _button: w.Button) -> None:
        ctx = self.ctx
        view = ctx.app.sessions.regenerate(ctx.view.session_id, ctx.person)
        ctx.view = view
        show(self.box, False)
        self.on_regenerate(view)

    def load(self, view: SessionView) -> None:
        """Shown once the current question has its answer."""
        answered = view.state == State.GENERATED and view.output is not None
        show(self.box, answered)
        if not answered:
            return
        self.notice.clear()
        for b in (self.follow_up, self.regenerate):
            b.disabled = False
        text = view.output or ""
        if self.ctx.mapping:
            self.copy.value = copy_html(restore(text, self.ctx.mapping), texts.COPIED_RESTORED)
        else:
            self.copy.value = copy_html(text)

    def hide(self) -> None:
        show(self.box, False)
