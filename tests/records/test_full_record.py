"""The record says everything that happened and never a value screening blocked (issue 15,
part 1): every check with each finding and what was done, the identity's standing, the
text each reviewer signed, the adopted text and its SHA-256, exports folded into one row."""

from __future__ import annotations

import hashlib
import json

import nbformat
from records_helpers import AUTHOR, HEAD, REVIEWER_2, answers, declared

from anshin.identity import Person
from anshin.lifecycle import RECORD_KINDS, Kind
from anshin.records import TABLE_MIME, record_paths

SECRET_TEXT = ("【取扱注意】市民課の山田太郎さん（昭和55年4月1日生まれ、新座市野火止1丁目1番1号、"
               "電話048-477-1111）から問い合わせがありました。回答文の案を作ってください。")
BLOCKED_VALUES = ("昭和55年4月1日", "新座市野火止1丁目1番1号", "048-477-1111")
REVIEWER = Person("sato", "佐藤 次郎", "市民課", "staff", authenticated=True)


def _tables(nb):
    return [o.data[TABLE_MIME] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if TABLE_MIME in o.get("data", {})]


def _redacted_session(rig):
    """Five findings: four blocked ones redacted with one action, the name (a warning in
    this policy) acknowledged; then generation, two reviews and 「修正して採用」."""
    e = rig.engine
    sid = declared(rig).session_id
    _view, findings = e.check_input(sid, AUTHOR, SECRET_TEXT)
    blocked = [f"{f.start}:{f.end}:{f.category}" for f in findings if f.severity == "block"]
    view, after, red = e.redact_input(sid, AUTHOR, SECRET_TEXT, blocked)
    warned = [f"{f.start}:{f.end}:{f.category}" for f in after if f.severity == "warn"]
    e.confirm_input(sid, AUTHOR, red.text, acknowledged=warned, attest_publishable=True)
    view = e.generate(sid, AUTHOR)
    e.request_review(sid, AUTHOR)
    suggestion = view.output + "\n担当：市民課"
    e.submit_review(sid, REVIEWER, answers=answers(rig.policy), edited_text=suggestion)
    e.submit_review(sid, REVIEWER_2, answers=answers(rig.policy))
    return e.decide(sid, HEAD, outcome="adopted_with_edits", reason="修正案で回答する",
                    final_text=suggestion), findings, red


def test_redacted_findings_are_each_in_the_record_with_their_placeholder_never_the_value(rig):
    view, findings, red = _redacted_session(rig)
    paths = record_paths(rig.archive, view.session_id, view.created_at)
    nb = nbformat.read(paths.ipynb, as_version=4)
    html = paths.html.read_text(encoding="utf-8")
    first, second = (t for t in _tables(nb) if t["columns"][-1] == "対応")
    done = {row[0]: row[5] for row in first["rows"]}
    assert len(first["rows"]) == len(findings) == 5
    for label in ("機密性の表示", "生年月日", "住所", "電話番号"):
        placeholder = next(p for p, v in red.mapping.items()
                           if v in SECRET_TEXT and done[label].endswith(f"（{p}）"))
        assert placeholder in red.text
    assert done["氏名"].startswith("文章を修正して再確認")
    assert [row[0] for row in second["rows"]] == ["氏名"]
    assert second["rows"][0][5] == "確認のうえ送信（作成者が確認）"
    assert "検出された情報（内容そのものは記録しません）】\nなし" not in html
    stored = json.dumps([ev.payload for ev in rig.store.read(session_id=view.session_id)],
                        ensure_ascii=False)
    for value in BLOCKED_VALUES:
        assert value not in html and value not in paths.ipynb.read_text(encoding="utf-8")
        assert value not in stored, "no event carries a blocked value"


def test_the_redaction_is_a_typed_event_naming_positions_rules_and_placeholders(rig):
    view, findings, red = _redacted_session(rig)
    event = next(ev for ev in view.events if ev.kind == Kind.INPUT_REDACTED)
    check = next(ev for ev in view.events if ev.kind == Kind.INPUT_CHECKED)
    assert event.payload["check_seq"] == check.seq
    assert {(r["category"], r["rule_id"], r["start"]) for r in event.payload["redacted"]} == {
        (f.category, f.rule_id, f.start) for f in findings if f.severity == "block"}
    assert all(r["placeholder"] in red.text for r in event.payload["redacted"])
    screened = next(ev for ev in view.events if ev.kind == Kind.INPUT_SCREENED)
    rechecked = [ev for ev in view.events if ev.kind == Kind.INPUT_CHECKED][-1]
    assert screened.payload["check_seq"] == rechecked.seq


def test_the_record_shows_identity_standing_signed_texts_and_the_adopted_text(rig):
    view, _findings, _red = _redacted_session(rig)
    paths = record_paths(rig.archive, view.session_id, view.created_at)
    html = paths.html.read_text(encoding="utf-8")
    nb = nbformat.read(paths.ipynb, as_version=4)
    final = view.decision.final_text
    sha = hashlib.sha256(final.encode("utf-8")).hexdigest()
    output_sha = hashlib.sha256(view.output.encode("utf-8")).hexdigest()
    assert "本人確認" in html and "未認証（デモ用の利用者）" in html and "認証済み" in html
    assert nb.metadata["anshin"]["author_authenticated"] is False
    assert nb.metadata["anshin"]["final_sha256"] == sha
    assert "【採用した文章（最終版）】" in html and sha in html
    assert html.count(f"レビューした文章: 案文 1（SHA-256 {output_sha}）") == 2
    assert "レビュー担当者の修正案" in html


def test_record_exports_are_one_row_of_the_event_table(rig):
    view, _findings, _red = _redacted_session(rig)
    nb = nbformat.read(record_paths(rig.archive, view.session_id, view.created_at).ipynb,
                       as_version=4)
    chain = next(t for t in _tables(nb) if t["columns"][0] == "連番")
    exported = [row for row in chain["rows"] if "record.exported" in row[1]]
    session_events = [ev for ev in view.events if ev.kind not in RECORD_KINDS]
    assert len(exported) == 1 and exported[0][1].startswith("記録の書き出しと透明性ログへの登録 ")
    assert len(chain["rows"]) == len(session_events) + 1
