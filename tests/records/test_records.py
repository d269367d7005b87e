"""The session record: a valid notebook and a sealed HTML file, written as the session moves,
holding user and model text only in inert form, hashed into the chain."""

from __future__ import annotations

import hashlib
import json

import nbformat
from records_helpers import (
    AUTHOR,
    BLOCKED_SECRETS,
    OUTPUT,
    PAYLOADS,
    PURPOSE,
    SENT_TEXT,
    declared,
    full_session,
    make_rig,
)

from anshin.lifecycle import RECORD_KINDS, Kind
from anshin.records import TABLE_MIME, inert_notebook, record_paths


def _records(rig, view):
    paths = record_paths(rig.archive, view.session_id, view.created_at)
    nb = nbformat.read(paths.ipynb, as_version=4)
    return paths, nb, paths.html.read_text(encoding="utf-8")


def _exports(rig, session_id):
    return [ev for ev in rig.store.read(session_id=session_id) if ev.kind == Kind.RECORD_EXPORTED]


def test_a_whole_session_leaves_a_valid_notebook_with_its_metadata(rig):
    view = full_session(rig)
    paths, nb, _html = _records(rig, view)
    nbformat.validate(nb)
    meta = nb.metadata["anshin"]
    assert meta["session_id"] == view.session_id
    assert meta["state"] == "decided"
    assert meta["author"] == "yamada" and meta["department"] == "市民課"
    assert meta["policy"] == {"id": "niiza", "version": rig.policy.version,
                              "sha256": rig.policy.sha256}
    assert meta["service"] == "training-sim" and meta["model"] == "anshin-training-sim"
    assert meta["created"] == view.created_at
    last_session_event = [ev for ev in rig.store.read(session_id=view.session_id)
                          if ev.kind not in RECORD_KINDS][-1]
    assert meta["chain"] == {"seq": last_session_event.seq, "hash": last_session_event.hash}
    created = view.created_at
    assert paths.ipynb.parent.relative_to(rig.archive).parts[0] in (created[:4], str(
        int(created[:4]) + 1))


def test_every_session_event_rewrites_the_record_and_seals_both_files_in_the_chain(rig):
    view = full_session(rig)
    exports = _exports(rig, view.session_id)
    session_events = [ev for ev in rig.store.read(session_id=view.session_id)
                      if ev.kind not in RECORD_KINDS]
    assert len(exports) == 2 * len(session_events)
    latest = {ev.payload["format"]: ev for ev in exports}
    paths = record_paths(rig.archive, view.session_id, view.created_at)
    for fmt, path in (("ipynb", paths.ipynb), ("html", paths.html)):
        payload = latest[fmt].payload
        assert payload["path"] == path.relative_to(rig.archive).as_posix()
        assert payload["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert payload["chain_seq"] == session_events[-1].seq
        assert payload["chain_hash"] == session_events[-1].hash
    assert not list(paths.ipynb.parent.glob(".*.tmp*")), "temporary files are cleaned up"


def test_a_draft_record_exists_before_the_decision(rig):
    view = declared(rig)
    _paths, nb, html = _records(rig, view)
    assert nb.metadata["anshin"]["state"] == "declared"
    assert "作成途中" in nb.cells[0].source
    assert "作成途中" in html
    assert "まだ決定されていません" in html


def test_user_and_model_text_is_only_in_plain_text_outputs_never_markdown(rig):
    view = full_session(rig)
    _paths, nb, _html = _records(rig, view)
    plain = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert "<" not in cell.source
            for payload in PAYLOADS:
                assert payload not in cell.source
            continue
        assert cell.source == ""
        for output in cell.outputs:
            assert set(output.get("data", {})) <= {"text/plain", TABLE_MIME}
            plain.append(output["data"]["text/plain"])
            plain.extend(json.dumps(output["data"].get(TABLE_MIME, {}), ensure_ascii=False)
                         for _ in [0])
    everything = "\n".join(plain)
    assert PURPOSE in everything
    assert SENT_TEXT in everything
    assert OUTPUT in everything, "the output is kept exactly as received"


def test_html_is_sealed_japanese_and_loads_nothing_from_outside(rig):
    view = full_session(rig)
    _paths, _nb, html = _records(rig, view)
    assert '<html lang="ja">' in html
    assert "default-src 'none'; style-src 'unsafe-inline'; img-src data:" in html
    assert "Content-Security-Policy" in html
    lowered = html.lower()
    for banned in ("<script", "require.js", "mathjax", "cdn", "@font-face", "<iframe",
                   "<img", "<svg", "<details", "<object", "<link", "<a href", "<style>@import"):
        assert banned not in lowered
    assert "https://" not in html
    assert "&lt;script&gt;alert('purpose')&lt;/script&gt;" in html
    assert "Noto Sans CJK JP" in html


def test_blocked_input_is_recorded_only_in_redacted_form(rig):
    view = full_session(rig)
    _paths, nb, html = _records(rig, view)
    ipynb_text = json.dumps(nb, ensure_ascii=False)
    for secret in BLOCKED_SECRETS:
        assert secret not in ipynb_text
        assert secret not in html
    assert view.blocked_attempts == 1
    assert "入力を停止した回数" in html and "1回" in html
    assert "［氏名1］" in html or "［" in html, "the redacted form is shown"


def test_findings_of_every_attempt_show_category_clause_position_and_what_was_done(rig):
    view = full_session(rig)
    _paths, nb, _html = _records(rig, view)
    tables = [o.data[TABLE_MIME] for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if TABLE_MIME in o.get("data", {})]
    findings = [t for t in tables
                if t["columns"] == ["区分", "条項", "重大度", "位置", "ルール", "対応"]]
    assert len(findings) == 2, "one table per check of the input: the blocked one and the sent one"
    blocked_done = {row[0]: row[5] for row in findings[0]["rows"]}
    assert blocked_done["電話番号"] == "文章から削除（以後の確認で検出されず）"
    assert blocked_done["氏名"].startswith("文章を修正して再確認")
    f = view.input_findings[0]
    assert findings[1]["rows"][0] == ["氏名", "§6(2)", "要確認", f"{f.start + 1}〜{f.end}文字目",
                                      f.rule_id, "確認のうえ送信（作成者が確認）"]
    assert SENT_TEXT[f.start:f.end] == "鈴木一郎"
    dumped = json.dumps(tables, ensure_ascii=False)
    for secret in ("鈴木一郎", *BLOCKED_SECRETS):
        assert secret not in dumped


def test_incomplete_generation_is_kept_and_marked_未完了(rig):
    view = full_session(rig)
    failed = [ev for ev in view.events if ev.kind == Kind.GENERATION_FAILED]
    assert failed and failed[0].payload["partial_output"]
    _paths, _nb, html = _records(rig, view)
    assert "【未完了：途中までの生成結果（受信したまま）】" in html
    assert "送信 2" in html


def test_reviews_show_every_checklist_answer_comment_and_edited_text(rig):
    view = full_session(rig)
    _paths, _nb, html = _records(rig, view)
    for item in rig.policy.review_items:
        assert item.question in html
    assert "問題なし" in html
    assert "修正案の本文" in html
    assert "修正して採用" in html


def test_inert_notebook_drops_html_javascript_images_errors_and_widget_state():
    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[
        v4.new_code_cell("", outputs=[
            v4.new_output("display_data", data={
                "text/html": "<script>alert(1)</script>", "application/javascript": "alert(1)",
                "image/svg+xml": "<svg onload=alert(1)/>", "text/plain": "kept"}),
            v4.new_output("display_data", data={"text/markdown": "[x](javascript:alert(1))"}),
            v4.new_output("error", ename="E", evalue="v", traceback=["<b>x</b>"]),
            v4.new_output("stream", name="stdout", text="kept too"),
        ]),
        v4.new_raw_cell("<script>alert(1)</script>"),
    ])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    inert_notebook(nb)
    assert "widgets" not in nb.metadata
    assert len(nb.cells) == 1
    outputs = nb.cells[0].outputs
    assert [o.output_type for o in outputs] == ["display_data", "stream"]
    assert outputs[0].data == {"text/plain": "kept"}
    nbformat.validate(nb)


def test_training_sessions_are_labelled_研修用(tmp_path, policy, model_server):
    rig = make_rig(tmp_path, policy, model_server, training=True)
    try:
        view = declared(rig)
        _paths, nb, html = _records(rig, view)
    finally:
        rig.store.dispose()
    assert nb.metadata["anshin"]["training"] is True
    assert nb.cells[0].source.startswith("# 【研修用】")
    assert '<div class="training-band">研修用</div>' in html
    assert "<title>【研修用】" in html


def test_a_session_record_does_not_move_when_the_month_changes(rig):
    view = declared(rig)
    later = rig.engine.abandon(view.session_id, AUTHOR, "中止します")
    a = record_paths(rig.archive, view.session_id, view.created_at)
    b = record_paths(rig.archive, later.session_id, later.created_at)
    assert a == b
    assert sorted(p.name for p in a.ipynb.parent.iterdir() if not p.name.startswith(".")) == [
        f"{view.session_id}.html", f"{view.session_id}.ipynb"]


def test_a_stale_view_is_refreshed_so_the_newest_state_is_written(rig):
    view = declared(rig)
    stale = rig.engine.get(view.session_id)
    rig.engine.check_input(view.session_id, AUTHOR, "公開済みの広報記事です。")
    rig.writer.write(stale)
    _paths, nb, _html = _records(rig, view)
    newest = [ev for ev in rig.store.read(session_id=view.session_id)
              if ev.kind not in RECORD_KINDS][-1]
    assert nb.metadata["anshin"]["updated"] == newest.at
    assert nb.metadata["anshin"]["chain"]["seq"] >= newest.seq
