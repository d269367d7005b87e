"""Reviews and decisions bind to the exact text they approved (§7): SHA-256 of the text in
each event, a revised text voids earlier reviews, 「修正して採用」 holds the adopted text, and
adopting over 要修正/不可 needs its own reason. Real SQLite store, real model server."""

from __future__ import annotations

import hashlib

import pytest
from engine_helpers import answers, generated

from anshin.lifecycle import Kind
from anshin.session import Forbidden, RuleViolation, ValidationError, text_sha256


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _in_review(engine, directory):
    yamada = directory.get("yamada")
    view = generated(engine, yamada)
    return engine.request_review(view.session_id, yamada)


def _payload(engine, session_id, kind):
    return [ev.payload for ev in engine.store.read(session_id=session_id) if ev.kind == kind]


def test_each_review_and_the_decision_carry_the_sha256_of_the_text_they_approved(
        engine, directory, policy):
    sato, tanaka, kato = (directory.get(x) for x in ("sato", "tanaka", "kato"))
    view = _in_review(engine, directory)
    engine.submit_review(view.session_id, sato, answers=answers(policy))
    engine.submit_review(view.session_id, tanaka, answers=answers(policy))
    done = engine.decide(view.session_id, kato, outcome="adopted", reason="内容に問題なし")
    reviews = _payload(engine, view.session_id, Kind.REVIEW_SUBMITTED)
    assert [r["text_sha256"] for r in reviews] == [_sha(view.output)] * 2
    decision = _payload(engine, view.session_id, Kind.DECIDED)[0]
    assert decision["final_text"] == view.output
    assert decision["final_sha256"] == decision["reviewed_sha256"] == _sha(view.output)
    assert done.decision.final_text == view.output and done.decision.source == "as_reviewed"
    assert text_sha256(view.output) == _sha(view.output)


def test_adopting_with_edits_stores_the_final_text_and_takes_a_suggestion_whole(
        engine, directory, policy):
    sato, tanaka, kato = (directory.get(x) for x in ("sato", "tanaka", "kato"))
    view = _in_review(engine, directory)
    suggestion = view.output.replace("研修用", "【確認済み】研修用", 1)
    engine.submit_review(view.session_id, sato, answers=answers(policy), edited_text=suggestion)
    engine.submit_review(view.session_id, tanaka, answers=answers(policy))
    with pytest.raises(ValidationError, match="修正した文章"):
        engine.decide(view.session_id, kato, outcome="adopted_with_edits", reason="r",
                      final_text=view.output)
    with pytest.raises(ValidationError, match="採用する文章"):
        engine.decide(view.session_id, kato, outcome="adopted_with_edits", reason="r")
    done = engine.decide(view.session_id, kato, outcome="adopted_with_edits",
                         reason="佐藤さんの修正案で掲載", final_text=suggestion)
    d = done.decision
    assert d.final_text == suggestion and d.final_sha256 == _sha(suggestion)
    assert d.reviewed_sha256 == _sha(view.output) and d.source == "suggestion"


def test_a_revised_text_voids_earlier_reviews_until_they_sign_the_new_text(
        engine, directory, policy):
    yamada, sato, tanaka, kato = (directory.get(x) for x in ("yamada", "sato", "tanaka", "kato"))
    view = _in_review(engine, directory)
    edited = view.output + "\n（問い合わせ先：市民課）"
    engine.submit_review(view.session_id, sato, answers=answers(policy), edited_text=edited)
    engine.submit_review(view.session_id, tanaka, answers=answers(policy))
    assert engine.get(view.session_id).counted_reviews == 2
    with pytest.raises(Forbidden, match="本人"):
        engine.revise_text(view.session_id, tanaka, text="別の文章")
    revised = engine.revise_text(view.session_id, yamada, text="", from_reviewer="sato")
    assert revised.text_under_review == edited
    assert revised.counted_reviews == 0 and len(revised.lapsed_reviews) == 2
    with pytest.raises(RuleViolation, match="2 人以上"):
        engine.decide(view.session_id, kato, outcome="adopted", reason="r")
    with pytest.raises(RuleViolation, match="案文が変更"):
        engine.submit_review(view.session_id, sato, answers=answers(policy),
                             seen_sha256=_sha(view.output))
    engine.submit_review(view.session_id, sato, answers=answers(policy), seen_sha256=_sha(edited))
    with pytest.raises(RuleViolation, match="1人1回"):
        engine.submit_review(view.session_id, sato, answers=answers(policy))
    engine.submit_review(view.session_id, tanaka, answers=answers(policy))
    done = engine.decide(view.session_id, kato, outcome="adopted", reason="修正後の文章で掲載",
                         seen_sha256=_sha(edited))
    assert done.decision.final_text == edited
    revision = _payload(engine, view.session_id, Kind.TEXT_REVISED)[0]
    assert revision == {"text": edited, "text_sha256": _sha(edited), "source": "suggestion",
                        "from_reviewer": "sato"}


def test_adopting_over_an_objection_needs_its_own_reason_and_records_whose(
        engine, directory, policy):
    sato, tanaka, kato = (directory.get(x) for x in ("sato", "tanaka", "kato"))
    view = _in_review(engine, directory)
    engine.submit_review(view.session_id, sato, answers=answers(policy, "unacceptable"))
    engine.submit_review(view.session_id, tanaka, answers=answers(policy, "needs_fix"))
    for outcome, final in (("adopted", None), ("adopted_with_edits", view.output + "。")):
        with pytest.raises(RuleViolation, match="2人"):
            engine.decide(view.session_id, kato, outcome=outcome, reason="急ぎのため",
                          final_text=final, override_reason="  ")
    done = engine.decide(view.session_id, kato, outcome="adopted", reason="急ぎのため",
                         override_reason="指摘の日付は担当課で確認済みで、誤りではない")
    assert done.decision.override_reason.startswith("指摘の日付")
    assert done.decision.overridden == ("sato", "tanaka")


def test_rejecting_over_an_objection_needs_no_override_and_adopts_no_text(
        engine, directory, policy):
    sato, tanaka, kato = (directory.get(x) for x in ("sato", "tanaka", "kato"))
    view = _in_review(engine, directory)
    engine.submit_review(view.session_id, sato, answers=answers(policy, "unacceptable"))
    engine.submit_review(view.session_id, tanaka, answers=answers(policy))
    done = engine.decide(view.session_id, kato, outcome="rejected", reason="誤りがある")
    assert done.decision.final_text is None and done.decision.final_sha256 is None


def test_a_decision_on_a_text_other_than_the_one_shown_is_refused(engine, directory, policy):
    sato, tanaka, kato = (directory.get(x) for x in ("sato", "tanaka", "kato"))
    view = _in_review(engine, directory)
    engine.submit_review(view.session_id, sato, answers=answers(policy))
    engine.submit_review(view.session_id, tanaka, answers=answers(policy))
    with pytest.raises(RuleViolation, match="案文が変更"):
        engine.decide(view.session_id, kato, outcome="adopted", reason="r",
                      seen_sha256=_sha("別の文章"))
    assert not engine.get(view.session_id).sealed
