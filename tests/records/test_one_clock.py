"""One clock: a time the store keeps in UTC reads as Japan time, zone marked, on every page
(suspension banner, resume list, admin status, session detail), in the record files, the CSV
and the command's output — and never as the bare UTC time."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import sim_services_toml

from anshin.app import Anshin
from anshin.export import export_sessions_csv
from anshin.identity import Person
from anshin.records import record_paths
from anshin.settings import Settings
from anshin.suspension import SuspensionStatus, current_status
from widgets import admin_page, session_page
from widgets.frame import SuspensionBanner
from widgets.session_detail import session_html

ROOT = Path(__file__).resolve().parents[2]
AUTHOR = Person("yamada", "山田 花子", "市民課", "staff")
DIRECTOR = Person("kobayashi", "小林 健", "デジタル市役所推進室", "director")


def in_japan(utc_iso: str) -> str:
    """The expected reading, by plain arithmetic: UTC + 9 hours, then ` JST`."""
    moment = dt.datetime.fromisoformat(utc_iso).astimezone(dt.UTC).replace(tzinfo=None)
    return (moment + dt.timedelta(hours=9)).strftime("%Y-%m-%d %H:%M") + " JST"


def as_utc(utc_iso: str) -> str:
    """How the same moment looked when printed in UTC without a zone (the old bug)."""
    return dt.datetime.fromisoformat(utc_iso).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")


def text_of(widget) -> str:
    """Every HTML/label value in a widget tree, joined."""
    parts = [str(getattr(widget, "value", "") or "")]
    for child in getattr(widget, "children", ()):
        parts.append(text_of(child))
    return "\n".join(parts)


@pytest.fixture
def env(tmp_path: Path, model_server) -> dict[str, str]:
    services = tmp_path / "services.toml"
    services.write_text(sim_services_toml(model_server.url), encoding="utf-8")
    return {
        "ANSHIN_HOME": str(tmp_path), "ANSHIN_VAR": str(tmp_path / "var"),
        "ANSHIN_DATABASE_URL": f"sqlite:///{tmp_path / 'anshin.db'}",
        "ANSHIN_ARCHIVE": str(tmp_path / "archive"),
        "ANSHIN_CHAIN_HEAD": str(tmp_path / "chain-head.json"),
        "ANSHIN_SERVICES": str(services), "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
        "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv"), "ANSHIN_USER": "yamada",
    }


def test_a_time_stored_in_utc_reads_as_japan_time_everywhere(env: dict[str, str]) -> None:
    (Path(env["ANSHIN_VAR"])).mkdir()
    app = Anshin.from_settings(Settings.from_env(env))
    view = app.sessions.start_session(AUTHOR)
    view = app.sessions.declare_purpose(view.session_id, AUTHOR, category="summarize",
                                        purpose="公開済みのお知らせを要約するため",
                                        intended_use="下書きとして担当者が確認する",
                                        service_id="training-sim")
    created = view.created_at
    assert created.endswith("+00:00"), "the store keeps UTC"

    # the command's output
    out = subprocess.run([sys.executable, "-m", "anshin.cli", "suspend", "--notice", "点検のため"],
                         env={**os.environ, **env, "ANSHIN_OPERATOR": "kobayashi"},
                         capture_output=True, text=True, timeout=120, check=True).stdout
    status = current_status(app.store)
    assert status.suspended
    since = status.since
    assert in_japan(since) in out and as_utc(since) + " " not in out.replace(in_japan(since), "")

    # pages: the banner, the admin status, the resume list, the session detail
    banner = SuspensionBanner(status)
    assert in_japan(since) in banner.value
    if as_utc(since) != in_japan(since)[:16]:
        assert as_utc(since) not in banner.value
    admin = admin_page.build(app, DIRECTOR, SuspensionBanner(status))
    assert in_japan(since) in text_of(admin)
    resume = session_page.build(app, AUTHOR, SuspensionBanner(SuspensionStatus(False)))
    updated = app.sessions.sessions_of(AUTHOR, unfinished=True)[0].updated_at
    assert in_japan(updated) in text_of(resume)
    assert in_japan(created) in session_html(app.sessions.get(view.session_id), app.policy)

    # the record files and the CSV
    paths = record_paths(app.settings.archive_dir, view.session_id, created)
    assert in_japan(created) in paths.html.read_text(encoding="utf-8")
    assert in_japan(created) in paths.ipynb.read_text(encoding="utf-8")
    csv_text = io.StringIO()
    export_sessions_csv(app, csv_text, bom=False)
    assert in_japan(created) in csv_text.getvalue()

    # and no time anywhere on those screens without its zone
    for screen in (banner.value, text_of(admin), text_of(resume)):
        for stamp in re.findall(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?(?! JST)", screen):
            pytest.fail(f"a time without its zone: {stamp}")
