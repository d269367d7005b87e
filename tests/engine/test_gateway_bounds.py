"""Every model call is bounded and stoppable (§8): suspension before every attempt, retry and
chunk; the policy's overall and first-byte deadlines; Retry-After within [1, 20] s; and the
outcomes that are not a completed answer (401, content filter) recorded as what they are.
Real HTTP against the training model server, its fault injection, the openai package."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from engine_helpers import Background, faults, screened, with_model_bounds, write_services

from anshin.gateway import (
    AuthFailed,
    ContentFiltered,
    DeadlineExceeded,
    Gateway,
    RateLimited,
    RetryPolicy,
    Suspended,
    Unavailable,
)
from anshin.lifecycle import State
from anshin.services import ServiceRegistry
from anshin.session import IllegalTransition, SessionService


@pytest.fixture
def bounded(tmp_path, store, policy, sim):
    """An engine whose policy has the given [model] bounds (seconds)."""

    def make(**bounds) -> SessionService:
        bounded_policy = with_model_bounds(policy, **bounds)
        registry = ServiceRegistry(store, write_services(tmp_path / "services.toml", sim.url))
        gateway = Gateway(store, registry, bounded_policy,
                          RetryPolicy(max_attempts=3, base_delay_s=0.05))
        return SessionService(store, bounded_policy, gateway=gateway)

    return make


def anshin_suspend(tmp_path, notice: str) -> None:
    """`anshin suspend` from another process, as the Director's operator runs it."""
    env = {**os.environ, "ANSHIN_DATABASE_URL": f"sqlite:///{tmp_path / 'anshin.db'}",
           "ANSHIN_CHAIN_HEAD": str(tmp_path / "chain-head.json"),
           "ANSHIN_ARCHIVE": str(tmp_path / "archive"), "ANSHIN_OPERATOR": "kobayashi"}
    subprocess.run([sys.executable, "-m", "anshin.cli", "suspend", "--notice", notice],
                   env=env, check=True, timeout=60, capture_output=True)


def seconds_between(earlier, later) -> float:
    return (dt.datetime.fromisoformat(later.at) - dt.datetime.fromisoformat(earlier.at)
            ).total_seconds()


def only(events, kind):
    found = [e for e in events if e.kind == kind]
    assert len(found) == 1, [e.kind for e in events]
    return found[0]


def test_a_rate_limit_retry_never_goes_out_after_anshin_suspend(engine, directory, sim, tmp_path,
                                                                store):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    # 20 s (the clamp's top) before the retry: time enough for the CLI to start on a busy machine
    faults(sim, {"kind": "rate_limit", "retry_after": 20, "times": 3})
    run = Background(engine.generate, session_id=view.session_id, actor=yamada)
    run.wait_for(lambda: sim.stats()["requests"] == 1)
    anshin_suspend(tmp_path, "規約変更のため停止")
    run.join()
    assert isinstance(run.error, Suspended) and "利用停止により中断" in run.error.message_ja
    assert sim.stats()["requests"] == 1
    suspended = only(store.read(), "use.suspended")
    after = engine.get(view.session_id)
    failed = only(after.events, "generation.failed")
    assert seconds_between(suspended, failed) < 2.0
    assert after.state == State.SCREENED and failed.payload["error_kind"] == "suspended"


def test_a_stream_in_progress_is_cut_within_2_s_of_anshin_suspend_and_kept_as_partial(
        engine, directory, sim, tmp_path, store):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "trickle", "delay_s": 1})  # 65 chunks: streams for about a minute
    run = Background(engine.generate, session_id=view.session_id, actor=yamada)
    run.wait_for(lambda: len(run.tokens) >= 2)
    anshin_suspend(tmp_path, "緊急の停止")
    run.join()
    assert isinstance(run.error, Suspended)
    after = engine.get(view.session_id)
    failed = only(after.events, "generation.failed")
    assert seconds_between(only(store.read(), "use.suspended"), failed) < 2.0
    assert "利用停止により中断" in failed.payload["message_ja"]
    assert failed.payload["partial_output"] == "".join(run.tokens) != ""
    assert not [e for e in after.events if e.kind == "generation.completed"]
    assert after.state == State.SCREENED and after.partial_output == "".join(run.tokens)


def test_a_server_that_trickles_ends_at_the_policys_deadline(bounded, directory, sim):
    engine = bounded(deadline_s=3, first_byte_s=2.5)
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "trickle", "delay_s": 2})
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded, match="3秒") as info:
        engine.generate(view.session_id, yamada)
    assert 2.9 < time.monotonic() - started < 6.0
    after = engine.get(view.session_id)
    assert after.state == State.SCREENED and after.last_error["kind"] == "deadline"
    assert after.partial_output == info.value.partial_output != ""


def test_a_server_that_never_answers_is_given_up_at_the_first_byte_deadline(bounded, directory,
                                                                            sim):
    engine = bounded(deadline_s=10, first_byte_s=1)
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "slow_first_byte", "delay_s": 30, "times": 3})
    started = time.monotonic()
    with pytest.raises(Unavailable, match="応答がありません（3回試行）"):
        engine.generate(view.session_id, yamada)
    assert time.monotonic() - started < 7.0  # three first-byte bounds of 1 s, not 3 × 60 s
    assert sim.stats()["requests"] == 3


def test_a_negative_retry_after_waits_at_least_a_second_between_attempts(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "rate_limit", "retry_after": -5, "times": 3})
    started = time.monotonic()
    with pytest.raises(RateLimited):
        engine.generate(view.session_id, yamada)
    assert time.monotonic() - started >= 2.0
    assert sim.stats()["requests"] == 3


def test_a_retry_after_beyond_the_deadline_gives_up_at_once(bounded, directory, sim):
    engine = bounded(deadline_s=5, first_byte_s=2)
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "rate_limit", "retry_after": 300})
    started = time.monotonic()
    with pytest.raises(RateLimited, match="混み合って"):
        engine.generate(view.session_id, yamada)
    assert time.monotonic() - started < 3.0  # not the clamped 20 s
    assert sim.stats()["requests"] == 1
    assert RetryPolicy().delay(1, 300) == 20.0 and RetryPolicy().delay(1, -5) == 1.0


def test_a_rejected_key_says_to_contact_the_office_not_to_shorten_the_text(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "unauthorized"})
    with pytest.raises(AuthFailed) as info:
        engine.generate(view.session_id, yamada)
    assert "短く" not in info.value.message_ja
    assert "鍵" in info.value.message_ja and "推進室" in info.value.message_ja
    assert sim.stats()["requests"] == 1
    assert engine.get(view.session_id).last_error["kind"] == "auth_failed"


def test_a_content_filter_finish_is_recorded_as_filtered_not_completed(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "content_filter", "after_chunks": 3})
    with pytest.raises(ContentFiltered, match="安全フィルター") as info:
        engine.generate(view.session_id, yamada)
    after = engine.get(view.session_id)
    failed = only(after.events, "generation.failed")
    assert failed.payload["error_kind"] == "content_filtered"
    assert failed.payload["partial_output"] == info.value.partial_output != ""
    assert not [e for e in after.events if e.kind == "generation.completed"]
    assert after.state == State.SCREENED and after.output is None


def test_another_text_cannot_be_checked_or_confirmed_while_a_reply_streams(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    text_a = view.text_sent
    text_b = "市民課の窓口は午前8時30分から午後5時15分まで開いています。土日祝日は休みです。"
    faults(sim, {"kind": "trickle", "delay_s": 0.1})
    run = Background(engine.generate, session_id=view.session_id, actor=yamada)
    run.wait_for(lambda: len(run.tokens) >= 2)
    assert engine.get(view.session_id).state == State.GENERATING
    with pytest.raises(IllegalTransition, match="生成中"):
        engine.check_input(view.session_id, yamada, text_b)
    with pytest.raises(IllegalTransition, match="生成中"):
        engine.confirm_input(view.session_id, yamada, text_b, acknowledged=[],
                             attest_publishable=True)
    run.join()
    assert run.error is None
    done = engine.get(view.session_id)
    assert done.state == State.GENERATED and done.text_sent == text_a
    assert done.output == "".join(run.tokens)
    assert [e.payload["text"] for e in done.events if e.kind == "input.screened"] == [text_a]
    assert not [e for e in done.events if e.kind == "input.checked" and e.seq > view.turn]


KERNEL = """
import sys, dataclasses
from pathlib import Path
from anshin.gateway import Gateway
from anshin.identity import StaffDirectory
from anshin.policy import load_policy
from anshin.services import ServiceRegistry
from anshin.session import SessionService
from anshin.store import EventStore
root, tmp, session_id = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
store = EventStore(f"sqlite:///{tmp / 'anshin.db'}", tmp / "chain-head.json")
policy = load_policy(root / "policy" / "niiza.toml")
engine = SessionService(store, policy, gateway=Gateway(
    store, ServiceRegistry(store, tmp / "services.toml"), policy))
engine.generate(session_id, StaffDirectory.load(root / "policy" / "staff.csv").get("yamada"),
                on_token=lambda piece: print(piece, flush=True))
"""


def test_a_kernel_killed_mid_stream_leaves_a_session_its_author_can_take_up_again(
        bounded, directory, sim, tmp_path, monkeypatch):
    import anshin.session

    engine = bounded(deadline_s=1, first_byte_s=1)
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "trickle", "delay_s": 0.3})
    root = Path(__file__).resolve().parents[2]
    kernel = subprocess.Popen([sys.executable, "-c", KERNEL, str(root), str(tmp_path),
                               view.session_id], stdout=subprocess.PIPE, text=True)
    assert kernel.stdout.readline()  # the reply is streaming in the other process
    kernel.send_signal(signal.SIGKILL)
    kernel.wait(10)
    assert engine.get(view.session_id).state == State.GENERATING
    with pytest.raises(IllegalTransition, match="生成中"):
        engine.check_input(view.session_id, yamada, view.text_sent)
    monkeypatch.setattr(anshin.session, "STALE_GENERATION_GRACE_S", 0.5)
    time.sleep(1.6)  # past the (test policy's) deadline and grace: that call cannot be alive
    checked, _ = engine.check_input(view.session_id, yamada, view.text_sent)
    interrupted = [e for e in checked.events if e.kind == "generation.failed"]
    assert [e.payload["error_kind"] for e in interrupted] == ["interrupted"]
    assert checked.state == State.DECLARED
