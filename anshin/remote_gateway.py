"""The kernel's side of the gateway service: same interface as `Gateway`, no keys.

When `ANSHIN_GATEWAY_URL` is set (JupyterHub deployments), the engine talks to the
key-holding gateway service instead of calling a model itself. It sends no messages: it names
the session and the screened turn, and the service builds what is sent. The user's token
(`ANSHIN_GATEWAY_TOKEN`, else the Hub's `JUPYTERHUB_API_TOKEN`) says who is calling; under
the engine service (`anshin.engine_service`) it is the token of the staff member it acts for.
"Stop" ends the stream the same way every time (`anshin.sse_client`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from anshin import gateway_texts as msg
from anshin.gateway import ERROR_KINDS, Cancelled, GatewayError, GenerationResult, Unavailable
from anshin.sse_client import StreamCancelled, events


@dataclass(frozen=True)
class RemotePrepared:
    service_id: str
    model: str


def _raise(error: dict[str, Any]) -> None:
    cls = ERROR_KINDS.get(error.get("kind", ""), GatewayError)
    raise cls(error.get("message_ja") or msg.GATEWAY_UNREACHABLE,
              partial_output=error.get("partial_output") or "",
              attempts=int(error.get("attempts") or 0))


class RemoteGateway:
    def __init__(self, url: str, token: str, timeout_s: float = 120.0) -> None:
        self.url = url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {token}"}
        self.timeout = httpx.Timeout(timeout_s, connect=5.0)

    def prepare(self, *, service_id: str | None) -> RemotePrepared:
        try:
            response = httpx.post(f"{self.url}/prepare", json={"service_id": service_id},
                                  headers=self.headers, timeout=self.timeout)
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise Unavailable(msg.GATEWAY_UNREACHABLE, detail=str(exc)) from exc
        if "error" in data:
            _raise(data["error"])
        return RemotePrepared(data["service_id"], data["model"])

    def generate(self, *, prepared: RemotePrepared, session: Any, turn: int | None,
                 on_token: Callable[[str], None] | None = None,
                 cancel: threading.Event | None = None) -> GenerationResult:
        """Name the session and its screened turn; the service builds and sends the messages."""
        parts: list[str] = []
        body = {"session_id": session.session_id, "turn": turn,
                "service_id": prepared.service_id}
        try:
            with httpx.stream("POST", f"{self.url}/generate", json=body, headers=self.headers,
                              timeout=self.timeout) as response:
                if response.status_code != 200:
                    response.read()
                    _raise(response.json().get("error", {}))
                for event in events(response, cancel):
                    if "token" in event:
                        parts.append(event["token"])
                        if on_token is not None:
                            on_token(event["token"])
                    elif "error" in event:
                        _raise(event["error"])
                    elif "done" in event:
                        done = event["done"]
                        return GenerationResult(
                            text=done["text"], usage=done.get("usage"),
                            finish_reason=done.get("finish_reason"),
                            attempts=int(done.get("attempts") or 1),
                            duration_ms=int(done.get("duration_ms") or 0), chunks=len(parts))
        except GatewayError:
            raise
        except StreamCancelled as exc:
            raise Cancelled(msg.CANCELLED, partial_output="".join(parts)) from exc
        except (httpx.HTTPError, httpx.StreamError, ValueError) as exc:
            raise Unavailable(msg.GATEWAY_UNREACHABLE, detail=str(exc),
                              partial_output="".join(parts)) from exc
        if cancel is not None and cancel.is_set():
            raise Cancelled(msg.CANCELLED, partial_output="".join(parts))
        raise Unavailable(msg.GATEWAY_UNREACHABLE, partial_output="".join(parts))
