"""The oversight engine: the session index follows the chain, queues and dashboard are
scoped by role, and every oversight action refuses the wrong role when called directly."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa
from oversight_helpers import answers, in_review, person

from anshin import oversight
from anshin.app import Anshin
from anshin.index import SearchQuery, session_index
from anshin.session import Forbidden, RuleViolation, SessionSealed
from anshin.verify import verify_all

BLOCKED = "個人番号 123456789018 の山田太郎様から届いた相談の要点をまとめてください。"


def rows(app: Anshin) -> dict[str, dict]:
    with app.store.engine.connect() as conn:
        return {r.session_id: {k: v for k, v in r._mapping.items() if k != "id"}
                for r in conn.execute(sa.select(session_index))}


def test_index_follows_every_session_event_and_reindex_gives_the_same_rows(app: Anshin) -> None:
    yamada = person(app, "yamada")
    view = in_review(app, yamada)
    row = rows(app)[view.session_id]
    assert row["state"] == "in_review"
    assert row["department"] == "市民課"
    assert row["requested_at"] is not None
    app.sessions.submit_review(view.session_id, person(app, "sato"), answers=answers(app))
    assert rows(app)[view.session_id]["review_count"] == 1
    before = rows(app)
    assert app.index.rebuild() == 1
    assert rows(app) == before


def test_index_catches_up_events_its_observer_missed(app: Anshin) -> None:
    yamada = person(app, "yamada")
    view = in_review(app, yamada)
    app.sessions.observers.clear()          # a kernel that died between event and index write
    app.sessions.submit_review(view.session_id, person(app, "sato"), answers=answers(app))
    assert rows(app)[view.session_id]["review_count"] == 0
    assert app.index.catch_up() == 1
    assert rows(app)[view.session_id]["review_count"] == 1


def test_blocked_input_is_counted_but_its_raw_text_is_not_searchable(app: Anshin) -> None:
    yamada = person(app, "yamada")
    sid = app.sessions.start_session(yamada).session_id
    app.sessions.declare_purpose(sid, yamada, category="summarize", purpose="相談の要約",
                                 intended_use="回答の下書き", service_id="training-sim")
    app.sessions.check_input(sid, yamada, BLOCKED)
    row = rows(app)[sid]
    assert row["blocked_count"] == 1
    assert ",my_number," in row["blocked_categories"]
    assert "123456789018" not in row["search_text"]
    director = person(app, "kobayashi")
    assert oversight.investigate(app, director, SearchQuery(text="123456789018"))[0] == 0
    assert oversight.investigate(app, director, SearchQuery(finding="my_number"))[0] == 1
    board = oversight.dashboard(app, director)
    assert board.blocked_by_category["my_number"] == 1
    assert board.blocked_attempts == 1


def test_review_queue_holds_department_sessions_the_reviewer_neither_wrote_nor_signed(
    app: Anshin,
) -> None:
    yamada, sato, tanaka = (person(app, p) for p in ("yamada", "sato", "tanaka"))
    citizens = in_review(app, yamada)
    pr = in_review(app, person(app, "ito"))
    assert [r.session_id for r in oversight.review_queue(app, sato)] == [citizens.session_id]
    assert oversight.review_queue(app, yamada) == []
    app.sessions.submit_review(citizens.session_id, sato, answers=answers(app))
    assert oversight.review_queue(app, sato) == []
    assert [r.session_id for r in oversight.review_queue(app, tanaka)] == [citizens.session_id]
    director_queue = {r.session_id for r in oversight.review_queue(app, person(app, "kobayashi"))}
    assert director_queue == {citizens.session_id, pr.session_id}
    with pytest.raises(Forbidden) as exc:
        oversight.review_queue(app, person(app, "nakamura"))
    assert "監査担当" in exc.value.message_ja
    with pytest.raises(Forbidden):
        oversight.open_for_review(app, sato, pr.session_id)


def test_two_reviewers_then_the_head_decides_and_the_sealed_record_verifies(app: Anshin) -> None:
    yamada, sato, tanaka, kato = (person(app, p) for p in ("yamada", "sato", "tanaka", "kato"))
    sid = in_review(app, yamada).session_id
    assert oversight.decision_queue(app, kato) == []
    app.sessions.submit_review(sid, sato, answers=answers(app))
    app.sessions.submit_review(sid, tanaka, answers=answers(app), edited_text="修正した文章")
    assert [r.session_id for r in oversight.decision_queue(app, kato)] == [sid]
    assert oversight.decision_queue(app, person(app, "watanabe")) == []
    view = app.sessions.decide(sid, kato, outcome="adopted_with_edits", reason="修正案で掲載",
                               final_text="修正した文章")
    assert view.sealed
    assert rows(app)[sid]["outcome"] == "adopted_with_edits"
    with pytest.raises(SessionSealed):
        app.sessions.submit_review(sid, person(app, "kobayashi"), answers=answers(app))
    with pytest.raises(SessionSealed):
        app.sessions.decide(sid, kato, outcome="rejected", reason="やはり不採用")
    report = oversight.verify_archive(app, person(app, "nakamura"))
    assert report.ok, report.render()
    assert verify_all(app.store, app.settings.archive_dir).ok


def test_the_author_cannot_review_alone_nor_sign_twice(app: Anshin) -> None:
    yamada, sato = person(app, "yamada"), person(app, "sato")
    sid = in_review(app, yamada).session_id
    with pytest.raises(RuleViolation) as exc:
        app.sessions.submit_review(sid, yamada, answers=answers(app))
    assert "作成者本人" in exc.value.message_ja
    app.sessions.submit_review(sid, sato, answers=answers(app))
    with pytest.raises(RuleViolation) as exc:
        app.sessions.submit_review(sid, sato, answers=answers(app))
    assert "1人1回" in exc.value.message_ja
    with pytest.raises(RuleViolation):
        app.sessions.decide(sid, person(app, "kato"), outcome="adopted", reason="問題なし")


@pytest.mark.parametrize("who", ["yamada", "kato", "nakamura"])
def test_only_the_director_searches_changes_the_registry_or_suspends(app: Anshin, who: str) -> None:
    p = person(app, who)
    before = app.store.head()
    calls = [
        lambda: oversight.investigate(app, p, SearchQuery(text="要約")),
        lambda: oversight.services(app, p),
        lambda: oversight.register_service(app, p, {"id": "x", "name": "x", "kind": "openai",
                                                    "base_url": "https://x", "model": "m"}),
        lambda: oversight.approve_service(app, p, "training-sim", "契約"),
        lambda: oversight.withdraw_service(app, p, "training-sim"),
        lambda: oversight.suspend(app, p, "停止します"),
        lambda: oversight.resume(app, p),
    ]
    for call in calls:
        with pytest.raises(Forbidden) as exc:
            call()
        assert "推進室長" in exc.value.message_ja
    assert app.store.head() == before
    assert not app.suspension().suspended


def test_the_director_keeps_the_registry_and_suspends_with_a_notice(app: Anshin) -> None:
    director = person(app, "kobayashi")
    oversight.register_service(app, director, {
        "id": "azure-city", "name": "市契約 Azure OpenAI", "kind": "openai_compatible",
        "base_url": "https://example.invalid/v1", "model": "gpt-x"})
    assert app.registry.get("azure-city").status == "registered"
    oversight.approve_service(app, director, "azure-city", "契約第12条: 入力を学習に利用しない")
    assert app.registry.get("azure-city").approved
    oversight.withdraw_service(app, director, "azure-city", "契約終了")
    assert app.registry.get("azure-city").status == "withdrawn"
    status = oversight.suspend(app, director, "規約変更のため停止します")
    assert status.suspended and status.notice == "規約変更のため停止します"
    assert not oversight.resume(app, director).suspended


def test_auditor_reads_records_but_cannot_change_anything(app: Anshin) -> None:
    sid = in_review(app, person(app, "yamada")).session_id
    auditor = person(app, "nakamura")
    total, found = oversight.archive_list(app, auditor, SearchQuery())
    assert total == 1 and found[0].session_id == sid
    view, paths = oversight.open_record(app, auditor, sid)
    assert paths.html.exists() and view.session_id == sid
    with pytest.raises(Forbidden):
        app.sessions.submit_review(sid, auditor, answers=answers(app))
    with pytest.raises(Forbidden):
        app.sessions.decide(sid, auditor, outcome="adopted", reason="x")
    with pytest.raises(Forbidden):
        oversight.suspend(app, auditor, "停止")
    with pytest.raises(Forbidden):
        oversight.archive_list(app, person(app, "kato"), SearchQuery())


def test_heads_see_their_department_and_the_director_sees_all(app: Anshin) -> None:
    in_review(app, person(app, "yamada"))
    in_review(app, person(app, "sato"))
    in_review(app, person(app, "ito"))
    kato = person(app, "kato")
    board = oversight.dashboard(app, kato)
    assert board.scope == "市民課" and board.total == 2 and board.pending == 2
    assert {r[0] for r in board.per_person} == {"yamada", "sato"}
    with pytest.raises(Forbidden):
        oversight.dashboard(app, kato, department="広報広聴課")
    everyone = oversight.dashboard(app, person(app, "kobayashi"))
    assert everyone.scope == "全庁" and everyone.total == 3
    assert sum(everyone.pending_ages.values()) == 3
    with pytest.raises(Forbidden):
        oversight.dashboard(app, person(app, "yamada"))
    csv_text = oversight.dashboard_csv(board, {}, {})
    assert "セッション総数" in csv_text and "yamada" in csv_text


def test_investigation_filters_by_text_person_dates_and_outcome(app: Anshin) -> None:
    director = person(app, "kobayashi")
    a = in_review(app, person(app, "yamada"), purpose="市民まつりの挨拶文")
    in_review(app, person(app, "ito"), purpose="広報紙の要約")
    assert [r.session_id for r in oversight.investigate(
        app, director, SearchQuery(text="市民まつり"))[1]] == [a.session_id]
    assert oversight.investigate(app, director, SearchQuery(text="挨拶"))[0] == 1   # 2 chars: LIKE
    assert oversight.investigate(app, director, SearchQuery(person="伊藤"))[0] == 1
    assert oversight.investigate(app, director, SearchQuery(department="市民課"))[0] == 1
    assert oversight.investigate(app, director, SearchQuery(date_from="2000-01-01",
                                                            date_to="2000-12-31"))[0] == 0
    assert oversight.investigate(app, director, SearchQuery(outcome="adopted"))[0] == 0
    assert oversight.investigate(app, director, SearchQuery(text='"; DROP TABLE x; --'))[0] == 0
    with pytest.raises(Exception) as exc:
        oversight.investigate(app, director, SearchQuery(date_from="2026/01/01"))
    assert "YYYY-MM-DD" in exc.value.message_ja


def test_search_query_is_a_frozen_value() -> None:
    q = SearchQuery(text="要約")
    assert dataclasses.replace(q, limit=5).text == "要約"


def test_the_index_searches_and_rebuilds_on_postgresql(pg_app: Anshin) -> None:
    director = person(pg_app, "kobayashi")
    a = in_review(pg_app, person(pg_app, "yamada"), purpose="市民まつりの挨拶文")
    in_review(pg_app, person(pg_app, "ito"), purpose="広報紙の要約")
    pg_app.sessions.submit_review(a.session_id, person(pg_app, "sato"), answers=answers(pg_app))
    found = oversight.investigate(pg_app, director, SearchQuery(text="市民まつり"))[1]
    assert [r.session_id for r in found] == [a.session_id]
    assert oversight.investigate(pg_app, director, SearchQuery(text="100%_"))[0] == 0
    assert oversight.dashboard(pg_app, person(pg_app, "kato")).total == 1
    before = rows(pg_app)
    assert pg_app.index.rebuild() == 2
    assert rows(pg_app) == before
    assert [r.session_id for r in oversight.review_queue(pg_app, person(pg_app, "tanaka"))] == [
        a.session_id]
