"""Reading the lists people keep in Excel (staff, services, trademarks): UTF-8 with or
without a BOM, or cp932 — what Excel on Japanese Windows writes when it saves a CSV.

Anything else is refused with the file, the line and the encoding found, never read as
mojibake: bytes that are not UTF-8 are taken as cp932 only when nothing before them was
UTF-8 (a UTF-8 file with one bad byte would otherwise decode, wrongly, as cp932) and when they
are not better read as EUC-JP; control characters (UTF-16's NULs, ISO-2022-JP's escapes) are
refused too. charset-normalizer only names what was found, for the message.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from . import text_files_texts as texts

UNEXPECTED_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 LE starts like UTF-16 LE
SHIFT_JIS_FAMILY = ("cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213")
ENCODING_NAMES = {"utf_8": "UTF-8", "utf_16": "UTF-16", "utf_16_le": "UTF-16LE",
                  "utf_16_be": "UTF-16BE", "utf_32": "UTF-32", "euc_jp": "EUC-JP",
                  "euc_jis_2004": "EUC-JP", "euc_jisx0213": "EUC-JP", "iso2022_jp": "ISO-2022-JP",
                  "cp932": "Shift_JIS（cp932）", "shift_jis": "Shift_JIS"}


class TextFileError(ValueError):
    """A file in an encoding we do not read; `message_ja` names file, line and encoding."""

    def __init__(self, path: Path, line: int, found: str, *, mixed: bool = False) -> None:
        template = texts.BROKEN_UTF8 if mixed else texts.UNSUPPORTED_ENCODING
        self.message_ja = template.format(file=path, line=line, found=found)
        super().__init__(self.message_ja)
        self.path, self.line, self.found = path, line, found


def read_text_file(path: str | Path) -> str:
    """The text of `path`, decoded as its author's Excel wrote it (OSError propagates)."""
    path = Path(path)
    return decode_text(path.read_bytes(), path)


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (BOM dropped) or cp932, else TextFileError."""
    if data.startswith(WIDE_BOMS) or b"\x00" in data[:4096]:  # UTF-16/32: every line is so
        raise TextFileError(path, 1, _found(data))
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        text = _as_cp932(data, body, utf8_error, path)
    control = UNEXPECTED_CONTROL.search(text)
    if control:
        raise TextFileError(path, text.count("\n", 0, control.start()) + 1, _found(data))
    return text


def _as_cp932(data: bytes, body: bytes, utf8_error: UnicodeDecodeError, path: Path) -> str:
    if body is not data or not body[:utf8_error.start].isascii():
        raise TextFileError(path, _line_at(body, utf8_error.start), "UTF-8", mixed=True)
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError as cp932_error:
        raise TextFileError(path, _line_at(data, cp932_error.start), _found(data)) from None
    if _also_euc_jp(data) and _guess(data) not in (None, *SHIFT_JIS_FAMILY):
        raise TextFileError(path, _line_at(data, utf8_error.start), _found(data))
    return text


def _also_euc_jp(data: bytes) -> bool:
    try:
        data.decode("euc_jp")
    except UnicodeDecodeError:
        return False
    return True


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def _found(data: bytes) -> str:
    guess = _guess(data)
    if guess is None:
        return texts.UNKNOWN_ENCODING
    return ENCODING_NAMES.get(guess, guess.upper().replace("_", "-"))
