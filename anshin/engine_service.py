"""The engine as a Hub-managed service: under JupyterHub it alone writes the store (issue 13, 5).

A staff member can run code in their own server (DESIGN.md, "No way around the gate"), so a
staff server must hold neither the database credential nor the signing key. This process
holds both and runs the real engine (`anshin.session`, `anshin.oversight`); staff servers
call it over HTTP with their Hub token (`anshin.remote_engine`). Who acts is always the
token's owner, mapped through the staff directory here: a request may say whom the page
thinks is acting (`as`), and when that is anyone else the request is refused and recorded
as `engine.refused` (method and field names, never their content). So are requests for a
method that is not in the table, reads of a session the caller may not see, and every
refusal of a role or ownership rule by the engine itself.

`POST /call` runs one engine method and answers `{"value": …}` or `{"error": …}` (values in
`anshin.wire`'s typed JSON); `POST /generate` sends a session's screened text through the
engine's gateway and streams `{"token": …}` lines, then `{"done": view}` or `{"error": …}`
(SSE); `POST /cancel` stops the caller's own running call (the page's "stop"), and a client
that hangs up cancels it too. `GET /health` answers 200.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import logging
import select
import signal
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any

from anshin import engine_texts as msg
from anshin import oversight
from anshin.errors import AnshinError
from anshin.gateway_service import FileTokenVerifier, HubTokenVerifier, TokenVerifier
from anshin.identity import IdentityError, Person
from anshin.lifecycle import Kind
from anshin.remote_gateway import RemoteGateway
from anshin.service_http import ServiceHandler, event_sender
from anshin.session import Forbidden, SessionNotFound, SessionView
from anshin.store import NewEvent
from anshin.suspension import current_status
from anshin.wire import REQUEST_TYPES, WireError, decode, encode, encode_error

log = logging.getLogger(__name__)

NAME_LIMIT = 64               # recorded method, field and user names are cut to this
CALL_FIELDS = frozenset({"method", "args", "kwargs", "as"})
GENERATE_FIELDS = frozenset({"session_id", "as"})
HANGUP_POLL_S = 0.2

# Engine methods a page calls, and where in their arguments the acting person goes.
SESSION_ACTIONS: dict[str, int] = {
    "start_session": 0, "sessions_of": 0, "declare_purpose": 1,
    "declare_published_source": 1, "withdraw_published_source": 1, "check_input": 1,
    "confirm_input": 1, "check_output": 1, "request_review": 1, "submit_review": 1,
    "decide": 1, "abandon": 1, "redact_input": 1, "revise_text": 1, "follow_up": 1,
    "regenerate": 1,
}
OVERSIGHT_ACTIONS = frozenset({
    "review_queue", "decision_queue", "open_for_review", "dashboard", "investigate",
    "archive_list", "open_record", "verify_archive", "services", "register_service",
    "approve_service", "withdraw_service", "suspend", "resume",
})

_caller_token: contextvars.ContextVar[str] = contextvars.ContextVar("anshin_caller_token")


class Refusal(AnshinError):
    """A request the service does not carry out; it is recorded."""

    def __init__(self, message_ja: str, reason: str) -> None:
        super().__init__(message_ja)
        self.reason = reason


class CallerGateway:
    """The gateway service, called with the token of whoever made this request: it checks
    again that the session is theirs, and only it holds the model keys."""

    def __init__(self, url: str) -> None:
        self.url = url

    def _door(self) -> RemoteGateway:
        return RemoteGateway(self.url, _caller_token.get())

    def prepare(self, *, service_id: str | None) -> Any:
        return self._door().prepare(service_id=service_id)

    def generate(self, **kwargs: Any) -> Any:
        return self._door().generate(**kwargs)


@dataclass(frozen=True)
class Call:
    """One decoded `/call` request."""

    method: str
    args: list[Any]
    kwargs: dict[str, Any]
    named: str | None


def may_read(app: Any, person: Person, view: SessionView) -> bool:
    """The author; the Director and auditors; reviewers and deciders of its department."""
    policy = app.policy
    if person.id == view.author or policy.may(person.role, "read_any_session"):
        return True
    return ((policy.may(person.role, "review") or policy.may(person.role, "decide"))
            and person.department == view.department)


def _with_person(args: list[Any], position: int, person: Person) -> list[Any]:
    return [*args[:position], person, *args[position:]]


def run_call(app: Any, person: Person, call: Call) -> Any:
    """Carry out `call` as `person` with the engine `app`, or raise (Refusal, engine errors)."""
    if call.named is not None and call.named != person.id:
        raise Refusal(msg.NOT_YOURSELF.format(user=person.id), "impersonation")
    method, args, kwargs = call.method, call.args, call.kwargs
    if method == "whoami":
        return person
    if method == "suspension":
        return current_status(app.store)
    if method == "reachability":
        return app.reachability()
    if method == "changes_since":
        return app.changes_since(*args)  # kinds and session ids only: what to reload, not what
    if method == "departments":
        return app.index.departments()
    if method == "registry.approved":
        return app.registry.approved()
    if method == "registry.all":
        return app.registry.all()
    if method == "registry.get":
        return app.registry.get(*args)
    if method == "get":
        view = app.sessions.get(*args)
        if not may_read(app, person, view):
            raise Refusal(msg.NOT_YOUR_SESSION, "read_forbidden")
        return view
    if method in SESSION_ACTIONS:
        action = getattr(app.sessions, method)
        return action(*_with_person(args, SESSION_ACTIONS[method], person), **kwargs)
    if method.startswith("oversight.") and method.removeprefix("oversight.") in OVERSIGHT_ACTIONS:
        action = getattr(oversight, method.removeprefix("oversight."))
        return action(app, person, *args, **kwargs)
    raise Refusal(msg.UNKNOWN_METHOD, "unknown_method")


def parse_call(body: Any) -> Call:
    if not isinstance(body, dict) or set(body) - CALL_FIELDS or not isinstance(
            body.get("method"), str):
        raise Refusal(msg.BAD_REQUEST, "bad_request")
    args, kwargs, named = body.get("args", []), body.get("kwargs", {}), body.get("as")
    if not isinstance(args, list) or not isinstance(kwargs, dict) or not isinstance(
            named, str | None):
        raise Refusal(msg.BAD_REQUEST, "bad_request")
    try:
        return Call(body["method"], [decode(a, REQUEST_TYPES) for a in args],
                    {str(k): decode(v, REQUEST_TYPES) for k, v in kwargs.items()}, named)
    except WireError as exc:
        raise Refusal(msg.BAD_REQUEST, "bad_request") from exc


class EngineHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], app: Any, verifier: TokenVerifier) -> None:
        super().__init__(address, _Handler)
        self.app = app
        self.verifier = verifier
        self._running: dict[tuple[str, str], threading.Event] = {}
        self._running_lock = threading.Lock()

    @contextlib.contextmanager
    def running(self, user: str, session_id: str) -> Iterator[threading.Event]:
        """The cancel flag of `user`'s call for `session_id`, while it runs."""
        cancel = threading.Event()
        with self._running_lock:
            self._running[(user, session_id)] = cancel
        try:
            yield cancel
        finally:
            with self._running_lock:
                if self._running.get((user, session_id)) is cancel:
                    del self._running[(user, session_id)]

    def stop(self, user: str, session_id: str) -> bool:
        """Stop `user`'s own running call for `session_id` (nobody else's)."""
        with self._running_lock:
            cancel = self._running.get((user, session_id))
        if cancel is not None:
            cancel.set()
        return cancel is not None

    def record_refusal(self, user: str, method: str, body: Any, exc: AnshinError) -> None:
        """`engine.refused`: who asked for what (names only), and why it was refused."""
        fields = sorted(str(k)[:NAME_LIMIT] for k in body)[:20] if isinstance(body, dict) else []
        named = body.get("as") if isinstance(body, dict) else None
        args = body.get("args") if isinstance(body, dict) else None
        session_id = body.get("session_id") if isinstance(body, dict) else None
        if session_id is None and isinstance(args, list) and args and isinstance(args[0], str):
            session_id = args[0]
        self.app.store.append(NewEvent(Kind.ENGINE_REFUSED.value, user, None, {
            "method": method[:NAME_LIMIT], "fields": fields,
            "named_user": str(named)[:NAME_LIMIT] if named is not None else None,
            "session_id": str(session_id)[:NAME_LIMIT] if session_id is not None else None,
            "reason": getattr(exc, "reason", type(exc).__name__), "message_ja": exc.message_ja,
        }))
        log.warning("engine refused %s from %s: %s", method[:NAME_LIMIT], user,
                    getattr(exc, "reason", type(exc).__name__))


class _Handler(ServiceHandler):
    server: EngineHTTPServer
    service_name = "engine-service"

    def do_GET(self) -> None:
        if self.path == "/health":
            self._json(200, {"ok": True})
        else:
            self._json(404, {"error": {"class": "AnshinError", "message_ja": msg.UNKNOWN_METHOD}})

    def do_POST(self) -> None:
        token = self._token()
        user = self.server.verifier.user_for(token) if token else None
        if token is None or user is None:
            self._json(401, {"error": {"class": "IdentityError", "message_ja": msg.UNAUTHENTICATED}})
            return
        try:
            person = self.server.app.directory.get(user, authenticated=True)
        except IdentityError as exc:
            self._json(403, {"error": encode_error(exc)})
            return
        try:
            body = self._body()
        except ValueError:
            self._json(400, {"error": {"class": "AnshinError", "message_ja": msg.BAD_REQUEST}})
            return
        _caller_token.set(token)
        if self.path == "/call":
            self._call(person, body)
        elif self.path == "/generate":
            self._generate(person, body)
        elif self.path == "/cancel" and isinstance(body, dict) and isinstance(
                body.get("session_id"), str):
            self._json(200, {"stopped": self.server.stop(person.id, body["session_id"])})
        else:
            self._json(404, {"error": {"class": "AnshinError", "message_ja": msg.UNKNOWN_METHOD}})

    def _refuse(self, person: Person, method: str, body: Any, exc: AnshinError,
                status: int = 403) -> None:
        self.server.record_refusal(person.id, method, body, exc)
        self._json(status, {"error": encode_error(exc)})

    def _call(self, person: Person, body: Any) -> None:
        method = str(body.get("method", "")) if isinstance(body, dict) else ""
        try:
            value = run_call(self.server.app, person, parse_call(body))
            data = encode(value)
        except Refusal as exc:
            self._refuse(person, method, body, exc, 400 if exc.reason == "bad_request" else 403)
        except Forbidden as exc:
            self._refuse(person, method, body, exc)
        except SessionNotFound as exc:
            self._json(404, {"error": encode_error(exc)})
        except AnshinError as exc:
            self._json(409, {"error": encode_error(exc)})
        except (TypeError, WireError) as exc:
            log.warning("malformed %s call from %s: %s", method[:NAME_LIMIT], person.id, exc)
            self._refuse(person, method, body, Refusal(msg.BAD_REQUEST, "bad_request"), 400)
        except Exception:
            log.exception("engine call %s from %s failed", method[:NAME_LIMIT], person.id)
            self._json(500, {"error": {"class": "AnshinError", "message_ja": msg.ENGINE_FAILED}})
        else:
            self._json(200, {"value": data})

    def _generate(self, person: Person, body: Any) -> None:
        if (not isinstance(body, dict) or set(body) - GENERATE_FIELDS
                or not isinstance(body.get("session_id"), str)):
            self._refuse(person, "generate", body, Refusal(msg.BAD_REQUEST, "bad_request"), 400)
            return
        if body.get("as") is not None and body.get("as") != person.id:
            self._refuse(person, "generate", body,
                         Refusal(msg.NOT_YOURSELF.format(user=person.id), "impersonation"))
            return
        self._start_event_stream()
        with self.server.running(person.id, body["session_id"]) as cancel:
            self._stream(person, body, cancel)

    def _stream(self, person: Person, body: dict[str, Any], cancel: threading.Event) -> None:
        ended = threading.Event()
        threading.Thread(target=_cancel_on_hangup, args=(self.connection, cancel, ended),
                         daemon=True, name="anshin-engine-hangup").start()
        send = event_sender(self.wfile, cancel)
        try:
            view = self.server.app.sessions.generate(
                body["session_id"], person, on_token=lambda piece: send({"token": piece}),
                cancel=cancel)
        except Forbidden as exc:
            self.server.record_refusal(person.id, "generate", body, exc)
            send({"error": encode_error(exc)})
        except AnshinError as exc:
            send({"error": encode_error(exc)})
        except Exception:
            log.exception("generation for %s failed", person.id)
            send({"error": {"class": "AnshinError", "message_ja": msg.ENGINE_FAILED}})
        else:
            send({"done": encode(view)})
        finally:
            ended.set()


def _cancel_on_hangup(conn: socket.socket, cancel: threading.Event,
                      ended: threading.Event) -> None:
    """Set `cancel` when the client closes its end, even while no token is being written
    (waiting for the model's first byte)."""
    while not ended.is_set() and not cancel.is_set():
        try:
            readable, _, _ = select.select([conn], [], [], HANGUP_POLL_S)
            if readable and conn.recv(1, socket.MSG_PEEK) == b"":
                cancel.set()
        except (OSError, ValueError):
            cancel.set()


def start_in_thread(app: Any, verifier: TokenVerifier, host: str = "127.0.0.1",
                    port: int = 0) -> EngineHTTPServer:
    server = EngineHTTPServer((host, port), app, verifier)
    threading.Thread(target=server.serve_forever, daemon=True, name="anshin-engine").start()
    return server


def service_app() -> Any:
    """The engine from this process's environment, its gateway (when it is the gateway
    service) called with each caller's own token."""
    import os

    from anshin.app import get_app

    app = get_app()
    url = os.environ.get("ANSHIN_GATEWAY_URL")
    if url:
        app.sessions.gateway = CallerGateway(url)
    return app


def warm_up(app: Any) -> None:
    """Load what the first page action would otherwise wait for: the morphological analyser
    behind screening and nbconvert behind the records (seconds each, cold)."""
    try:
        app.sessions.screener("準備のための文章です。", app.policy.severities)
        from nbconvert import HTMLExporter  # noqa: F401
    except Exception:  # a failed warm-up only costs the first user some seconds
        log.warning("engine warm-up failed", exc_info=True)


def main(argv: list[str] | None = None) -> int:
    """`anshin engine-service`: the only process of a Hub deployment that writes the store."""
    import os

    parser = argparse.ArgumentParser(prog="anshin engine-service")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8771)
    parser.add_argument("--tokens-file", default=None,
                        help="JSON sha256(token) → staff id; default: JupyterHub API")
    args = parser.parse_args(argv)
    app = service_app()
    if args.tokens_file:
        verifier: TokenVerifier = FileTokenVerifier(args.tokens_file)
    else:
        verifier = HubTokenVerifier(os.environ["JUPYTERHUB_API_URL"])
    server = EngineHTTPServer((args.host, args.port), app, verifier)
    threading.Thread(target=warm_up, args=(app,), daemon=True, name="anshin-warm-up").start()
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()
    return 0


__all__ = ["CallerGateway", "EngineHTTPServer", "main", "may_read", "run_call", "start_in_thread"]
