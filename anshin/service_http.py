"""The HTTP plumbing the two Hub-managed services share (`anshin.gateway_service`,
`anshin.engine_service`): JSON replies, the caller's bearer token, a bounded JSON body, and
the server-sent-event stream a generation answers with. One place, so both doors read and
write the same way."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

log = logging.getLogger(__name__)

BODY_LIMIT = 2_000_000


class ServiceHandler(BaseHTTPRequestHandler):
    """A request to one of our services. Subclasses route; this reads and writes."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes on a kept-alive connection: without this, Nagle's
    # algorithm and the client's delayed ACK add ~40 ms to every call.
    disable_nagle_algorithm = True
    service_name = "service"

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.service_name, format % args)

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _token(self) -> str | None:
        """The bearer token of the request (`Bearer …` or the Hub's `token …`), or None."""
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() not in ("bearer", "token") or not token.strip():
            return None
        return token.strip()

    def _body(self) -> Any:
        """The request's JSON body; ValueError when too large or not JSON."""
        length = int(self.headers.get("Content-Length") or 0)
        if length > BODY_LIMIT:
            raise ValueError("body too large")
        return json.loads(self.rfile.read(length) or b"{}")

    def _start_event_stream(self) -> None:
        """200 and the headers of an SSE answer; the connection closes after it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True


def event_sender(wfile: Any, cancel: threading.Event) -> Callable[[dict[str, Any]], None]:
    """Write one SSE `data:` line per payload; a client that hung up sets `cancel`, which
    stops the model call behind the stream."""
    def send(payload: dict[str, Any]) -> None:
        line = "data: " + json.dumps(payload, ensure_ascii=False) + "\n\n"
        try:
            wfile.write(line.encode())
            wfile.flush()
        except OSError:
            cancel.set()
    return send
