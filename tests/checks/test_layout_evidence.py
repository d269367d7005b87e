"""What a reader takes from the layout and the words around a value, not from a list: the
minutes' 君, a JSON facility record, a contact line, a chat's speakers, names in passport
capitals, forms named by their head word, markings listed in one bracket, samples marked 例.
The rules came from round 17 (written apart); the texts here are new."""

from __future__ import annotations

from checks import screen


def found(text: str, category: str | None = None) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if category is None or f.category == category]


def blocked(text: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.severity == "block"]


MINUTES = ("令和7年第2回桐生市議会定例会会議録（第2号）\n\n"
           "○議長（相沢　勝君）　日程第1、一般質問を行います。4番、小倉　葉子君。\n"
           "〔4番　小倉　葉子君登壇〕\n○4番（小倉　葉子君）　通告に従い質問します。\n"
           "○議長（相沢　勝君）　福祉部長。\n〔福祉部長　丸山　聡君登壇〕\n"
           "○福祉部長（丸山　聡君）　お答えいたします。\n")


def test_members_and_officials_speaking_in_minutes_are_not_reported() -> None:
    assert found(MINUTES, "person_name") == []


def test_a_private_person_named_in_minutes_is_still_reported() -> None:
    text = MINUTES + "○4番（小倉　葉子君）　相談者の本田様の電話 090-1111-2222 に連絡しました。\n"
    assert "090-1111-2222" in blocked(text)


def test_a_facility_list_in_json_is_published_information() -> None:
    text = ('[\n {\n  "name": "北部公民館",\n  "address": "群馬県桐生市本町3-4-5",\n'
            '  "tel": "0277-11-2233",\n  "lat": 36.4,\n  "lon": 139.3\n },\n'
            ' {\n  "name": "市民体育館",\n  "address": "群馬県桐生市元宿町1-2-3",\n'
            '  "tel": "0277-11-4455",\n  "lat": 36.41,\n  "lon": 139.31\n }\n]\n')
    assert blocked(text) == []


def test_a_persons_record_in_json_is_still_private() -> None:
    text = '{\n  "name": "木下 奈央",\n  "address": "群馬県桐生市本町3-4-5",\n  "tel": "090-1234-5566"\n}\n'
    assert "木下 奈央" in found(text, "person_name")
    assert "090-1234-5566" in blocked(text)


def test_a_line_giving_a_surname_and_a_telephone_number_names_a_person() -> None:
    assert found("ご確認をお願いします。\n> 福岡　0277-55-1234\n", "person_name") == ["福岡"]
    assert found("資料は明日送ります。\n宮本（携帯 080.1234.5678）\n", "person_name") == ["宮本"]
    assert found("夜間 0120-000-111\n代表 0277-11-0000\n", "person_name") == []


def test_every_speaker_of_a_short_stamped_chat_is_a_person() -> None:
    text = "09:10 池田: 現地に着きました\n09:14 角: 了解、写真お願いします\n"
    assert found(text, "person_name") == ["池田", "角"]
    assert found("[09:00] 開会: 市長あいさつ\n[09:30] 休憩: 10分\n", "person_name") == []


def test_a_name_in_capitals_is_read_by_its_label_or_what_follows_it() -> None:
    assert found("カード名義：MORI KENTA", "person_name") == ["MORI KENTA"]
    assert found("OLIVEIRA ANA PAULA です。よろしくお願いします。", "person_name") == ["OLIVEIRA ANA PAULA"]
    assert found("落とし物の旅券：LEE MINHO、番号 TS7654321", "person_name") == ["LEE MINHO"]
    assert found("NPO JAPAN です。", "person_name") == []


def test_an_english_name_column_holds_names_unless_the_table_lists_places() -> None:
    people = "No,Name,Class\n1,NGUYEN THI LAN,土曜\n"
    assert found(people, "person_name") == ["NGUYEN THI LAN"]
    places = "No,latitude,longitude,name,tel\n1,36.4,139.3,南部出張所,0277-22-0000\n"
    assert blocked(places) == []


def test_passports_of_other_countries_are_found_after_their_word() -> None:
    assert found("旅券は K1234567 とのこと。", "passport") == ["K1234567"]
    assert found("旅券番号：512345678", "passport") == ["512345678"]
    assert found("旅券申請の受付番号 512345678", "passport") == []


def test_forms_are_named_by_their_head_word_and_what_was_read_off_them() -> None:
    assert found("来所予約票によると、相談は二回目。", "application_derived") == ["来所予約票によると"]
    assert found("出典：ごみ収集受付シート", "application_derived") == ["ごみ収集受付シート"]
    assert found("応募シートに記載した電話番号が不通。", "application_derived") == ["応募シートに記載した"]
    assert found("住民票の写しと受付票を確認した。", "application_derived") == []
    assert found("本条は、申請書に記載された個人情報の取扱いについて定める。", "application_derived") == []


def test_markings_listed_in_one_bracket_mark_the_text() -> None:
    assert found("面談記録\n（庁内限り・複写禁止）\n", "confidential_marking") == ["庁内限り"]
    assert found("取扱注意・部外秘などの表示がある文書は", "confidential_marking") == []


def test_a_value_shown_as_an_example_is_a_sample() -> None:
    assert found("在留カードの番号（例：AB 1234 5678 CD）", "residence_card") == []
    assert found("記載例 AB12345678CD（例）", "residence_card") == []


def test_a_contract_s_name_takes_in_what_it_is_about() -> None:
    text = "本データは空き家バンク運営に関する協定書第9条（秘密の保持）に基づき提供します。"
    assert found(text, "contract_secret") == ["空き家バンク運営に関する協定書第9条（秘密の保持）"]


def test_a_surname_with_a_kana_given_name_glued_to_it_is_a_name_in_a_name_column() -> None:
    text = "番号        氏名        区分\n1201  岡野ハル      変更\n1202  森田キク      停止\n"
    assert found(text, "person_name") == ["岡野ハル", "森田キク"]


def test_a_two_column_table_of_labels_and_values_reads_like_a_form() -> None:
    text = "| 項目 | 内容 |\n|---|---|\n| 相談者 | 水野　光 |\n| 学校 | 西小学校 |\n"
    assert found(text, "person_name") == ["水野\u3000光"]


def test_a_number_answering_a_question_takes_its_kind_from_the_question() -> None:
    text = "10:02 中村: 基礎年金番号わかりますか\n10:05 北村: はい、5120345678 です\n"
    assert found(text, "pension_number") == ["5120345678"]
    assert found("10:05 北村: はい、5120345678 です\n", "pension_number") == []


def test_a_building_s_name_with_a_middle_dot_and_a_dashed_room_is_part_of_the_address() -> None:
    assert found("工事先（桐生市本町2982番地2メゾン・ド・ソレイユ207号室）", "address") == [
        "桐生市本町2982番地2メゾン・ド・ソレイユ207号室"]
    assert found("住所 元宿町6-17-25 グリーン東－201）", "address") == ["元宿町6-17-25 グリーン東－201"]


def test_a_register_of_businesses_with_their_staff_keeps_its_addresses() -> None:
    text = ("事業者名\t法人番号\t担当者\t所在地\n"
            "株式会社みどり建設\t3873239377517\t北 大輔\t桐生市本町6丁目6番11号\n")
    assert found(text, "address") == ["桐生市本町6丁目6番11号"]


def test_kanji_numerals_that_are_words_or_names_are_not_folded_to_digits() -> None:
    assert found("濱田 一番様から電話があった。", "person_name") == ["濱田 一番"]
    assert found("送付先：三重県四日市市諏訪町1-5 鈴木様方", "address") == ["三重県四日市市諏訪町1-5"]
    assert found("住所：新座市野火止一丁目三番五号", "address") == ["新座市野火止一丁目三番五号"]


def test_a_firm_named_like_a_person_is_a_firm() -> None:
    assert "サクラテック" not in found("委託先の株式会社サクラテック、北野です。", "person_name")
    table = "申請者\t購入店\t金額\n小松 由香\tめがねのヤマモト\t12,000\n"
    assert found(table, "person_name") == ["小松 由香"]


def test_the_head_of_a_speaker_line_in_minutes_is_the_record_s() -> None:
    text = ("令和7年6月定例会 会議録（抜粋）\n○市長（大谷 誠）　お答えいたします。\n"
            "○桑原 由美議員　再質問いたします。\n")
    assert found(text, "person_name") == []


def test_records_whose_name_is_a_facility_are_a_facility_list() -> None:
    text = ('{"facilities": [\n  {\n   "id": 1,\n   "name": "南部公民館1",\n'
            '   "address": "群馬県桐生市本町3-4-5",\n   "tel": "0277-11-2233"\n  },\n'
            '  {\n   "id": 2,\n   "name": "市民センター2",\n   "address": "群馬県桐生市元宿町1-2-3",\n'
            '   "tel": "0277-11-4455"\n  }\n ]\n}\n')
    assert blocked(text) == []
