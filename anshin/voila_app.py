"""Voila as anshin runs it (`python -m anshin.voila_app`): the stock app, with the notebook
page setting the `_xsrf` cookie that the page's close beacon must send back.

Why: when a page is closed, Voila's front end posts `voila/api/shutdown/<kernel>` with the
`_xsrf` value it reads from `document.cookie`. Tornado sets that cookie only when a handler
reads `self.xsrf_token`, and in Voila 0.5 only the folder listing does (through its template
namespace); the notebook handler never does. A page opened directly — a bookmark, a link, a
reload — therefore has no cookie, every shutdown is refused with "403 '_xsrf' argument
missing", and every closed page leaves its kernel running. Reading the token before the page
streams sets the cookie, and the check itself stays on.

The cookie's path is the server's base URL, so under JupyterHub each staff server's cookie
is its own and never shadows the Hub's.

It also writes the page's frame (product, page, the user's name) into the first part of the
HTML (widgets.early_frame), before the kernel has run the page's cell: the frame shows at
once and the data fills in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import PurePosixPath
from typing import Any

import tornado.web
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from widgets.early_frame import MARKER, frame_for, with_frame


class PageHandler(TornadoVoilaHandler):
    """Voila's notebook page, which also sets the xsrf cookie before streaming and writes the
    early frame into the stream where the template marks its place."""

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> Any:
        self.xsrf_token  # noqa: B018 — reading it sets the cookie (tornado)
        async for html in self._with_early_frame(self.get_generator(path=path), path):
            self.write(html)
            self.flush()

    async def _with_early_frame(self, chunks: AsyncIterator[str],
                                path: str | None) -> AsyncIterator[str]:
        name = PurePosixPath(self.notebook_path or path or "").stem
        frame = None
        async for chunk in chunks:
            if MARKER in chunk:
                frame = frame if frame is not None else frame_for(name, self.request.headers)
                if frame is not None:
                    chunk = with_frame(chunk, frame)
            yield chunk


class AnshinVoila(Voila):
    """Voila with `PageHandler` for notebook pages and a per-server xsrf cookie path."""

    def init_settings(self) -> dict[str, Any]:
        settings = super().init_settings()
        settings["xsrf_cookie_kwargs"] = {"path": self.base_url}
        return settings

    def init_handlers(self) -> list[Any]:
        return [_cached_labextensions(rule) for rule in
                [(rule[0], PageHandler, *rule[2:]) if rule[1] is TornadoVoilaHandler else rule
                 for rule in super().init_handlers()]]


def _cached_labextensions(rule: tuple) -> tuple:
    """Voila serves the widget front end's extension files with `no-cache`, so every page
    view asks again for each (a wave of round trips before any widget shows). Their names
    (`remoteEntry.<hash>.js`) and `?v=<hash>` links carry their content hash, so the
    browser may keep them: a changed file has another name."""
    if rule[0].endswith("/voila/labextensions/(.*)") and len(rule) > 2:
        return (rule[0], rule[1], {k: v for k, v in rule[2].items() if k != "no_cache_paths"},
                *rule[3:])
    return rule


main = AnshinVoila.launch_instance

if __name__ == "__main__":
    main()
