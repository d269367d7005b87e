"""Small builders shared by the steps: buttons and ticks with CSS classes tests select by,
step sections, and the context one session page shares between its steps."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin.identity import Person
from anshin.session import SessionView
from widgets.frame import SuspensionBanner

if TYPE_CHECKING:
    from anshin.app import Anshin


@dataclass
class SessionContext:
    """What the steps of one page share. `mapping` (placeholder → original value) lives only
    here, in this kernel's memory: it is never stored, logged or sent."""

    app: Anshin
    person: Person | None  # None only while a preheated page waits for its request
    banner: SuspensionBanner
    view: SessionView | None = None
    mapping: dict[str, str] = field(default_factory=dict, repr=False)

    def suspended(self) -> bool:
        """Read the suspension now (never cached) and refresh the banner."""
        status = self.app.suspension()
        self.banner.update(status)
        return status.suspended


def button(label: str, css: str, *, style: str = "", width: str = "auto") -> w.Button:
    b = w.Button(description=label, button_style=style, layout=w.Layout(width=width))
    b.add_class("anshin-button")
    b.add_class(css)
    return b


def tick(label: str, css: str) -> tuple[w.Checkbox, w.HBox]:
    """A checkbox whose Japanese text is its own <label> (clicking the words ticks it, a
    screen reader reads them with it); the page's CSS lets the text wrap at full width."""
    box = w.Checkbox(value=False, description=label, indent=False,
                     layout=w.Layout(width="auto"))
    box.add_class(css)
    row = w.HBox([box], layout=w.Layout(align_items="center"))
    row.add_class(f"{css}-row")
    return box, row


def named(widget: w.Widget, label: str) -> w.Widget:
    """Give a text box or choice its visible name as its own <label> (its accessible name),
    shown above it; a radio choice is also announced as one group under that name."""
    widget.description = label
    widget.style.description_width = "initial"
    widget.add_class("anshin-stacked")
    if isinstance(widget, w.RadioButtons):
        widget.add_class("anshin-radiogroup")
    return widget


def section(title: str, lead: str, css: str) -> tuple[w.VBox, w.HTML]:
    """A step's frame: its title (with clause numbers) and one line of explanation."""
    head = w.HTML(f'<h3 style="margin:14px 0 2px;color:#1f5f99">{html.escape(title)}</h3>'
                  f'<div style="color:#4a5a6a;margin-bottom:6px">{html.escape(lead)}</div>')
    box = w.VBox([head], layout=w.Layout(display="none", border="1px solid #dde5ee",
                                          padding="4px 14px 12px", margin="8px 0"))
    box.add_class("anshin-step")
    box.add_class(css)
    return box, head


def show(widget: w.Widget, visible: bool = True) -> None:
    widget.layout.display = None if visible else "none"
