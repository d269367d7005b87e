"""The README's backup and restore steps, run as written (issue 14 part 7): a backup taken
while sessions are being written, restored into a fresh folder (PostgreSQL: an empty
database), is verified 正常 / OK by `anshin verify`, and the restored store holds exactly
the sessions the backup caught — through the engine, and on the archive page in Chromium.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from support import sim_services_toml, stop_group

from anshin.app import Anshin
from anshin.lifecycle import RECORD_KINDS, Kind, State
from anshin.model_server import RunningServer
from anshin.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
ANSHIN = Path(sys.executable).parent / "anshin"
TEXT = "次の公開文書を要約してください。市民公園では毎月第2土曜日に自然観察会を開いています。"


def readme_block(title: str) -> str:
    """The README's ```sh block whose first line is `# <title>`, with `.venv/bin/anshin`
    pointing at this checkout's command (the test runs in a fresh folder)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.S):
        if block.splitlines()[0].strip() == f"# {title}":
            return block.replace(".venv/bin/anshin", str(ANSHIN))
    raise AssertionError(f"README has no ```sh block starting with '# {title}'")


def run_block(title: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", "set -o pipefail\n" + readme_block(title)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=600)


def install_env(folder: Path, url: str, model: RunningServer) -> dict[str, str]:
    """The ANSHIN_* settings of an installation in `folder` (var/ and archive/ in it)."""
    folder.mkdir(parents=True, exist_ok=True)
    services = folder / "services.toml"
    services.write_text(sim_services_toml(model.url), encoding="utf-8")
    return {**os.environ, "ANSHIN_HOME": str(folder), "ANSHIN_VAR": str(folder / "var"),
            "ANSHIN_DATABASE_URL": url, "ANSHIN_ARCHIVE": str(folder / "archive"),
            "ANSHIN_CHAIN_HEAD": str(folder / "var" / "chain-head.json"),
            "ANSHIN_SERVICES": str(services),
            "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
            "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv")}


def whole_session(app: Anshin, purpose: str) -> str:
    """One session from start to decision, as staff of 市民課 would take it."""
    d, e = app.directory, app.sessions
    author = d.get("yamada")
    sid = e.start_session(author).session_id
    e.declare_purpose(sid, author, category="summarize", purpose=purpose,
                      intended_use="市報の下書き")
    e.check_input(sid, author, TEXT)
    e.confirm_input(sid, author, TEXT, acknowledged=[], attest_publishable=True)
    e.generate(sid, author)
    e.request_review(sid, author)
    answers = {i.id: {"verdict": "ok", "comment": ""} for i in app.policy.review_items}
    for reviewer in ("sato", "tanaka"):
        e.submit_review(sid, d.get(reviewer), answers=answers, comment="確認しました")
    e.decide(sid, d.get("kato"), outcome="adopted", reason="そのまま掲載する")
    return sid


class Writers:
    """Staff writing sessions in threads until stopped, as during a working day."""

    def __init__(self, app: Anshin, threads: int = 2) -> None:
        self.app, self.stop = app, threading.Event()
        self.errors: list[BaseException] = []
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(threads)]

    def _run(self, n: int) -> None:
        count = 0
        while not self.stop.is_set():
            try:
                whole_session(self.app, f"書き込み中のセッション {n}-{count}")
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                self.errors.append(exc)
                return
            count += 1

    def __enter__(self) -> Writers:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(120)


@dataclass
class Restored:
    source: Anshin
    app: Anshin
    env: dict[str, str]
    before: list[str]          # sessions decided before the backup began
    written_during: int        # events appended while the backup commands ran
    verify_output: str


def backup_and_restore(tmp_path: Path, model: RunningServer, backend: str,
                       source_url: str, target_url: str) -> Restored:
    source_env = install_env(tmp_path / "city", source_url, model)
    source = Anshin.from_settings(Settings.from_env(source_env))
    before = [whole_session(source, "市報の要約（復元確認その一）"),
              whole_session(source, "市報の要約（復元確認その二）")]
    steps_env = {**source_env, "BACKUP": str(tmp_path / "backup" / "today"),
                 "KEY_BACKUP": str(tmp_path / "key-safe")}
    key = run_block("署名鍵（最初に一度だけ）", tmp_path / "city", steps_env)
    assert key.returncode == 0, key.stderr
    title = "バックアップ（SQLite）" if backend == "sqlite" else "バックアップ（PostgreSQL）"
    with Writers(source) as writers:
        while source.store.head()[0] < 60:
            time.sleep(0.05)
        for attempt in range(5):   # until a backup overlapped a write (the machine is shared)
            steps_env["BACKUP"] = str(tmp_path / "backup" / f"try-{attempt}")
            start_seq = source.store.head()[0]
            backup = run_block(title, tmp_path / "city", steps_env)
            assert backup.returncode == 0, backup.stderr
            written_during = source.store.head()[0] - start_seq
            if written_during:
                break
    assert writers.errors == []

    target_env = install_env(tmp_path / "restored", target_url, model)
    restore_env = {**target_env, "BACKUP": steps_env["BACKUP"],
                   "KEY_BACKUP": steps_env["KEY_BACKUP"]}
    title = "復元（SQLite）" if backend == "sqlite" else \
        "復元（PostgreSQL。ANSHIN_DATABASE_URL は新しく作った空のデータベース）"
    restore = run_block(title, tmp_path / "restored", restore_env)
    output = restore.stdout + restore.stderr
    assert restore.returncode == 0, output
    restored = Anshin.from_settings(Settings.from_env(target_env))
    return Restored(source, restored, target_env, before, written_during, output)


def assert_same_sessions(r: Restored) -> None:
    """The restored store is the source's chain up to the backup: every event the same, in
    the same place, and every session the backup caught is there as it was."""
    ours = [ev for ev in r.app.store.iter_all() if ev.kind not in RECORD_KINDS]
    caught = ours[-1].seq
    theirs = [ev for ev in r.source.store.iter_all()
              if ev.seq <= caught and ev.kind not in RECORD_KINDS]
    assert [(e.seq, e.hash) for e in ours] == [(e.seq, e.hash) for e in theirs]
    sessions = {e.session_id for e in ours if e.kind == Kind.STARTED.value}
    assert set(r.before) <= sessions and len(sessions) > len(r.before)
    for sid in sessions:
        mine, source = r.app.sessions.get(sid), r.source.sessions.get(sid)
        upto = [e for e in source.events if e.seq <= caught
                and e.kind not in RECORD_KINDS]
        assert [e.hash for e in mine.events if e.kind not in RECORD_KINDS] == \
            [e.hash for e in upto]
    for sid in r.before:
        view = r.app.sessions.get(sid)
        assert view.state == State.DECIDED and view.output == r.source.sessions.get(sid).output
        assert view.decision is not None and view.decision.outcome == "adopted"


def test_a_sqlite_backup_taken_while_writing_restores_verified_with_the_same_sessions(
    tmp_path: Path, model: RunningServer,
) -> None:
    r = backup_and_restore(tmp_path, model, "sqlite",
                           f"sqlite:///{tmp_path / 'city' / 'var' / 'anshin.db'}",
                           f"sqlite:///{tmp_path / 'restored' / 'var' / 'anshin.db'}")
    assert r.written_during > 0, "no session was written while the backup ran"
    assert "正常 / OK" in r.verify_output and "改ざんの疑い" not in r.verify_output
    assert "復元できました" in r.verify_output
    assert_same_sessions(r)
    archive_page_shows(r, tmp_path)


def test_a_postgresql_backup_taken_while_writing_restores_verified_with_the_same_sessions(
    tmp_path: Path, model: RunningServer, pg_server,
) -> None:
    r = backup_and_restore(tmp_path, model, "postgresql", pg_server.create_database(),
                           pg_server.create_database())
    assert r.written_during > 0, "no session was written while the backup ran"
    assert "正常 / OK" in r.verify_output and "改ざんの疑い" not in r.verify_output
    assert "復元できました" in r.verify_output
    assert_same_sessions(r)
    sid = r.app.sessions.start_session(r.app.directory.get("yamada")).session_id
    assert r.app.sessions.get(sid).state == State.DRAFT   # the restored chain goes on


def archive_page_shows(r: Restored, tmp_path: Path) -> None:
    """The auditor opens the archive page of `anshin serve` on the restored store, finds a
    session from before the backup, reads its record and verifies: 正常."""
    from browser import launch_chromium
    from playwright.sync_api import expect, sync_playwright
    from ui_helpers import (
        IDENTITY_HEADER,
        PROXY_SECRET,
        SHOTS,
        free_port,
        page_opener,
        start_serve,
    )

    env = {**r.env, "ANSHIN_IDENTITY_HEADER": IDENTITY_HEADER,
           "ANSHIN_PROXY_SECRET": PROXY_SECRET}
    port, model_port = free_port(), free_port()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with open(tmp_path / "serve.log", "w") as log:
        proc = start_serve(env, port, model_port, log)
        try:
            with sync_playwright() as p:
                browser = launch_chromium(p)
                make, close_all = page_opener(browser, f"http://127.0.0.1:{port}",
                                              "restored-archive")
                ui = make("nakamura")
                page = ui.open("/voila/render/archive.ipynb")
                page.locator(".anshin-archive-text input").fill("復元確認その一")
                page.locator(".anshin-archive-search").click()
                found = ui.widget("anshin-archive-list")
                expect(found).to_contain_text("1 件中")
                found.locator(".anshin-open").first.click()
                expect(ui.widget("anshin-record-view")).to_contain_text(r.before[0])
                expect(page.frame_locator("iframe.anshin-record-iframe").locator("body")
                       ).to_contain_text("復元確認その一")
                page.locator(".anshin-verify").click()
                expect(ui.widget("anshin-verify-result")).to_contain_text("正常")
                ui.shot("restored-record-and-verify")
                assert ui.watch.dialogs == [] and ui.watch.outside == []
                close_all()
                browser.close()
        finally:
            stop_group(proc)
