"""The only door out of the city (§2, §3, §8): every model call goes through `Gateway`.

The gateway builds what it sends: the policy's system prompt and the session's recorded,
screened text (`messages_for`); no caller ever supplies messages. Before any network I/O it
refuses unless the service is approved (with a no-training basis), use is not suspended, the
session's start of generation is recorded for its current screened turn, and what was recorded
is what it builds. A call is bounded: the Director's suspension, the user's stop and the
policy's overall deadline are checked before every attempt, during every wait and before
every chunk, and a watcher cuts a stream within a second of any of them. It streams through
the official `openai` package with bounded retries of its own (429, 5xx, connection errors;
Retry-After honoured within [1, 20] s; no retry of other 4xx or once tokens have arrived).
Keys come only from the server-side environment variable the registry names.
The last check is made by the HTTP client itself, in the thread that sends, just before the
request's bytes go out (an httpx request hook): a suspension that lands while the attempt
is being set up (a new thread, a connection, a busy machine) stops it before the wire.
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

import httpx
import openai

from anshin import gateway_texts as msg
from anshin.conversation import messages_for
from anshin.errors import AnshinError
from anshin.lifecycle import State
from anshin.policy import ModelCallPolicy, Policy
from anshin.services import Service, ServiceRegistry
from anshin.store import EventStore
from anshin.suspension import SuspensionStatus, current_status

log = logging.getLogger(__name__)

LOCAL_PLACEHOLDER_KEY = "local-no-key"
_sending = threading.local()  # the _Call whose request this thread is about to send
WATCH_INTERVAL_S = 0.1        # how often a waiting call looks at its reasons to stop
SUSPENSION_POLL_S = 0.5       # how old the suspension status read from the store may be


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


class AuthFailed(GatewayError):
    """The service refused the key (401/403): the office must fix it, not the user's text."""

    kind = "auth_failed"


class IncompleteStream(GatewayError):
    kind = "incomplete"


class DeadlineExceeded(GatewayError):
    kind = "deadline"


class ContentFiltered(GatewayError):
    """The provider's safety filter ended the answer: recorded as such, never as complete."""

    kind = "content_filtered"


ERROR_KINDS: dict[str, type[GatewayError]] = {
    cls.kind: cls for cls in (GatewayError, Refused, Suspended, KeyMissing, RateLimited,
                              Unavailable, BadRequest, AuthFailed, Cancelled, IncompleteStream,
                              DeadlineExceeded, ContentFiltered)
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
    """How often and how soon to try again. The time bounds of a call are the policy's."""

    max_attempts: int = 3
    base_delay_s: float = 0.5
    connect_timeout_s: float = 5.0
    min_retry_after_s: float = 1.0     # a server's Retry-After is clamped to this range, so
    max_retry_after_s: float = 20.0    # neither 0 nor a negative value retries in a burst

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt `attempt + 1`."""
        if retry_after is not None:
            return min(max(retry_after, self.min_retry_after_s), self.max_retry_after_s)
        backoff = self.base_delay_s * 2 ** (attempt - 1) + random.random() * self.base_delay_s
        return min(backoff, self.max_retry_after_s)


class _Call:
    """One generate() in progress and its reasons to stop: the user's stop, the Director's
    suspension (read from the store, never older than SUSPENSION_POLL_S) and the policy's
    overall deadline. Read by the caller's thread and by the watcher that cuts a stream."""

    def __init__(self, store: EventStore, limits: ModelCallPolicy,
                 cancel: threading.Event | None) -> None:
        self.store = store
        self.limits = limits
        self.cancel = cancel or threading.Event()
        self.deadline = time.monotonic() + limits.deadline_s
        self._suspension: SuspensionStatus | None = None
        self._read_at = float("-inf")

    def reason(self, *, fresh: bool = False) -> str | None:
        """Why the call must stop now (`cancelled`, `suspended`, `deadline`), or None."""
        if self.cancel.is_set():
            return "cancelled"
        now = time.monotonic()
        if now >= self.deadline:
            return "deadline"
        if self._suspension is None and (fresh or now - self._read_at >= SUSPENSION_POLL_S):
            self._read_at = now
            status = current_status(self.store)
            if status.suspended:
                self._suspension = status
        return "suspended" if self._suspension is not None else None

    def error(self, reason: str, partial: str, attempts: int) -> GatewayError:
        if reason == "suspended":
            notice = self._suspension.notice if self._suspension else ""
            return Suspended(msg.SUSPENDED_MIDWAY.format(notice=notice), partial_output=partial,
                             attempts=attempts)
        if reason == "deadline":
            return DeadlineExceeded(msg.DEADLINE.format(seconds=self.limits.deadline_s),
                                    partial_output=partial, attempts=attempts)
        return Cancelled(msg.CANCELLED, partial_output=partial, attempts=attempts)

    def check(self, partial: str, attempts: int, *, fresh: bool = False) -> None:
        reason = self.reason(fresh=fresh)
        if reason is not None:
            raise self.error(reason, partial, attempts)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def wait(self, seconds: float, attempts: int) -> None:
        """Sleep `seconds`, waking to stop at once if a reason to stop comes up."""
        until = time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0:
            self.check("", attempts)
            self.cancel.wait(min(WATCH_INTERVAL_S, left))
        self.check("", attempts, fresh=True)


class _StoppedBeforeTheWire(Exception):
    """Raised by the request hook: the call's reason to stop is read by the caller."""


def _last_check(request: httpx.Request) -> None:
    """httpx request hook: a fresh look at the reasons to stop (suspension first), in the
    sending thread, right before the request is written."""
    call = getattr(_sending, "call", None)
    if call is not None and call.reason(fresh=True) is not None:
        raise _StoppedBeforeTheWire(str(request.url))


def _http_client() -> httpx.Client:
    return openai.DefaultHttpxClient(event_hooks={"request": [_last_check]})


def _client_for(service: Service, timeout: openai.Timeout) -> openai.OpenAI:
    key = os.environ.get(service.api_key_env, "") if service.api_key_env else ""
    if not key:
        if service.kind == "openai_compatible" and not service.api_key_env:
            key = LOCAL_PLACEHOLDER_KEY
        else:
            raise KeyMissing(msg.KEY_MISSING.format(service=service.name))
    if service.kind == "azure_openai":
        return openai.AzureOpenAI(api_key=key, azure_endpoint=service.base_url,
                                  api_version=service.api_version, timeout=timeout, max_retries=0,
                                  http_client=_http_client())
    if service.kind == "openai":
        return openai.OpenAI(api_key=key, base_url=service.base_url or None, timeout=timeout,
                             max_retries=0, http_client=_http_client())
    return openai.OpenAI(api_key=key, base_url=service.base_url, timeout=timeout, max_retries=0,
                         http_client=_http_client())


class Gateway:
    """Resolve, check, build, send, stream. One instance per process."""

    def __init__(self, store: EventStore, registry: ServiceRegistry, policy: Policy,
                 retry: RetryPolicy | None = None) -> None:
        self.store = store
        self.registry = registry
        self.policy = policy
        self.retry = retry or RetryPolicy()
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

    def admit(self, *, prepared: Any, session: Any, turn: int | None) -> list[dict[str, str]]:
        """The messages for `session`'s screened `turn`, built here, or Refused. The session
        must have recorded the start of this very call (service and messages), so what the
        record says was sent is what is sent."""
        if session is None or session.state not in (State.SCREENED, State.GENERATING):
            raise Refused(msg.NOT_SCREENED)
        if session.state != State.GENERATING:
            raise Refused(msg.NOT_STARTED)
        if turn is None or turn != session.turn or session.text_sent is None:
            raise Refused(msg.STALE_TURN)
        messages = messages_for(self.policy, session)
        if session.sent_messages != messages or session.service_id != prepared.service_id:
            raise Refused(msg.TEXT_MISMATCH)
        return messages

    def _client(self, service: Service) -> openai.OpenAI:
        with self._lock:
            cached = self._clients.get(service.id)
            if cached and cached[0] == service:
                return cached[1]
            timeout = openai.Timeout(self.policy.model.first_byte_s,
                                     connect=self.retry.connect_timeout_s)
            client = _client_for(service, timeout)
            self._clients[service.id] = (service, client)
            return client

    # -- the call -----------------------------------------------------------------------------
    def generate(
        self, *, prepared: Prepared, session: Any, turn: int | None,
        on_token: Callable[[str], None] | None = None, cancel: threading.Event | None = None,
    ) -> GenerationResult:
        """Send `session`'s screened `turn` and stream the reply into `on_token`."""
        messages = self.admit(prepared=prepared, session=session, turn=turn)
        call = _Call(self.store, self.policy.model, cancel)
        started = time.perf_counter()
        attempt = 0
        while True:
            call.check("", attempt, fresh=True)
            # Checked again right before the wire: a suspension or withdrawal set by another
            # process since the last attempt must stop this one.
            prepared = self.prepare(service_id=prepared.service_id)
            client = self._client(prepared.service)
            attempt += 1
            try:
                result = self._stream_once(client, prepared, messages, on_token, call, attempt)
                result.duration_ms = int((time.perf_counter() - started) * 1000)
                return result
            except _Retryable as exc:
                delay = self.retry.delay(attempt, exc.retry_after)
                if attempt >= self.retry.max_attempts or delay >= call.remaining():
                    raise exc.final(attempt) from exc.cause
                log.warning("model call attempt %d failed (%s); retrying in %.2fs",
                            attempt, exc.cause.__class__.__name__, delay)
                call.wait(delay, attempt)

    def _stream_once(self, client: openai.OpenAI, prepared: Prepared,
                     messages: list[dict[str, str]], on_token: Callable[[str], None] | None,
                     call: _Call, attempt: int) -> GenerationResult:
        parts: list[str] = []
        usage: dict[str, Any] | None = None
        finish: str | None = None
        first_byte_ms: int | None = None
        t0 = time.perf_counter()
        stream = None
        try:
            stream = _open_stream(client, call, attempt, model=prepared.model, messages=messages,
                                  stream=True, stream_options={"include_usage": True})
            threading.Thread(target=_close_when_stopped, args=(call, stream), daemon=True,
                             name="anshin-gateway-watch").start()
            for chunk in stream:
                call.check("".join(parts), attempt)
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
            stopped = call.reason()
            if stopped is not None:
                raise call.error(stopped, "".join(parts), attempt) from exc
            if parts:
                raise _incomplete(parts, attempt, exc) from exc
            if _could_not_connect(exc):
                raise _connect_failed(prepared, attempt, exc) from exc
            raise _Retryable(exc, None, Unavailable, msg.TIMEOUT) from exc
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            raise AuthFailed(msg.AUTH_FAILED.format(service=prepared.service.name,
                                                    status=exc.status_code),
                             detail=str(exc), attempts=attempt) from exc
        except openai.APIStatusError as exc:
            raise BadRequest(msg.BAD_REQUEST.format(status=exc.status_code), detail=str(exc),
                             attempts=attempt) from exc
        except Exception as exc:  # connection errors, a closed or malformed stream
            stopped = call.reason()
            if stopped is not None:
                raise call.error(stopped, "".join(parts), attempt) from exc
            if not parts and isinstance(exc, httpx.TimeoutException):
                raise _Retryable(exc, None, Unavailable, msg.TIMEOUT) from exc
            if parts or not isinstance(exc, openai.APIConnectionError):
                raise _incomplete(parts, attempt, exc) from exc
            if _could_not_connect(exc):
                raise _connect_failed(prepared, attempt, exc) from exc
            raise _Retryable(exc, None, Unavailable, msg.UNAVAILABLE) from exc
        finally:
            if stream is not None:
                stream.close()  # also ends the watcher, which sees the closed response
        if finish is None:
            call.check("".join(parts), attempt)
            raise _incomplete(parts, attempt, None)
        if finish == "content_filter":
            raise ContentFiltered(msg.CONTENT_FILTERED, detail="finish_reason content_filter",
                                  partial_output="".join(parts), attempts=attempt)
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
    """The server's requested wait in seconds (`retry-after-ms` first, as the openai package
    reads it), unclamped; None if absent or not a number."""
    headers = exc.response.headers if exc.response is not None else {}
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return float(value) / scale
        except ValueError:
            continue
    return None


def _open_stream(client: openai.OpenAI, call: _Call, attempt: int, **kwargs: Any) -> Any:
    """Open the streaming request. While waiting for the first byte (headers not yet sent) a
    reason to stop returns at once; the abandoned request is closed when it completes, and
    the client's read timeout (the policy's first-byte bound) ends it at the latest."""
    outcome: dict[str, Any] = {}
    abandoned = threading.Event()

    def request() -> None:
        _sending.call = call
        try:
            outcome["stream"] = client.chat.completions.create(**kwargs)
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            _sending.call = None
        if abandoned.is_set() and "stream" in outcome:
            outcome["stream"].close()

    worker = threading.Thread(target=request, daemon=True, name="anshin-gateway-open")
    worker.start()
    while worker.is_alive():
        worker.join(WATCH_INTERVAL_S / 2)
        reason = call.reason()
        if reason is not None and worker.is_alive():
            abandoned.set()
            raise call.error(reason, "", attempt)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["stream"]


def _close_when_stopped(call: _Call, stream: Any) -> None:
    """Close the HTTP response as soon as the call must stop (stop pressed, suspension,
    deadline), unblocking a read that is waiting for the next chunk."""
    while call.reason() is None:
        response = getattr(stream, "response", None)
        if response is not None and response.is_closed:
            return
        call.cancel.wait(WATCH_INTERVAL_S)
    try:
        stream.close()
    except Exception:  # closing from another thread may race the reader; it will stop anyway
        log.debug("closing a stopped stream raised", exc_info=True)
