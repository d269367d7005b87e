"""The PDF of a sealed record (公文書): its HTML record printed by Debian's chromium headless
(`--print-to-pdf`), so what is filed on paper is exactly the page auditors read.

Japanese text is set in the installed Noto CJK fonts, which chromium embeds (subsets) in
the PDF; page numbers come from the record's own print style (`@page` margin boxes), and
the last page is the transparency proof: the signed checkpoint and the hashes. Chromium
runs with a throw-away profile, no network, and the record's Content-Security-Policy.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from anshin import records_texts as t
from anshin.errors import AnshinError

CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--no-pdf-header-footer", "--disable-extensions")


class PdfError(AnshinError):
    """The PDF could not be made (no chromium, or it failed)."""


def chromium() -> str:
    for candidate in CHROMIUM:
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if found:
            return found
    raise PdfError(t.PDF_NO_CHROMIUM)


def print_pdf(html: Path, out: Path, timeout_s: float = 120) -> Path:
    """Print the record `html` to `out` (written whole, then renamed)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp.pdf")
    with tempfile.TemporaryDirectory(prefix="anshin-pdf-") as profile:
        done = subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={tmp}",
             Path(html).resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout_s)
    if done.returncode != 0 or not tmp.is_file() or tmp.stat().st_size == 0:
        tmp.unlink(missing_ok=True)
        raise PdfError(t.PDF_FAILED.format(detail=(done.stderr or "")[-300:]))
    tmp.replace(out)
    return out
