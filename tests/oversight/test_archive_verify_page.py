"""The archive page's 「検証する」: a record that is merely behind its events (an export cut
short) is shown as 記録ファイルが古い, not as tampering; a forged event as 改ざんの疑い."""

from __future__ import annotations

import sqlite3

from oversight_helpers import answers, in_review, person

from anshin.app import Anshin
from widgets.archive_page import ArchivePage


def test_a_stale_record_is_shown_as_stale_not_as_tampering(app: Anshin) -> None:
    view = in_review(app, person(app, "yamada"))
    app.sessions.recorder = None  # as if the process died before the export
    app.sessions.submit_review(view.session_id, person(app, "sato"), answers=answers(app),
                               comment="")
    page = ArchivePage(app, person(app, "nakamura"))
    page.verify()
    shown = page.verify_result.value
    assert "anshin-verify-stale" in shown and "記録ファイルが古い" in shown
    assert "改ざんの疑い" not in shown


def test_a_forged_event_is_shown_as_tampering(app: Anshin) -> None:
    in_review(app, person(app, "yamada"))
    seq, head = app.store.head()
    conn = sqlite3.connect(app.settings.database_url.removeprefix("sqlite:///"))
    conn.execute("INSERT INTO events (seq, event_id, session_id, kind, actor, at, payload, "
                 "prev_hash, hash) VALUES (?, 'x', NULL, 'use.resumed', 'kobayashi', "
                 "'2026-12-01T00:00:00+00:00', '{}', ?, ?)", (seq + 1, head, "0" * 64))
    conn.commit()
    page = ArchivePage(app, person(app, "nakamura"))
    page.verify()
    assert "anshin-verify-bad" in page.verify_result.value
    assert "改ざんの疑い" in page.verify_result.value
