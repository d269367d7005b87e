"""Real files as staff have them, built in the test: Word and Excel with python-docx and
openpyxl, PDF printed by Debian's chromium (its Japanese text from fonts-noto-cjk), an
encrypted PDF (pypdf), a scanned-looking PDF with no text layer, a broken file."""

from __future__ import annotations

import html
import io
import subprocess
from pathlib import Path

from browser import CHROMIUM, CHROMIUM_ARGS


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf_bytes(tmp: Path, body_html: str) -> bytes:
    """`body_html` printed to PDF by chromium (a real generator, offline)."""
    page = tmp / "page.html"
    page.write_text(f'<!doctype html><html lang="ja"><meta charset="utf-8"><body>{body_html}'
                    f"</body></html>", encoding="utf-8")
    out = tmp / "page.pdf"
    subprocess.run([CHROMIUM, *CHROMIUM_ARGS, "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", page.as_uri()],
                   check=True, capture_output=True, timeout=60)
    return out.read_bytes()


def text_pdf(tmp: Path, lines: list[str]) -> bytes:
    return pdf_bytes(tmp, "".join(f"<p>{html.escape(x)}</p>" for x in lines))


def scanned_pdf(tmp: Path) -> bytes:
    """A page of shapes only, as a scanner's image would be: no text layer at all."""
    return pdf_bytes(tmp, '<svg width="600" height="400"><rect x="20" y="20" width="500" '
                          'height="60" fill="#333"/><circle cx="200" cy="250" r="80" '
                          'fill="#777"/></svg>')


def encrypted_pdf(plain: bytes, password: str = "himitsu-2026") -> bytes:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(plain))
    writer = pypdf.PdfWriter()
    for p in reader.pages:
        writer.add_page(p)
    writer.encrypt(user_password=password, owner_password=password + "-owner",
                   algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
