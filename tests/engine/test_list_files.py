"""Issue 13, part 8: files people really have.

The staff directory, the service registry and the trademark list, written the way Excel and
editors on Japanese Windows write them: UTF-8 with or without a BOM, or cp932 (made here with
`iconv -f UTF-8 -t CP932`, as Excel would save it). Those are read; anything else stops
`anshin serve` and `anshin verify` with a Japanese message naming file, line and encoding
found, never a traceback. A duplicate id is an error naming both lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from anshin.identity import IdentityError, StaffDirectory
from anshin.policy import PolicyError
from anshin.services import load_service_file
from checks.output import TrademarkList, TrademarkListError

ROOT = Path(__file__).resolve().parents[2]
STAFF = (ROOT / "policy" / "staff.csv").read_text(encoding="utf-8")
SERVICES = (ROOT / "policy" / "services.toml").read_text(encoding="utf-8")


def iconv(text: str, to: str, path: Path) -> Path:
    """Write `text` in encoding `to` with the system's iconv, the way a test of Excel's files
    should: the bytes come from a converter that is not the code under test. Characters the
    encoding lacks (® in cp932) are left out, as they would be in such a file."""
    done = subprocess.run(["iconv", "-c", "-f", "UTF-8", "-t", to], input=text.encode("utf-8"),
                          capture_output=True)
    assert done.stdout and done.returncode in (0, 1), done.stderr
    path.write_bytes(done.stdout)
    return path


def written(kind: str, text: str, path: Path) -> Path:
    if kind == "utf-8":
        path.write_bytes(text.encode("utf-8"))
    elif kind == "utf-8-bom":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    else:
        iconv(text, kind, path)
    return path


READABLE = ["utf-8", "utf-8-bom", "CP932"]
# encoding to write → what the message must say was found
UNREADABLE = {"EUC-JP": "EUC-JP", "UTF-16": "UTF-16", "ISO-2022-JP": "ISO-2022-JP"}


@pytest.mark.parametrize("kind", READABLE)
def test_the_staff_directory_is_read_in_every_encoding_excel_writes(
        tmp_path: Path, kind: str) -> None:
    path = written(kind, STAFF.replace("\n", "\r\n"), tmp_path / "staff.csv")
    directory = StaffDirectory.load(path)
    assert directory.get("kobayashi").name == "小林 健"
    assert directory.get("kobayashi").department == "デジタル市役所推進室"
    assert directory.people == StaffDirectory.load(ROOT / "policy" / "staff.csv").people


@pytest.mark.parametrize("kind", UNREADABLE)
def test_a_staff_directory_in_another_encoding_names_file_line_and_encoding(
        tmp_path: Path, kind: str) -> None:
    path = written(kind, STAFF, tmp_path / "staff.csv")
    with pytest.raises(IdentityError) as caught:
        StaffDirectory.load(path)
    message = caught.value.message_ja
    assert str(path) in message and UNREADABLE[kind] in message
    assert "行目" in message and "Shift_JIS" in message


def test_a_utf8_staff_directory_with_one_cp932_cell_names_that_line(tmp_path: Path) -> None:
    lines = STAFF.splitlines(keepends=True)
    pasted = b"sato," + "佐藤 次郎".encode("cp932") + ",市民課,staff\n".encode()
    data = "".join(lines[:3]).encode() + pasted + "".join(lines[4:]).encode()
    (tmp_path / "staff.csv").write_bytes(data)
    with pytest.raises(IdentityError) as caught:
        StaffDirectory.load(tmp_path / "staff.csv")
    assert "4行目" in caught.value.message_ja and "UTF-8" in caught.value.message_ja


def test_a_duplicate_staff_id_is_an_error_naming_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(STAFF + "kobayashi,小林 偽,市民課,staff\n", encoding="utf-8")
    with pytest.raises(IdentityError) as caught:
        StaffDirectory.load(path)
    message = caught.value.message_ja
    first = STAFF.splitlines().index("kobayashi,小林 健,デジタル市役所推進室,director") + 1
    last = len(STAFF.splitlines()) + 1
    assert f"{last}行目" in message and f"{first}行目と重複" in message and "kobayashi" in message


def test_a_short_staff_row_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(STAFF + "suzuki,鈴木 一\n", encoding="utf-8")
    with pytest.raises(IdentityError) as caught:
        StaffDirectory.load(path)
    assert f"{len(STAFF.splitlines()) + 1}行目" in caught.value.message_ja


@pytest.mark.parametrize("kind", READABLE)
def test_the_service_registry_is_read_in_every_encoding_excel_writes(
        tmp_path: Path, kind: str) -> None:
    services = load_service_file(written(kind, SERVICES, tmp_path / "services.toml"))
    assert services["training-sim"].name == "研修用模擬モデル（ローカル）"


def test_a_service_registry_in_euc_jp_names_file_line_and_encoding(tmp_path: Path) -> None:
    path = written("EUC-JP", SERVICES, tmp_path / "services.toml")
    with pytest.raises(PolicyError) as caught:
        load_service_file(path)
    assert str(path) in caught.value.message_ja and "EUC-JP" in caught.value.message_ja
    assert "行目" in caught.value.message_ja


def test_a_duplicate_service_id_is_an_error_naming_both_entries_lines(tmp_path: Path) -> None:
    path = tmp_path / "services.toml"
    second = "\n[[services]]\n" + SERVICES.split("[[services]]\n", 1)[1].split("\n\n")[0] + "\n"
    path.write_text(SERVICES + second, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_service_file(path)
    headers = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
               if line == "[[services]]"]
    message = caught.value.message_ja
    assert len(headers) == 2 and "training-sim" in message
    assert f"（{headers[0]}行目）" in message and f"（{headers[1]}行目）" in message


@pytest.mark.parametrize("kind", READABLE)
def test_the_trademark_list_is_read_in_every_encoding_excel_writes(
        tmp_path: Path, kind: str) -> None:
    shipped = (ROOT / "policy" / "trademarks.csv").read_text(encoding="utf-8")
    in_cp932 = "".join(ch for ch in shipped if ch.encode("cp932", errors="ignore"))
    marks = TrademarkList.load(written(kind, in_cp932, tmp_path / "trademarks.csv"))
    assert marks == TrademarkList.load(written("utf-8", in_cp932, tmp_path / "plain.csv"))
    assert len(marks.entries) == len(TrademarkList.load(ROOT / "policy" / "trademarks.csv").entries)
    assert [t.mark for _, _, t in marks.find("セロテープで留める")] == ["セロテープ"]


def test_a_trademark_list_in_euc_jp_and_a_duplicate_mark_are_reported_with_lines(
        tmp_path: Path) -> None:
    shipped = (ROOT / "policy" / "trademarks.csv").read_text(encoding="utf-8")
    with pytest.raises(TrademarkListError) as caught:
        TrademarkList.load(written("EUC-JP", shipped, tmp_path / "euc.csv"))
    assert "EUC-JP" in str(caught.value) and "2行目" in str(caught.value)
    lines = shipped.splitlines()
    (tmp_path / "dup.csv").write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(TrademarkListError) as caught:
        TrademarkList.load(tmp_path / "dup.csv")
    assert f"{len(lines) + 1}行目" in str(caught.value) and "2行目と重複" in str(caught.value)


# -- the commands people run ------------------------------------------------------------------

@pytest.fixture
def city(tmp_path: Path) -> dict[str, str]:
    """A policy folder of our own (so its trademark list can be replaced) and a fresh store."""
    policy = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", policy)
    (tmp_path / "var").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANSHIN_", "JUPYTERHUB_"))}
    env.update({"ANSHIN_HOME": str(tmp_path), "ANSHIN_VAR": str(tmp_path / "var"),
                "ANSHIN_POLICY": str(policy / "niiza.toml"),
                "ANSHIN_SERVICES": str(policy / "services.toml"),
                "ANSHIN_STAFF": str(policy / "staff.csv"),
                "ANSHIN_ARCHIVE": str(tmp_path / "archive")})
    return env


def anshin(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "anshin.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


FILES = {"staff": "staff.csv", "services": "services.toml", "trademarks": "trademarks.csv"}


@pytest.mark.parametrize("which", FILES)
def test_verify_reads_excels_cp932_files(city: dict[str, str], which: str) -> None:
    path = Path(city["ANSHIN_POLICY"]).parent / FILES[which]
    iconv(path.read_text(encoding="utf-8"), "CP932", path)
    done = anshin(city, "verify")
    assert done.returncode == 0, done.stderr
    assert "正常" in done.stdout


@pytest.mark.parametrize("which", FILES)
def test_serve_names_file_line_and_encoding_of_an_euc_jp_file_without_a_traceback(
        city: dict[str, str], which: str) -> None:
    path = Path(city["ANSHIN_POLICY"]).parent / FILES[which]
    iconv(path.read_text(encoding="utf-8"), "EUC-JP", path)
    done = anshin(city, "serve", "--port", "9", "--model-port", "9")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert FILES[which] in done.stderr and "EUC-JP" in done.stderr and "行目" in done.stderr


@pytest.mark.parametrize("which", FILES)
def test_verify_checks_the_store_whatever_the_encoding_of_the_list_files(
        city: dict[str, str], which: str) -> None:
    """`anshin verify` opens the store as found and reads no list file: an unreadable staff,
    service or trademark file neither stops it nor gives a traceback."""
    path = Path(city["ANSHIN_POLICY"]).parent / FILES[which]
    iconv(path.read_text(encoding="utf-8"), "EUC-JP", path)
    done = anshin(city, "verify")
    assert "Traceback" not in done.stderr
    assert "正常" in done.stdout, done.stdout + done.stderr
