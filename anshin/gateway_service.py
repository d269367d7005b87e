"""The gateway as its own small service, for city-scale deployments (issue 8).

At city scale staff kernels must not hold model keys: this process alone has them. Kernels
call it over loopback/HTTP with the user's token; it resolves the token to a person (through
the JupyterHub API, or a file of token hashes), loads the session from the shared store, and
lets the call through only if the caller is the session's author and the same `Gateway`
checks pass at the door. A request names a session and its screened turn, nothing else: the
messages are built here from the store (anyone holding a token could otherwise send what
they like), and a request carrying anything more is refused and recorded as
`gateway.refused` (field names only, never their content). The reply streams back as SSE
lines: `{"token": …}` pieces, then `{"done": result}` or `{"error": {kind, message_ja, …}}`.
A client that disconnects cancels the model call.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import signal
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

import httpx

from anshin import gateway_texts as msg
from anshin.gateway import Gateway, GatewayError, Prepared, Refused
from anshin.lifecycle import Kind
from anshin.service_http import ServiceHandler, event_sender
from anshin.session import SessionError, SessionService
from anshin.store import NewEvent

log = logging.getLogger(__name__)

# What a generation request may say: which session, which screened turn, which service.
REQUEST_FIELDS = frozenset({"session_id", "turn", "service_id"})
RECORDED_NAME_LIMIT = 64      # a refused request's field names are recorded, cut to this


def _generation_request(body: Any) -> tuple[str, int, str | None]:
    """(session_id, turn, service_id) of a generation request, or Refused."""
    if not isinstance(body, dict) or set(body) - REQUEST_FIELDS:
        raise Refused(msg.CLIENT_CONTENT_REFUSED)
    session_id, turn, service_id = body.get("session_id"), body.get("turn"), body.get("service_id")
    if (not isinstance(session_id, str) or isinstance(turn, bool) or not isinstance(turn, int)
            or not isinstance(service_id, str | None)):
        raise Refused(msg.CLIENT_CONTENT_REFUSED)
    return session_id, turn, service_id


class TokenVerifier(Protocol):
    def user_for(self, token: str) -> str | None: ...


class HubTokenVerifier:
    """Asks JupyterHub who owns a token (`GET {api_url}/user`); answers cached briefly."""

    def __init__(self, api_url: str, ttl_s: float = 60.0) -> None:
        self.api_url = api_url.rstrip("/")
        self.ttl_s = ttl_s
        self._cache: dict[str, tuple[float, str | None]] = {}
        self._lock = threading.Lock()

    def user_for(self, token: str) -> str | None:
        key = hashlib.sha256(token.encode()).hexdigest()
        with self._lock:
            hit = self._cache.get(key)
            if hit and time.monotonic() - hit[0] < self.ttl_s:
                return hit[1]
        try:
            response = httpx.get(f"{self.api_url}/user", timeout=5.0,
                                 headers={"Authorization": f"token {token}"})
            name = response.json().get("name") if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            log.warning("hub token check failed", exc_info=True)
            return None
        with self._lock:
            self._cache[key] = (time.monotonic(), name)
        return name


class FileTokenVerifier:
    """A JSON file mapping sha256(token) → staff id, for deployments without a Hub."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def user_for(self, token: str) -> str | None:
        table = json.loads(self.path.read_text(encoding="utf-8"))
        return table.get(hashlib.sha256(token.encode()).hexdigest())


class GatewayHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], sessions: SessionService, gateway: Gateway,
                 verifier: TokenVerifier) -> None:
        super().__init__(address, _Handler)
        self.sessions = sessions
        self.gateway = gateway
        self.verifier = verifier


class _Handler(ServiceHandler):
    server: GatewayHTTPServer
    service_name = "gateway-service"

    def _error(self, status: int, exc: GatewayError | SessionError) -> None:
        kind = getattr(exc, "kind", "refused")
        self._json(status, {"error": {"kind": kind, "message_ja": exc.message_ja}})

    def _caller(self) -> str | None:
        token = self._token()
        return self.server.verifier.user_for(token) if token else None

    # -- routes ----------------------------------------------------------------------------
    def do_POST(self) -> None:
        user = self._caller()
        if user is None:
            self._json(401, {"error": {"kind": "unauthenticated",
                                       "message_ja": msg.UNAUTHENTICATED}})
            return
        try:
            body = self._body()
        except ValueError:
            self._json(400, {"error": {"kind": "bad_request", "message_ja": msg.NOT_SCREENED}})
            return
        if self.path == "/prepare":
            self._prepare(body)
        elif self.path == "/generate":
            self._generate(user, body)
        else:
            self._json(404, {"error": {"kind": "not_found", "message_ja": msg.NOT_CONFIGURED}})

    def _prepare(self, body: dict[str, Any]) -> None:
        try:
            prepared = self.server.gateway.prepare(service_id=body.get("service_id"))
        except GatewayError as exc:
            self._error(403, exc)
            return
        self._json(200, {"service_id": prepared.service_id, "model": prepared.model})

    def _refuse(self, user: str, body: Any, exc: GatewayError | SessionError) -> None:
        """403, and an event saying who asked for what (names of fields, not their values)."""
        named = body.get("session_id") if isinstance(body, dict) else None
        fields = sorted(str(k)[:RECORDED_NAME_LIMIT] for k in body) if isinstance(body, dict) else []
        self.server.sessions.store.append(NewEvent(Kind.GATEWAY_REFUSED.value, user, None, {
            "session_id": str(named)[:RECORDED_NAME_LIMIT] if named is not None else None,
            "fields": fields[:20], "error_kind": getattr(exc, "kind", "refused"),
            "message_ja": exc.message_ja,
        }))
        log.warning("gateway refused a generation request from %s: %s", user,
                    getattr(exc, "kind", "refused"))
        self._error(403, exc)

    def _generate(self, user: str, body: Any) -> None:
        try:
            session_id, turn, service_id = _generation_request(body)
            session = self.server.sessions.get(session_id)
            if session.author != user:
                raise Refused(msg.NOT_YOUR_SESSION)
            prepared = self.server.gateway.prepare(service_id=service_id or session.service_id)
            self.server.gateway.admit(prepared=prepared, session=session, turn=turn)
        except (GatewayError, SessionError) as exc:
            self._refuse(user, body, exc)
            return
        self._start_event_stream()
        cancel = threading.Event()
        send = event_sender(self.wfile, cancel)  # the kernel hanging up stops the model call
        try:
            result = self.server.gateway.generate(
                prepared=prepared, session=session, turn=turn,
                on_token=lambda piece: send({"token": piece}), cancel=cancel)
        except GatewayError as exc:
            send({"error": {"kind": exc.kind, "message_ja": exc.message_ja,
                            "partial_output": exc.partial_output, "attempts": exc.attempts}})
            return
        send({"done": {"text": result.text, "usage": result.usage,
                       "finish_reason": result.finish_reason, "attempts": result.attempts,
                       "duration_ms": result.duration_ms}})


def start_in_thread(sessions: SessionService, gateway: Gateway, verifier: TokenVerifier,
                    host: str = "127.0.0.1", port: int = 0) -> GatewayHTTPServer:
    server = GatewayHTTPServer((host, port), sessions, gateway, verifier)
    threading.Thread(target=server.serve_forever, daemon=True, name="anshin-gateway").start()
    return server


def main(argv: list[str] | None = None) -> int:
    """`anshin gateway-service`: the key-holding gateway for JupyterHub deployments. Keys come
    from ANSHIN_MODEL_KEYS_FILE (never from the Hub's database) or this process's environment."""
    import os

    from anshin.app import get_app
    from anshin.model_keys import install_model_keys

    parser = argparse.ArgumentParser(prog="anshin gateway-service")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8770)
    parser.add_argument("--tokens-file", default=None,
                        help="JSON sha256(token) → staff id; default: JupyterHub API")
    args = parser.parse_args(argv)
    install_model_keys()
    app = get_app()
    if args.tokens_file:
        verifier: TokenVerifier = FileTokenVerifier(args.tokens_file)
    else:
        verifier = HubTokenVerifier(os.environ["JUPYTERHUB_API_URL"])
    server = GatewayHTTPServer((args.host, args.port), app.sessions,
                               Gateway(app.store, app.registry, app.policy), verifier)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()
    return 0


__all__ = ["FileTokenVerifier", "GatewayHTTPServer", "HubTokenVerifier", "Prepared", "main",
           "start_in_thread"]
