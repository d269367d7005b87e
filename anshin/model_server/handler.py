"""HTTP side of the model server: routes OpenAI-style and `/_sim` requests to replies and faults.

HTTP/1.1 with keep-alive. Non-streaming answers carry `Content-Length`; streamed answers use
`Transfer-Encoding: chunked`, one SSE event per HTTP chunk, so a cut stream is a protocol
error the client notices rather than a clean end of body.
"""

from __future__ import annotations

import json
import logging
import math
import os
import secrets
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import texts, wire
from .faults import Fault, FaultMix, FaultQueue, parse_faults, parse_mix
from .replies import compose_reply
from .stats import RequestStats

log = logging.getLogger(__name__)

# An idle keep-alive connection is closed after this long, so its thread does not linger.
IDLE_TIMEOUT_S = 120.0
MALFORMED_SSE_LINE = b'data: {"id": "chatcmpl-broken", "choices": [{"delta": \n\n'
MALFORMED_BODY = b'{"id": "chatcmpl-broken", "choices": ['
# What `GET /_sim/identity` calls this server, so `anshin serve` and the pages can tell it from
# another program that happens to answer on the same port.
IDENTITY = "anshin-model-server"


class SimServer(ThreadingHTTPServer):
    """The listening server and the simulator state its handlers share."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], chunk_delay_s: float,
                 nonce: str | None = None) -> None:
        super().__init__(address, SimHandler)
        self.chunk_delay_s = chunk_delay_s
        self.nonce = nonce or secrets.token_hex(16)  # new for every start
        self.faults = FaultQueue()
        self.mix = FaultMix()
        self.stats = RequestStats()
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def track(self, connection: socket.socket, active: bool) -> None:
        with self._connections_lock:
            if active:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        """Hang up every open client connection (used when stopping)."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Log instead of printing tracebacks; a client hanging up is routine, not an error."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            log.debug("client %s went away: %s", client_address, error)
        else:
            log.exception("error while handling a request from %s", client_address)

    def identity(self) -> dict[str, Any]:
        return {"service": IDENTITY, "nonce": self.nonce, "pid": os.getpid()}

    def sim_snapshot(self) -> dict[str, Any]:
        return {**self.stats.snapshot(), "faults_pending": self.faults.pending()}

    def next_fault(self) -> Fault | None:
        """The queued fault at the head, else one drawn from the mix, else none."""
        fault = self.faults.take()
        return fault if fault is not None else self.mix.draw()

    def reset(self) -> None:
        self.stats.reset()
        self.faults.clear()
        self.mix.clear()


class _ClientGone(Exception):
    """The client closed the connection, or the server is stopping."""


class SimHandler(BaseHTTPRequestHandler):
    """One connection's requests; the state lives on `self.server` (a SimServer)."""

    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT_S
    server_version = "anshin-model-server/0.1"
    server: SimServer

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, active=True)

    def finish(self) -> None:
        self.server.track(self.connection, active=False)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    # ------------------------------------------------------------------ routing

    def do_GET(self) -> None:
        path = urlsplit(self.path).path.rstrip("/")
        if path == "/v1/models":
            self._send_json(200, wire.models_list())
        elif path == f"/v1/models/{wire.MODEL_ID}":
            self._send_json(200, wire.model_object())
        elif path == "/_sim/stats":
            self._send_json(200, self.server.sim_snapshot())
        elif path == "/_sim/fault_mix":
            self._send_json(200, {"fault_mix": self.server.mix.describe()})
        elif path == "/_sim/arrivals":
            self._arrivals()
        elif path == "/_sim/identity":
            self._send_json(200, self.server.identity())
        else:
            self._not_found()

    def do_POST(self) -> None:
        path = urlsplit(self.path).path.rstrip("/")
        body = self._read_body()
        if path == "/v1/chat/completions":
            self._chat(body)
        elif path == "/_sim/faults":
            self._queue_faults(body)
        elif path == "/_sim/fault_mix":
            self._set_mix(body)
        elif path == "/_sim/reset":
            self.server.reset()
            self._send_json(200, self.server.sim_snapshot())
        else:
            self._not_found()

    # ------------------------------------------------------------------ control

    def _queue_faults(self, body: bytes) -> None:
        try:
            faults = parse_faults(json.loads(body or b"null"))
        except ValueError as err:
            message = texts.ERROR_BAD_FAULT.format(detail=err)
            self._send_json(400, wire.error(message, "invalid_request_error"))
            return
        self.server.faults.extend(faults)
        self._send_json(200, {"queued": len(faults), "faults_pending": self.server.faults.pending()})

    def _set_mix(self, body: bytes) -> None:
        try:
            entries, seed = parse_mix(json.loads(body or b"null"))
        except ValueError as err:
            message = texts.ERROR_BAD_FAULT.format(detail=err)
            self._send_json(400, wire.error(message, "invalid_request_error"))
            return
        self.server.mix.set(entries, seed)
        self._send_json(200, {"fault_mix": self.server.mix.describe()})

    def _arrivals(self) -> None:
        values = parse_qs(urlsplit(self.path).query).get("since")
        try:
            since = float(values[0]) if values else None
        except ValueError:
            message = texts.ERROR_BAD_QUERY.format(detail="since must be a number")
            self._send_json(400, wire.error(message, "invalid_request_error"))
            return
        self._send_json(200, {"arrivals": self.server.stats.arrivals(since)})

    # ------------------------------------------------------------------ chat completions

    def _chat(self, raw: bytes) -> None:
        body = self._chat_request(raw)
        if body is None:
            return
        messages = body["messages"]
        fault = self.server.next_fault()
        kind = fault.kind if fault is not None else None
        if fault is not None and kind == "slow_first_byte" and self._stopped_while(fault.delay_s):
            self.close_connection = True
            return
        if fault is not None and kind == "rate_limit":
            self._rate_limited(fault)
            return
        if kind == "server_error":
            self._chat_error(500, texts.ERROR_SERVER, "server_error")
            return
        if kind == "unauthorized":
            self._chat_error(401, texts.ERROR_UNAUTHORIZED, "invalid_request_error",
                             code="invalid_api_key")
            return
        text = fault.text if fault is not None and kind == "script" else None
        text, finish_reason = _limit(compose_reply(messages).text if text is None else text, body)
        if kind == "content_filter":
            text = "".join(wire.split_chunks(text)[: fault.after_chunks])
            finish_reason = "content_filter"
        model = body.get("model") if isinstance(body.get("model"), str) else wire.MODEL_ID
        usage = wire.usage(wire.prompt_tokens(messages), wire.count_tokens(text))
        options = body.get("stream_options")
        include_usage = isinstance(options, dict) and options.get("include_usage") is True
        try:
            if body.get("stream") is True:
                self._stream(model, text, finish_reason, usage if include_usage else None, fault)
            else:
                self._complete(model, text, finish_reason, usage, fault)
        except (_ClientGone, ConnectionError):
            self.close_connection = True

    def _chat_request(self, raw: bytes) -> dict[str, Any] | None:
        """The request body, counted in the stats; None after answering 400 if it is unusable."""
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        messages = body.get("messages") if isinstance(body, dict) else None
        self.server.stats.record_request(messages if isinstance(messages, list) else [])
        if not isinstance(body, dict):
            self._chat_error(400, texts.ERROR_BAD_JSON, "invalid_request_error")
            return None
        if not isinstance(messages, list) or not messages:
            self._chat_error(400, texts.ERROR_NO_MESSAGES, "invalid_request_error")
            return None
        return body

    def _stopped_while(self, seconds: float) -> bool:
        """Wait, unless the server stops first; True if it did."""
        return self.server.stopping.wait(seconds)

    def _complete(
        self, model: str, text: str, finish: str, usage: dict[str, Any], fault: Fault | None
    ) -> None:
        payload = wire.encode(wire.completion(wire.completion_id(), model, text, finish, usage))
        if fault is not None and fault.kind == "malformed_sse":
            payload = MALFORMED_BODY
        self.server.stats.record_status(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("x-request-id", wire.completion_id())
        self.end_headers()
        if fault is not None and fault.kind == "cut_stream":
            self.wfile.write(payload[: len(payload) // 2])
            self.close_connection = True
            return
        self.wfile.write(payload)

    def _stream(
        self,
        model: str,
        text: str,
        finish: str,
        usage: dict[str, Any] | None,
        fault: Fault | None,
    ) -> None:
        pieces = wire.split_chunks(text)
        kind = fault.kind if fault is not None else None
        break_after = min(fault.after_chunks, len(pieces)) if fault is not None else -1
        self.server.stats.record_status(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("x-request-id", wire.completion_id())
        self.end_headers()
        sent = 0
        for chunk in wire.stream_chunks(wire.completion_id(), model, pieces, finish, usage):
            if sent == break_after and kind == "cut_stream":
                self.close_connection = True
                return
            if sent == break_after and kind == "malformed_sse":
                self._write_chunk(MALFORMED_SSE_LINE)
                kind = None
            self._write_chunk(wire.sse_line(chunk))
            if _delta(chunk).get("content"):
                sent += 1
                self._pause(fault.delay_s if kind == "trickle" else self.server.chunk_delay_s)
        self._write_chunk(wire.DONE_LINE)
        self.wfile.write(b"0\r\n\r\n")

    # ------------------------------------------------------------------ output helpers

    def _pause(self, seconds: float) -> None:
        if seconds > 0 and self._stopped_while(seconds):
            raise _ClientGone

    def _write_chunk(self, data: bytes) -> None:
        if self.server.stopping.is_set():
            raise _ClientGone
        self.wfile.write(f"{len(data):X}\r\n".encode("ascii") + data + b"\r\n")

    def _rate_limited(self, fault: Fault) -> None:
        seconds = math.ceil(fault.retry_after)
        message = texts.ERROR_RATE_LIMIT.format(retry_after=seconds)
        headers = {
            "Retry-After": str(seconds),
            "retry-after-ms": str(round(fault.retry_after * 1000)),
        }
        self._chat_error(429, message, "rate_limit_exceeded", code="rate_limit_exceeded", **headers)

    def _chat_error(
        self, status: int, message: str, type_: str, code: str | None = None, **headers: str
    ) -> None:
        self.server.stats.record_status(status)
        self._send_json(status, wire.error(message, type_, code), headers)

    def _not_found(self) -> None:
        message = texts.ERROR_NOT_FOUND.format(path=urlsplit(self.path).path)
        self._send_json(404, wire.error(message, "invalid_request_error", "not_found"))

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = wire.encode(payload)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _delta(chunk: dict[str, Any]) -> dict[str, Any]:
    choices = chunk.get("choices") or [{}]
    return choices[0].get("delta", {})


def _limit(text: str, body: dict[str, Any]) -> tuple[str, str]:
    """The text cut to `max_completion_tokens`/`max_tokens` if given, and the finish reason."""
    limit = body.get("max_completion_tokens", body.get("max_tokens"))
    if isinstance(limit, int) and not isinstance(limit, bool) and 0 < limit < len(text):
        return text[:limit], "length"
    return text, "stop"
