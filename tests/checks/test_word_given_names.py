"""A given name the dictionary reads as an ordinary word (希望, 平和, 朝霞, 心春, 葵) is found
from where it stands: after a surname up to an honorific, an age or a birth date; before
ちゃん/くん; in a name field after a surname. A name in passport capitals, and the columns of a
fixed-width printout, are read the same way. The rules came from round 15 (written apart);
the texts here are new."""

from __future__ import annotations

from checks import screen


def found(text: str, category: str = "person_name") -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == category]


def test_the_whole_name_is_found_when_the_given_name_is_an_ordinary_word() -> None:
    assert found("送付先：朝霞市本町2-3-4\n坂本　希望　様") == ["坂本\u3000希望"]
    assert found("窓口に来られた宮田 平和さん（76歳）から相談があった。") == ["宮田 平和"]
    assert found("・石井朝霞（平成3年6月1日）　同居") == ["石井朝霞"]
    assert found("相談者の大野　光（42歳）は、") == ["大野\u3000光"]


def test_a_post_a_business_or_a_spaced_heading_after_a_surname_is_not_a_given_name() -> None:
    assert found("本件は山田課長様に報告済み。") == []
    assert found("林工業さんと高橋歯科様へ発注した。") == []
    assert found("(2) 履 行 場 所 仕様書のとおり") == []


def test_a_child_is_named_before_chan_or_kun_but_kin_pets_and_shops_are_not() -> None:
    assert found("延長保育の希望は葵ちゃん（3歳）と大和くん。") == ["葵", "大和"]
    assert found("子どもはひなたちゃんで、") == ["ひなた"]
    assert found("お姉ちゃんと赤ちゃんとワンちゃんが来た。書類をちゃんと確認する。") == []
    assert found("名称：まるちゃん食堂\n住所：新座市野火止1-2-3") == []


def test_a_name_field_whose_head_is_a_surname_holds_the_whole_name() -> None:
    assert found("■届出人氏名　横山心春\n■続柄　本人") == ["横山心春"]
    assert found("申出者：和田希望　昭48.2.3生") == ["和田希望"]
    assert found("面談者：保健師 八月一日") == []


def test_passport_capitals_are_a_name_with_an_honorific_or_under_romaji() -> None:
    assert found("KATO YUMIさんの申請書は受付済み。") == ["KATO YUMI"]
    assert found("申請者：加藤由美　ローマ字 KATO YUMI") == ["加藤由美", "KATO YUMI"]
    assert found("NPO法人 ABC JAPANさんと協議した。") == []


def test_the_columns_of_a_fixed_width_printout_are_read_under_their_heads() -> None:
    text = ("納税義務者  金融機関        口座番号   名義（ｶﾅ）   返却理由\n"
            "---------------------------------------------------------\n"
            "吉川 勝     埼玉縣信用金庫  9943532    ﾖｼｶﾜ ﾏｻﾙ     印鑑相違\n")
    assert "ﾖｼｶﾜ ﾏｻﾙ" in found(text)
    assert "9943532" in found(text, "bank_account")


def test_a_csv_row_after_a_quoted_cell_with_a_line_break_keeps_its_columns() -> None:
    text = ("申請者,住所,運転免許証番号,電話\n"
            "小池 健,\"和光市白子3丁目18番34号\n"
            "コーポ白子409号室\",431646223510,042-236-7962\n"
            "杉本 光,志木市館2-5-19,301963863361,070-2451-2150\n")
    assert found(text, "drivers_license") == ["431646223510", "301963863361"]
    assert "杉本 光" in found(text)


def test_a_form_title_qualified_by_its_business_is_named_whole() -> None:
    assert found("出典：戸籍事務における附票記載事項申出書\n申出者　小池 健",
                 "application_derived") == ["戸籍事務における附票記載事項申出書"]
    assert found("屋外広告物の表示に係る許可の申請書（転記）\n申請者: 杉本", "application_derived") \
        == ["屋外広告物の表示に係る許可の申請書"]


def test_a_given_name_alone_before_its_birth_date_in_a_list_or_row_is_a_name() -> None:
    assert found("対象児童：\n・陽菜（平成27年5月3日生）\n・湊（平成30年1月9日生）") == ["陽菜", "湊"]
    assert found("専門里親  結衣（H24.4.17）") == ["結衣"]
    assert found("庁議（令和8年10月19日）議事メモ") == []
    assert found("・開館（平成25年11月8日）") == []


def test_a_letters_addressee_line_names_the_person_after_the_section() -> None:
    assert found("所沢市 福祉総務課　春日様\n\n新座市福祉課の者です。") == ["春日"]
    assert found("ご担当者様\n皆様") == []


def test_a_full_name_written_with_a_space_in_prose_is_a_name() -> None:
    assert found("訓練では会長の九十九 勇の挨拶の後、放水を行った。") == ["九十九 勇"]
    assert found("父親である村田 裕太氏とは連絡が取れていない。") == ["村田 裕太"]


def test_a_sentence_about_examples_does_not_make_its_line_a_sample() -> None:
    text = "様式の記入例の充実に反映させた。なお、緊急時の連絡先は090-2269-4872である。"
    assert found(text, "phone") == ["090-2269-4872"]
    assert found("記入例：山田太郎　090-1234-5678", "phone") == []


def test_a_date_whose_clause_says_someone_was_born_on_it_is_a_birth_date() -> None:
    assert found("児は2025年2月15日に市内の産院で出生し、経過は順調。", "birth_date") == ["2025年2月15日"]
    assert found("令和7年4月2日以降に生まれた子どもが対象です。", "birth_date") == []


def test_a_marking_as_a_sentences_predicate_or_on_a_part_is_a_marking() -> None:
    assert found("※名簿の一部は取扱注意。転送しないこと。", "confidential_marking") == ["取扱注意"]
    assert found("会議メモ　※部外秘部分\n【議題】道路計画", "confidential_marking") == ["部外秘"]
    assert found("「取扱注意」とは、次の情報をいう。", "confidential_marking") == []


def test_a_secrecy_obligation_said_to_apply_to_this_content_is_found() -> None:
    assert found("記載内容は守秘義務の適用を受けます。", "contract_secret") == ["守秘義務"]
    assert found("本報告書はNDAに基づき取り扱われるものとします。", "contract_secret") == ["NDA"]
    assert found("秘密保持誓約書がかかっている話なので議事録に残さない。", "contract_secret") \
        == ["秘密保持誓約書"]
    assert found("秘密保持契約に基づき提供された情報は入力できません。", "contract_secret") == []


def test_a_form_title_with_a_bracket_inside_is_found_whole() -> None:
    assert found("上記は防火対象物使用（変更）届出書の記載事項です。", "application_derived") \
        == ["防火対象物使用（変更）届出書の記載事項"]
    assert found("住所（申請書の記載による）", "application_derived") == ["申請書の記載"]


def test_a_cards_symbol_and_number_as_two_fields_of_one_record_are_both_found() -> None:
    text = ('[{"shimei": "宮本 勇", "hokensha_bango": "110043",\n'
            ' "kigo": "朝霞12",\n "bango": "40517",\n "edaban": "01"}]')
    assert found(text, "health_insurance") == ["110043", "朝霞12", "40517", "01"]


def test_an_address_in_brackets_after_a_name_is_an_address_not_more_names() -> None:
    text = "相談者：杉本拓海（埼玉県朝霞市根岸台692番地の19 ハイツ根岸402）"
    assert found(text) == ["杉本拓海"]
    assert found(text, "address") == ["埼玉県朝霞市根岸台692番地の19 ハイツ根岸402"]


def test_an_xml_exports_elements_are_read_as_labels_and_values() -> None:
    text = ("<Setainin>\n  <Shimei>柴田 陽菜</Shimei>\n  <SeinenGappi>2015-04-11</SeinenGappi>\n"
            "  <JuminhyoCode>33958523265</JuminhyoCode>\n</Setainin>\n<Hoken>\n"
            "  <HokenshaBango>01346380</HokenshaBango>\n  <Kigo>167-69</Kigo>\n  <Bango>189</Bango>\n"
            "</Hoken>")
    assert found(text) == ["柴田 陽菜"]
    assert found(text, "birth_date") == ["2015-04-11"]
    assert found(text, "resident_code") == ["33958523265"]
    assert found(text, "health_insurance") == ["01346380", "167-69", "189"]


def test_a_tables_symbol_and_number_columns_on_a_postal_bank_row_are_the_account() -> None:
    text = ("従事者\tフリガナ\t振込先\t記号\t番号\n"
            "上田　直樹\tウエダ ナオキ\tゆうちょ銀行\t17370\t59920311\n")
    assert found(text, "bank_account") == ["17370", "59920311"]


def test_names_a_mail_header_an_approval_row_or_a_tasks_bracket_puts_in_place() -> None:
    assert found("To: 岡本希望 <okamoto-n@city.example.lg.jp>") == ["岡本希望"]
    assert found("決裁　　課長 林　　係長 関\n件名　　募集事務について") == ["林", "関"]
    assert found("次女への面談（太田）、1週間後に再度会議。") == ["太田"]
    assert found("受付期間　6月9日（月）～6月13日（金）\n宛先　市役所 防犯担当 御中") == []


def test_a_printout_with_amounts_and_one_space_between_head_words_keeps_its_columns() -> None:
    text = ("区分 銀行名          支店名        種目 口座番号  受取人名                  金額\n"
            "1    ｻｲﾀﾏﾘｿﾅ         ﾆｲｻﾞ          普通  9619679  ｲｶﾞﾗｼ ﾁﾖ                   100,000\n")
    assert found(text) == ["ｲｶﾞﾗｼ ﾁﾖ"]
    assert found(text, "bank_account") == ["9619679"]


def test_one_or_two_kanji_addressed_with_sama_are_a_name_unless_a_kind_of_person() -> None:
    assert found("現在、林様宅前にあるごみ集積所を移設します。") == ["林"]
    assert found("拝観無料（団体様は有料）。施主様は不在。ご家族様、皆様へ。同様の手続き。") == []


def test_a_district_where_a_place_stands_and_an_ordinances_site_are_not_private() -> None:
    assert found("市立楽々園小学校は、広島市佐伯区楽々園六丁目にある公立小学校。", "address") == []
    assert found("〔名 称〕 品川区児童相談所 〔位 置〕 品川区北品川三丁目１０番９号", "address") == []
    assert found("住所：新座市野火止二丁目", "address") == ["新座市野火止二丁目"]


def test_a_memos_dated_writer_and_a_kin_words_bracketed_name_are_names() -> None:
    assert found("改葬許可の審査メモ（令和6年1月5日　佐藤）") == ["佐藤"]
    assert found("家族（ウメ）には連絡済み。実家の母（由紀）の連絡先は別紙。") == ["ウメ", "由紀"]
    assert found("母（同居）、父（72歳）、長男（別居）、母（パート）") == []


def test_duties_relations_ranges_stamps_and_cut_words_are_not_names_or_birth_dates() -> None:
    assert found("→ 除外リストへ登録済み（入力 橋本、確認 工藤）") == ["橋本", "工藤"]
    assert found("長男 石神　達也、次男 石神 光") == ["石神\u3000達也", "石神 光"]
    assert found("現認者　　増田拓也（同僚）") == ["増田拓也"]
    assert found("# 抽出条件：生年月日 2007/04/02～2008/04/01", "birth_date") == []
    assert found("德永美穂　2025/11/09 12:35\nお疲れさまです", "birth_date") == []
    assert found("株式会社 ニ ッポンモバイルネ ットワーク　代表取締役") == []


def test_a_name_field_followed_by_the_next_label_on_the_same_line_keeps_the_name() -> None:
    assert found("申請者：横山心春　電話 090-1234-5678") == ["横山心春"]
    assert found("保護者　母 苅部 紬　携帯 090-0957-1234") == ["苅部 紬"]


def test_the_secret_seal_marks_a_text_wherever_it_stands_unless_quoted() -> None:
    assert found("件名: ㊙令和8年春の褒章 候補者推薦書", "confidential_marking") == ["㊙"]
    assert found("本資料は機密性２であり、提出前に内容を確認する。", "confidential_marking") == ["機密性２"]
    assert found("「㊙」の表示がある文書は入力しないでください。", "confidential_marking") == []
