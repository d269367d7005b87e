"""What the rounds written apart in this session showed a reader uses and the screener did
not. A form's title is the whole noun phrase a clause puts before its head word, の and 及び
included; a title in brackets is the whole bracket. Texts are new."""

from __future__ import annotations

from checks import screen


def found(text: str, category: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == category]


def test_a_form_title_joined_by_no_is_taken_whole_from_the_clause_boundary() -> None:
    text = "樹種 スギ\n※上記は立木の伐採及び搬出の届出書の記載内容を転記\n"
    [span] = found(text, "application_derived")
    assert span.startswith("立木の伐採及び搬出の届出書")


def test_a_pointing_word_before_a_form_is_not_part_of_its_name() -> None:
    [span] = found("名簿は次の講座受講申込書から転記した。\n氏名：宮越 望\n", "application_derived")
    assert span.startswith("講座受講申込書")


def test_who_handed_the_form_in_stays_a_source_label_outside_the_name() -> None:
    text = "本人提出の所得申告書に未申告の年金収入があった。"
    assert found(text, "application_derived") == ["所得申告書"]


def test_a_title_in_brackets_is_the_whole_bracket() -> None:
    text = "下記は【屋外広告物の表示の許可申請書】の記載内容を転記したものです。\n"
    [span] = found(text, "application_derived")
    assert span.startswith("屋外広告物の表示の許可申請書")


def test_who_learns_or_trains_is_a_person_label() -> None:
    assert found("研修生: ファン・ティ・ラン\n", "person_name") == ["ファン・ティ・ラン"]
    assert found("技能実習生：宇佐美 光\n", "person_name") == ["宇佐美 光"]


def test_a_birth_year_with_sei_is_no_learner() -> None:
    assert found("昭和45年生：記入例\n", "person_name") == []


def test_who_is_in_charge_of_something_is_a_person_column() -> None:
    text = "No.\t区分\t組合担当\t直通\n1\t関係者\t真壁\t080-3100-6867\n"
    assert found(text, "person_name") == ["真壁"]


def test_the_other_party_is_a_person_label() -> None:
    assert found("⑥相手方 宍戸ハル\n", "person_name") == ["宍戸ハル"]


def test_a_colon_after_a_value_makes_its_last_word_the_next_label() -> None:
    text = "点検担当：宇佐美　補助員：真壁、宍戸\n"
    assert found(text, "person_name") == ["宇佐美", "真壁", "宍戸"]


def test_a_kana_given_name_is_read_whole_not_cut_before_ra() -> None:
    text = "保険会社担当：あおば損保　宍戸　さくら　03 6732 2751\n"
    assert "宍戸\u3000さくら" in found(text, "person_name")


def test_a_quoted_reply_header_names_a_writer_with_a_kana_given_name() -> None:
    text = "> [2025/9/18 15:20] 真壁 あかり wrote:\n> 打合せは8月5日です。\n"
    assert found(text, "person_name") == ["真壁 あかり"]


def test_chat_speakers_with_kana_given_names_above_what_they_said() -> None:
    text = "真壁 あかり  15:11\n了解です\n宍戸 ハル  15:20\nお願いします\n"
    assert found(text, "person_name") == ["真壁 あかり", "宍戸 ハル"]


def test_who_did_something_named_by_a_clause_and_sha_is_a_person_label() -> None:
    assert found("発見した者\n真壁\n連絡先\n090-3100-6867\n", "person_name") == ["真壁"]
    assert found("通報した者：宍戸 ハル\n", "person_name") == ["宍戸 ハル"]


def test_a_numbered_label_names_one_of_several() -> None:
    text = "【被保険者①】宍戸 ハル　昭和28年5月17日生\n【被保険者②】宍戸　清　S28.1.1生\n"
    assert found(text, "person_name") == ["宍戸 ハル", "宍戸\u3000清"]
    assert found("児童１　真壁 あかり\n", "person_name") == ["真壁 あかり"]


def test_a_name_with_a_katakana_given_name_then_the_person_s_details() -> None:
    assert found("被保険者：森 トメ　昭和28年5月17日生\n", "person_name") == ["森 トメ"]


def test_evidence_at_the_end_of_a_line_not_only_at_the_end_of_the_text() -> None:
    text = "[OCR] 葬祭費支給申請書（写し）\n葬祭費支給申請書\n氏名  真壁 あかり\n"
    assert found(text, "application_derived") == ["葬祭費支給申請書"]


def test_a_bracket_between_a_form_and_the_evidence_is_part_of_its_title() -> None:
    assert found("※扶養届（回答書）からの転記　2025/05/23受付\n", "application_derived") == [
        "扶養届（回答書）"]


def test_a_head_word_inside_a_longer_title_is_one_name() -> None:
    [span] = found("※記載事項証明書交付請求書の記載内容（窓口受付 5/5）\n", "application_derived")
    assert span.startswith("記載事項証明書交付請求書")
