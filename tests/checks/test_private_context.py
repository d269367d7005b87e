"""A record about one resident: every personal item is blocked, whatever its wording."""

from __future__ import annotations

from checks import screen

RECORD = """件名：転入手続きについて
お客様：高橋 美咲 さま（タカハシ ミサキ）
生年月日：平成3年7月15日
現住所：〒352-0011 埼玉県新座市野火止五丁目3番20号 ハイツ新座203号室
相談票の内容を含みます。"""


def _found(text: str) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for f in screen(text):
        out.setdefault(f.category, []).append((text[f.start:f.end], f.severity))
    return out


def test_hiragana_honorific_and_customer_label_make_a_name_personal():
    found = _found(RECORD)
    assert ("高橋 美咲", "block") in found["person_name"]


def test_a_name_next_to_a_residents_address_is_never_lowered_to_warn():
    text = "野口 拓也 は平成2年4月1日生まれで、東京都新宿区西新宿二丁目8番1号に住んでいる。"
    found = _found(text)
    assert found["person_name"] and all(sev == "block" for _v, sev in found["person_name"])


def test_the_building_and_room_belong_to_the_address():
    assert ("埼玉県新座市野火止五丁目3番20号 ハイツ新座203号室", "block") in _found(RECORD)["address"]


def test_content_of_a_consultation_form_is_application_derived():
    assert _found(RECORD)["application_derived"] == [("相談票の内容", "block")]


def test_explaining_the_rule_about_application_forms_passes():
    text = "申請書の内容を生成AIに入力してはいけません（§6(3)）。"
    assert "application_derived" not in _found(text)


def test_a_public_figure_in_public_prose_stays_a_warning():
    text = "夏目漱石は『吾輩は猫である』を発表した。"
    found = _found(text)
    assert found.get("person_name") and all(sev == "warn" for _v, sev in found["person_name"])
