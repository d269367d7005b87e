"""A staff member's own files (issue 16, part 2): text extracted on this server from real
Word, Excel, PDF, text and CSV files built in the test, screened like typed text with
positions in the extracted text; encrypted, broken, scanned and oversized files refused with
a Japanese message; `anshin screen FILE` on the command line."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from own_files import docx_bytes, encrypted_pdf, scanned_pdf, text_pdf, xlsx_bytes

from anshin.file_text import FileTextError, extract_file, extract_text
from anshin.policy import load_policy
from checks import screen

ROOT = Path(__file__).resolve().parents[2]
POLICY = load_policy(ROOT / "policy" / "niiza.toml")
LIMITS = POLICY.input_files
NAME = "山田太郎"
PHONE = "090-1234-5678"
CONSULTATION = f"相談者 {NAME} 様から、電話（{PHONE}）で児童手当の申請について相談がありました。"


def _categories(text: str) -> set[str]:
    return {f.category for f in screen(text, POLICY.severities) if f.severity == "block"}


def test_a_word_file_gives_its_paragraphs_and_tables_and_the_name_is_found():
    data = docx_bytes(["令和7年度 相談記録", CONSULTATION],
                      table=[["氏名", "電話番号"], ["佐藤花子", "048-477-1111"]])
    got = extract_text("相談記録.docx", data, LIMITS)
    assert CONSULTATION in got.text and "佐藤花子\t048-477-1111" in got.text
    findings = screen(got.text, POLICY.severities)
    names = [f for f in findings if f.category == "person_name"]
    assert {got.text[f.start:f.end] for f in names} >= {NAME, "佐藤花子"}
    assert {"person_name", "phone"} <= _categories(got.text)


def test_an_excel_file_gives_every_sheet_with_its_name_and_cells_by_tabs():
    data = xlsx_bytes({"名簿": [["氏名", "電話番号", "年齢"], ["鈴木一郎", "090-8765-4321", 42]],
                       "メモ": [["来週の会議は第2会議室で行います。"]]})
    got = extract_text("名簿.xlsx", data, LIMITS)
    assert "【シート: 名簿】" in got.text and "鈴木一郎\t090-8765-4321\t42" in got.text
    assert "【シート: メモ】\n来週の会議は第2会議室で行います。" in got.text
    assert {"person_name", "phone"} <= _categories(got.text)


def test_a_pdf_gives_its_japanese_text_layer(tmp_path):
    data = text_pdf(tmp_path, ["児童手当の申請に関する相談記録", CONSULTATION])
    got = extract_text("記録.pdf", data, LIMITS)
    assert NAME in got.text and PHONE in got.text
    assert {"person_name", "phone"} <= _categories(got.text)


def test_an_encrypted_pdf_is_refused_with_its_japanese_message(tmp_path):
    data = encrypted_pdf(text_pdf(tmp_path, [CONSULTATION]))
    with pytest.raises(FileTextError) as refused:
        extract_text("保護.pdf", data, LIMITS)
    assert "パスワードで保護" in refused.value.message_ja and "保護.pdf" in refused.value.message_ja


def test_a_scanned_pdf_without_text_says_so(tmp_path):
    with pytest.raises(FileTextError) as refused:
        extract_text("スキャン.pdf", scanned_pdf(tmp_path), LIMITS)
    assert "文字の情報がありません" in refused.value.message_ja


@pytest.mark.parametrize(("name", "data"), [
    ("壊れた.docx", docx_bytes([CONSULTATION])[:700]),
    ("壊れた.xlsx", b"PK\x03\x04 this is not a workbook"),
    ("壊れた.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"),
])
def test_a_broken_file_is_refused_with_its_japanese_message(name, data):
    with pytest.raises(FileTextError) as refused:
        extract_text(name, data, LIMITS)
    assert "壊れている" in refused.value.message_ja and name in refused.value.message_ja


def test_an_encrypted_office_file_is_recognised_as_protected():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(FileTextError) as refused:
        extract_text("保護された.docx", ole, LIMITS)
    assert "パスワードで保護" in refused.value.message_ja


def test_size_limits_come_from_the_policy():
    small = dataclasses.replace(LIMITS, max_bytes=2_000, max_chars=50)
    with pytest.raises(FileTextError) as too_large:
        extract_text("大きい.txt", "あ".encode() * 1_000, small)
    assert "上限の" in too_large.value.message_ja
    with pytest.raises(FileTextError) as too_long:
        extract_text("長い.txt", ("い" * 60).encode(), small)
    assert "60 文字" in too_long.value.message_ja and "50 文字" in too_long.value.message_ja


def test_text_and_csv_files_in_cp932_or_utf8_are_read_other_encodings_refused():
    csv = "氏名,電話\r\n山田太郎,090-1234-5678\r\n"
    assert extract_text("一覧.csv", csv.encode("cp932"), LIMITS).text.startswith("氏名,電話")
    assert NAME in extract_text("メモ.txt", b"\xef\xbb\xbf" + CONSULTATION.encode(), LIMITS).text
    with pytest.raises(FileTextError) as refused:
        extract_text("メモ.txt", CONSULTATION.encode("utf-16"), LIMITS)
    assert "UTF-16" in refused.value.message_ja


def test_other_kinds_of_file_are_refused():
    with pytest.raises(FileTextError) as refused:
        extract_text("写真.png", b"\x89PNG....", LIMITS)
    assert ".docx" in refused.value.message_ja


def _screen_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANSHIN_HOME": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "anshin.cli", "screen", *args], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_anshin_screen_file_prints_findings_with_positions_in_the_extracted_text(tmp_path):
    path = tmp_path / "相談記録.docx"
    path.write_bytes(docx_bytes(["令和7年度 相談記録", CONSULTATION]))
    done = _screen_cli(str(path))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    text = extract_file(path, LIMITS).text
    assert out["file"] == "相談記録.docx" and out["length"] == len(text)
    found = {(f["category"], text[f["start"]:f["end"]]) for f in out["findings"]}
    assert {("person_name", NAME), ("phone", PHONE)} <= found
    for f in out["findings"]:
        assert f["line"] == text.count("\n", 0, f["start"]) + 1 == 2
        assert f["column"] == f["start"] - text.rindex("\n", 0, f["start"])
    assert NAME not in done.stdout and PHONE not in done.stdout   # positions, not values


def test_anshin_screen_file_gives_the_japanese_message_for_an_unreadable_file(tmp_path):
    path = tmp_path / "保護.pdf"
    path.write_bytes(encrypted_pdf(text_pdf(tmp_path, [CONSULTATION])))
    done = _screen_cli(str(path))
    assert done.returncode == 2 and "パスワードで保護" in done.stderr and done.stdout == ""
