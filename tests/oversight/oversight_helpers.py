"""Shared steps of the oversight tests (engine and browser): people from the directory and
a session driven to review by its author through the engine's own rules."""

from __future__ import annotations

from anshin.app import Anshin
from anshin.identity import Person
from anshin.session import SessionView

PUBLIC_TEXT = (
    "新座市では、令和7年度から市内の公園で子ども向けの自然観察会を開催しています。"
    "参加費は無料で、毎月第2土曜日の午前中に実施します。雨天の場合は中止します。"
)


def person(app: Anshin, person_id: str) -> Person:
    return app.directory.get(person_id, authenticated=True)


def answers(app: Anshin, verdict: str = "ok") -> dict:
    return {item.id: {"verdict": verdict, "comment": ""} for item in app.policy.review_items}


def in_review(app: Anshin, author: Person, purpose: str = "広報記事の要約",
              text: str = PUBLIC_TEXT) -> SessionView:
    """A session taken by its author through declaration, screening, generation and the
    request for review, each step by the engine's own rules."""
    e = app.sessions
    sid = e.start_session(author).session_id
    e.declare_purpose(sid, author, category="summarize", purpose=purpose,
                      intended_use="市ウェブサイトの下書き", service_id="training-sim")
    _, findings = e.check_input(sid, author, text)
    warned = [f"{f.start}:{f.end}:{f.category}" for f in findings if f.severity == "warn"]
    e.confirm_input(sid, author, text, acknowledged=warned, attest_publishable=True)
    e.generate(sid, author)
    return e.request_review(sid, author)
