"""Step 3 (§3): show exactly what will be sent, send it through the gateway, stream the
answer, stop on request, and recover from failures by sending again.

`generate` runs on a background thread: widget callbacks run on the kernel's main thread,
and the stop button must stay responsive while tokens arrive.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from collections.abc import Callable

import ipywidgets as w

from anshin.errors import AnshinError
from anshin.lifecycle import State
from anshin.session import SessionView
from checks import restore
from widgets import texts
from widgets.controls import SessionContext, button, section, show
from widgets.guard import Notice, guarded, message_of
from widgets.highlight import plain_html

log = logging.getLogger("widgets")

RENDER_EVERY_S = 0.08


class GenerateStep:
    def __init__(self, ctx: SessionContext, on_generated: Callable[[SessionView], None]) -> None:
        self.ctx = ctx
        self.on_generated = on_generated
        self.box, _ = section(texts.STEP3_TITLE, texts.STEP3_LEAD, "anshin-step-generate")
        self.notice = Notice("anshin-generate-notice")
        self.sent = w.HTML()
        self.sent.add_class("anshin-sent")
        self.send = button(texts.SEND_BUTTON, "anshin-send", style="primary")
        self.stop = button(texts.STOP_BUTTON, "anshin-stop", style="danger")
        self.stop.disabled = True
        self.progress = w.HTML()
        self.progress.add_class("anshin-progress")
        self.output = w.HTML()
        self.output.add_class("anshin-output")
        self.restored = w.ToggleButton(value=False, description=texts.RESTORE_TOGGLE,
                                       layout=w.Layout(width="auto"))
        self.restored.add_class("anshin-restore")
        show(self.restored, False)

        self.cancel: threading.Event | None = None
        self.thread: threading.Thread | None = None
        self.parts: list[str] = []
        self.text = ""
        self.partial = False

        guard = guarded(self.notice)
        self.send.on_click(guard(self._send))
        self.stop.on_click(guard(self._stop))
        self.restored.observe(guard(lambda _c: self._render_output()), names="value")
        ctx.banner.observe(guard(self._on_suspension), names="suspended")
        self.box.children = [*self.box.children, self.sent,
                             w.HBox([self.send, self.stop, self.progress],
                                    layout=w.Layout(align_items="center")),
                             self.notice, self.restored, self.output]

    # -- callbacks ---------------------------------------------------------------------
    def start(self) -> None:
        """Send now, as if 「送信する」 were pressed (regenerate), with its messages shown."""
        guarded(self.notice)(self._send)(self.send)

    def _send(self, _button: w.Button) -> None:
        ctx = self.ctx
        if ctx.suspended():
            self.notice.error(texts.SEND_DISABLED_SUSPENDED)
            self.send.disabled = True
            return
        if self.thread is not None and self.thread.is_alive():
            return
        self.notice.clear()
        self.parts, self.text, self.partial = [], "", False
        self._render_output()
        self.cancel = threading.Event()
        self.send.disabled = True
        self.stop.disabled = False
        self.thread = threading.Thread(target=self._run, args=(ctx.view.session_id, self.cancel),
                                       name="anshin-generate", daemon=True)
        self.thread.start()

    def _stop(self, _button: w.Button) -> None:
        if self.cancel is not None:
            self.cancel.set()
            self.progress.value = html.escape(texts.STOPPING)
            self.stop.disabled = True

    def _on_suspension(self, change: dict) -> None:
        """Suspended or resumed while this page is open: the send button follows."""
        view = self.ctx.view
        if view is None or view.state != State.SCREENED:
            return
        if self.thread is not None and self.thread.is_alive():
            return  # the gateway refuses the next chunk itself
        self.send.disabled = change["new"]
        if change["new"]:
            self.notice.error(texts.SEND_DISABLED_SUSPENDED)
        else:
            self.notice.clear()

    # -- the background thread ----------------------------------------------------------
    def _run(self, session_id: str, cancel: threading.Event) -> None:
        ctx = self.ctx
        started = time.monotonic()
        last = [0.0]
        finished = threading.Event()

        def waiting() -> None:
            """Until the first token: say that we are connecting, and for how long."""
            while not self.parts and not cancel.is_set():
                self.progress.value = html.escape(texts.CONNECTING.format(
                    seconds=time.monotonic() - started))
                if finished.wait(0.5):
                    return

        ticker = threading.Thread(target=waiting, name="anshin-connecting", daemon=True)
        ticker.start()

        def on_token(piece: str) -> None:
            self.parts.append(piece)
            now = time.monotonic()
            if now - last[0] >= RENDER_EVERY_S:
                last[0] = now
                self.text = "".join(self.parts)
                self.progress.value = html.escape(texts.STREAMING.format(
                    chars=len(self.text), seconds=now - started))
                self._render_output()

        try:
            view = ctx.app.sessions.generate(session_id, ctx.person, on_token=on_token,
                                             cancel=cancel)
        except Exception as exc:
            finished.set()
            ticker.join()
            self._failed(session_id, exc)
        else:
            finished.set()
            ticker.join()
            self._done(view)
        finally:
            finished.set()
            self.stop.disabled = True

    def _done(self, view: SessionView) -> None:
        self.ctx.view = view
        self.text, self.partial = view.output or "", False
        self.progress.value = html.escape(texts.DONE.format(chars=len(self.text)))
        self._render_output()
        try:
            self.on_generated(view)
        except Exception as exc:
            log.exception("showing the output check failed")
            self.notice.error(message_of(exc))

    def _failed(self, session_id: str, exc: Exception) -> None:
        if isinstance(exc, AnshinError):
            log.warning("generation failed for %s: %s", session_id, exc)
        else:
            log.exception("generation failed for %s", session_id)
        partial = getattr(exc, "partial_output", "") or "".join(self.parts)
        self.text, self.partial = partial, bool(partial)
        self.progress.value = ""
        self._render_output()
        self.notice.error(message_of(exc))  # each message already says what to do next
        try:
            self.ctx.view = self.ctx.app.sessions.get(session_id)
            suspended = self.ctx.suspended()
        except Exception:
            log.exception("reloading session %s failed", session_id)
            suspended = False
        self.send.disabled = suspended

    # -- display -------------------------------------------------------------------------
    def _render_output(self) -> None:
        text = self.text
        has_mapping = bool(self.ctx.mapping)
        show(self.restored, has_mapping and bool(text))
        if self.restored.value and has_mapping:
            text = restore(text, self.ctx.mapping)
        if not text:
            self.output.value = ""
            return
        label = texts.PARTIAL_LABEL if self.partial else texts.OUTPUT_LABEL
        self.output.value = (f"<b>{html.escape(label)}</b>"
                             + plain_html(text, "anshin-output-text"))

    def load(self, view: SessionView) -> None:
        """Show what will be sent (step entry, or resume at `screened`/`generated`)."""
        show(self.box)
        sessions = self.ctx.app.sessions
        service = self.ctx.app.registry.get(view.service_id) if view.service_id else None
        rows = [f'<div>{html.escape(texts.SERVICE_LINE.format(service=service.name))}</div>'
                if service else ""]
        for message in sessions.messages_for(view):
            role = texts.ROLE_NAMES.get(message["role"], message["role"])
            rows.append(f'<div style="margin-top:6px"><b>{html.escape(role)}</b></div>'
                        + plain_html(message["content"], f"anshin-sent-{message['role']}"))
        self.sent.value = "".join(rows)
        self.notice.clear()
        if view.state == State.GENERATED:
            self.text, self.partial = view.output or "", False
            self.send.disabled = True
        elif view.last_error:
            self.text, self.partial = view.partial_output or "", bool(view.partial_output)
            self.notice.error(view.last_error.get("message_ja") or "")
            self.send.disabled = view.state != State.SCREENED
        else:  # a new question, or the same one to be answered again
            self.text, self.partial = "", False
            self.send.disabled = view.state != State.SCREENED
            self.progress.value = ""
        if self.ctx.suspended() and view.state == State.SCREENED:
            self.send.disabled = True
            self.notice.error(texts.SEND_DISABLED_SUSPENDED)
        self._render_output()
