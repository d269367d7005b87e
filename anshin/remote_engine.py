"""A staff server's engine under JupyterHub: the same API pages use, carried out by the engine
service (`anshin.engine_service`), which alone holds the database credential and the signing
key (issue 13, part 5).

`RemoteAnshin` has what pages read of `anshin.app.Anshin` — `policy`, `sessions`, `registry`,
`index.departments()`, `current_person()`, `suspension()`, `reachability()` — and `remote`,
through which `anshin.oversight` forwards its functions. Who acts is decided by the service
from the Hub token; the person a page passes only says whom the page believes it is, and the
service refuses (and records) a call naming anyone else. The policy is read here too: pages
need its wording, and it is data, not a credential.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from anshin import engine_texts as msg
from anshin import gateway_texts
from anshin.conversation import messages_for
from anshin.errors import AnshinError
from anshin.gateway import Cancelled, Unavailable
from anshin.identity import Person
from anshin.policy import Policy, load_policy
from anshin.service_probe import Reachability
from anshin.services import Service
from anshin.session import SessionView
from anshin.settings import Settings
from anshin.sse_client import StreamCancelled, events
from anshin.suspension import SuspensionStatus
from anshin.training import TrainingArea
from anshin.wire import decode, decode_error, encode
from anshin.wording import Wording
from anshin.wording import install as install_wording

CALL_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
# After "stop", how long the service has to record the interruption and say so.
STOP_GRACE_S = 5.0


class EngineUnreachable(AnshinError):
    """The engine service did not answer; nothing was done."""


class EngineClient:
    """HTTP to the engine service with the staff member's Hub token."""

    def __init__(self, url: str, token: str, generation_timeout_s: float = 180.0) -> None:
        self.url = url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {token}"}
        self.generation_timeout = httpx.Timeout(generation_timeout_s, connect=5.0)
        self._http = httpx.Client(timeout=CALL_TIMEOUT, headers=self.headers)

    def call(self, method: str, *args: Any, as_user: Person | None = None, **kwargs: Any) -> Any:
        """Run one engine method on the service; its errors are raised here as the engine's."""
        body = {"method": method, "args": [encode(a) for a in args],
                "kwargs": {k: encode(v) for k, v in kwargs.items()},
                "as": as_user.id if as_user is not None else None}
        try:
            response = self._http.post(f"{self.url}/call", json=body)
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise EngineUnreachable(msg.ENGINE_UNREACHABLE) from exc
        if "error" in data:
            raise decode_error(data["error"], msg.ENGINE_FAILED)
        return decode(data.get("value"))

    def generate(self, session_id: str, actor: Person, on_token: Callable[[str], None] | None,
                 cancel: threading.Event | None) -> SessionView:
        """Stream the session's answer. "Stop" (`cancel`) asks the service to stop and waits
        for what it recorded; if it does not answer in time, hanging up stops it too."""
        parts: list[str] = []
        body = {"session_id": session_id, "as": actor.id}
        try:
            with httpx.stream("POST", f"{self.url}/generate", json=body, headers=self.headers,
                              timeout=self.generation_timeout) as response:
                if response.status_code != 200:
                    response.read()
                    raise decode_error(response.json().get("error"), msg.ENGINE_FAILED)
                stop = functools.partial(self._stop, session_id)
                for event in events(response, cancel, on_cancel=stop, grace_s=STOP_GRACE_S):
                    if "token" in event:
                        parts.append(event["token"])
                        if on_token is not None:
                            on_token(event["token"])
                    elif "error" in event:
                        raise decode_error(event["error"], msg.ENGINE_FAILED)
                    elif "done" in event:
                        return decode(event["done"])
        except AnshinError:
            raise
        except StreamCancelled as exc:
            raise Cancelled(gateway_texts.CANCELLED, partial_output="".join(parts)) from exc
        except (httpx.HTTPError, httpx.StreamError, ValueError) as exc:
            raise Unavailable(msg.ENGINE_UNREACHABLE, detail=str(exc),
                              partial_output="".join(parts)) from exc
        raise Unavailable(msg.ENGINE_UNREACHABLE, partial_output="".join(parts))

    def _stop(self, session_id: str) -> None:
        self._http.post(f"{self.url}/cancel", json={"session_id": session_id})


class RemoteSessions:
    """`SessionService`'s API for pages, carried out by the engine service."""

    def __init__(self, client: EngineClient, policy: Policy) -> None:
        self.client = client
        self.policy = policy

    def get(self, session_id: str) -> SessionView:
        return self.client.call("get", session_id)

    def sessions_of(self, person: Person, *, unfinished: bool = False) -> list[SessionView]:
        return self.client.call("sessions_of", as_user=person, unfinished=unfinished)

    def start_session(self, author: Person) -> SessionView:
        return self.client.call("start_session", as_user=author)

    def declare_purpose(self, session_id: str, actor: Person, *, category: str, purpose: str,
                        intended_use: str, reason: str | None = None,
                        service_id: str | None = None) -> SessionView:
        return self.client.call("declare_purpose", session_id, as_user=actor, category=category,
                                purpose=purpose, intended_use=intended_use, reason=reason,
                                service_id=service_id)

    def declare_published_source(self, session_id: str, actor: Person, *, title: str,
                                 issuer: str | None = None, url: str | None = None,
                                 issued_on: str | None = None) -> SessionView:
        return self.client.call("declare_published_source", session_id, as_user=actor,
                                title=title, issuer=issuer, url=url, issued_on=issued_on)

    def withdraw_published_source(self, session_id: str, actor: Person) -> SessionView:
        return self.client.call("withdraw_published_source", session_id, as_user=actor)

    def check_input(self, session_id: str, actor: Person, text: str, *,
                    progress: Callable[[float], None] | None = None) -> tuple[SessionView, list]:
        """Screening runs in the engine service: `progress` is accepted for the same call as
        the local engine, and no fraction reaches this side before the answer."""
        view, findings = self.client.call("check_input", session_id, text, as_user=actor)
        return view, findings

    def confirm_input(self, session_id: str, actor: Person, text: str, *,
                      acknowledged: Iterable[str], attest_publishable: bool,
                      third_party_material: bool = False) -> SessionView:
        return self.client.call("confirm_input", session_id, text, as_user=actor,
                                acknowledged=list(acknowledged),
                                attest_publishable=attest_publishable,
                                third_party_material=third_party_material)

    def messages_for(self, view: SessionView) -> list[dict[str, str]]:
        """What the gateway will build from the record (shown to the user before sending)."""
        return messages_for(self.policy, view)

    def generate(self, session_id: str, actor: Person, *,
                 on_token: Callable[[str], None] | None = None,
                 cancel: threading.Event | None = None) -> SessionView:
        return self.client.generate(session_id, actor, on_token, cancel)

    def check_output(self, session_id: str, actor: Person) -> SessionView:
        return self.client.call("check_output", session_id, as_user=actor)

    def follow_up(self, session_id: str, actor: Person) -> SessionView:
        return self.client.call("follow_up", session_id, as_user=actor)

    def regenerate(self, session_id: str, actor: Person) -> SessionView:
        return self.client.call("regenerate", session_id, as_user=actor)

    def request_review(self, session_id: str, actor: Person) -> SessionView:
        return self.client.call("request_review", session_id, as_user=actor)

    def submit_review(self, session_id: str, reviewer: Person, *,
                      answers: Mapping[str, Mapping[str, str]], comment: str = "",
                      edited_text: str | None = None,
                      seen_sha256: str | None = None) -> SessionView:
        return self.client.call("submit_review", session_id, as_user=reviewer,
                                answers={k: dict(v) for k, v in answers.items()},
                                comment=comment, edited_text=edited_text,
                                seen_sha256=seen_sha256)

    def decide(self, session_id: str, decider: Person, *, outcome: str, reason: str,
               final_text: str | None = None, override_reason: str | None = None,
               seen_sha256: str | None = None) -> SessionView:
        return self.client.call("decide", session_id, as_user=decider, outcome=outcome,
                                reason=reason, final_text=final_text,
                                override_reason=override_reason, seen_sha256=seen_sha256)

    def redact_input(self, session_id: str, actor: Person, text: str, keys: Iterable[str],
                     mapping: Mapping[str, str] | None = None) -> tuple[SessionView, list, Any]:
        return self.client.call("redact_input", session_id, text, list(keys), as_user=actor,
                                mapping=dict(mapping or {}))

    def revise_text(self, session_id: str, actor: Person, *, text: str,
                    from_reviewer: str | None = None) -> SessionView:
        return self.client.call("revise_text", session_id, as_user=actor, text=text,
                                from_reviewer=from_reviewer)

    def abandon(self, session_id: str, actor: Person, reason: str = "") -> SessionView:
        return self.client.call("abandon", session_id, reason, as_user=actor)


class RemoteRegistry:
    """The approved-service registry as pages read it (changes go through oversight)."""

    def __init__(self, client: EngineClient) -> None:
        self.client = client

    def approved(self) -> list[Service]:
        return self.client.call("registry.approved")

    def all(self) -> dict[str, Service]:
        return self.client.call("registry.all")

    def get(self, service_id: str) -> Service | None:
        return self.client.call("registry.get", service_id)


class RemoteIndex:
    def __init__(self, client: EngineClient) -> None:
        self.client = client

    def departments(self) -> list[str]:
        return self.client.call("departments")


@dataclass
class RemoteAnshin:
    """The engine of a staff server under JupyterHub: no store, no key, no model key."""

    settings: Settings
    policy: Policy
    remote: EngineClient
    sessions: RemoteSessions
    registry: RemoteRegistry
    index: RemoteIndex
    wording: Wording

    @classmethod
    def connect(cls, settings: Settings, url: str, token: str) -> RemoteAnshin:
        policy = load_policy(settings.policy_path)
        client = EngineClient(url, token, policy.model.deadline_s + 60.0)
        return cls(settings, policy, client, RemoteSessions(client, policy),
                   RemoteRegistry(client), RemoteIndex(client), install_wording(policy))

    @functools.cached_property
    def training(self) -> TrainingArea:
        """The training area's engine, built on first use (the training page)."""
        return TrainingArea.open(self.policy)

    def current_person(self) -> Person:
        """Whom the service knows the token's owner to be (never a name this side chose)."""
        return self.remote.call("whoami")

    def suspension(self) -> SuspensionStatus:
        return self.remote.call("suspension")

    def reachability(self) -> list[Reachability]:
        return self.remote.call("reachability")

    def changes_since(self, after_seq: int, kinds: list[str]) -> tuple[int, list[tuple[str, str | None]]]:
        newest, changes = self.remote.call("changes_since", after_seq, list(kinds))
        return newest, [tuple(c) for c in changes]
