"""A dialogue inside one session (issue 16, part 1): follow-ups screened like the first
question, regenerate, and the whole conversation as sent — through the real gateway and the
training model server over HTTP."""

from __future__ import annotations

import dataclasses
import json

import pytest
from engine_helpers import PUBLIC_TEXT, answers, generated

from anshin.conversation import messages_for
from anshin.lifecycle import Kind, State
from anshin.session import IllegalTransition, RuleViolation, fold

FOLLOW_UP = "この要約を、小学生にも分かる言葉で3行にしてください。"
BLOCKED_FOLLOW_UP = "申込者の山田太郎様（電話 090-1234-5678）にも案内を送る文面にしてください。"


def _ask(engine, person, session_id, text):
    engine.check_input(session_id, person, text)
    engine.confirm_input(session_id, person, text, acknowledged=[], attest_publishable=True)
    return engine.generate(session_id, person)


def _last_messages(sim):
    return sim.stats()["last_messages"]


def test_a_follow_up_sends_the_whole_conversation_as_recorded(engine, directory, sim, policy):
    yamada = directory.get("yamada")
    first = generated(engine, yamada)
    view = engine.follow_up(first.session_id, yamada)
    assert view.state == State.DECLARED and view.text_sent is None
    assert [t.output for t in view.turns] == [first.output]
    second = _ask(engine, yamada, view.session_id, FOLLOW_UP)
    assert second.state == State.GENERATED and second.output
    sent = _last_messages(sim)
    assert sent == [
        {"role": "system", "content": policy.model.system_prompt},
        {"role": "user", "content": PUBLIC_TEXT},
        {"role": "assistant", "content": first.output},
        {"role": "user", "content": FOLLOW_UP},
    ]
    assert second.sent_messages == sent == messages_for(policy, second)
    assert [(t.n, t.text_sent) for t in second.all_turns] == [(1, PUBLIC_TEXT), (2, FOLLOW_UP)]


def test_a_blocked_follow_up_is_never_sent_nor_stored_raw_and_redaction_lets_it_go(
        engine, directory, sim):
    yamada = directory.get("yamada")
    first = generated(engine, yamada)
    sid = engine.follow_up(first.session_id, yamada).session_id
    view, findings = engine.check_input(sid, yamada, BLOCKED_FOLLOW_UP)
    assert view.state == State.BLOCKED
    blocked = [f for f in findings if f.severity == "block"]
    assert {f.category for f in blocked} >= {"phone", "person_name"}
    with pytest.raises(RuleViolation):
        engine.confirm_input(sid, yamada, BLOCKED_FOLLOW_UP, acknowledged=[],
                             attest_publishable=True)
    assert sim.stats()["requests"] == 1
    keys = [f"{f.start}:{f.end}:{f.category}" for f in blocked]
    view, after, red = engine.redact_input(sid, yamada, BLOCKED_FOLLOW_UP, keys)
    assert not [f for f in after if f.severity == "block"]
    done = _ask(engine, yamada, sid, red.text)
    assert done.state == State.GENERATED
    sent = json.dumps(_last_messages(sim), ensure_ascii=False)
    stored = json.dumps([e.payload for e in engine.store.read(session_id=sid)], ensure_ascii=False)
    for value in ("090-1234-5678", "山田太郎"):
        assert value not in sent and value not in stored
    assert red.mapping and all(placeholder in sent for placeholder in red.mapping)


def test_regenerate_sets_the_answer_aside_and_sends_the_same_messages_again(engine, directory,
                                                                            sim):
    yamada = directory.get("yamada")
    first = generated(engine, yamada)
    sent_first = _last_messages(sim)
    view = engine.regenerate(first.session_id, yamada)
    assert view.state == State.SCREENED and view.output is None
    assert view.set_aside == [first.output]
    again = engine.generate(first.session_id, yamada)
    assert again.state == State.GENERATED and again.output
    assert _last_messages(sim) == sent_first and sim.stats()["requests"] == 2
    assert again.all_turns[0].set_aside == [first.output]
    kinds = [e.kind for e in engine.store.read(session_id=first.session_id)]
    assert kinds.count(Kind.GENERATION_COMPLETED) == 2 and Kind.REGENERATE in kinds


def test_follow_up_and_regenerate_need_an_answer(engine, directory):
    yamada = directory.get("yamada")
    from engine_helpers import screened

    view = screened(engine, yamada)
    with pytest.raises(IllegalTransition):
        engine.follow_up(view.session_id, yamada)
    with pytest.raises(IllegalTransition):
        engine.regenerate(view.session_id, yamada)


def test_only_the_author_continues_the_dialogue(engine, directory):
    yamada, sato = directory.get("yamada"), directory.get("sato")
    first = generated(engine, yamada)
    with pytest.raises(RuleViolation):
        engine.follow_up(first.session_id, sato)


def test_the_policy_bounds_the_number_of_questions(engine, directory, policy):
    engine.policy = dataclasses.replace(policy, model=dataclasses.replace(policy.model,
                                                                          max_turns=2))
    yamada = directory.get("yamada")
    first = generated(engine, yamada)
    engine.follow_up(first.session_id, yamada)
    second = _ask(engine, yamada, first.session_id, FOLLOW_UP)
    with pytest.raises(RuleViolation) as refused:
        engine.follow_up(second.session_id, yamada)
    assert "2回まで" in refused.value.message_ja


def test_reviewers_review_the_last_answer_with_every_turn_and_the_decision_adopts_it(
        engine, directory, policy):
    yamada, sato, tanaka, kato = (directory.get(x) for x in ("yamada", "sato", "tanaka", "kato"))
    first = generated(engine, yamada)
    engine.follow_up(first.session_id, yamada)
    second = _ask(engine, yamada, first.session_id, FOLLOW_UP)
    engine.request_review(second.session_id, yamada)
    for reviewer in (sato, tanaka):
        engine.submit_review(second.session_id, reviewer, answers=answers(policy))
    decided = engine.decide(second.session_id, kato, outcome="adopted", reason="確認済み")
    assert decided.decision.final_text == second.output
    replayed = fold(engine.store.read(session_id=second.session_id))
    assert [t.output for t in replayed.all_turns] == [first.output, second.output]
