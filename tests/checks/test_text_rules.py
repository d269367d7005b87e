"""Addresses, names, markings and §6(3) context on realistic municipal texts."""

from pathlib import Path

import pytest

from checks import BLOCK, WARN, screen

GUIDELINE = Path("/work/shared/guideline/niiza-genai-guideline.ja.txt")


def found(text: str, category: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == category]


def test_street_address_is_one_span_with_kanji_numerals_and_room():
    text = "住所：山口県我孫子市芝浦七丁目12番5号 パレス385号\n"
    assert found(text, "address") == ["山口県我孫子市芝浦七丁目12番5号 パレス385号"]


def test_address_broken_after_the_city_is_one_span():
    text = "ご登録の住所：〒９２９ー８１４７\n香川県小金井市\n木立６ー１５ー２１　コート６６６号室\n"
    assert found(text, "address") == ["香川県小金井市\n木立６ー１５ー２１　コート６６６号室"]
    assert found(text, "postal_code") == ["９２９ー８１４７"]


def test_city_name_alone_is_not_an_address():
    assert found("新座市で説明会を開きます。", "address") == []


def test_public_institution_address_in_a_notice_passes():
    text = "投票所の案内\n新座市役所\n〒352-8623 埼玉県新座市野火止一丁目1番1号\n開館時間：午前9時"
    assert screen(text) == []


def test_names_with_label_honorific_and_furigana():
    text = "氏名：藤田翼\n（カナ）フジタ　ツバサ\n「青木　拓真様、先日は」\n対応者：納税課 森田 美加子"
    assert found(text, "person_name") == ["藤田翼", "フジタ　ツバサ", "青木　拓真", "森田 美加子"]


def test_names_in_a_pasted_table_column():
    text = "| 氏名 | 連絡先 |\n|---|---|\n| 中村英樹 | nakamura33@outlook.jp |\n"
    assert found(text, "person_name") == ["中村英樹"]


def test_company_name_starting_with_a_surname_is_not_a_person():
    text = "出席者：前田ガス合同会社 鈴木春香氏、斉藤 直人氏"
    assert found(text, "person_name") == ["鈴木春香", "斉藤 直人"]


def test_public_figure_in_encyclopedic_prose_is_a_warning_not_a_block():
    findings = screen("この番組でホストを務めていた中村雅俊だが、1988年に降板した。")
    assert [(f.category, f.severity) for f in findings] == [("person_name", WARN)]


def test_same_name_in_a_private_record_is_blocked():
    findings = screen("相談者：中村雅俊\n相談内容：生活状況を聞き取り")
    assert [(f.category, f.severity) for f in findings] == [("person_name", BLOCK)]


@pytest.mark.parametrize("marking", ["機密性３Ｃ", "取扱注意", "部外秘", "関係者限り", "庁内限り"])
def test_marking_standing_on_its_own_line_or_in_brackets_is_found(marking):
    assert found(f"{marking}\n本人確認記録", "confidential_marking") == [marking]
    assert found(f"■【{marking}】\n本人確認記録", "confidential_marking") == [marking]


def test_marking_that_is_only_explained_passes():
    text = ("情報セキュリティ研修のお知らせ\n・取扱注意の表示がある文書の取扱いについて説明します。\n"
            "・機密性３Ａ～Ｃに該当する情報の例として、個人情報があります。")
    assert screen(text) == []


def test_nda_as_a_property_of_this_content_is_found_but_a_rule_about_ndas_passes():
    assert found("本資料は株式会社小川保険との秘密保持契約に基づき開示されたものです。",
                 "contract_secret") == ["秘密保持契約"]
    assert screen("・委託事業者と秘密保持契約を締結する際の留意点を説明します。") == []


def test_application_derived_content_is_found():
    text = "以下は転入届の申請書類から転記したデータです。"
    assert found(text, "application_derived") == ["申請書類から転記した"]


def test_guideline_text_itself_passes():
    text = GUIDELINE.read_text(encoding="utf-8")
    assert [f for f in screen(text) if f.severity == BLOCK] == []
