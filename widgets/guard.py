"""Every widget callback runs through `guarded`: a failure is logged on the server and shown
to the user as a Japanese message, never as a traceback (Voila hides a callback's exception
entirely, and an Output widget would print all of it)."""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as w

from anshin.errors import AnshinError
from widgets import texts

log = logging.getLogger("widgets")

F = TypeVar("F", bound=Callable[..., Any])


class Notice(w.HTML):
    """A message line under a step: info, success or error, always escaped text."""

    def __init__(self, css: str = "anshin-notice") -> None:
        super().__init__(value="")
        self.add_class("anshin-notice")
        if css != "anshin-notice":
            self.add_class(css)

    def show(self, message: str, kind: str = "info") -> None:
        colours = {"info": "#1f5f99", "ok": "#1e6b34", "error": "#a8200d", "warn": "#8a5a00"}
        self.value = (f'<div class="anshin-notice-{kind}" role="status" '
                      f'style="color:{colours.get(kind, "#1f5f99")};margin:4px 0">'
                      f"{html.escape(message)}</div>")

    def error(self, message: str) -> None:
        self.show(message, "error")

    def clear(self) -> None:
        self.value = ""


def message_of(exc: BaseException) -> str:
    """The Japanese message for an exception: the engine's own, or a generic one."""
    if isinstance(exc, AnshinError):
        return exc.message_ja
    return texts.UNEXPECTED_ERROR


def guarded(notice: Notice) -> Callable[[F], F]:
    """Wrap a callback: log any exception with its traceback, show its Japanese message."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                if isinstance(exc, AnshinError):
                    log.warning("%s refused: %s", fn.__qualname__, exc)
                else:
                    log.exception("callback %s failed", fn.__qualname__)
                notice.error(message_of(exc))
                return None

        return wrapper  # type: ignore[return-value]

    return decorate
