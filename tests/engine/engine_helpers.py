"""Shared steps of the engine tests: a registry file, a declared or generated session."""

from __future__ import annotations

from pathlib import Path

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
