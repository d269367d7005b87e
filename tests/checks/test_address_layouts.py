"""Addresses as people write and paste them: letter-spaced scans, spaces between the parts,
hiragana towns, rural 字, Kyoto's 通…下る, buildings with lettered rooms or on the next line,
a town without its city where the text says someone lives there, a bare number closing a cell."""

import pytest

from checks import screen


def found(text: str, category: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == category]


@pytest.mark.parametrize(("text", "address"), [
    ("申 込 者 住 所   川 越 市 今 福 ４ 丁 目 １ ５ 番 ３ 号", "川 越 市 今 福 ４ 丁 目 １ ５ 番 ３ 号"),
    ("現住所　所沢市 小手指町 3 丁目 14 番 2 号", "所沢市 小手指町 3 丁目 14 番 2 号"),
    ("住所　秩父市 大字 久那 ６３２ 番地", "秩父市 大字 久那 ６３２ 番地"),
    ("住所：さいたま市見沼区ひがし宮下2-8-1", "さいたま市見沼区ひがし宮下2-8-1"),
    ("住所：坂戸市にっさい花みず木3-11-6", "坂戸市にっさい花みず木3-11-6"),
    ("住所 京都市中京区西洞院通四条上る蟷螂山町481番地", "京都市中京区西洞院通四条上る蟷螂山町481番地"),
    ("所在地　熊谷市津田字新田前\n1052番3", "熊谷市津田字新田前\n1052番3"),
])
def test_an_address_typed_or_scanned_with_spaces_or_kana_is_one_span(text: str, address: str) -> None:
    assert found(text, "address") == [address]


def test_a_room_with_a_letter_and_a_building_on_its_own_line_belong_to_the_address() -> None:
    assert found("送付先：朝霞市膝折町2-7-15 ハイム膝折 C-305\n", "address") == [
        "朝霞市膝折町2-7-15 ハイム膝折 C-305"]
    csv = '"番号","氏名","住所"\n"3","小池 春江","和光市白子3丁目8番21号\nパークハウス白子2-A"\n'
    assert found(csv, "address") == ["和光市白子3丁目8番21号\nパークハウス白子2-A"]


def test_a_building_line_is_joined_only_when_it_holds_nothing_else() -> None:
    text = "住所：志木市幸町2-5-8\n市民活動推進課 3階会議室で面談予定\n"
    assert found(text, "address") == ["志木市幸町2-5-8"]


def test_the_words_before_a_city_are_not_part_of_the_address() -> None:
    text = "長男は勤務先の上尾市緑丘4-6-2の社員寮に住んでいる。"
    assert found(text, "address") == ["上尾市緑丘4-6-2"]


@pytest.mark.parametrize("text", [
    "住所は 大和田3-12-4 でよろしいですか",
    "立会い：隣家 鈴木様（西堀6丁目2-11）",
    "氏名\t住所\t電話\n高野 澄子\t中野2-14-8\t048-000-1234\n",
])
def test_a_town_without_its_city_counts_where_the_text_says_someone_lives(text: str) -> None:
    assert len(found(text, "address")) == 1


def test_a_town_and_numbers_without_such_evidence_are_left_alone() -> None:
    assert found("資料 中野2-14-8 を参照（第2章）", "address") == []
    assert found("栄町3-2の交差点で工事があります", "address") == []


def test_a_bare_number_closing_a_cell_of_a_personal_table_is_a_street_number() -> None:
    text = "氏名\t住所\t理由\n岡部 ハル\t東松山市大谷4410\t病気\n"
    assert found(text, "address") == ["東松山市大谷4410"]
    assert found("会場\t定員\n東松山市民文化センター\t500\n", "address") == []
    assert found("地区\t世帯数\n東松山市内\t4410\n", "address") == []


def test_an_address_right_after_a_person_is_theirs_even_below_a_signature() -> None:
    text = "道路管理係 森です。\n近所の村田 茂さん（鴻巣市本町5-3-9）から苦情がありました。"
    assert found(text, "address") == ["鴻巣市本町5-3-9"]


def test_a_place_column_of_a_table_about_users_is_private() -> None:
    text = "日付 | 契約者 | 設置場所 | 指針\n10/2 | 内田 康 | 本庄市児玉町八幡山410-2 | 0451\n"
    assert found(text, "address") == ["本庄市児玉町八幡山410-2"]


def test_a_facility_in_brackets_far_from_the_address_does_not_make_it_public() -> None:
    text = "母は行田市持田2-9-14の自宅にいるが、通院中（048-000-0000の病院）。"
    assert found(text, "address") == ["行田市持田2-9-14"]


def test_a_column_of_towns_and_numbers_in_a_table_about_people_is_their_addresses() -> None:
    text = "番号\t氏名\t設置場所\t電話\nK-01\t宮下 直人\tけやき台1-19-24\t049-275-1111\n"
    assert found(text, "address") == ["けやき台1-19-24"]


def test_a_roads_number_is_not_an_address() -> None:
    text = "件名\t落札者\n市道50-391号線排水管布設工事\t東北道路(株)\n"
    assert found(text, "address") == []


def test_a_town_with_a_full_street_number_in_a_text_about_people() -> None:
    text = "隣接地所有者：岩城正和（上宗岡3-23-23）\n電話：090-2345-6789"
    assert found(text, "address") == ["上宗岡3-23-23"]


def test_a_town_with_a_street_number_in_a_notice_is_a_place() -> None:
    assert found("下水道工事のお知らせ：上宗岡3-23-23付近で工事を行います。", "address") == []
