"""A staff member's server under JupyterHub: Voila on a private loopback port, behind a small
proxy that lets in only the server's owner (Hub OAuth) and forwards HTTP and websockets.

Why not a Jupyter server: its kernels API, terminals and JupyterLab let a logged-in user run
any code where the store credentials live (DESIGN.md, "No way around the gate"). Standalone
Voila refuses execute requests; this proxy is the only door to it, and it also drops every
kernel message from the browser that is not a widget (comm) message or a kernel-info request,
so even a Voila bug would not open an execute path.

Why not jhsingle-native-proxy 0.8.3: it reimplements tornado's websocket handshake and calls
`check_origin()` itself; since tornado 6.6 (installed with jupyterhub 6.1.1) that method only
accepts explicitly trusted origins, so every same-origin kernel websocket is refused with
403 "Cross origin websockets not allowed" and no widget ever renders (checked on this machine).
It also starts the app lazily on the first request. This module is the part of it we need.

Run by the Hub as `python -m anshin.hub_singleuser` (see deploy/jupyterhub_config.py); it reads
the Hub's JUPYTERHUB_* environment, starts Voila, waits for it, then listens.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import socket
import subprocess
from typing import Any
from urllib.parse import urlparse

from jupyterhub import __version__ as hub_version
from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from tornado import httpclient, web, websocket
from tornado.httpserver import HTTPServer

from anshin.serve import _kill_group, voila_command, voila_env, wait_for_port

log = logging.getLogger("anshin.hub_singleuser")

# Kernel messages a Voila page legitimately sends: widget traffic and the handshake.
ALLOWED_FROM_BROWSER = frozenset({
    "comm_open", "comm_msg", "comm_close", "comm_info_request", "kernel_info_request",
})
HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "te", "trailer",
                         "upgrade", "proxy-authorization", "proxy-authenticate", "content-length",
                         "content-encoding"})
START_TIMEOUT_S = 60.0
# A binary widget frame from the browser: the message and its few buffers (ipywidgets sends
# one per binary trait, e.g. an image); far more is not a widget message.
MAX_FRAME_BUFFERS = 64


def free_loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def message_type(message: str | bytes) -> str | None:
    """The msg_type of a kernel websocket message from the browser (JSON text, or the
    legacy binary frame: buffer count, offsets, then the JSON message), or None.

    The count is the sender's claim: it is believed only if the frame is long enough to
    hold that many offsets and it is at most MAX_FRAME_BUFFERS, so a forged count (2×10⁷)
    cannot keep the owner's server busy walking it."""
    try:
        if isinstance(message, str):
            return json.loads(message)["header"]["msg_type"]
        count = int.from_bytes(message[0:4], "big")
        if not 1 <= count <= MAX_FRAME_BUFFERS or len(message) < 4 + 4 * count:
            return None
        offsets = [int.from_bytes(message[4 + 4 * i: 8 + 4 * i], "big") for i in range(count)]
        end = offsets[1] if count > 1 else len(message)
        return json.loads(message[offsets[0]:end])["header"]["msg_type"]
    except (ValueError, KeyError, TypeError, IndexError):
        return None


class _OwnerOnly(HubOAuthenticated):
    """Only the server's owner (the Hub's access scopes for this server) gets through."""

    @property
    def hub_users(self) -> set[str]:
        return {self.settings["owner"]}

    def set_default_headers(self) -> None:
        self.set_header("X-JupyterHub-Version", hub_version)


class ProxyHandler(_OwnerOnly, web.RequestHandler):
    """Forward any HTTP request to Voila, streaming the response (Voila renders progressively)."""

    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")

    def check_xsrf_cookie(self) -> None:
        """Voila checks xsrf itself on the requests it accepts."""

    async def _forward(self) -> None:
        if self.request.headers.get("Upgrade", "").lower() == "websocket":
            raise web.HTTPError(400)
        url = f"http://127.0.0.1:{self.settings['voila_port']}{self.request.uri}"
        headers = {k: v for k, v in self.request.headers.get_all()
                   if k.lower() not in HOP_HEADERS}
        body = self.request.body if self.request.method in ("POST", "PUT", "PATCH") else None

        def on_header(line: str) -> None:
            if line.startswith("HTTP/"):
                parts = line.split(" ", 2)
                self.set_status(int(parts[1]), parts[2].strip() if len(parts) > 2 else None)
            elif ":" in line:
                name, _, value = line.partition(":")
                if name.strip().lower() not in HOP_HEADERS:
                    self.add_header(name.strip(), value.strip())

        def on_chunk(chunk: bytes) -> None:
            self.write(chunk)
            self.flush()

        self.clear_header("Content-Type")
        request = httpclient.HTTPRequest(
            url, method=self.request.method, headers=headers, body=body,
            allow_nonstandard_methods=True, follow_redirects=False, decompress_response=False,
            header_callback=on_header, streaming_callback=on_chunk, request_timeout=600)
        try:
            await httpclient.AsyncHTTPClient().fetch(request, raise_error=False)
        except OSError as exc:
            log.warning("voila unreachable: %s", exc)
            raise web.HTTPError(502) from exc

    @web.authenticated
    async def get(self, *_args: Any) -> None:
        await self._forward()

    post = put = delete = patch = head = options = get


class KernelSocketHandler(_OwnerOnly, websocket.WebSocketHandler):
    """A kernel websocket: widget messages to Voila's kernel, everything back to the page."""

    backend: websocket.WebSocketClientConnection | None = None

    async def get(self, *args: Any, **kwargs: Any) -> None:
        if self.current_user is None:  # websockets cannot follow the login redirect
            raise web.HTTPError(403)
        await super().get(*args, **kwargs)

    async def open(self, *_args: Any) -> None:
        url = f"ws://127.0.0.1:{self.settings['voila_port']}{self.request.uri}"
        headers = {k: v for k, v in self.request.headers.get_all()
                   if k.lower() in ("cookie", "user-agent")}
        try:
            self.backend = await websocket.websocket_connect(
                httpclient.HTTPRequest(url, headers=headers), on_message_callback=self._to_page)
        except (OSError, httpclient.HTTPClientError) as exc:
            log.warning("kernel websocket to voila failed: %s", exc)
            self.close(1011)

    def _to_page(self, message: str | bytes | None) -> None:
        if message is None:
            self.close()
            return
        try:
            self.write_message(message, binary=isinstance(message, bytes))
        except websocket.WebSocketClosedError:
            pass

    async def on_message(self, message: str | bytes) -> None:
        kind = message_type(message)
        if kind not in ALLOWED_FROM_BROWSER:
            log.warning("dropped %s message from the browser for %s", kind, self.settings["owner"])
            return
        if self.backend is not None:
            await self.backend.write_message(message, binary=isinstance(message, bytes))

    def on_close(self) -> None:
        if self.backend is not None:
            self.backend.close()


def make_app(prefix: str, owner: str, voila_port: int) -> web.Application:
    """The proxy's routes: the OAuth callback, kernel websockets, everything else."""
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    return web.Application(
        [
            (rf"{prefix}oauth_callback", HubOAuthCallbackHandler),
            (rf"{prefix}api/kernels/[^/]+/channels", KernelSocketHandler),
            (rf"{prefix}.*", ProxyHandler),
        ],
        cookie_secret=os.urandom(32), owner=owner, voila_port=voila_port,
        websocket_ping_interval=30,
    )


async def _serve(app: web.Application, ip: str, port: int) -> None:
    server = HTTPServer(app, xheaders=True)
    server.listen(port, ip)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopped.set)
    await stopped.wait()
    server.stop()


def main(argv: list[str] | None = None) -> int:
    """Start Voila on a loopback port, wait for it, then serve the owner-only proxy."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    parser = argparse.ArgumentParser(prog="python -m anshin.hub_singleuser")
    parser.add_argument("--ip", default="127.0.0.1", help="where the Hub's proxy reaches us")
    args = parser.parse_args(argv)
    prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    owner = os.environ["JUPYTERHUB_USER"]
    port = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"]).port or 8888
    voila_port = free_loopback_port()
    command = [*voila_command(voila_port), f"--Voila.base_url={prefix}",
               f"--Voila.server_url={prefix}"]
    voila = subprocess.Popen(command, env=voila_env(), start_new_session=True)
    try:
        if not wait_for_port(voila_port, START_TIMEOUT_S, voila):
            log.error("voila did not start")
            return 1
        log.info("serving %s for %s on %s:%d (voila on 127.0.0.1:%d)", prefix, owner, args.ip,
                 port, voila_port)
        asyncio.run(_serve(make_app(prefix, owner, voila_port), args.ip, port))
        return 0
    finally:
        _kill_group(voila)


if __name__ == "__main__":
    raise SystemExit(main())
