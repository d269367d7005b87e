"""The published-material declaration in the session record: its source is in the notebook
(plain text, our table, metadata) and in the HTML, escaped, never in markdown or markup."""

from __future__ import annotations

import json
from html import escape

import nbformat
from records_helpers import AUTHOR, declared

from anshin.records import TABLE_MIME, record_paths

XSS_TITLE = "広報にいざ<script>alert('title')</script><img src=x onerror=alert('img')>"
XSS_ISSUER = "市長公室 [x](javascript:alert('issuer')) <svg onload=alert('svg')>"
URL = "https://www.city.niiza.lg.jp/koho/?q=<b>&x=\"'"


def declared_with_source(rig):
    view = declared(rig)
    return rig.engine.declare_published_source(view.session_id, AUTHOR, title=XSS_TITLE,
                                               issuer=XSS_ISSUER, url=URL,
                                               issued_on="令和7年4月1日")


def test_the_declared_source_is_in_the_notebook_only_as_plain_text_and_metadata(rig):
    view = declared_with_source(rig)
    paths = record_paths(rig.archive, view.session_id, view.created_at)
    nb = nbformat.read(paths.ipynb, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["anshin"]["published_source"] == {
        "title": XSS_TITLE, "issuer": XSS_ISSUER, "url": URL, "issued_on": "2025-04-01"}
    shown: list[str] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for value in (XSS_TITLE, XSS_ISSUER, URL, "<script", "javascript:"):
                assert value not in cell.source
            continue
        for output in cell.outputs:
            assert set(output.get("data", {})) <= {"text/plain", TABLE_MIME}
            shown.append(output["data"]["text/plain"])
            shown.append(json.dumps(output["data"].get(TABLE_MIME, {}), ensure_ascii=False))
    everything = "\n".join(shown)
    assert "【公開資料としての申告（§4(4)）】" in everything   # the clause comes from the policy
    for value in (XSS_TITLE, XSS_ISSUER, URL, "2025-04-01", rig.policy.published_material.screening_note):
        assert value in everything


def test_the_declared_source_is_in_the_html_escaped(rig):
    view = declared_with_source(rig)
    html = record_paths(rig.archive, view.session_id, view.created_at).html.read_text("utf-8")
    assert "公開資料としての申告（§4(4)）" in html
    for value in (XSS_TITLE, XSS_ISSUER, URL):
        assert escape(value, quote=False) in html
    lowered = html.lower()
    for banned in ("<script", "<img", "<svg", "<a href", "<b>"):
        assert banned not in lowered
    assert "2025-04-01" in html


def test_an_undeclared_session_says_so_in_its_record(rig):
    view = declared(rig)
    html = record_paths(rig.archive, view.session_id, view.created_at).html.read_text("utf-8")
    assert "公開資料としての申告（§4(4)）" in html and "申告なし" in html


def test_a_confirmed_declared_input_says_it_was_screened_as_published(rig):
    text = ("春日部年金事務所は埼玉県春日部市中央1-52-1にあります。電話 048-737-7112\n"
            "新座市立中央図書館の館長の田中一郎が講演します。")
    view = declared_with_source(rig)
    _, findings = rig.engine.check_input(view.session_id, AUTHOR, text)
    warned = [f"{f.start}:{f.end}:{f.category}" for f in findings if f.severity == "warn"]
    view = rig.engine.confirm_input(view.session_id, AUTHOR, text, acknowledged=warned,
                                    attest_publishable=True)
    html = record_paths(rig.archive, view.session_id, view.created_at).html.read_text("utf-8")
    row = html[html.index("公開資料として確認（申告にもとづく）"):][:200]
    assert "はい" in row
    plain = declared(rig)
    rig.engine.check_input(plain.session_id, AUTHOR, "市民まつりを開催します。")
    rig.engine.confirm_input(plain.session_id, AUTHOR, "市民まつりを開催します。", acknowledged=[],
                             attest_publishable=True)
    html = record_paths(rig.archive, plain.session_id, plain.created_at).html.read_text("utf-8")
    assert "いいえ" in html[html.index("公開資料として確認（申告にもとづく）"):][:200]
