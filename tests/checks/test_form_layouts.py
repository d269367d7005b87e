"""How a person reads a form's layout, not its words: a blank field followed by the next
label, a label above its value, a name followed by the person's details in one field, a
role glued to a surname, a notice whose office comes before its telephone. Each rule came
from round 14 (written apart; first score R 0.930, P 0.942, 6.4 % of harmless texts
blocked) and is stated here in new words."""

from __future__ import annotations

from checks import screen


def found(text: str, category: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == category]


def test_a_blank_field_followed_by_the_next_label_is_not_a_name() -> None:
    form = ("入会申込書\n申込者氏名　　　　　　　　　　　　　　年齢\n"
            "代表者　氏名　　　　　　　　　　　　　国籍\n住所　〒\n")
    assert found(form, "person_name") == []


def test_a_label_alone_on_its_line_names_the_value_below() -> None:
    form = "推薦者氏名\n槙野 伸吾\nふりがな\nまきの しんご\n電話\n090-3321-7788\n"
    assert found(form, "person_name") == ["槙野 伸吾", "まきの しんご"]


def test_a_label_line_under_a_label_line_is_a_blank_form() -> None:
    assert found("氏名（漢字）: \n氏名（ローマ字）: \n", "person_name") == []


def test_a_name_then_the_person_s_address_in_one_field() -> None:
    text = "通報者　大和田　結衣　栄2-8-14　電話 048-555-0192"
    assert found(text, "person_name") == ["大和田　結衣"]


def test_a_name_whose_birth_date_bracket_was_cut_at_the_slash_is_still_whole() -> None:
    text = "届出義務者　　林 優（1958/03/09生）"
    assert found(text, "person_name") == ["林 優"]
    assert found("相談者：朝霞　睦（S41.2.3生）　59歳", "person_name") == ["朝霞　睦"]


def test_a_resident_s_role_is_no_name_but_a_title_keeps_its_office_holder_public() -> None:
    assert found("申立人　市川　葵　本町1-2-3", "person_name") == ["市川　葵"]
    public = ("令和8年4月1日\n新座市監査委員　木下 健司\n〒352-8623 新座市野火止一丁目1番1号　"
              "電話 048-477-1111\nお問い合わせ　監査委員事務局")
    assert all(f.severity == "warn" for f in screen(public))


def test_an_occupation_in_brackets_is_not_another_name() -> None:
    text = "出席委員　立花 直樹（薬剤師）、森 佳代（保育士）"
    assert found(text, "person_name") == ["立花 直樹", "森 佳代"]


def test_staff_glued_to_their_role_and_self_introductions() -> None:
    assert found("折り返し 080-2211-3344 担当岡", "person_name") == ["岡"]
    assert found("立会い：職員髙橋が同行した。", "person_name") == ["髙橋"]
    assert found("私は岩槻　楓と申します。", "person_name") == ["岩槻　楓"]
    assert found("株式会社みらい設備の浦和 拓です。", "person_name") == ["浦和 拓"]
    assert found("担当者\n対応中\n担当課が確認します。", "person_name") == []


def test_an_office_named_before_its_telephone_makes_a_notice() -> None:
    notice = ("粗大ごみの出し方が変わります\n令和8年4月から、申込みはインターネットでもできます。\n"
              "詳しくは、資源循環推進課 収集係（電話 048-477-2211）へお問い合わせください。")
    assert screen(notice) == []
    office = "保育課　電話 048-477-3344\n入園の申込みは保育課の窓口で受け付けます。"
    assert found(office, "person_name") == []


def test_a_notice_title_ends_the_line_an_instruction_to_the_ai_does_not() -> None:
    notice = ("市民農園の利用者を募集します\n申込先　〒352-8623 新座市野火止一丁目1番1号 新座市 農業振興課")
    assert screen(notice) == []
    private = ("以下を参加者向けのお知らせにしてください。\n- 受入れ家庭: Laura Jensen, "
               "laura.jensen@example.org")
    assert found(private, "email") == ["laura.jensen@example.org"]


def test_a_name_found_inside_a_longer_name_is_reported_whole() -> None:
    assert found("メアリー・K・スミス様から電話", "person_name") == ["メアリー・K・スミス"]
