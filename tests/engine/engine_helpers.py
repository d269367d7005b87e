"""Shared steps of the engine tests: a registry file, a declared or generated session."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from support import sim_services_toml


def write_services(path: Path, url: str, *, approved: bool = True) -> Path:
    path.write_text(sim_services_toml(url, approved=approved), encoding="utf-8")
    return path


PUBLIC_TEXT = (
    "新座市では、令和7年度から市内の公園で子ども向けの自然観察会を開催しています。"
    "参加費は無料で、毎月第2土曜日の午前中に実施します。雨天の場合は中止します。"
)
OK = {"verdict": "ok", "comment": ""}


def answers(policy, verdict="ok"):
    return {item.id: {"verdict": verdict, "comment": ""} for item in policy.review_items}


def declared(engine, person, category="summarize"):
    view = engine.start_session(person)
    return engine.declare_purpose(view.session_id, person, category=category,
                                  purpose="広報記事の要約", intended_use="市ウェブサイトの下書き",
                                  service_id="training-sim")


def generated(engine, person):
    view = declared(engine, person)
    engine.check_input(view.session_id, person, PUBLIC_TEXT)
    engine.confirm_input(view.session_id, person, PUBLIC_TEXT, acknowledged=[],
                         attest_publishable=True)
    return engine.generate(view.session_id, person)


def screened(engine, person, text=PUBLIC_TEXT):
    view = declared(engine, person)
    engine.check_input(view.session_id, person, text)
    return engine.confirm_input(view.session_id, person, text, acknowledged=[],
                                attest_publishable=True)


def faults(sim, *items):
    """Queue faults on the training model server (its /_sim control API)."""
    base = sim.url.removesuffix("/v1")
    httpx.post(f"{base}/_sim/faults", json={"faults": list(items)}, timeout=5).raise_for_status()


def with_model_bounds(policy, **bounds):
    """The policy with its [model] settings changed (deadline_s, first_byte_s, system_prompt)."""
    return dataclasses.replace(policy, model=dataclasses.replace(policy.model, **bounds))


class Background:
    """Run `generate` in a thread, as a page does, collecting tokens and the outcome."""

    def __init__(self, call: Callable[..., Any], **kwargs: Any) -> None:
        self.tokens: list[str] = []
        self.error: BaseException | None = None
        self.result: Any = None
        self.ended_at: float | None = None
        self._thread = threading.Thread(target=self._run, args=(call, kwargs), daemon=True)
        self._thread.start()

    def _run(self, call: Callable[..., Any], kwargs: dict[str, Any]) -> None:
        try:
            self.result = call(on_token=self.tokens.append, **kwargs)
        except BaseException as exc:  # handed to the test thread
            self.error = exc
        self.ended_at = time.monotonic()

    def wait_for(self, condition: Callable[[], bool], timeout: float = 20.0) -> None:
        until = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < until, "condition not met in time"
            time.sleep(0.02)

    def join(self, timeout: float = 60.0) -> None:
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "generation did not end"
