"""The session lifecycle and the guideline's rules, enforced by the engine without any UI."""

from __future__ import annotations

import pytest
from engine_helpers import PUBLIC_TEXT, answers, declared, generated

from anshin.lifecycle import State
from anshin.session import (
    Forbidden,
    IllegalTransition,
    RuleViolation,
    SessionSealed,
    ValidationError,
)


def test_whole_lifecycle_from_draft_to_decision(engine, directory, policy, sim):
    yamada, sato, tanaka, kato = (directory.get(x) for x in ("yamada", "sato", "tanaka", "kato"))
    view = generated(engine, yamada)
    assert view.state == State.GENERATED and "研修用の模擬応答" in view.output
    assert view.sent_messages[-1]["content"] == PUBLIC_TEXT
    assert sim.stats()["requests"] == 1
    engine.request_review(view.session_id, yamada)
    engine.submit_review(view.session_id, sato, answers=answers(policy))
    engine.submit_review(view.session_id, tanaka, answers=answers(policy), comment="確認しました")
    final = engine.decide(view.session_id, kato, outcome="adopted", reason="内容に問題なし")
    assert final.state == State.DECIDED and final.sealed
    kinds = [e.kind for e in final.events]
    assert kinds[:3] == ["session.started", "session.declared", "input.checked"]
    assert kinds[-1] == "decision.made"
    assert engine.store.verify_chain()[1] is None


def test_purpose_and_intended_use_are_required(engine, directory):
    yamada = directory.get("yamada")
    view = engine.start_session(yamada)
    with pytest.raises(ValidationError, match="利用目的"):
        engine.declare_purpose(view.session_id, yamada, category="summarize", purpose=" ",
                               intended_use="x")
    with pytest.raises(ValidationError, match="活用方法"):
        engine.declare_purpose(view.session_id, yamada, category="summarize", purpose="x",
                               intended_use="")


def test_unknown_category_and_other_without_reason_are_refused(engine, directory):
    yamada = directory.get("yamada")
    view = engine.start_session(yamada)
    with pytest.raises(ValidationError, match="§4"):
        engine.declare_purpose(view.session_id, yamada, category="gossip", purpose="x",
                               intended_use="y")
    with pytest.raises(ValidationError, match="§4\\(8\\)"):
        engine.declare_purpose(view.session_id, yamada, category="other", purpose="x",
                               intended_use="y")
    ok = engine.declare_purpose(view.session_id, yamada, category="other", purpose="x",
                                intended_use="y", reason="会議準備の時間短縮")
    assert ok.state == State.DECLARED and ok.reason == "会議準備の時間短縮"


def test_megabyte_purpose_and_control_characters_get_clear_messages(engine, directory):
    yamada = directory.get("yamada")
    view = engine.start_session(yamada)
    with pytest.raises(ValidationError, match="長すぎます"):
        engine.declare_purpose(view.session_id, yamada, category="summarize",
                               purpose="あ" * 1_000_000, intended_use="y")
    with pytest.raises(ValidationError, match="制御文字"):
        engine.declare_purpose(view.session_id, yamada, category="summarize",
                               purpose="目的\x00", intended_use="y")
    ok = engine.declare_purpose(view.session_id, yamada, category="summarize",
                                purpose="絵文字も可😀", intended_use="改行\nも可")
    assert ok.purpose == "絵文字も可😀"
    assert engine.get(view.session_id).state == State.DECLARED


def test_a_lone_surrogate_in_the_input_is_refused_and_nothing_is_sent(engine, directory, sim):
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    with pytest.raises(ValidationError, match="制御文字"):
        engine.check_input(view.session_id, yamada, "要約してください\ud800")
    assert engine.get(view.session_id).state == State.DECLARED
    assert sim.stats()["requests"] == 0


def test_generation_before_screening_is_an_illegal_transition(engine, directory, sim):
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    with pytest.raises(IllegalTransition, match="生成"):
        engine.generate(view.session_id, yamada)
    assert sim.stats()["requests"] == 0


def test_blocked_input_never_reaches_the_model_server_and_is_not_stored_raw(engine, directory,
                                                                            sim, tmp_path):
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    raw = "個人番号 123456789018 の山田太郎様（電話 090-1234-5678）への回答文を要約して"
    view, findings = engine.check_input(view.session_id, yamada, raw)
    assert view.state == State.BLOCKED and any(f.severity == "block" for f in findings)
    with pytest.raises(RuleViolation, match="§6"):
        engine.confirm_input(view.session_id, yamada, raw, acknowledged=[],
                             attest_publishable=True)
    with pytest.raises(IllegalTransition):
        engine.generate(view.session_id, yamada)
    assert sim.stats()["requests"] == 0
    data = (tmp_path / "anshin.db").read_bytes() + (tmp_path / "anshin.db-wal").read_bytes()
    for value in ("123456789018", "山田太郎", "090-1234-5678"):
        assert value.encode() not in data


def test_attestation_is_required_before_sending(engine, directory):
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    with pytest.raises(RuleViolation, match="§6\\(1\\)"):
        engine.confirm_input(view.session_id, yamada, PUBLIC_TEXT, acknowledged=[],
                             attest_publishable=False)


def test_only_the_author_moves_their_session(engine, directory):
    yamada, sato = directory.get("yamada"), directory.get("sato")
    view = engine.start_session(yamada)
    with pytest.raises(Forbidden):
        engine.declare_purpose(view.session_id, sato, category="summarize", purpose="x",
                               intended_use="y")


def test_reviews_need_distinct_people_and_the_author_cannot_review(engine, directory, policy):
    yamada, sato, kato = directory.get("yamada"), directory.get("sato"), directory.get("kato")
    view = generated(engine, yamada)
    engine.request_review(view.session_id, yamada)
    with pytest.raises(RuleViolation, match="作成者"):
        engine.submit_review(view.session_id, yamada, answers=answers(policy))
    engine.submit_review(view.session_id, sato, answers=answers(policy))
    with pytest.raises(RuleViolation, match="1人1回"):
        engine.submit_review(view.session_id, sato, answers=answers(policy))
    with pytest.raises(RuleViolation, match="2 人以上"):
        engine.decide(view.session_id, kato, outcome="adopted", reason="r")


def test_reviewers_of_another_department_are_recorded_but_do_not_count(engine, directory, policy):
    assert policy.reviewers_same_department is True
    yamada, sato, tanaka = directory.get("yamada"), directory.get("sato"), directory.get("tanaka")
    ito, kato = directory.get("ito"), directory.get("kato")  # ito: 広報広聴課; the others 市民課
    view = generated(engine, yamada)
    engine.request_review(view.session_id, yamada)
    engine.submit_review(view.session_id, ito, answers=answers(policy), comment="広報の観点から確認")
    view = engine.submit_review(view.session_id, sato, answers=answers(policy))
    assert [(r.reviewer, r.counts) for r in view.reviews] == [("ito", False), ("sato", True)]
    with pytest.raises(RuleViolation, match="現在 1 人"):
        engine.decide(view.session_id, kato, outcome="adopted", reason="r")
    engine.submit_review(view.session_id, tanaka, answers=answers(policy))
    assert engine.decide(view.session_id, kato, outcome="adopted", reason="r").sealed


def test_a_policy_may_let_reviewers_of_any_department_count(engine, directory, policy):
    import dataclasses

    from anshin.session import SessionService

    anywhere = SessionService(engine.store, dataclasses.replace(
        policy, reviewers_same_department=False), gateway=engine.gateway)
    yamada, ito, sato = directory.get("yamada"), directory.get("ito"), directory.get("sato")
    view = generated(anywhere, yamada)
    anywhere.request_review(view.session_id, yamada)
    anywhere.submit_review(view.session_id, ito, answers=answers(policy))
    view = anywhere.submit_review(view.session_id, sato, answers=answers(policy))
    assert view.counted_reviews == 2


def test_every_checklist_item_must_be_answered(engine, directory, policy):
    yamada, sato = directory.get("yamada"), directory.get("sato")
    view = generated(engine, yamada)
    engine.request_review(view.session_id, yamada)
    partial = answers(policy)
    partial.pop("defamation")
    with pytest.raises(ValidationError, match="名誉毀損"):
        engine.submit_review(view.session_id, sato, answers=partial)
    bad = answers(policy, verdict="maybe")
    with pytest.raises(ValidationError):
        engine.submit_review(view.session_id, sato, answers=bad)


def test_only_a_head_of_the_department_or_the_director_decides(engine, directory, policy):
    yamada, sato, tanaka = directory.get("yamada"), directory.get("sato"), directory.get("tanaka")
    other_head, auditor = directory.get("watanabe"), directory.get("nakamura")
    view = generated(engine, yamada)
    engine.request_review(view.session_id, yamada)
    with pytest.raises(Forbidden):
        engine.submit_review(view.session_id, auditor, answers=answers(policy))
    engine.submit_review(view.session_id, sato, answers=answers(policy))
    engine.submit_review(view.session_id, tanaka, answers=answers(policy))
    with pytest.raises(Forbidden, match="所属長"):
        engine.decide(view.session_id, sato, outcome="adopted", reason="r")
    with pytest.raises(Forbidden, match="他の所属"):
        engine.decide(view.session_id, other_head, outcome="adopted", reason="r")
    director = directory.get("kobayashi")
    done = engine.decide(view.session_id, director, outcome="adopted_with_edits", reason="一部修正",
                         final_text=view.output + "（日付を確認済み）")
    assert done.decision.outcome == "adopted_with_edits"
    assert done.decision.final_text == view.output + "（日付を確認済み）"


def test_a_sealed_session_cannot_be_changed(engine, directory, policy):
    yamada, sato, tanaka, kato = (directory.get(x) for x in ("yamada", "sato", "tanaka", "kato"))
    view = generated(engine, yamada)
    engine.request_review(view.session_id, yamada)
    engine.submit_review(view.session_id, sato, answers=answers(policy))
    engine.submit_review(view.session_id, tanaka, answers=answers(policy))
    engine.decide(view.session_id, kato, outcome="rejected", reason="誤りが多い")
    with pytest.raises(SessionSealed):
        engine.decide(view.session_id, kato, outcome="adopted", reason="やはり採用")
    with pytest.raises(SessionSealed):
        engine.submit_review(view.session_id, directory.get("kobayashi"), answers=answers(policy))
    with pytest.raises(SessionSealed):
        engine.abandon(view.session_id, yamada)


def test_unfinished_sessions_are_offered_to_resume(engine, directory):
    yamada = directory.get("yamada")
    a = declared(engine, yamada)
    b = engine.start_session(yamada)
    engine.abandon(b.session_id, yamada)
    mine = engine.sessions_of(yamada, unfinished=True)
    assert [v.session_id for v in mine] == [a.session_id]


def test_auditors_cannot_start_sessions(engine, directory):
    with pytest.raises(Forbidden):
        engine.start_session(directory.get("nakamura"))
