"""The identity line of every page as plain HTML: product, page name, the person and whether
they are authenticated.

One function, two users: the page's header widget (widgets.frame) and the Voila server,
which writes the same line into the page's HTML before the kernel has run a cell
(anshin.voila_app), so the frame and the user's name show at once while the data fills in.
No ipywidgets here: the server imports it.
"""

from __future__ import annotations

import html

from anshin.identity import Person
from widgets import texts


def identity_html(person: Person, page_title: str, css: str = "anshin") -> str:
    """The line saying who acts on which page; every part escaped. The early frame uses
    its own class prefix (`anshin-early`), so the page's parts stay one of a kind."""
    who = texts.IDENTITY.format(name=person.name, department=person.department,
                                role=person.role_label)
    auth_class = f"{css}-authenticated" if person.authenticated else f"{css}-unauthenticated"
    return (
        f'<div style="display:flex;justify-content:space-between;flex-wrap:wrap;'
        f'border-bottom:2px solid #1f5f99;padding:4px 0 8px">'
        f'<div><span style="font-size:120%;font-weight:bold;color:#1f5f99">'
        f'{html.escape(texts.PRODUCT)}</span>'
        f'<span class="{css}-page-title" style="margin-left:1em;font-size:120%">'
        f"{html.escape(page_title)}</span></div>"
        f'<div><span class="{css}-person">{html.escape(who)}</span>'
        f'<span class="{auth_class}" style="margin-left:1em;color:#555">'
        f"{html.escape(texts.AUTH_STATE.format(auth=person.auth_label))}</span></div></div>"
    )
