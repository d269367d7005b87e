"""The only door out of the city (§2, §3, §8): every model call goes through `Gateway`.

Before any network I/O it refuses unless the service is approved (with a no-training basis),
use is not suspended (read from the store at call time, not cached), the session is
screened, and the text to send equals the screened text exactly. It streams through the
official `openai` package with explicit timeouts and bounded retries of its own (429, 5xx,
connection errors; Retry-After honoured; no retry of other 4xx or once tokens have arrived).
Keys come only from the server-side environment variable the registry names.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import openai

from anshin import gateway_texts as msg
from anshin.errors import AnshinError
from anshin.lifecycle import State
from anshin.services import Service, ServiceRegistry
from anshin.store import EventStore
from anshin.suspension import current_status

log = logging.getLogger(__name__)

LOCAL_PLACEHOLDER_KEY = "local-no-key"


class GatewayError(AnshinError):
    """A model call did not produce a complete answer. `message_ja` says what to do next."""

    kind = "error"

    def __init__(self, message_ja: str, *, detail: str = "", partial_output: str = "",
                 attempts: int = 0) -> None:
        super().__init__(message_ja)
        self.detail = detail
        self.partial_output = partial_output
        self.attempts = attempts


class NoGatewayConfigured(GatewayError):
    kind = "not_configured"

    def __init__(self) -> None:
        super().__init__(msg.NOT_CONFIGURED)


class Refused(GatewayError):
    """Not approved, not screened, or not what was screened: nothing was sent."""

    kind = "refused"


class Suspended(Refused):
    kind = "suspended"


class KeyMissing(Refused):
    kind = "key_missing"


class RateLimited(GatewayError):
    kind = "rate_limited"


class Unavailable(GatewayError):
    kind = "unavailable"


class BadRequest(GatewayError):
    kind = "bad_request"


class Cancelled(GatewayError):
    kind = "cancelled"


class IncompleteStream(GatewayError):
    kind = "incomplete"


ERROR_KINDS: dict[str, type[GatewayError]] = {
    cls.kind: cls for cls in (GatewayError, Refused, Suspended, KeyMissing, RateLimited,
                              Unavailable, BadRequest, Cancelled, IncompleteStream)
}


@dataclass(frozen=True)
class Prepared:
    """A service resolved and approved for one call."""

    service_id: str
    model: str
    service: Service


@dataclass
class GenerationResult:
    text: str
    usage: dict[str, Any] | None
    finish_reason: str | None
    attempts: int
    duration_ms: int
    first_byte_ms: int | None = None
    chunks: int = 0
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 3
    base_delay_s: float = 0.5
    max_delay_s: float = 20.0
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 60.0


def _client_for(service: Service, timeout: openai.Timeout) -> openai.OpenAI:
    key = os.environ.get(service.api_key_env, "") if service.api_key_env else ""
    if not key:
        if service.kind == "openai_compatible" and not service.api_key_env:
            key = LOCAL_PLACEHOLDER_KEY
        else:
            raise KeyMissing(msg.KEY_MISSING.format(service=service.name))
    if service.kind == "azure_openai":
        return openai.AzureOpenAI(api_key=key, azure_endpoint=service.base_url,
                                  api_version=service.api_version, timeout=timeout, max_retries=0)
    if service.kind == "openai":
        return openai.OpenAI(api_key=key, base_url=service.base_url or None, timeout=timeout,
                             max_retries=0)
    return openai.OpenAI(api_key=key, base_url=service.base_url, timeout=timeout, max_retries=0)


class Gateway:
    """Resolve, check, send, stream. One instance per process."""

    def __init__(self, store: EventStore, registry: ServiceRegistry,
                 retry: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.store = store
        self.registry = registry
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self._clients: dict[str, tuple[Service, openai.OpenAI]] = {}
        self._lock = threading.Lock()

    # -- checks before any I/O ----------------------------------------------------------------
    def prepare(self, *, service_id: str | None) -> Prepared:
        """Resolve the service and refuse unless it is approved and use is not suspended."""
        status = current_status(self.store)
        if status.suspended:
            raise Suspended(msg.SUSPENDED.format(notice=status.notice))
        services = self.registry.all()
        if service_id is None:
            approved = [s for s in services.values() if s.approved]
            if not approved:
                raise NoGatewayConfigured()
            service_id = approved[0].id
        service = services.get(service_id)
        if service is None:
            raise Refused(msg.UNKNOWN_SERVICE.format(service=service_id))
        if not service.approved:
            raise Refused(msg.NOT_APPROVED.format(service=service.name))
        return Prepared(service.id, service.model, service)

    def _client(self, service: Service) -> openai.OpenAI:
        with self._lock:
            cached = self._clients.get(service.id)
            if cached and cached[0] == service:
                return cached[1]
            timeout = openai.Timeout(self.retry.read_timeout_s,
                                     connect=self.retry.connect_timeout_s)
            client = _client_for(service, timeout)
            self._clients[service.id] = (service, client)
            return client

    # -- the call -----------------------------------------------------------------------------
    def generate(
        self, *, prepared: Prepared, messages: list[dict[str, str]], session: Any,
        on_token: Callable[[str], None] | None = None, cancel: threading.Event | None = None,
    ) -> GenerationResult:
        """Send `messages` for `session` and stream the reply into `on_token`."""
        if session is None or session.state != State.SCREENED:
            raise Refused(msg.NOT_SCREENED)
        if not messages or messages[-1].get("content") != session.text_sent:
            raise Refused(msg.TEXT_MISMATCH)
        # Checked again right before the wire: a suspension or withdrawal set by another
        # process since `prepare` must stop this call.
        prepared = self.prepare(service_id=prepared.service_id)
        client = self._client(prepared.service)
        started = time.perf_counter()
        attempt = 0
        while True:
            attempt += 1
            if cancel is not None and cancel.is_set():
                raise Cancelled(msg.CANCELLED, attempts=attempt - 1)
            try:
                result = self._stream_once(client, prepared, messages, on_token, cancel, attempt)
                result.duration_ms = int((time.perf_counter() - started) * 1000)
                return result
            except _Retryable as exc:
                if attempt >= self.retry.max_attempts:
                    raise exc.final(attempt) from exc.cause
                delay = exc.retry_after
                if delay is None:
                    delay = self.retry.base_delay_s * 2 ** (attempt - 1)
                    delay += random.random() * self.retry.base_delay_s
                delay = min(delay, self.retry.max_delay_s)
                log.warning("model call attempt %d failed (%s); retrying in %.2fs",
                            attempt, exc.cause.__class__.__name__, delay)
                if cancel is not None:
                    if cancel.wait(delay):
                        raise Cancelled(msg.CANCELLED, attempts=attempt) from None
                else:
                    self.sleep(delay)

    def _stream_once(self, client: openai.OpenAI, prepared: Prepared,
                     messages: list[dict[str, str]], on_token: Callable[[str], None] | None,
                     cancel: threading.Event | None, attempt: int) -> GenerationResult:
        parts: list[str] = []
        usage: dict[str, Any] | None = None
        finish: str | None = None
        first_byte_ms: int | None = None
        t0 = time.perf_counter()
        stream = None
        watcher = None
        try:
            stream = _open_stream(client, cancel, model=prepared.model, messages=messages,
                                  stream=True, stream_options={"include_usage": True})
            if cancel is not None:
                watcher = threading.Thread(target=_close_on_cancel, args=(cancel, stream),
                                           daemon=True)
                watcher.start()
            for chunk in stream:
                if cancel is not None and cancel.is_set():
                    raise Cancelled(msg.CANCELLED, partial_output="".join(parts),
                                    attempts=attempt)
                if chunk.usage is not None:
                    usage = chunk.usage.model_dump(exclude_none=True)
                for choice in chunk.choices or []:
                    piece = choice.delta.content if choice.delta else None
                    if piece:
                        if first_byte_ms is None:
                            first_byte_ms = int((time.perf_counter() - t0) * 1000)
                        parts.append(piece)
                        if on_token is not None:
                            on_token(piece)
                    if choice.finish_reason:
                        finish = choice.finish_reason
        except GatewayError:
            raise
        except openai.RateLimitError as exc:
            if parts:
                raise _incomplete(parts, attempt, exc) from exc
            raise _Retryable(exc, _retry_after(exc), RateLimited, msg.RATE_LIMITED) from exc
        except openai.InternalServerError as exc:
            if parts:
                raise _incomplete(parts, attempt, exc) from exc
            raise _Retryable(exc, _retry_after(exc), Unavailable, msg.UNAVAILABLE) from exc
        except openai.APITimeoutError as exc:
            if parts:
                raise _incomplete(parts, attempt, exc) from exc
            if _could_not_connect(exc):
                raise _connect_failed(prepared, attempt, exc) from exc
            raise _Retryable(exc, None, Unavailable, msg.TIMEOUT) from exc
        except openai.APIStatusError as exc:
            raise BadRequest(msg.BAD_REQUEST.format(status=exc.status_code), detail=str(exc),
                             attempts=attempt) from exc
        except Exception as exc:  # connection errors, a closed or malformed stream
            if cancel is not None and cancel.is_set():
                raise Cancelled(msg.CANCELLED, partial_output="".join(parts),
                                attempts=attempt) from exc
            if parts or not isinstance(exc, openai.APIConnectionError):
                raise _incomplete(parts, attempt, exc) from exc
            if _could_not_connect(exc):
                raise _connect_failed(prepared, attempt, exc) from exc
            raise _Retryable(exc, None, Unavailable, msg.UNAVAILABLE) from exc
        finally:
            if stream is not None:
                stream.close()  # also ends the cancel watcher, which sees the closed response
        if finish is None:
            if cancel is not None and cancel.is_set():
                raise Cancelled(msg.CANCELLED, partial_output="".join(parts), attempts=attempt)
            raise _incomplete(parts, attempt, None)
        return GenerationResult(text="".join(parts), usage=usage, finish_reason=finish,
                                attempts=attempt, duration_ms=0, first_byte_ms=first_byte_ms,
                                chunks=len(parts))


class _Retryable(Exception):
    def __init__(self, cause: Exception, retry_after: float | None,
                 final_type: type[GatewayError], template: str) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.retry_after = retry_after
        self.final_type = final_type
        self.template = template

    def final(self, attempts: int) -> GatewayError:
        return self.final_type(self.template.format(attempts=attempts), detail=str(self.cause),
                               attempts=attempts)


def _incomplete(parts: list[str], attempt: int, cause: Exception | None) -> IncompleteStream:
    return IncompleteStream(msg.INCOMPLETE, detail=str(cause or "stream ended without finish"),
                            partial_output="".join(parts), attempts=attempt)


def _could_not_connect(exc: Exception) -> bool:
    """No connection was made at all (refused, unreachable, connect timeout): nobody is
    listening there, so waiting and retrying only keeps the user waiting. Read from the
    transport's exception by name: the openai package's HTTP client (httpx, or its httpx2
    fork in some builds) raises ConnectError / ConnectTimeout."""
    cause = exc.__cause__
    return cause is not None and type(cause).__name__ in ("ConnectError", "ConnectTimeout")


def _connect_failed(prepared: Prepared, attempt: int, exc: Exception) -> Unavailable:
    address = urlsplit(prepared.service.base_url).netloc
    return Unavailable(msg.CONNECT_FAILED.format(service=prepared.service.name, address=address),
                       detail=str(exc.__cause__ or exc), attempts=attempt)


def _retry_after(exc: openai.APIStatusError) -> float | None:
    value = exc.response.headers.get("retry-after") if exc.response is not None else None
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _open_stream(client: openai.OpenAI, cancel: threading.Event | None, **kwargs: Any) -> Any:
    """Open the streaming request; a stop pressed while waiting for the first byte (headers
    not yet sent) returns at once, and the abandoned request is closed when it completes."""
    if cancel is None:
        return client.chat.completions.create(**kwargs)
    outcome: dict[str, Any] = {}
    abandoned = threading.Event()

    def call() -> None:
        try:
            outcome["stream"] = client.chat.completions.create(**kwargs)
        except BaseException as exc:
            outcome["error"] = exc
        if abandoned.is_set() and "stream" in outcome:
            outcome["stream"].close()

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    while worker.is_alive():
        if cancel.wait(0.05):
            abandoned.set()
            raise Cancelled(msg.CANCELLED, attempts=1)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["stream"]


def _close_on_cancel(cancel: threading.Event, stream: Any) -> None:
    """Close the HTTP response when the user presses stop, unblocking a waiting read."""
    while not cancel.wait(0.1):
        response = getattr(stream, "response", None)
        if response is not None and response.is_closed:
            return
    try:
        stream.close()
    except Exception:  # closing from another thread may race the reader; it will stop anyway
        log.debug("closing cancelled stream raised", exc_info=True)
