"""Oversight fixtures: the whole engine (`Anshin`) on a temporary folder, the training model
server over real HTTP, and sessions driven to review through the real gateway."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from anshin.app import Anshin
from anshin.identity import Person
from anshin.model_server import RunningServer, start_in_thread
from anshin.session import SessionView
from anshin.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_TEXT = (
    "新座市では、令和7年度から市内の公園で子ども向けの自然観察会を開催しています。"
    "参加費は無料で、毎月第2土曜日の午前中に実施します。雨天の場合は中止します。"
)


@pytest.fixture(scope="session")
def model_server() -> Iterator[RunningServer]:
    server = start_in_thread("127.0.0.1", 0, chunk_delay_s=0.0)
    yield server
    server.stop()


def make_app(home: Path, model_url: str, database_url: str | None = None) -> Anshin:
    var = home / "var"
    var.mkdir(parents=True, exist_ok=True)
    services = home / "services.toml"
    services.write_text(
        "[[services]]\n"
        'id = "training-sim"\nname = "研修用模擬モデル"\nkind = "openai_compatible"\n'
        f'base_url = "{model_url}"\nmodel = "anshin-training-sim"\n'
        'no_training_basis = "ローカル模擬サーバー"\nstatus = "approved"\n',
        encoding="utf-8")
    env = {
        "ANSHIN_HOME": str(home), "ANSHIN_VAR": str(var),
        "ANSHIN_DATABASE_URL": database_url or f"sqlite:///{var / 'anshin.db'}",
        "ANSHIN_ARCHIVE": str(home / "archive"), "ANSHIN_CHAIN_HEAD": str(var / "chain-head.json"),
        "ANSHIN_SERVICES": str(services), "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
        "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv"), "ANSHIN_USER": "demo",
    }
    return Anshin.from_settings(Settings.from_env(env))


@pytest.fixture
def app(tmp_path: Path, model_server: RunningServer) -> Iterator[Anshin]:
    a = make_app(tmp_path, model_server.url)
    yield a
    a.store.dispose()


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
