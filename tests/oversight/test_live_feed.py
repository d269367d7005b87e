"""The live feed behind open pages (widgets.live), on a real store: each listener hears the
kinds it asked for, once; the author's session page says a review and a decision arrived;
the services offered follow approval and withdrawal. Ticks are called directly here; the
browser tests (tests/ui/test_live.py) show the same through the page's own thread."""

from __future__ import annotations

from oversight_helpers import in_review, person

from anshin.app import Anshin
from anshin.lifecycle import Kind
from anshin.suspension import SuspensionStatus, resume_use, suspend_use
from widgets import live, session_page
from widgets.controls import SessionContext
from widgets.frame import SuspensionBanner
from widgets.purpose import PurposeStep


def test_each_listener_hears_the_kinds_it_asked_for_once(app: Anshin) -> None:
    feed = live.LiveFeed(app)
    heard: dict[str, list[str]] = {"suspension": [], "services": []}
    feed.on(live.SUSPENSION_KINDS, lambda cs: heard["suspension"].extend(c.kind for c in cs))
    feed.on(live.SERVICE_KINDS, lambda cs: heard["services"].extend(c.kind for c in cs))
    suspend_use(app.store, None, "点検のため停止します。")
    resume_use(app.store, None)
    feed.tick()
    feed.tick()
    assert heard == {"suspension": [Kind.USE_SUSPENDED, Kind.USE_RESUMED], "services": []}


def test_a_review_and_a_decision_reach_the_authors_session_page(app: Anshin) -> None:
    author = person(app, "yamada")
    page = session_page.SessionPage(app, SuspensionBanner(SuspensionStatus(False)))
    page.open_for(author)
    sid = in_review(app, author).session_id
    answers = {i.id: {"verdict": "ok", "comment": ""} for i in app.policy.review_items}
    app.sessions.submit_review(sid, person(app, "sato"), answers=answers, comment="")
    live.feed(app).tick()
    assert "佐藤 次郎" in page.arrived.value and "1/2" in page.arrived.value
    assert sid in page.arrived.value
    app.sessions.submit_review(sid, person(app, "tanaka"), answers=answers, comment="")
    app.sessions.decide(sid, person(app, "kato"), outcome="adopted", reason="掲載する")
    live.feed(app).tick()
    assert "決定されました" in page.arrived.value and "加藤 恵子" in page.arrived.value


def test_someone_elses_review_is_not_announced_to_an_author(app: Anshin) -> None:
    page = session_page.SessionPage(app, SuspensionBanner(SuspensionStatus(False)))
    page.open_for(person(app, "tanaka"))
    sid = in_review(app, person(app, "yamada")).session_id
    answers = {i.id: {"verdict": "ok", "comment": ""} for i in app.policy.review_items}
    app.sessions.submit_review(sid, person(app, "sato"), answers=answers, comment="")
    live.feed(app).tick()
    assert page.arrived.value == ""


def test_the_services_offered_follow_approval_and_withdrawal(app: Anshin) -> None:
    ctx = SessionContext(app, person(app, "yamada"), SuspensionBanner(SuspensionStatus(False)))
    step = PurposeStep(ctx, on_declared=lambda _v: None)
    app.registry.register("kobayashi", {
        "id": "extra", "name": "追加サービス", "kind": "openai_compatible",
        "base_url": "http://127.0.0.1:9/v1", "model": "m", "api_key_env": "ANSHIN_X_KEY"})
    app.registry.approve("kobayashi", "小林 健", "extra", "契約書 第12条")
    live.feed(app).tick()
    assert "extra" in [sid for _, sid in step.service.options]
    app.registry.withdraw("kobayashi", "extra", "見直し")
    live.feed(app).tick()
    assert "extra" not in [sid for _, sid in step.service.options]
