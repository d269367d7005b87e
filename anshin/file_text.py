"""The text of a staff member's own file, extracted on this server (issue 16, part 2).

Word, Excel, PDF, text and CSV files are read with maintained libraries (python-docx,
openpyxl, pypdf; `checks.text_files` for the encodings Excel writes), never by parsers of our
own. Only the extracted text goes on: it is shown, screened and redacted like typed text, and
only what is confirmed is sent and stored. The file itself is neither sent nor stored. Limits
come from the policy's `[input_files]`; a file too large, password-protected, broken, or a
scanned PDF without a text layer is refused with a message saying what to do.
"""

from __future__ import annotations

import io
import logging
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from anshin import file_text_texts as texts
from anshin.errors import AnshinError
from anshin.policy import InputFilePolicy

log = logging.getLogger(__name__)

SUFFIXES = (".docx", ".xlsx", ".pdf", ".txt", ".csv")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # encrypted Office files, .doc and .xls
UNZIPPED_PER_BYTE = 100   # a .docx/.xlsx may unpack to this many times its limit, no more
# Japanese fonts often map common kanji to the look-alike Kangxi radicals (U+2F00–U+2FD5:
# ⼭⽥ for 山田) in a PDF's text layer; their compatibility mapping gives the real kanji.
KANGXI_TO_UNIFIED = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}


class FileTextError(AnshinError):
    """The file cannot give text to screen; `message_ja` says why and what to do."""


@dataclass(frozen=True)
class ExtractedText:
    """What a file gave: its name (for the user), its kind (suffix) and the text."""

    name: str
    suffix: str
    text: str


def extract_text(name: str, data: bytes, limits: InputFilePolicy) -> ExtractedText:
    """The text of the file `name` whose bytes are `data`, or FileTextError."""
    shown = PurePath(name).name or name
    suffix = PurePath(shown).suffix.lower()
    if suffix not in SUFFIXES:
        raise FileTextError(texts.UNSUPPORTED.format(name=shown))
    if len(data) > limits.max_bytes:
        raise FileTextError(texts.TOO_LARGE.format(name=shown, size=_size(len(data)),
                                                   limit=_size(limits.max_bytes)))
    if not data:
        raise FileTextError(texts.EMPTY.format(name=shown))
    reader = _READERS[suffix]
    text = reader(shown, data, limits).strip()
    if not text:
        message = texts.NO_TEXT_PDF if suffix == ".pdf" else texts.NO_TEXT
        raise FileTextError(message.format(name=shown))
    if len(text) > limits.max_chars:
        raise FileTextError(texts.TOO_MUCH_TEXT.format(name=shown, length=len(text),
                                                       limit=limits.max_chars))
    return ExtractedText(shown, suffix, text)


def extract_file(path: str | Path, limits: InputFilePolicy) -> ExtractedText:
    """`extract_text` of a file on disk (the command line); its size is checked first."""
    path = Path(path)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise FileTextError(texts.TOO_LARGE.format(name=path.name, size=_size(size),
                                                   limit=_size(limits.max_bytes)))
    return extract_text(path.name, path.read_bytes(), limits)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} KB"


def _office_package(name: str, data: bytes, limits: InputFilePolicy, kind: str) -> None:
    """A .docx/.xlsx is a ZIP package: refuse encrypted (OLE) files, non-ZIPs and packages
    that would unpack to far more than any real document (a ZIP bomb)."""
    if data.startswith(OLE_MAGIC):
        raise FileTextError(texts.ENCRYPTED_OR_OLD.format(name=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except zipfile.BadZipFile as exc:
        raise FileTextError(texts.BROKEN.format(name=name, kind=kind)) from exc
    if unpacked > limits.max_bytes * UNZIPPED_PER_BYTE:
        raise FileTextError(texts.BROKEN.format(name=name, kind=kind))


def _docx(name: str, data: bytes, limits: InputFilePolicy) -> str:
    """Paragraphs and tables in document order; a table row's cells are separated by tabs,
    the layout screening reads as a table (`checks.document`)."""
    import docx
    from docx.table import Table

    _office_package(name, data, limits, texts.KIND_NAMES[".docx"])
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    lines.append("\t".join(cell.text.replace("\n", " ") for cell in row.cells))
            else:
                lines.append(block.text)
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        log.info("docx %s unreadable: %s", name, exc)
        raise FileTextError(texts.BROKEN.format(name=name, kind=texts.KIND_NAMES[".docx"])
                            ) from exc
    return "\n".join(lines)


def _xlsx(name: str, data: bytes, limits: InputFilePolicy) -> str:
    """Every sheet, headed by its name, each row's non-empty cells separated by tabs (the
    values as last saved, not the formulas)."""
    import openpyxl

    _office_package(name, data, limits, texts.KIND_NAMES[".xlsx"])
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        parts: list[str] = []
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                cells = ["" if v is None else str(v) for v in row]
                while cells and not cells[-1]:
                    cells.pop()
                if cells:
                    rows.append("\t".join(cells))
            if rows:
                parts.append(texts.SHEET_HEADING.format(sheet=sheet.title) + "\n" + "\n".join(rows))
        book.close()
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        log.info("xlsx %s unreadable: %s", name, exc)
        raise FileTextError(texts.BROKEN.format(name=name, kind=texts.KIND_NAMES[".xlsx"])
                            ) from exc
    return "\n\n".join(parts)


def _pdf(name: str, data: bytes, limits: InputFilePolicy) -> str:
    """The text layer of every page. A PDF that opens without a password (an owner password
    only restricts printing or copying) is read; one that needs a password is refused."""
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileTextError(texts.ENCRYPTED.format(name=name))
        text = texts.PAGE_BREAK.join(page.extract_text() or "" for page in reader.pages)
        return text.translate(KANGXI_TO_UNIFIED)
    except FileTextError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        log.info("pdf %s unreadable: %s", name, exc)
        raise FileTextError(texts.BROKEN.format(name=name, kind=texts.KIND_NAMES[".pdf"])
                            ) from exc


def _plain(name: str, data: bytes, limits: InputFilePolicy) -> str:
    """UTF-8 (with or without BOM) or cp932 as Excel writes it; anything else is refused
    with the line and the encoding found."""
    from checks.text_files import TextFileError, decode_text

    try:
        return decode_text(data, Path(name))
    except TextFileError as exc:
        raise FileTextError(exc.message_ja) from exc


_READERS = {".docx": _docx, ".xlsx": _xlsx, ".pdf": _pdf, ".txt": _plain, ".csv": _plain}
