"""Issue 13, part 5, on a real JupyterHub: staff servers hold no database credential and no
signing key; the engine service does the writes as the token's owner. Code run with a staff
kernel's own environment cannot write the store or act as someone else, and the whole staff
flow — declare, screen, send, review, decide — still works in Chromium, its events verifying."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from hub_helpers import PAGE_READY, PG_PASSWORD, Hub, StaffBrowser, run_session
from playwright.sync_api import expect

from anshin.verify import verify_all

pytestmark = [pytest.mark.browser, pytest.mark.slow]
# A page action is one call to the engine service and a record export; on a machine shared by
# several test runs that took over the 5 s default once (one of four runs).
ACTION_TIMEOUT_MS = 20_000
STORE_VARIABLES = ("ANSHIN_DATABASE_URL", "ANSHIN_DATABASE_URL_FILE", "ANSHIN_SIGNING_KEY",
                   "ANSHIN_CHAIN_HEAD", "ANSHIN_GATEWAY_URL")

# What a staff member could run in their own kernel: the engine from that environment, the
# database directly, and the engine service with their token under another name.
ATTACK = textwrap.dedent("""
    import json, os, sys
    import httpx, psycopg
    out = {}
    out["store_variables"] = sorted(k for k in os.environ
                                    if k in ("ANSHIN_DATABASE_URL", "ANSHIN_DATABASE_URL_FILE",
                                             "ANSHIN_SIGNING_KEY", "ANSHIN_CHAIN_HEAD"))
    from anshin.app import get_app
    app = get_app()
    out["engine"] = type(app).__name__
    out["has_store"] = hasattr(app, "store")
    try:
        psycopg.connect(f"host=127.0.0.1 port={sys.argv[1]} user=postgres dbname=postgres",
                        connect_timeout=5)
        out["database"] = "connected"
    except Exception as exc:
        out["database"] = str(exc)
    kato = app.current_person().__class__("kato", "加藤 恵子", "市民課", "head", True)
    try:
        app.sessions.start_session(kato)
        out["as_kato"] = "written"
    except Exception as exc:
        out["as_kato"] = getattr(exc, "message_ja", str(exc))
    token = os.environ["JUPYTERHUB_API_TOKEN"]
    raw = httpx.post(os.environ["ANSHIN_ENGINE_URL"] + "/call", timeout=10,
                     headers={"Authorization": f"Bearer {token}"},
                     json={"method": "store.append", "args": [], "as": None})
    out["raw_append"] = raw.status_code
    print(json.dumps(out, ensure_ascii=False))
""")


def _kernel_env(hub: Hub, user: str) -> dict[str, str]:
    """The environment of one of `user`'s processes that runs page code (a Voila kernel)."""
    processes = hub.user_processes(user)
    for pid, env in processes.items():
        cmdline = open(f"/proc/{pid}/cmdline", "rb").read()
        if b"ipykernel_launcher" in cmdline:
            return env
    raise AssertionError(f"no kernel among {sorted(processes)}")


def test_staff_servers_hold_no_store_credential_and_their_code_cannot_write_the_store(
        hub: Hub, hub_pg, staff_login) -> None:
    yamada = staff_login("yamada")
    yamada.open("session")
    processes = hub.user_processes("yamada")
    assert len(processes) >= 3, processes.keys()
    for env in processes.values():
        assert not set(STORE_VARIABLES) & set(env), env.keys()
        assert PG_PASSWORD not in "\0".join(env.values())
        assert env["ANSHIN_ENGINE_URL"] == hub.engine_url
    [engine_env] = hub.service_processes("anshin-engine").values()
    assert engine_env["ANSHIN_DATABASE_URL_FILE"].endswith("database-url")
    assert "ANSHIN_DATABASE_URL" not in engine_env
    for stored in (hub.home / "var" / "hub").glob("jupyterhub.sqlite*"):
        assert PG_PASSWORD.encode() not in stored.read_bytes(), stored
    with sqlite3.connect(hub.home / "var" / "hub" / "jupyterhub.sqlite") as db:
        rows = db.execute("SELECT name, environment FROM services").fetchall()
    assert PG_PASSWORD not in json.dumps(rows)

    before = hub.engine.store.head()
    done = subprocess.run([sys.executable, "-c", ATTACK, str(hub_pg.port)],
                          env=_kernel_env(hub, "yamada"), capture_output=True, text=True,
                          timeout=120, cwd=hub.home)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["store_variables"] == [] and seen["engine"] == "RemoteAnshin"
    assert not seen["has_store"]
    assert "password" in seen["database"], seen["database"]
    assert "本人（yamada）以外" in seen["as_kato"]
    assert seen["raw_append"] == 403

    written = [e for e in hub.engine.store.read() if e.seq > before[0]]
    assert {e.kind for e in written} == {"engine.refused"}
    assert sorted((e.actor, e.payload["method"], e.payload["reason"]) for e in written) == [
        ("yamada", "start_session", "impersonation"), ("yamada", "store.append", "unknown_method")]
    assert [e.payload["named_user"] for e in written if e.payload["method"] == "start_session"] == [
        "kato"]


def _review(staff: StaffBrowser, hub: Hub, purpose_part: str, signed: str) -> None:
    page = staff.open("review")
    expect(page.locator(".anshin-identity")).to_contain_text("認証済み")
    page.locator(".anshin-review-queue .anshin-row", has_text=purpose_part).locator(
        ".anshin-open").click()
    page.locator(".anshin-review-detail .anshin-session-detail").wait_for()
    for item in hub.engine.policy.review_items:
        page.locator(f".anshin-verdict-{item.id} input[type=radio]").nth(0).check()
    page.locator(".anshin-review-comment textarea").fill("日付と曜日を原文と照合しました。")
    page.locator(".anshin-submit-review").click()
    expect(page.locator(".anshin-review-notice")).to_contain_text(signed, timeout=ACTION_TIMEOUT_MS)
    staff.shot("review-signed")


def test_declare_screen_send_review_and_decide_through_the_engine_service_and_verify(
        hub: Hub, staff_login) -> None:
    session_id = run_session(staff_login("yamada"))
    _review(staff_login("sato"), hub, "年末年始のごみ収集", "1/2")
    _review(staff_login("tanaka"), hub, "年末年始のごみ収集", "2/2")

    kato = staff_login("kato")
    page = kato.open("review")
    page.locator(".anshin-decision-queue .anshin-row", has_text="年末年始のごみ収集").locator(
        ".anshin-open").click()
    page.locator(".anshin-review-detail .anshin-session-detail").wait_for()
    page.locator(".anshin-outcome input[type=radio]").nth(0).check()
    page.locator(".anshin-decision-reason textarea").fill("原文と照合済みのため採用する。")
    page.locator(".anshin-decide").click()
    page.locator(".anshin-confirm-seal").click()  # sealing asks first
    expect(page.locator(".anshin-sealed")).to_contain_text("封印", timeout=ACTION_TIMEOUT_MS)
    kato.shot("decided")

    view = hub.engine.sessions.get(session_id)
    assert view.sealed and view.decision is not None and view.decision.decider == "kato"
    assert [r.reviewer for r in view.reviews] == ["sato", "tanaka"]
    for event in view.events:
        if "authenticated" in event.payload:
            assert event.payload["authenticated"] is True, event.kind
    report = verify_all(hub.engine.store, hub.engine.settings.archive_dir)
    assert report.ok and not report.not_signed, report
    record = next(hub.home.joinpath("archive").rglob(f"{session_id}.ipynb")).read_text("utf-8")
    assert "加藤 恵子" in record and "田中 一郎" in record


def test_a_follow_up_through_the_engine_and_gateway_services_sends_the_recorded_dialogue(
        hub: Hub, staff_login, model_server) -> None:
    follow_up = "この要約を、小学生にも分かる言葉で書き直してください。"
    session_id = run_session(staff_login("yamada"), follow_up=follow_up)
    view = hub.engine.sessions.get(session_id)
    assert [t.text_sent for t in view.all_turns][1] == follow_up and len(view.turns) == 1
    sent = model_server.stats()["last_messages"]
    assert sent == view.sent_messages
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user"]
    assert sent[2]["content"] == view.turns[0].output
    report = verify_all(hub.engine.store, hub.engine.settings.archive_dir)
    assert report.ok, report
    record = next(hub.home.joinpath("archive").rglob(f"{session_id}.ipynb")).read_text("utf-8")
    assert "質問2（送信した文章）" in record and follow_up in record


def test_my_sessions_under_the_hub_discard_a_draft_and_show_a_reviewer_what_waits(
        hub: Hub, staff_login) -> None:
    """The My sessions page reads and writes only through the engine service: the author's
    sessions, discarding a draft (recorded as the token's owner), a reviewer's queue."""
    yamada = hub.engine.directory.get("yamada", authenticated=True)
    draft = hub.engine.sessions.start_session(yamada).session_id
    hub.engine.sessions.declare_purpose(draft, yamada, category="summarize",
                                        purpose="ハブで破棄する下書き", intended_use="下書き")
    in_review = run_session(staff_login("yamada"))

    author = staff_login("yamada")
    page = author.open("mine")
    card = page.locator(f".anshin-mine-{draft}")
    expect(card).to_contain_text("利用目的を登録済み", timeout=ACTION_TIMEOUT_MS)
    expect(page.locator(f".anshin-mine-{in_review}")).to_contain_text("レビュー待ち")
    card.locator(".anshin-mine-discard").click()
    card.locator(".anshin-mine-discard-yes").click()
    expect(page.locator(".anshin-mine-notice")).to_contain_text("破棄しました",
                                                                timeout=ACTION_TIMEOUT_MS)
    author.shot("mine-discarded")
    view = hub.engine.sessions.get(draft)
    discarded = next(e for e in view.events if e.kind == "session.abandoned")
    assert view.state == "abandoned" and discarded.actor == "yamada"
    assert discarded.payload.get("reason") and view.abandon_reason

    reviewer = staff_login("sato")
    page = reviewer.open("mine")
    link = page.get_by_role("link", name=f"山田 花子 さんのセッション {in_review} をレビュー画面で開く")
    expect(link).to_be_visible(timeout=ACTION_TIMEOUT_MS)
    reviewer.shot("mine-waiting")
    link.click()
    page.locator(PAGE_READY).wait_for(timeout=60_000)  # the review page's kernel starts cold
    expect(page.locator(".anshin-review-detail")).to_contain_text(in_review,
                                                                  timeout=ACTION_TIMEOUT_MS)
    guideline = page.context.request.get(
        f"{reviewer.base}/user/sato/anshin/guideline", timeout=30_000)
    assert guideline.status == 200 and "1 目的" in guideline.text()
