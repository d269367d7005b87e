"""The two plain pages every header links to (issue 16.5): the guideline's own text from the
policy folder, and the help page. Served by this server (anshin.voila_app) as static,
script-free HTML with `<html lang="ja">`, so they work air-gapped and read well with a
screen reader. The guideline text is escaped: a policy folder is data, not markup.
"""

from __future__ import annotations

import html

from anshin.policy import Policy
from widgets import texts

STYLE = """<style>
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif;
       max-width: 860px; margin: 24px auto; padding: 0 16px; color: #1d2733; line-height: 1.8; }
h1 { color: #0b4f8a; font-size: 1.5rem; } h2 { color: #0b4f8a; font-size: 1.15rem; }
a { color: #0b4f8a; } a:focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }
.anshin-guideline-text { white-space: pre-wrap; }
</style>"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title>{STYLE}</head>"
            f"<body><main>{body}</main></body></html>")


def guideline_page(policy: Policy) -> str:
    """The guideline as the city published it (the policy's `[guideline] text` file)."""
    title = policy.title
    if policy.guideline_text_path is None:
        body = f"<p>{html.escape(texts.GUIDELINE_MISSING)}</p>"
    else:
        text = policy.guideline_text_path.read_text(encoding="utf-8").strip()
        body = f'<div class="anshin-guideline-text">{html.escape(text)}</div>'
    meta = texts.GUIDELINE_META.format(version=policy.version, contact=policy.contact)
    return _page(title, f"<h1>{html.escape(title)}</h1><p>{html.escape(meta)}</p>{body}")


def help_page(policy: Policy) -> str:
    """How to use the product, in the city's words (widgets.texts.HELP_SECTIONS)."""
    parts = [f"<h1>{html.escape(texts.HELP_TITLE)}</h1>"]
    for heading, text in texts.HELP_SECTIONS:
        parts.append(f"<h2>{html.escape(heading)}</h2>"
                     f"<p>{html.escape(text.format(contact=policy.contact))}</p>")
    return _page(texts.HELP_TITLE, "".join(parts))
