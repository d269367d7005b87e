"""Screening of the records staff actually paste: chat logs, e-mail signatures, hand-offs,
pasted ledgers — and the notices, tenders and training texts that must pass."""

import pytest

from checks import screen


def found(text: str, category: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == category]


def categories(text: str) -> set[str]:
    return {f.category for f in screen(text)}


# --- names the surrounding words make certain -------------------------------------------

def test_chat_speakers_with_time_stamps():
    text = ("[09:12] 杉山：窓口に来た方の件、共有します\n"
            "[09:14] 小松 千尋：承知しました。記録に残しておきます\n")
    assert found(text, "person_name") == ["杉山", "小松 千尋"]


def test_a_label_line_is_not_a_speaker():
    text = "日時：令和7年5月1日 午後から\n備考：特にありません\n"
    assert found(text, "person_name") == []


@pytest.mark.parametrize(("text", "name"), [
    ("はじめてご連絡します。市内在住の岩崎と申します。", "岩崎"),
    ("いつもお世話になっております。訪問看護ステーションあおばの今井です。", "今井"),
    ("下記のとおり転送します。\n松尾（障がい福祉課）\n", "松尾"),
    ("ご不明点は下記まで。\n高齢者支援課　地域包括係　石原\n", "石原"),
])
def test_self_introductions_and_signatures(text, name):
    assert name in found(text, "person_name")


@pytest.mark.parametrize(("text", "name"), [
    ("世帯員　中野　フミ子（母）", "中野　フミ子"),
    ("対応者：市民課 西村 まなみ さんに引き継ぎ", "西村 まなみ"),
])
def test_given_names_in_kana(text, name):
    assert name in found(text, "person_name")


def test_a_particle_after_a_surname_is_not_a_given_name():
    assert "佐藤 まで" not in found("ご質問は 佐藤 までお寄せください。", "person_name")


# --- names in fields and ledgers -----------------------------------------------------------

def test_latin_names_under_a_name_label_and_in_a_requester_column():
    text = ("氏名（ローマ字）: PEREIRA COSTA, Ana Beatriz\n"
            "受付日\t請求者\t本人確認書類\n9/8\tTRAN THI HOA\t在留カード\n")
    assert found(text, "person_name") == ["PEREIRA COSTA, Ana Beatriz", "TRAN THI HOA"]


def test_a_name_and_its_other_writing_in_brackets():
    text = "氏名：リー　ウェイ（李 偉）\n生年月日：1990年1月2日\n"
    assert found(text, "person_name") == ["リー　ウェイ", "李 偉"]


def test_what_a_label_asks_for_in_brackets_is_not_a_reading():
    assert found("氏名（カナ）: \n氏名（英字）: \n", "person_name") == []


def test_label_equals_value():
    assert found("受付 担当=久保田\n", "person_name") == ["久保田"]


# --- numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "自宅　〇四二‐三八一‐七七二九",
    "携帯：〇八〇―五五一二―〇〇三四",
    "☎０７０・３３１８・９０２１（本人）",
    "番号は０９０の１１２２の３３４４だそうです",
])
def test_phone_numbers_in_kanji_numerals_or_with_other_separators(text):
    assert found(text, "phone")


def test_a_licence_number_whose_kind_is_in_the_cell_before():
    text = "氏名\t書類\t番号\n森 健\t運転免許証\t6201 3345 8812\n"
    assert found(text, "drivers_license") == ["6201 3345 8812"]
    assert found(text, "my_number") == []


def test_an_account_number_copied_box_by_box():
    assert found("普通預金　口座番号（7桁）\n3 9 1 0 4 4 2\n", "bank_account") == ["3 9 1 0 4 4 2"]


def test_single_digits_with_spaces_elsewhere_are_not_joined():
    assert screen("評価 1 2 3 4 5 6 7 8 の8段階") == []


@pytest.mark.parametrize("text", [
    "生年月日：１９６１年（昭和３６年）４月３日",
    "生年月日：昭和36年（1961年）4月3日",
])
def test_birth_dates_with_both_calendars(text):
    assert found(text, "birth_date")


# --- markings -------------------------------------------------------------------------------

def test_markings_one_after_another_are_all_found():
    assert found("機密性３Ｂ　取扱厳重注意\n家庭訪問記録\n", "confidential_marking") == [
        "機密性３Ｂ", "取扱厳重注意"]
    assert found("【機密性2】 関係者限り\n", "confidential_marking") == ["機密性2", "関係者限り"]


def test_marking_words_quoted_in_an_explanation_pass():
    text = "・「庁内限り」や「取扱注意」といった表示のある資料は、持ち出し前に所属長へ相談します。"
    assert found(text, "confidential_marking") == []


# --- public texts that must pass --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # a facility with its floor and room on the line above its address
    "会場\n新座市立中央公民館　2階　第1会議室\n〒352-0011 新座市野火止三丁目12番4号\n",
    # a facility with its room and the address in brackets
    "期日前投票所　新座市役所 第二庁舎2階 会議室（〒352-8623 新座市野火止一丁目1番1号）\n",
    # a tender's work site
    "(2) 履行場所　新座市栗原五丁目4番1号（新座市立栗原小学校）\n",
    # a rule about applications, stated as a norm
    "3 申請書や届出書により取得した情報は、目的外に利用してはなりません。\n",
    # a quiz whose wrong answer names an application
    "確認テスト：次のうち、入力してよいものはどれですか。\n(1) 受け付けた申請書の内容 (2) 公表済みの計画\n",
])
def test_public_texts_pass(text):
    assert screen(text) == []


def test_a_private_address_under_a_dwelling_label_is_found_despite_its_location_word():
    assert found("被災住家所在地：新座市道場2丁目11番5号\n", "address") == ["新座市道場2丁目11番5号"]


# --- names people give themselves or sign with ------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("お疲れさまです。横山です。\n先日の件で連絡します。", "横山"),
    ("会計課の島田です。請求書の件でご連絡しました。", "島田"),
    ("回答を送付した（道路課 西田）。", "西田"),
    ("ご不明な点は市民税課 岡本までご連絡ください。", "岡本"),
    ("即日交付した。\n受付：森川\n", "森川"),
    ("問い合わせ：自治会連合会 実行委員長 大橋 賢治（内線なし）", "大橋 賢治"),
    ("相談内容：\n母（佐藤 トメ、87歳）の介護について", "佐藤 トメ"),
])
def test_names_given_or_signed(text, name):
    assert name in found(text, "person_name")


def test_a_one_kanji_word_after_a_label_is_not_a_name():
    assert found("確認：済\n対応：了\n", "person_name") == []


def test_district_names_in_a_district_column_are_not_names():
    text = "| 氏名 | 生年月日 | 地区 |\n|---|---|---|\n| 飯田 ハル | 1925年9月2日 | 岩瀬 |\n"
    assert found(text, "person_name") == ["飯田 ハル"]


def test_a_mobile_number_in_a_notice_is_never_an_office_line():
    text = "申込み・問い合わせ：市民まつり実行委員会 事務局長 鈴木（090-6612-3087）"
    assert found(text, "phone") == ["090-6612-3087"]


# --- markings, addresses -------------------------------------------------------------------------

def test_a_list_of_quoted_marking_words_in_an_explanation_passes():
    assert screen("文書には、必要に応じて「取扱注意」「関係者限り」などの表示を行います。") == []


def test_a_marking_followed_by_a_bracketed_note_is_found():
    text = "取扱注意（公表前資料）\n令和7年 人口動態\n"
    assert found(text, "confidential_marking") == ["取扱注意", "公表前資料"]


@pytest.mark.parametrize(("text", "address"), [
    ("送付先住所：茨城県つくば市吾妻一丁目7番2号", "茨城県つくば市吾妻一丁目7番2号"),
    ("現住所：さいたま市浦和区高砂3-15-1", "さいたま市浦和区高砂3-15-1"),
    ("工事場所：新座市大和田2丁目3番4号\n工事内容：浴室改修", "新座市大和田2丁目3番4号"),
])
def test_private_addresses_with_hiragana_place_names_or_at_a_private_works_site(text, address):
    assert found(text, "address") == [address]


@pytest.mark.parametrize("text", [
    "新座市立図書館 利用案内\n〒352-0011 新座市野火止1丁目2番3号\n開館時間：午前9時～午後8時",
    "----\n新座市 環境課 ごみ対策係 鈴木 隆\n〒352-8623 新座市野火止1丁目1番1号\n",
])
def test_an_office_address_under_its_guide_title_or_a_staff_signature_is_public(text):
    assert found(text, "address") == [] and found(text, "postal_code") == []


# --- round three: manuals, signatures, free mail ----------------------------------------------

@pytest.mark.parametrize("text", [
    # a procedure manual describes forms, it does not quote them
    "転出届の受付 事務手順\n1 届書の記載内容（届出人、異動日）を確認する。\n2 申請書の写しと照合する。\n",
    "生成AI利用の研修テキスト\n入力してはいけない情報：\n・契約により守秘義務を課された情報\n",
    # a reading in brackets after a word that is no name
    "個人番号（マイナンバー）や運転免許証の番号は個人識別符号です。",
    # the city hall's own night counter
    "届書は本庁舎北側の夜間休日受付（〒352-8623 新座市野火止一丁目1番1号）でお預かりします。",
])
def test_manuals_and_public_counters_pass(text):
    assert screen(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("被保険者証の件で、小野寺様ご本人から連絡がありました。", "小野寺"),
    ("以上、ご報告いたします。\n\nみらいケア株式会社 片桐\n", "片桐"),
    ("代表者：杉浦 清\n連絡先：市民活動センター経由\n", "杉浦 清"),
    ("次回訪問：11月上旬\n担当CW：早瀬\n", "早瀬"),
    ("寄附者：Maria Lopez\n住所：〒150-0001 東京都渋谷区神宮前1-2-3\n", "Maria Lopez"),
])
def test_more_people_named_in_records(text, name):
    assert name in found(text, "person_name")


@pytest.mark.parametrize("text", [
    "| 日付 | 係 | 氏名 |\n|---|---|---|\n| 10/16 | 受付 | 清野 健太 |\n"
    "| 10/17 | 投票立会人 | 宮原 節子（公募） |\n",
    "犬の名前：モカ（トイプードル、メス）\n",
    "連絡責任者：新堀二丁目自治会長 田村 功\n",
])
def test_duties_pets_and_districts_are_not_names(text):
    for word in ("受付", "投票立会人", "公募", "モカ", "トイプードル", "新堀"):
        assert word not in found(text, "person_name")


def test_a_free_mail_address_of_a_group_representative_is_personal():
    text = "代表者：杉浦 清\n連絡先：satoyama.group@gmail.com／090-1487-3052（代表者携帯）\n"
    assert found(text, "email") == ["satoyama.group@gmail.com"]


def test_a_resident_code_under_a_short_label_in_a_text_about_resident_codes():
    text = "住民票コード変更請求\n請求者：大森 沙織（本人）\n変更前コード：51197181478\n"
    assert found(text, "resident_code") == ["51197181478"]


def test_a_confidentiality_agreement_document_is_contract_secret():
    text = "提出された提案書（秘密保持合意書に基づく開示）は、委員のみ閲覧できます。"
    assert found(text, "contract_secret") == ["秘密保持合意書"]


# --- round four ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "not_a_name"), [
    ("申請者：石川 由美子（保護者）\n", "保護者"),
    ("申請者：杉本 隆之（個人）\n", "個人"),
    ("対象：健診受診者リスト（氏名・生年月日を含む）\n", "リスト"),
    ("犬の名前：コタロウ（柴、オス）\n", "コタロウ"),
])
def test_roles_lists_and_pets_are_not_names(text, not_a_name):
    assert not_a_name not in found(text, "person_name")


def test_a_staff_member_after_the_section_as_a_subject():
    assert "吉岡" in found("対応：資源循環課 吉岡が現地確認予定\n", "person_name")


def test_the_location_of_a_private_property_is_an_address():
    text = "対象物件の所在地：新座市野寺二丁目18番7号\n"
    assert found(text, "address") == ["新座市野寺二丁目18番7号"]


def test_provenance_in_other_phrasings_and_lists_of_forms() -> None:
    from checks import screen
    for text in ("※上記は補装具費支給申請書からの転記です。",
                 "判定：要件確認済み（結婚新生活支援補助金申請書及び住宅賃貸借契約書より）",
                 "あっせん申出書に書かれていた面積は10aです。"):
        assert any(f.category == "application_derived" for f in screen(text)), text
    assert not any(f.category == "application_derived"
                   for f in screen("そして申請書を窓口で受け付けます。"))


def test_a_report_made_under_a_contracts_duty_is_covered_by_it() -> None:
    from checks import screen
    text = "本件は業務委託契約書第9条（秘密の保持）に定める報告義務に基づく事故報告です。"
    assert [f.category for f in screen(text)] == ["contract_secret"]
    assert screen("守秘義務に定める義務に違反した場合は処分の対象となります。") == []


# --- exports, cards and statements written other ways ---------------------------------------

def test_romaji_field_names_of_a_system_export_are_read_as_their_labels() -> None:
    text = ('{"simei": "大塚 ミツ", "hihokensha_bango": "0012345678", "seinengappi": "1941-02-03",'
            ' "updated": "2026-01-05"}\nkouza_no: 7654321\n')
    assert found(text, "person_name") == ["大塚 ミツ"]
    assert found(text, "health_insurance") == ["0012345678"]
    assert found(text, "birth_date") == ["1941-02-03"]
    assert found(text, "bank_account") == ["7654321"]
    assert categories('{"status": "1941-02-03", "no": "1234567"}') == set()


def test_a_card_number_inside_the_brackets_of_the_card_it_belongs_to() -> None:
    text = "遺留品：運転免許証（氏名 岡 一男、住所 新座市栄2-3-4、番号 4410-2233-9087）"
    assert found(text, "drivers_license") == ["4410-2233-9087"]
    assert found("本人確認書類：運転経歴証明書（301122334455）", "drivers_license") == ["301122334455"]


def test_an_insurance_card_number_written_as_one_hyphenated_triple_is_three_values() -> None:
    text = "保険証の番号　01130012-あさ12-3345 を確認"
    assert found(text, "health_insurance") == ["01130012", "あさ12", "3345"]


def test_an_obligation_said_to_cover_this_content_names_what_imposes_it() -> None:
    text = "保守契約の守秘義務があるため、ログは外部に出せません。"
    assert found(text, "contract_secret") == ["保守契約の守秘義務"]
    text = "回答票の内容は地方税法上の守秘義務の対象です。"
    assert found(text, "contract_secret") == ["地方税法上の守秘義務"]
    assert found("受領した資料は秘密保持契約に基づくもので、目的外利用は禁止されています。",
                 "contract_secret") == ["秘密保持契約"]


def test_a_glossary_of_secrecy_grades_marks_nothing() -> None:
    text = "【用語】\n機密性２（２Ａ・２Ｂ）：公表しないことを前提とした情報\n機密性１：公表済みの情報\n"
    assert found(text, "confidential_marking") == []


def test_a_notice_telling_how_form_information_is_used_is_no_provenance() -> None:
    text = "申込書にご記入いただいた内容は、選考の目的以外には利用しません。"
    assert found(text, "application_derived") == []


def test_where_to_send_forms_is_the_offices_address() -> None:
    text = "郵送先：〒352-8623 新座市野火止一丁目1番1号　新座市役所 こども支援課"
    assert categories(text) == set()
    assert found("郵送先：〒352-8623 新座市野火止一丁目1番1号", "address") == ["新座市野火止一丁目1番1号"]


def test_a_municipality_named_in_hiragana_and_its_postal_code_before_it() -> None:
    text = "現住所：356-0011　ふじみ野市福岡2-1-5"
    assert found(text, "address") == ["ふじみ野市福岡2-1-5"]
    assert found(text, "postal_code") == ["356-0011"]


def test_identifiers_in_a_batch_log_and_in_other_groupings() -> None:
    text = "12:00:01 ERROR [if-07] juminhyo_code=12345678901 not found"
    assert found(text, "resident_code") == ["12345678901"]
    text = "宛名番号,住民票コード,氏名\n1234500001,123-4567-8901,山田花子\n"
    assert found(text, "resident_code") == ["123-4567-8901"]


def test_a_postal_savings_account_on_a_row_that_names_the_bank() -> None:
    assert found("大野 咲\tゆうちょ銀行\t-\t23456-12345678\t名義相違", "bank_account") == ["23456-12345678"]


def test_a_mutual_aid_members_card_is_an_insurance_card() -> None:
    assert found("共済 組合員証 記号 412 番号 70213", "health_insurance") == ["412", "70213"]


@pytest.mark.parametrize("text", [
    "名簿は参加者登録申請書から。",
    "※経歴は職務経歴書記載のとおり",
    "※連絡先は占用許可申請書の控えから写した。",
    "※電話番号は申込書に書いてあったもの。",
    "元データ：施設利用登録申請書",
])
def test_provenance_said_in_a_clerks_shorthand(text: str) -> None:
    assert found(text, "application_derived")


def test_a_resident_mentioning_the_city_bulletin_does_not_make_the_text_a_notice() -> None:
    text = ("受付番号 12\n投稿者：杉田 蒼\n内容：広報紙の字が小さい。\n"
            "住所：〒351-0034 朝霞市本町1-2-3\n電話：048-471-2398\n")
    assert found(text, "phone") == ["048-471-2398"]
    assert found(text, "address") == ["朝霞市本町1-2-3"]


def test_a_list_item_opening_with_a_name_and_a_bracketed_date_gives_both() -> None:
    text = "・グエン ミン（R1.5.20）保育所の申込み中\n・児童2：佐野 陽葵（H31.2.3、年長）"
    assert found(text, "person_name") == ["グエン ミン", "佐野 陽葵"]
    assert found(text, "birth_date") == ["R1.5.20", "H31.2.3"]
    assert found("出張報告 第2回（令和8年5月12日）", "birth_date") == []


def test_a_relation_word_before_a_name_in_a_household_field() -> None:
    text = "世帯員：妻 北条 弥生（S41.3.30）、本人（S39.8.1）"
    assert found(text, "person_name") == ["北条 弥生"]
    assert found(text, "birth_date") == ["S41.3.30", "S39.8.1"]


def test_dates_under_a_fixed_width_header_naming_the_birth_column() -> None:
    text = ("続柄　氏名　　　　生年月日\n長男　小川 湊　　2011/06/02\n次女　小川 凛　　2015/10/19\n\n"
            "届出日　2024/04/01\n")
    assert found(text, "birth_date") == ["2011/06/02", "2015/10/19"]


def test_a_column_headed_by_a_persons_role_holds_names() -> None:
    text = ("日付\t車両\t運転者\t行先\tアルコール確認者\n"
            "4/2\t公用5号\t森 翼\t県庁\t南\n4/9\t公用5号\t西 結衣\t県庁\t光\n")
    assert found(text, "person_name") == ["森 翼", "南", "西 結衣", "光"]


def test_an_html_tables_cells_line_up_with_its_header() -> None:
    text = ("<table>\n<tr><th>日付</th><th>人数</th><th>引率者</th></tr>\n"
            "<tr><td>6/1</td><td>9</td><td>朝霞</td></tr>\n</table>")
    assert found(text, "person_name") == ["朝霞"]


def test_latin_names_in_quoted_csv_cells_under_a_name_column() -> None:
    text = '"日付","氏名","国籍"\n"3/2","NGUYEN VAN AN","VNM"\n"3/4","Maria SILVA","BRA"\n'
    assert found(text, "person_name") == ["NGUYEN VAN AN", "Maria SILVA"]


def test_a_form_label_spaced_letter_by_letter_still_labels_its_value() -> None:
    text = "申 請 者  宇佐美 勝\n配 偶 者：宇佐美 ハナ\n"
    assert found(text, "person_name") == ["宇佐美 勝", "宇佐美 ハナ"]


def test_a_label_and_its_value_a_tab_apart_but_not_a_tables_header() -> None:
    assert found("相手方\t白井 拓真（64歳）\n住所\t志木市本町1-2-3", "person_name") == ["白井 拓真"]
    assert found("氏名\tフリガナ\t生年月日\n", "person_name") == []


def test_key_value_logs_name_people_by_english_keys() -> None:
    text = "2026-02-01 10:00:00 INFO applicant=吉野 真央 status=ok\ntable=pay emp_name=梅津由香 bank=0017"
    assert found(text, "person_name") == ["吉野 真央", "梅津由香"]


def test_counter_chat_with_the_words_said_in_quotes_after_the_time() -> None:
    text = ("窓口2番 西 10:02 「申請書の控えをお持ちですか」\n"
            "係長 南 10:04 「コピーを取ってください」\n窓口2番 西 10:05 「承知しました」")
    assert set(found(text, "person_name")) == {"西", "南"}


def test_a_web_pages_contact_list_in_dl_markup_is_the_offices() -> None:
    mail = "kodomo@city.niiza.example.lg.jp"
    text = ("<dl>\n<dt>担当</dt><dd>新座市 こども家庭課</dd>\n"
            "<dt>住所</dt><dd>〒352-8623 埼玉県新座市野火止一丁目1番1号</dd>\n"
            "<dt>電話</dt><dd>048-477-1111（代表）</dd>\n"
            f"<dt>メール</dt><dd><a href=\"mailto:{mail}\">{mail}</a></dd>\n</dl>")
    text = "お問い合わせ\n" + text
    assert categories(text) == set()


def test_a_functional_mailbox_of_a_public_body_names_no_person() -> None:
    assert categories("notify:\n  mailbox: bousai-2@city.niiza.example.lg.jp\n") == set()
    mail = "sato-k@city.niiza.example.lg.jp"
    assert found(f"担当：佐藤（{mail}）", "email") == [mail]


def test_thanking_for_an_inquiry_does_not_make_a_reply_a_notice() -> None:
    text = ("德永 麻衣 様\nお問い合わせいただき、ありがとうございます。霊園管理事務所の上野です。\n"
            "> 德永 麻衣\n> 〒064-0803 札幌市中央区南3条西25丁目2番18号\n> 011-561-7084\n")
    assert found(text, "phone") == ["011-561-7084"]


def test_athletes_named_in_a_bulletins_results_are_public() -> None:
    text = ("市民駅伝大会　結果報告（広報9月号掲載原稿）\n一般男子　優勝　宮本大輔（栄クラブ）\n"
            "大会記録を更新した宮本大輔さんは「また挑戦したい」と話していました。")
    assert all(f.severity == "warn" for f in screen(text))


def test_a_blank_forms_label_followed_by_another_label() -> None:
    assert found("受給者　氏名：＿＿＿＿＿　生年月日：昭和　　年　　月　　日", "person_name") == []


def test_numbers_under_a_fixed_width_header_naming_their_kind() -> None:
    text = ("住民票コード  氏名          住所\n------------------------------\n"
            "12345678901  大野 咲      新座市栄1-2-3\n")
    assert found(text, "resident_code") == ["12345678901"]


def test_an_account_written_into_a_sentence_after_its_branch() -> None:
    text = "口座振替を希望されたので、武蔵野銀行 朝霞支店の1234567（普通）で手続きを案内した。"
    assert found(text, "bank_account") == ["1234567"]


def test_the_year_a_named_person_was_born_but_not_a_historical_figures() -> None:
    assert found("訪問した。新井さんは昭和21年生まれの80歳で一人暮らし。", "birth_date") == ["昭和21年"]
    assert found("実業家の渋沢栄一（天保11年生まれ）が設立した。", "birth_date") == []
    assert found("昭和40年生まれの方を対象に", "birth_date") == []


@pytest.mark.parametrize("text", [
    "この件は転入届を見て分かったことですが、実際は単身赴任です。",
    "世帯変更届を確認したところ、前の住所に住んでいた。",
    "受付時の相続人代表者指定届に記入があったので分かった。",
])
def test_provenance_told_as_what_the_form_showed(text: str) -> None:
    assert found(text, "application_derived")


@pytest.mark.parametrize(("text", "name"), [
    ("ベンダーからの資料は秘密保持契約がかかってるので転送しないでね", "秘密保持契約"),
    ("この先は保守契約第9条（秘密保持）にかかるものですので、ご注意を。", "保守契約第9条（秘密保持）"),
    ("一応守秘義務の縛りがあるので、共有は課内だけに。", "守秘義務"),
])
def test_secrecy_said_casually_of_this_content(text: str, name: str) -> None:
    assert found(text, "contract_secret") == [name]


def test_a_card_records_branch_number_in_an_export() -> None:
    text = '国保の資格異動データです。\n{"kigo": "新座22", "bango": "15638", "edaban": "02"}'
    assert found(text, "health_insurance") == ["新座22", "15638", "02"]
