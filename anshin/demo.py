"""`anshin demo`: fill the configured store with decided sessions for trainers and checks.

Every session goes through the same engine calls as a person at the pages would make
(declare, check, redact, confirm, generate through the gateway, review, decide), so its
events, records and index entries are the real thing; each is marked demo/training in its
`session.started` event and therefore in every record. Replies come from the bundled
training model server (started here on a free port): demo data never calls a real model.
The same `--seed` gives the same choices.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anshin import cli_texts as t
from anshin.errors import AnshinError
from anshin.gateway import Gateway
from anshin.identity import Person
from anshin.model_server.scenarios import Scenario, load_scenarios
from anshin.policy import UsageCategory
from anshin.services import ServiceRegistry
from anshin.session import SessionService, SessionView

if TYPE_CHECKING:
    from anshin.app import Anshin

# Fictional details a careless author might paste; screening finds each of them.
PERSONAL_LINES = (
    "問い合わせをくれた川端花子さん（電話048-477-1111）への回答にも使います。",
    "担当の大川太郎（昭和55年4月1日生まれ）が確認します。",
    "【取扱注意】このお知らせは公開前の資料です。",
    "連絡先は埼玉県みどり台市本町1丁目1番1号の窓口です。",
)
# The purpose a demo author writes, by the scenario's kind of work (model_server TASKS).
PURPOSES = {
    "rewriting": "広報掲載用の要約を作るため", "composing": "案内文の素案を作るため",
    "proofreading": "掲載前の文章を校正するため", "tabulating": "公開情報を表に整理するため",
    "brainstorming": "事業のアイデアを広げるため", "spreadsheet_code": "集計作業のマクロを作るため",
    "faq": "手続の質疑応答集の素案を作るため", "workflow": "業務の効率化のため",
}
INTENDED_USES = ("担当者が確認したうえで市ウェブサイトに掲載する",
                 "課内の検討資料の下書きにする", "窓口での説明資料の素案にする")


class DemoUnavailable(AnshinError):
    """No approved bundled model service, or no department with a head and reviewers."""


@dataclass(frozen=True)
class Team:
    """One department's people: authors, reviewers and the head who decides."""

    department: str
    staff: tuple[Person, ...]
    head: Person


def teams(people: Sequence[Person], min_reviewers: int) -> list[Team]:
    """Departments with a head and enough staff for an author and its reviewers."""
    found = []
    for department in sorted({p.department for p in people}):
        members = [p for p in people if p.department == department]
        heads = [p for p in members if p.role == "head"]
        staff = tuple(p for p in members if p.role == "staff")
        if heads and len(staff) > min_reviewers:
            found.append(Team(department, staff, heads[0]))
    return found


def fill(app: Anshin, sessions: int, seed: int) -> list[SessionView]:
    """Make `sessions` decided demo sessions in `app`'s store; returns their final views."""
    from anshin.model_server import start_in_thread

    local = [s for s in app.registry.approved() if s.local_model]
    if not local:
        raise DemoUnavailable(t.DEMO_NO_LOCAL_MODEL)
    people = sorted(app.directory.people.values(), key=lambda p: p.id)
    policy = app.policy
    available = teams(people, policy.min_reviewers)
    if not available:
        raise DemoUnavailable(t.DEMO_NO_TEAM.format(required=policy.min_reviewers + 1))
    server = start_in_thread("127.0.0.1", 0)
    try:
        port = int(server.url.rsplit(":", 1)[1].split("/")[0])
        registry = ServiceRegistry(app.store, app.settings.services_path, port)
        engine = SessionService(app.store, policy, gateway=Gateway(app.store, registry, policy),
                                recorder=app.sessions.recorder,
                                observers=app.sessions.observers, demo=True)
        rng = random.Random(seed)
        scenarios = [(c, s) for c in policy.categories for s in load_scenarios()
                     if s.task in c.training_tasks]
        return [_one(engine, rng, rng.choice(available), *rng.choice(scenarios), local[0].id)
                for _ in range(sessions)]
    finally:
        server.stop()


def _unproven(person: Person) -> Person:
    """Demo people are directory entries, never authenticated."""
    return Person(person.id, person.name, person.department, person.role, False)


def _one(engine: SessionService, rng: random.Random, team: Team, category: UsageCategory,
         scenario: Scenario, service_id: str) -> SessionView:
    policy = engine.policy
    author, *others = rng.sample(team.staff, policy.min_reviewers + 1)
    author, head = _unproven(author), _unproven(team.head)
    sid = engine.start_session(author).session_id
    engine.declare_purpose(sid, author, category=category.id,
                           purpose=PURPOSES[scenario.task],
                           intended_use=rng.choice(INTENDED_USES),
                           reason="研修用のデモ" if category.reason_required else None,
                           service_id=service_id)
    text = scenario.prompt.strip()
    if rng.random() < 0.5:
        text = f"{text}\n{rng.choice(PERSONAL_LINES)}"
    _view, findings = engine.check_input(sid, author, text)
    blocked = [f"{f.start}:{f.end}:{f.category}" for f in findings if f.severity == "block"]
    if blocked:
        _view, findings, red = engine.redact_input(sid, author, text, blocked)
        text = red.text
    warned = [f"{f.start}:{f.end}:{f.category}" for f in findings if f.severity == "warn"]
    engine.confirm_input(sid, author, text, acknowledged=warned, attest_publishable=True)
    view = engine.generate(sid, author)
    engine.request_review(sid, author)
    output = view.output or ""
    flawed = scenario.flaw is not None
    for n, reviewer in enumerate(others):
        objects = flawed and n == 0
        verdict = "needs_fix" if objects else "ok"
        answers = {item.id: {"verdict": "ok", "comment": ""} for item in policy.review_items}
        first = policy.review_items[0].id
        answers[first] = {"verdict": verdict,
                          "comment": (scenario.flaw or "") if objects else ""}
        suggest = objects or rng.random() < 0.3
        suggestion = f"{output}\n（{team.department}で内容を確認済み）" if suggest else None
        engine.submit_review(sid, _unproven(reviewer), answers=answers,
                             comment="原文と照合しました。", edited_text=suggestion)
    view = engine.get(sid)
    suggestions = [r.edited_text for r in view.reviews if r.edited_text]
    roll = rng.random()
    if flawed and roll < 0.5:
        return engine.decide(sid, head, outcome="rejected", reason="誤りがあるため使用しない")
    if suggestions and (flawed or roll < 0.6):
        return engine.decide(sid, head, outcome="adopted_with_edits", reason="修正案を採用する",
                             final_text=rng.choice(suggestions),
                             override_reason="修正案で指摘の点を直したため" if flawed else None)
    if roll < 0.85:
        return engine.decide(sid, head, outcome="adopted", reason="内容に問題がないため")
    return engine.decide(sid, head, outcome="rejected", reason="今回は使用しない")
