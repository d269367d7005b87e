"""Documents written unlike the development set (other labels, layouts and wordings).

Each case is a realistic municipal text: what must be found is listed by category, and
public texts (notices, statistics, law, the guideline's own explanations) must pass.
"""

from __future__ import annotations

from checks import screen


def found(text: str, category: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == category]


def blocked(text: str) -> list[tuple[str, str]]:
    return [(f.category, text[f.start:f.end]) for f in screen(text) if f.severity == "block"]


# --- addresses and postal codes -------------------------------------------------------

def test_address_under_a_delivery_label_without_postal_hyphen():
    text = "お届け先：〒3520001 新座市東北1-2-3 メゾン新座202\n☎ 090-1234-5678\n"
    assert found(text, "postal_code") == ["3520001"]
    assert found(text, "address") == ["新座市東北1-2-3 メゾン新座202"]
    assert found(text, "phone") == ["090-1234-5678"]


def test_home_address_in_kanji_numerals_with_parenthesised_area_code():
    text = "所在地（自宅）：東京都練馬区大泉町三丁目十二番地五号\n電話：（048）477-1111\n"
    assert found(text, "address") == ["東京都練馬区大泉町三丁目十二番地五号"]
    assert found(text, "phone") == ["（048）477-1111"]


def test_hokkaido_numbered_blocks_belong_to_the_address():
    text = "居住地：北海道札幌市中央区北1条西2丁目1番地\n"
    assert found(text, "address") == ["北海道札幌市中央区北1条西2丁目1番地"]


def test_csv_of_people_with_a_location_column_is_personal():
    text = ("No,氏名,所在地,連絡先,誕生日\n1,田中一郎,新座市野火止1-1-1,048-111-2222,1970/1/2\n"
            "2,高橋二郎,新座市東北2-2-2,090-2222-3333,1980/3/4\n")
    assert found(text, "address") == ["新座市野火止1-1-1", "新座市東北2-2-2"]
    assert found(text, "phone") == ["048-111-2222", "090-2222-3333"]
    assert found(text, "birth_date") == ["1970/1/2", "1980/3/4"]


def test_facility_list_table_passes():
    text = "市内の公民館一覧\n名称\t所在地\t電話\n栄公民館\t新座市栄3-9-21\t048-478-0861\n"
    assert screen(text) == []


# --- contact details ------------------------------------------------------------------

def test_office_contact_block_in_a_notice_passes():
    text = "お問い合わせ先\n新座市 市民安全課 防犯係\nTEL.048-424-9603\nE-mail：anzen@city.niiza.lg.jp\n"
    assert screen(text) == []


def test_office_main_number_marked_daihyo_after_the_number_passes():
    text = "新座市役所\n〒352-8623 埼玉県新座市野火止一丁目1番1号\n電話：048-477-1111（代表）\n"
    assert screen(text) == []


def test_public_facility_number_on_its_line_passes():
    assert screen("図書館の休館日\n中央図書館 電話 048-481-1234\n") == []


def test_residents_mail_signature_is_found():
    text = "差出人: 木村 健 <ken.kimura@gmail.com>\n件名: 申請について\n\n自宅電話 042(123)4567\n"
    assert found(text, "email") == ["ken.kimura@gmail.com"]
    assert found(text, "phone") == ["042(123)4567"]


# --- numbers identified by their label ------------------------------------------------

def test_yucho_account_with_separate_symbol_and_number_labels():
    assert found("口座情報：ゆうちょ銀行 記号10170 番号12345671\n", "bank_account") == ["10170", "12345671"]


def test_branch_number_and_account_without_the_word_futsu():
    assert found("振込先 埼玉りそな銀行 店番123 口座7654321\n", "bank_account") == ["7654321"]


def test_insurance_symbol_and_number_given_separately():
    assert found("国民健康保険 被保険者証 記号 12 番号 345\n", "health_insurance") == ["12", "345"]
    assert "2345" in found("保険証の記号：埼01 番号：2345\n", "health_insurance")


# --- markings, contracts, applications ------------------------------------------------

def test_marking_variants_standing_on_their_own():
    assert found("取扱厳重注意\n職員健康診断結果一覧\n", "confidential_marking") == ["取扱厳重注意"]
    assert found("（外部非公開）\n庁内検討会議 資料\n", "confidential_marking") == ["外部非公開"]
    assert found("◎取扱注意◎\n案件概要\n", "confidential_marking") == ["取扱注意"]
    assert found("《取扱厳秘》\n", "confidential_marking") == ["取扱厳秘"]
    assert found("【機密性2】\n令和7年度予算要求資料（案）\n", "confidential_marking") == ["機密性2"]
    assert found("秘\n人事異動内示一覧\n", "confidential_marking") == ["秘"]


def test_marking_declared_of_this_mail():
    assert found("このメールは部外秘です。転送しないでください。\n", "confidential_marking") == ["部外秘"]
    assert found("本資料は部外秘扱いとします。\n", "confidential_marking") == ["部外秘"]


def test_words_that_only_contain_a_marking_pass():
    for text in ("秘書課からのお知らせ\n", "取扱注意の表示がある文書は、生成AIに入力しないでください。\n",
                 "機密性2の情報とは、公表しないことを前提とした情報をいう。\n",
                 "非公開の会議は、議事録を要旨のみ公表する。\n"):
        assert found(text, "confidential_marking") == [], text


def test_nda_wordings():
    assert found("本件はNDAの対象です。\n", "contract_secret") == ["NDA"]
    text = "※本資料は機密保持契約を締結したうえで受領したものです。\n"
    assert found(text, "contract_secret") == ["機密保持契約"]
    assert found("ベンダーとのNDAに基づき提供された価格表です。\n", "contract_secret") == ["NDA"]


def test_asking_about_an_nda_template_passes():
    assert screen("秘密保持契約の雛形を作成する際の留意点を教えてください。\n") == []


def test_application_derived_wordings():
    cases = {
        "申請書から転記した内容は次のとおりです。\n": "申請書から転記",
        "届出内容によると、世帯員は3名である。\n": "届出内容によると",
        "相談記録より：本人は就労を希望している。\n": "相談記録より",
        "児童手当認定請求書に記入された内容を整理してください。\n": "請求書に記入された",
        "転入届で提出された情報をもとに一覧を作成しました。\n": "転入届で提出された",
        "申込書記載事項（抜粋）\n": "申込書記載事項",
    }
    for text, phrase in cases.items():
        spans = found(text, "application_derived")
        assert any(phrase in s for s in spans), (text, spans)


def test_a_form_heading_before_the_phrase_is_not_a_second_finding():
    text = "転入届より：申請書に記載された事項を整理してください。\n"
    assert found(text, "application_derived") == ["申請書に記載された"]


def test_explaining_how_to_fill_in_a_form_passes():
    assert screen("申請手続きのご案内：申請書に必要事項を記入し、窓口に提出してください。\n") == []
    assert screen("申請書の書き方の説明会を開催します。\n") == []


# --- round 2: labels on the line above, ranges, other numbers -------------------------

def test_birth_date_written_with_both_calendars():
    assert found("生年月日　1985（昭和60）年4月1日\n", "birth_date") == ["1985（昭和60）年4月1日"]


def test_eligibility_range_of_birth_dates_in_a_notice_passes():
    text = "子宮頸がん予防接種のお知らせ\n対象：平成9年4月2日生まれから平成20年4月1日生まれの女性\n"
    assert screen(text) == []


def test_a_resident_born_on_a_date_is_still_found():
    text = "昭和30年10月10日生まれの男性から相談があった。\n"
    assert found(text, "birth_date") == ["昭和30年10月10日"]


def test_phone_with_dots():
    assert found("連絡先 080.1234.5678\n", "phone") == ["080.1234.5678"]


def test_account_number_under_a_label_on_the_line_above():
    assert found("埼玉縣信用金庫 志木支店\n普通預金\n6789012\n", "bank_account") == ["6789012"]


def test_digit_count_in_a_label_does_not_hide_the_label():
    assert found("免許証の番号（12桁）：301234567891\n", "drivers_license") == ["301234567891"]
    assert found("住民票コード（11桁）：12345678901\n", "resident_code") == ["12345678901"]
    assert found("被保番号 12345678\n", "health_insurance") == ["12345678"]


def test_order_number_column_is_not_a_my_number():
    from checks.rules.my_number import check_digit
    order = "20251126000" + str(check_digit("20251126000"))
    assert screen(f"受注番号,品名,数量\n{order},コピー用紙,10\n") == []


def test_facility_named_on_the_next_line_or_in_brackets_passes():
    assert screen("開館時間：9時～17時　電話：048-481-0000　休館日：月曜日\n（新座市立中央図書館）\n") == []
    assert screen("郵便番号：352-8623（新座市役所）\n") == []


def test_marking_between_reference_marks_and_contract_clause_titles():
    text = "※取扱い注意※ 以下の内容は外部に出さないでください。\n"
    assert found(text, "confidential_marking") == ["取扱い注意"]
    text = "委託契約書第10条（秘密の保持）に基づき受領した資料です。\n"
    assert found(text, "contract_secret") == ["委託契約書第10条（秘密の保持）"]
    assert found("NDA締結先：株式会社サンプル\n", "contract_secret") == ["NDA"]


def test_law_text_on_secrecy_passes():
    text = "地方公務員法第34条（秘密を守る義務）\n職員は、職務上知り得た秘密を漏らしてはならない。\n"
    assert screen(text) == []


# --- round 3: signatures, classification fields, plan sections ------------------------

def test_residents_mail_signature_without_labels():
    text = ("お世話になっております。\n-----\n山田 太郎\n〒352-0011 新座市野火止3-4-5\n"
            "TEL 048-123-4567\nMail yamada@example.jp\n")
    assert found(text, "postal_code") == ["352-0011"]
    assert found(text, "address") == ["新座市野火止3-4-5"]
    assert found(text, "phone") == ["048-123-4567"]
    assert found(text, "email") == ["yamada@example.jp"]


def test_office_signature_in_a_letter_to_a_resident_stays_flagged():
    text = ("佐藤 様\n\n先日のご相談の件でご連絡いたします。\n\n新座市 福祉課 高齢者支援係\n担当：鈴木\n"
            "TEL: 048-477-1111 内線 123\nMail: fukushi@city.niiza.lg.jp\n")
    assert found(text, "phone") == ["048-477-1111"]
    assert found(text, "email") == ["fukushi@city.niiza.lg.jp"]


def test_licence_label_on_the_line_above_its_number():
    assert found("運転免許証\n番号：第301234567890号\n", "drivers_license") == ["301234567890"]


def test_marking_as_the_value_of_a_classification_field():
    assert found("取扱区分：部外秘\n", "confidential_marking") == ["部外秘"]
    assert found("機密区分：機密性2\n", "confidential_marking") == ["機密性2"]


def test_public_texts_with_place_like_numbers_pass():
    for text in (
        "第2次新座市総合計画3-1-2 施策の方向性\n",
        "国道254号線の拡幅工事（新座市野火止2丁目付近）\n",
        "市内の郵便局　新座郵便局 〒352-8799 新座市野火止5-2-55\n",
        "イベント一覧\n日付\t会場\t電話\n12/6\t新座市民会館\t048-478-1111\n12/13\t福祉の里\t048-481-3333\n",
        "メールアドレスの書き方：半角英数字で入力してください（例：info@example.com）。\n",
        "昭和56年5月31日以前に建築された住宅の耐震診断を補助します。\n",
        "会社概要\n本社所在地：東京都新宿区西新宿2-8-1\n設立：1990年4月1日\n",
    ):
        assert blocked(text) == [], text
