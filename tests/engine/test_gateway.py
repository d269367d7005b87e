"""The gateway over real HTTP against the training model server, the openai package unmocked."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import httpx
import pytest
from engine_helpers import declared, faults, screened, write_services

from anshin.gateway import (
    BadRequest,
    Cancelled,
    IncompleteStream,
    RateLimited,
    Refused,
    Suspended,
    Unavailable,
)
from anshin.lifecycle import State
from anshin.services import ServiceRegistry
from anshin.suspension import NotDirector, current_status, resume_use, suspend_use


def test_a_long_japanese_reply_streams_in_order_and_is_recorded_exactly(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    long_reply = "".join(f"第{i}項：市民の皆さまへのお知らせです。" for i in range(1, 120))
    faults(sim, {"kind": "script", "text": long_reply})
    received: list[str] = []
    done = engine.generate(view.session_id, yamada, on_token=received.append)
    assert len(received) > 10
    assert "".join(received) == long_reply == done.output
    completed = [e for e in done.events if e.kind == "generation.completed"][-1]
    assert completed.payload["output"] == long_reply
    assert completed.payload["usage"]["completion_tokens"] > 0


def test_unapproved_service_receives_zero_requests(tmp_path, store, policy, directory, sim):
    from anshin.gateway import Gateway
    from anshin.session import SessionService

    registry = ServiceRegistry(store, write_services(tmp_path / "s.toml", sim.url, approved=False))
    engine = SessionService(store, policy, gateway=Gateway(store, registry, policy))
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    with pytest.raises(Refused, match="§3"):
        engine.generate(view.session_id, yamada)
    assert sim.stats()["requests"] == 0
    assert engine.get(view.session_id).state == State.SCREENED


def test_registry_refuses_approval_without_a_no_training_basis(store, tmp_path, sim):
    from anshin.services import RegistryError

    registry = ServiceRegistry(store, write_services(tmp_path / "s.toml", sim.url, approved=False))
    with pytest.raises(RegistryError, match="根拠"):
        registry.approve("kobayashi", "小林 健", "training-sim", "  ")
    registry.approve("kobayashi", "小林 健", "training-sim", "契約第5条")
    assert registry.get("training-sim").approved
    registry.withdraw("kobayashi", "training-sim")
    assert not registry.get("training-sim").approved
    kinds = [e.kind for e in store.read()]
    assert kinds == ["service.approved", "service.withdrawn"]


def test_suspension_from_another_process_blocks_the_next_call(engine, directory, sim, tmp_path):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    env = {**os.environ, "ANSHIN_DATABASE_URL": f"sqlite:///{tmp_path / 'anshin.db'}",
           "ANSHIN_CHAIN_HEAD": str(tmp_path / "chain-head.json"),
           "ANSHIN_ARCHIVE": str(tmp_path / "archive"), "ANSHIN_OPERATOR": "kobayashi"}
    subprocess.run([sys.executable, "-m", "anshin.cli", "suspend", "--notice", "規約変更のため停止"],
                   env=env, check=True, timeout=60, capture_output=True)
    with pytest.raises(Suspended, match="規約変更のため停止"):
        engine.generate(view.session_id, yamada)
    assert sim.stats()["requests"] == 0
    assert engine.get(view.session_id).state == State.SCREENED
    subprocess.run([sys.executable, "-m", "anshin.cli", "resume"], env=env, check=True,
                   timeout=60, capture_output=True)
    assert engine.generate(view.session_id, yamada).state == State.GENERATED


def test_only_the_director_switches_suspension(store, directory):
    with pytest.raises(NotDirector):
        suspend_use(store, directory.get("kato"), "停止")
    suspend_use(store, directory.get("kobayashi"), "停止します")
    assert current_status(store).notice == "停止します"
    resume_use(store, directory.get("kobayashi"))
    assert not current_status(store).suspended


def test_rate_limit_is_retried_within_the_bound_honouring_retry_after(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "rate_limit", "retry_after": 0.3, "times": 2})
    started = time.monotonic()
    done = engine.generate(view.session_id, yamada)
    assert time.monotonic() - started >= 0.6
    assert done.state == State.GENERATED
    assert sim.stats()["requests"] == 3


def test_persistent_rate_limit_gives_its_japanese_message_and_stays_resumable(engine, directory,
                                                                              sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "rate_limit", "retry_after": 0.05, "times": 5})
    with pytest.raises(RateLimited) as info:
        engine.generate(view.session_id, yamada)
    assert "混み合って" in info.value.message_ja and info.value.attempts == 3
    assert sim.stats()["requests"] == 3
    after = engine.get(view.session_id)
    assert after.state == State.SCREENED and after.last_error["kind"] == "rate_limited"
    faults(sim, {"kind": "rate_limit", "retry_after": 0.05, "times": 0 or 1})
    httpx.post(sim.url.removesuffix("/v1") + "/_sim/reset", timeout=5)
    assert engine.generate(view.session_id, yamada).state == State.GENERATED


def test_server_errors_are_retried_then_reported(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "server_error", "times": 3})
    with pytest.raises(Unavailable, match="接続できません"):
        engine.generate(view.session_id, yamada)
    assert sim.stats()["requests"] == 3


def test_a_stream_cut_midway_keeps_the_partial_output_marked_incomplete(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "cut_stream", "after_chunks": 3})
    with pytest.raises(IncompleteStream, match="途切れ") as info:
        engine.generate(view.session_id, yamada)
    assert info.value.partial_output
    assert sim.stats()["requests"] == 1
    after = engine.get(view.session_id)
    assert after.state == State.SCREENED and after.partial_output == info.value.partial_output
    failed = [e for e in after.events if e.kind == "generation.failed"][-1]
    assert failed.payload["incomplete"] is True
    assert engine.generate(view.session_id, yamada).state == State.GENERATED
    assert engine.store.verify_chain()[1] is None


def test_malformed_sse_is_reported_as_incomplete(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "malformed_sse", "after_chunks": 2})
    with pytest.raises(IncompleteStream):
        engine.generate(view.session_id, yamada)
    assert engine.get(view.session_id).state == State.SCREENED


def test_slow_first_byte_within_the_read_timeout_succeeds(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "slow_first_byte", "delay_s": 0.5})
    assert engine.generate(view.session_id, yamada).state == State.GENERATED
    assert sim.stats()["requests"] == 1


def test_stop_cancels_a_waiting_call(engine, directory, sim):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    faults(sim, {"kind": "slow_first_byte", "delay_s": 3})
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(Cancelled, match="停止しました"):
        engine.generate(view.session_id, yamada, cancel=cancel)
    assert time.monotonic() - started < 2.5
    assert engine.get(view.session_id).state == State.SCREENED


def test_other_client_errors_are_not_retried(tmp_path, store, policy, directory, sim):
    from anshin.gateway import Gateway
    from anshin.session import SessionService

    path = write_services(tmp_path / "s.toml", sim.url.removesuffix("/v1") + "/nowhere")
    engine = SessionService(store, policy, gateway=Gateway(store, ServiceRegistry(store, path), policy))
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    with pytest.raises(BadRequest):
        engine.generate(view.session_id, yamada)


def test_the_api_key_appears_nowhere_but_the_environment(tmp_path, store, policy, directory, sim,
                                                         monkeypatch, caplog):
    from anshin.gateway import Gateway
    from anshin.session import SessionService

    secret = "sk-anshin-test-" + "9f8e7d6c5b4a" * 3
    monkeypatch.setenv("ANSHIN_TEST_MODEL_KEY", secret)
    path = tmp_path / "s.toml"
    path.write_text(write_services(tmp_path / "base.toml", sim.url).read_text().replace(
        'api_key_env = ""', 'api_key_env = "ANSHIN_TEST_MODEL_KEY"'), encoding="utf-8")
    engine = SessionService(store, policy, gateway=Gateway(store, ServiceRegistry(store, path), policy))
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    caplog.set_level("DEBUG")
    faults(sim, {"kind": "server_error", "times": 1})
    engine.generate(view.session_id, yamada)
    blobs = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert secret.encode() not in blobs
    assert secret not in caplog.text


def test_output_checks_direct_reviewers_without_deciding(engine, directory, sim, policy):
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    pasted = ("本市の図書館では、毎週土曜日の午後に子ども向けの読み聞かせ会を開いています。"
              "参加は無料で、申し込みは不要です。絵本の貸し出しも同時に行っています。")
    engine.check_input(view.session_id, yamada, pasted)
    engine.confirm_input(view.session_id, yamada, pasted, acknowledged=[], attest_publishable=True,
                         third_party_material=True)
    answer = "工作教室ではセロテープを使います。" + pasted + "看護婦の方もどうぞ。"
    faults(sim, {"kind": "script", "text": answer})
    done = engine.generate(view.session_id, yamada)
    categories = {f.category for f in done.output_findings}
    assert {"trademark", "copied_passage", "biased_wording"} <= categories
    assert {f.severity for f in done.output_findings} == {"warn"}
    assert done.state == State.GENERATED
