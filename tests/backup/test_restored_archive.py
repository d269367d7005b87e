"""What `anshin verify` makes of an archive restored from a backup (copied before its
database, as the README says): behind the chain, so 記録ファイルが古い and repairable by
`anshin rebuild-records` — never 改ざんの疑い. A file that is no export of itself, or one
file of a session missing beside the other, is still tampering."""

from __future__ import annotations

from records_helpers import AUTHOR, Rig, declared

from anshin.records import record_paths
from anshin.verify import stale_sessions, verify_all


def _rebuilt(rig: Rig) -> None:
    safe, refused = stale_sessions(rig.store, rig.archive)
    assert refused == []
    for sid in safe:
        rig.writer.rebuild(rig.engine.get(sid))


def test_a_record_file_that_is_an_earlier_export_of_itself_is_stale_not_tampering(
    rig: Rig,
) -> None:
    view = declared(rig)
    paths = record_paths(rig.archive, view.session_id, view.created_at)
    earlier = paths.ipynb.read_bytes()          # the archive copied at this point
    rig.engine.abandon(view.session_id, AUTHOR, "中止")   # the database copied after
    paths.ipynb.write_bytes(earlier)
    report = verify_all(rig.store, rig.archive)
    assert report.problem is None and report.exit_code == 3, report.render()
    assert "以前に書き出したとおりの内容" in report.render()
    _rebuilt(rig)
    assert verify_all(rig.store, rig.archive).ok


def test_a_session_begun_after_the_archive_was_copied_is_stale_not_tampering(rig: Rig) -> None:
    view = declared(rig)
    paths = record_paths(rig.archive, view.session_id, view.created_at)
    paths.ipynb.unlink()
    paths.html.unlink()
    report = verify_all(rig.store, rig.archive)
    assert report.problem is None and report.exit_code == 3, report.render()
    assert "記録ファイルが1つもありません" in report.render()
    _rebuilt(rig)
    assert verify_all(rig.store, rig.archive).ok


def test_one_file_missing_beside_the_other_is_still_tampering(rig: Rig) -> None:
    view = declared(rig)
    record_paths(rig.archive, view.session_id, view.created_at).html.unlink()
    report = verify_all(rig.store, rig.archive)
    assert report.problem is not None and report.exit_code == 1
    assert "改ざんの疑い" in report.render()


def test_a_file_that_is_no_export_of_itself_is_still_tampering(rig: Rig) -> None:
    view = declared(rig)
    paths = record_paths(rig.archive, view.session_id, view.created_at)
    paths.ipynb.write_bytes(paths.ipynb.read_bytes().replace(b"anshin", b"anshim", 1))
    report = verify_all(rig.store, rig.archive)
    assert report.problem is not None and report.exit_code == 1
