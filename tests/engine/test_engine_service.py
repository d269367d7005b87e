"""Issue 13, part 5: the engine as a service. A staff engine (`RemoteAnshin`) holds no store,
no signing key and no model key; it does everything pages need through `anshin.engine_service`,
which acts as the token's owner only and records every refusal as `engine.refused`."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import httpx
import pytest
from engine_helpers import PUBLIC_TEXT, answers, faults, write_services

from anshin.app import Anshin
from anshin.engine_service import start_in_thread
from anshin.errors import AnshinError
from anshin.gateway import Cancelled
from anshin.gateway_service import FileTokenVerifier
from anshin.lifecycle import State
from anshin.oversight import dashboard, review_queue
from anshin.remote_engine import RemoteAnshin
from anshin.session import Forbidden, SessionView
from anshin.settings import Settings
from anshin.verify import verify_all
from anshin.wire import WireError, decode, encode

ROOT = Path(__file__).resolve().parents[2]
USERS = ("yamada", "sato", "tanaka", "kato", "ito", "kobayashi")
TOKENS = {u: f"tok-{u}-0123456789abcdef" for u in USERS}


@pytest.fixture
def city(tmp_path, sim):
    """The engine service over a real SQLite store, and a staff engine per user that has
    only the service's address and its own token."""
    services = write_services(tmp_path / "services.toml", sim.url)
    service_env = {"ANSHIN_HOME": str(ROOT), "ANSHIN_VAR": str(tmp_path / "var"),
                   "ANSHIN_ARCHIVE": str(tmp_path / "archive"),
                   "ANSHIN_SERVICES": str(services)}
    engine = Anshin.from_settings(Settings.from_env(service_env))
    tokens = tmp_path / "tokens.json"
    tokens.write_text(json.dumps({hashlib.sha256(t.encode()).hexdigest(): u
                                  for u, t in TOKENS.items()}))
    server = start_in_thread(engine, FileTokenVerifier(tokens))
    url = f"http://127.0.0.1:{server.server_address[1]}"
    staff_settings = Settings.from_env({"ANSHIN_HOME": str(ROOT),
                                        "ANSHIN_VAR": str(tmp_path / "staff-var")})

    def staff(user: str) -> RemoteAnshin:
        return RemoteAnshin.connect(staff_settings, url, TOKENS[user])

    yield engine, staff, url
    server.shutdown()
    server.server_close()
    engine.store.dispose()


def _refusals(engine) -> list:
    return [e for e in engine.store.read() if e.kind == "engine.refused"]


def _screened(app: RemoteAnshin) -> SessionView:
    me = app.current_person()
    view = app.sessions.start_session(me)
    app.sessions.declare_purpose(view.session_id, me, category="summarize",
                                 purpose="広報記事の要約", intended_use="市ウェブサイトの下書き",
                                 service_id="training-sim")
    _, findings = app.sessions.check_input(view.session_id, me, PUBLIC_TEXT)
    assert findings == []
    return app.sessions.confirm_input(view.session_id, me, PUBLIC_TEXT, acknowledged=[],
                                      attest_publishable=True)


def test_the_whole_staff_flow_runs_through_the_service_and_its_events_verify(city, sim, policy):
    engine, staff, _url = city
    yamada = staff("yamada")
    assert yamada.current_person().authenticated and not hasattr(yamada, "store")
    view = _screened(yamada)
    pieces: list[str] = []
    done = yamada.sessions.generate(view.session_id, yamada.current_person(),
                                    on_token=pieces.append)
    assert done.state == State.GENERATED and "".join(pieces) == done.output
    yamada.sessions.request_review(view.session_id, yamada.current_person())
    for reviewer in ("sato", "tanaka"):
        app = staff(reviewer)
        queue = review_queue(app, app.current_person())
        assert view.session_id in [row.session_id for row in queue]
        app.sessions.submit_review(view.session_id, app.current_person(),
                                   answers=answers(policy), comment="確認しました。")
    kato = staff("kato")
    decided = kato.sessions.decide(view.session_id, kato.current_person(), outcome="adopted",
                                   reason="内容を確認し採用する。")
    assert decided.state == State.DECIDED and decided.decision.decider == "kato"
    assert sim.stats()["requests"] == 1
    actors = {e.kind: e.actor for e in engine.store.read(session_id=view.session_id)}
    assert (actors["session.started"], actors["decision.made"]) == ("yamada", "kato")
    report = verify_all(engine.store, engine.settings.archive_dir)
    assert report.ok and report.events > 10, report
    assert next(engine.settings.archive_dir.rglob(f"{view.session_id}.ipynb"))
    assert _refusals(engine) == []


def test_acting_in_another_users_name_is_refused_and_recorded(city):
    engine, staff, _url = city
    yamada = staff("yamada")
    sato = engine.directory.get("sato", authenticated=True)
    with pytest.raises(AnshinError, match="本人（yamada）以外"):
        yamada.sessions.start_session(sato)
    assert not [e for e in engine.store.read() if e.kind == "session.started"]
    [refusal] = _refusals(engine)
    assert (refusal.actor, refusal.payload["named_user"], refusal.payload["reason"]) == (
        "yamada", "sato", "impersonation")


def test_another_members_session_can_be_neither_changed_nor_read_outside_their_department(city):
    engine, staff, _url = city
    view = _screened(staff("yamada"))
    sato = staff("sato")
    with pytest.raises(Forbidden):
        sato.sessions.declare_purpose(view.session_id, sato.current_person(), category="summarize",
                                      purpose="横取り", intended_use="横取り")
    ito = staff("ito")  # 広報広聴課: not the author's department
    with pytest.raises(AnshinError, match="権限がありません"):
        ito.sessions.get(view.session_id)
    assert [(e.actor, e.payload["method"], e.payload["session_id"]) for e in _refusals(engine)] == [
        ("sato", "declare_purpose", view.session_id), ("ito", "get", view.session_id)]
    assert engine.sessions.get(view.session_id).purpose == "広報記事の要約"


def test_roles_come_from_the_services_directory_not_the_page(city):
    engine, staff, _url = city
    yamada = staff("yamada")
    forged = engine.directory.get("yamada", authenticated=True).__class__(
        "yamada", "山田 花子", "デジタル市役所推進室", "director", True)
    with pytest.raises(Forbidden):
        dashboard(yamada, forged)
    assert dashboard(staff("kobayashi"), staff("kobayashi").current_person()).total == 0
    assert [e.payload["method"] for e in _refusals(engine)] == ["oversight.dashboard"]


@pytest.mark.parametrize("body", [
    {"method": "store.append", "args": [{"kind": "service.approved"}]},
    {"method": "__class__"},
    {"method": "oversight._require"},
    {"method": "get", "args": [{"$type": "Settings", "fields": {}}]},
    {"method": "get", "messages": []},
])
def test_anything_outside_the_engine_api_is_refused_and_recorded(city, body):
    engine, _staff, url = city
    response = httpx.post(f"{url}/call", json=body, timeout=10,
                          headers={"Authorization": f"Bearer {TOKENS['yamada']}"})
    assert response.status_code in (400, 403)
    assert [e.actor for e in _refusals(engine)] == ["yamada"]
    assert not [e for e in engine.store.read() if e.kind == "service.approved"]


def test_no_token_or_an_unknown_token_is_401_and_writes_nothing(city):
    engine, _staff, url = city
    before = engine.store.head()
    for headers in ({}, {"Authorization": "Bearer forged-token"}):
        response = httpx.post(f"{url}/call", json={"method": "start_session"}, headers=headers,
                              timeout=10)
        assert response.status_code == 401
    assert engine.store.head() == before


def test_stop_on_the_staff_side_cancels_the_call_through_the_service(city, sim):
    engine, staff, _url = city
    yamada = staff("yamada")
    view = _screened(yamada)
    faults(sim, {"kind": "trickle", "delay_s": 0.2})
    cancel = threading.Event()
    pieces: list[str] = []

    def on_token(piece: str) -> None:
        pieces.append(piece)
        if len(pieces) == 2:
            cancel.set()

    with pytest.raises(Cancelled) as stopped:
        yamada.sessions.generate(view.session_id, yamada.current_person(), on_token=on_token,
                                 cancel=cancel)
    assert stopped.value.partial_output == "".join(pieces)
    settled = engine.sessions.get(view.session_id)
    failed = next(e for e in reversed(settled.events) if e.kind == "generation.failed")
    assert settled.state == State.SCREENED and failed.payload["error_kind"] == "cancelled"


def test_the_wire_rebuilds_a_session_view_and_nothing_outside_its_table(city):
    engine, staff, _url = city
    view = _screened(staff("yamada"))
    local = engine.sessions.get(view.session_id)
    assert decode(json.loads(json.dumps(encode(local)))) == local
    for forged in ({"$type": "Settings", "fields": {}}, {"$type": "os.system", "fields": {}},
                   {"$enum": "Kind", "value": "x"}, {"a": 1}):
        with pytest.raises(WireError):
            decode(forged)


def test_a_database_url_file_others_can_read_is_refused(tmp_path):
    from anshin.database_url import DatabaseUrlFileError

    url_file = tmp_path / "database-url"
    url_file.write_text("postgresql+psycopg://anshin:secret@127.0.0.1:5432/anshin\n")
    url_file.chmod(0o644)
    with pytest.raises(DatabaseUrlFileError, match="chmod 600"):
        Settings.from_env({"ANSHIN_DATABASE_URL_FILE": str(url_file)})
    url_file.chmod(0o600)
    settings = Settings.from_env({"ANSHIN_DATABASE_URL_FILE": str(url_file)})
    assert settings.database_url == "postgresql+psycopg://anshin:secret@127.0.0.1:5432/anshin"


def test_a_dialogue_runs_through_the_service_turn_by_turn_and_verifies(city, sim, policy):
    engine, staff, _url = city
    yamada = staff("yamada")
    me = yamada.current_person()
    view = _screened(yamada)
    first = yamada.sessions.generate(view.session_id, me)
    again = yamada.sessions.regenerate(view.session_id, me)
    assert again.state == State.SCREENED and again.set_aside == [first.output]
    first = yamada.sessions.generate(view.session_id, me)
    ready = yamada.sessions.follow_up(view.session_id, me)
    assert ready.state == State.DECLARED and ready.turns[0].output == first.output
    follow = "この要約を3行にしてください。"
    yamada.sessions.check_input(view.session_id, me, follow)
    yamada.sessions.confirm_input(view.session_id, me, follow, acknowledged=[],
                                  attest_publishable=True)
    second = yamada.sessions.generate(view.session_id, me)
    assert [t.text_sent for t in second.all_turns] == [PUBLIC_TEXT, follow]
    assert [m["role"] for m in sim.stats()["last_messages"]] == [
        "system", "user", "assistant", "user"]
    assert sim.stats()["last_messages"][2]["content"] == first.output
    with pytest.raises(Forbidden):
        staff("sato").sessions.follow_up(view.session_id, staff("sato").current_person())
    assert _refusals(engine)[-1].payload["method"] == "follow_up"
    assert verify_all(engine.store, engine.settings.archive_dir).ok
