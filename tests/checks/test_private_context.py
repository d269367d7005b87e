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


def test_markings_declared_of_the_text_are_found():
    text = ("上記は内部検討資料につき、外部への提供は控えてください。\n"
            "令和5年度 第2回 審議会の議事録（案）は関係者限りとします。")
    assert [v for v, _s in _found(text)["confidential_marking"]] == ["内部検討資料", "関係者限り"]


def test_a_closed_meeting_announced_in_public_is_not_a_marking():
    text = "個人情報を扱うため、本日の審議会は非公開とします。傍聴はできません。"
    assert "confidential_marking" not in _found(text)


def test_definitions_of_markings_pass():
    text = "機密性２である情報とは、直ちに一般に公表することを前提としていない情報をいう。"
    assert "confidential_marking" not in _found(text)


def test_japan_post_bank_symbol_and_number_is_an_account():
    assert _found("口座番号 ゆうちょ 10180-12345671")["bank_account"] == [("10180-12345671", "block")]


NOTICE = """【お知らせ】新座市民まつりの開催について
会場：新座市役所 第2庁舎前広場（埼玉県新座市野火止一丁目1番1号）
問い合わせ：新座市 観光推進課 電話 048-477-1111（代表）
※雨天の場合は中止します。"""


def test_an_offices_own_number_in_a_public_notice_passes():
    assert _found(NOTICE) == {}


def test_the_same_office_number_in_a_residents_record_stays_flagged():
    record = "相談者：山田 太郎 様\n" + NOTICE
    assert ("048-477-1111", "block") in _found(record)["phone"]


def test_a_mobile_number_labelled_as_personal_is_always_flagged():
    text = "市民課 窓口係\n携帯 090-1234-5678 までご連絡ください。"
    assert _found(text)["phone"] == [("090-1234-5678", "block")]


def test_plain_japanese_readings_in_brackets_are_not_names():
    text = "近くの　避難所（にげる　ところ）へ　行きましょう。共同企画（ビブリオバトルなど）も行います。"
    assert "person_name" not in _found(text)


def test_furigana_after_a_name_is_part_of_the_name():
    found = _found("申請者 高橋美咲（タカハシ ミサキ）")
    assert {v for v, _s in found["person_name"]} >= {"高橋美咲"}
    assert all(s == "block" for _v, s in found["person_name"])
