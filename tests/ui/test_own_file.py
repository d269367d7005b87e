"""A staff member's own file on the session page in Chromium (issue 16, part 2): a Word file
whose text names a resident is read into the input, the name is found and redacted, and only
the redacted text reaches the model; a password-protected PDF gets its Japanese message and
the session carries on."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from ui_helpers import UI, confirm, declare, send

from anshin.app import Anshin
from anshin.model_server import RunningServer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from own_files import docx_bytes, encrypted_pdf, text_pdf

pytestmark = pytest.mark.browser

RESIDENT = "山田太郎"
LINES = ["令和7年度 窓口相談の記録",
         f"相談者の{RESIDENT}様から、児童手当の申請書の書き方について質問がありました。",
         "記入例を示して説明し、納得していただきました。"]
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload(ui: UI, name: str, mime: str, data: bytes) -> None:
    """Press the upload button as a user does and pick the file in the browser's chooser
    (the widget's file input is not part of the page)."""
    with ui.page.expect_file_chooser() as chooser:
        ui.page.locator(".anshin-upload").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": mime, "buffer": data}])


def test_a_word_file_is_read_its_name_found_and_redacted_before_sending(
    open_ui: Callable[..., UI], sim: RunningServer, engine: Anshin,
) -> None:
    ui = open_ui("ito")
    page = ui.open("/voila/render/session.ipynb")
    declare(ui, category=1, purpose="窓口相談の記録を要約するため")
    _upload(ui, "窓口相談.docx", DOCX_MIME, docx_bytes(LINES))
    expect(page.locator(".anshin-input-notice")).to_contain_text("「窓口相談.docx」から")
    area = page.locator(".anshin-input textarea")
    expect(area).to_have_value("\n".join(LINES))
    ui.shot("file-read")
    page.locator(".anshin-check").click()
    expect(page.locator(".anshin-screening mark.anshin-mark-person_name")).to_have_count(1)
    expect(page.locator(".anshin-input-notice")).to_contain_text("先へ進めません")
    ui.shot("file-name-found")
    page.locator(".anshin-redact-all").click()
    expect(page.locator(".anshin-input-notice")).to_contain_text("伏せ字にしました")
    redacted = area.input_value()
    assert RESIDENT not in redacted and "［氏名1］" in redacted
    confirm(ui)
    send(ui)
    page.locator(".anshin-dialogue").wait_for(state="visible", timeout=30_000)
    ui.shot("file-sent-redacted")
    sent = sim.stats()["last_messages"]
    assert sent[-1]["content"] == redacted
    assert all(RESIDENT not in m["content"] for m in sent)

    assert ui.watch.dialogs == [] and ui.watch.outside == []


def test_a_password_protected_pdf_gets_its_message_and_the_session_goes_on(
    open_ui: Callable[..., UI], sim: RunningServer, tmp_path: Path,
) -> None:
    ui = open_ui("watanabe")
    page = ui.open("/voila/render/session.ipynb")
    declare(ui, category=1, purpose="公開資料を要約するため")
    _upload(ui, "保護された資料.pdf", "application/pdf",
            encrypted_pdf(text_pdf(tmp_path, LINES)))
    expect(page.locator(".anshin-input-notice")).to_contain_text("パスワードで保護")
    expect(page.locator(".anshin-input textarea")).to_have_value("")
    ui.shot("encrypted-pdf")
    page.locator(".anshin-input textarea").fill("新座市の図書館は毎週月曜日が休館日です。")
    page.locator(".anshin-check").click()
    expect(page.locator(".anshin-input-notice")).to_contain_text("見つかりませんでした")
    assert sim.stats()["requests"] == 0
