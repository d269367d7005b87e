"""Records for 公文書 (issue 15, part 5): a sealed record printed to PDF by Debian's chromium
(Japanese fonts embedded, page numbers, the checkpoint and hashes on the last page), and the
policy's retention periods listed by `anshin retention` without deleting anything."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from anshin.app import Anshin
from anshin.clock import japan_date
from anshin.demo import fill
from anshin.records import record_paths
from anshin.retention import due_records
from anshin.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ANSHIN = str(Path(sys.executable).parent / "anshin")


def _env(root: Path) -> dict[str, str]:
    return {"ANSHIN_HOME": str(ROOT), "ANSHIN_VAR": str(root / "var"),
            "ANSHIN_ARCHIVE": str(root / "archive"), "PATH": str(Path(sys.executable).parent)
            + ":/usr/bin:/bin", "HOME": str(root)}


@pytest.fixture(scope="module")
def decided(tmp_path_factory) -> tuple[Path, Anshin, list]:
    root = tmp_path_factory.mktemp("pdf")
    app = Anshin.from_settings(Settings.from_env(_env(root)))
    views = fill(app, 3, seed=4)
    yield root, app, views
    app.store.dispose()


def _fonts(page) -> list[dict]:
    return [f.get_object() for f in page["/Resources"].get("/Font", {}).values()]


def test_a_sealed_record_prints_to_pdf_with_page_numbers_fonts_and_the_proof_last(decided):
    root, _app, views = decided
    view = views[0]
    out = root / "record.pdf"
    done = subprocess.run([ANSHIN, "record-pdf", view.session_id, "-o", str(out)],
                          env=_env(root), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pdf = pypdf.PdfReader(out)
    pages = [p.extract_text() for p in pdf.pages]
    total = len(pages)
    assert total >= 2
    for n, text in enumerate(pages, 1):
        assert f"{n} / {total}" in text, f"page {n} has no page number"
    assert "生成AI" in pages[0] or "記録" in pages[0]
    for page in pdf.pages:  # every font is in the file (chromium embeds CJK as Type3 glyphs)
        for font in _fonts(page):
            descriptor = font.get("/FontDescriptor")
            embedded = "/CharProcs" in font or (descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")))
            assert embedded, font.get("/BaseFont")
    nb = json.loads(record_paths(root / "archive", view.session_id, view.created_at)
                    .ipynb.read_bytes())
    proof = nb["metadata"]["anshin"]["transparency"]
    root_b64 = proof["checkpoint"].split("\n")[2]
    last = re.sub(r"\s+", "", pages[-1])
    assert "透明性ログでの証明" in "".join(pages[-2:]) or "署名されたチェックポイント" in pages[-1]
    assert root_b64 in last, "the signed checkpoint's root hash is on the last page"
    assert json.loads(proof["leaf"])["payload"]["content_sha256"][:32] in last


def test_an_unsealed_session_is_not_printed(decided):
    root, app, _views = decided
    author = app.directory.get("yamada", authenticated=True)
    sid = app.sessions.start_session(author).session_id
    done = subprocess.run([ANSHIN, "record-pdf", sid, "-o", str(root / "x.pdf")],
                          env=_env(root), capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "決定済み（封印済み）の記録だけ" in done.stderr
    assert not (root / "x.pdf").exists()


def test_retention_lists_what_is_due_by_kind_and_deletes_nothing(decided):
    root, app, views = decided
    files = sorted(p for p in (root / "archive").rglob("*") if p.is_file())
    head = app.store.head()
    finished = max(japan_date(v.decision.at) for v in views)
    policy = dataclasses.replace(app.policy, retention_years={
        "adopted": 5, "adopted_with_edits": 5, "rejected": 1, "training": 0})
    today = finished + dt.timedelta(days=400)
    assert all(v.training for v in views), "demo records are training records"
    assert due_records(app.index, policy, root / "archive", today) == [], "0 = 永年"
    policy = dataclasses.replace(policy, retention_years={"training": 1, "rejected": 5})
    due = due_records(app.index, policy, root / "archive", today)
    assert {d.session_id for d in due} == {v.session_id for v in views}
    assert all(d.kind == "training" and d.years == 1 and d.due_on <= today
               and d.ipynb.is_file() for d in due)
    assert due_records(app.index, policy, root / "archive", finished) == []
    done = subprocess.run([ANSHIN, "retention"], env=_env(root), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0 and "何も削除していません" in done.stdout
    assert sorted(p for p in (root / "archive").rglob("*") if p.is_file()) == files
    assert app.store.head() == head
