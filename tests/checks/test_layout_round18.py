"""What round 18 (written apart) showed a reader uses and the screener did not: a quoted CSV
cell keeps its commas, key｜value lines are a form, a chat copied with 'name  time' lines, a
signature under any kind of body, a mail's display name, a given name the dictionary splits,
a memo's one-kanji duty, and a paper named as what the text was copied from. Texts are new."""

from __future__ import annotations

from checks import screen


def found(text: str, category: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == category]


def test_a_quoted_csv_cell_with_commas_does_not_shift_the_columns() -> None:
    text = ("番号,名前,敷地面積,お生まれ,郵便番号\n"
            '1,柏木 亮,"1,250㎡",昭52.8.19,371-0844\n'
            '2,戸塚 美和,"12,400㎡","昭和６０年２月３日","3710012"\n')
    assert found(text, "birth_date") == ["昭52.8.19", "昭和６０年２月３日"]
    assert found(text, "postal_code") == ["371-0844", "3710012"]


def test_key_bar_value_lines_read_as_a_form() -> None:
    text = "受付日｜令和8年1月9日\n申請する方｜吉岡 大地\nゆうびん番号｜３７１－０８４４\n"
    assert found(text, "person_name") == ["吉岡 大地"]
    assert found(text, "postal_code") == ["３７１－０８４４"]


def test_a_bar_header_row_is_not_a_form_field() -> None:
    assert found("| 氏名 | 区分 |\n|---|---|\n| 柏木 | A |\n", "person_name") == ["柏木"]


def test_the_polite_label_for_a_name_is_a_name_label() -> None:
    assert found("ご芳名 = 戸塚\u3000美和\n", "person_name") == ["戸塚\u3000美和"]


def test_speakers_of_a_chat_copied_with_their_times() -> None:
    text = "片桐  9:02 AM\n水道の減免の件です\n大庭  9:05 AM\n了解です、折り返します\n"
    assert found(text, "person_name") == ["片桐", "大庭"]


def test_a_timetable_is_not_a_chat() -> None:
    assert found("開会  10:00\n挨拶\n閉会  11:30\n", "person_name") == []


def test_a_signature_under_a_firm_or_an_office_of_any_kind() -> None:
    assert found("> 北関東総合法律事務所\n> 柳田悠斗\n", "person_name") == ["柳田悠斗"]
    assert found("株式会社ミドリ測量\n今泉 結衣\n", "person_name") == ["今泉 結衣"]


def test_the_display_name_of_an_address_is_its_owner() -> None:
    text = "3月4日(水) 今泉 結衣 <imaizumi@midori-sokuryo.example.co.jp> wrote:"
    assert found(text, "person_name") == ["今泉 結衣"]
    assert found("From: 桐生市広報課 <koho@city.kiryu.example.lg.jp>", "person_name") == []


def test_a_given_name_read_as_surname_and_name_still_takes_its_surname() -> None:
    # 陽翔 is split by the dictionary as 陽 (a surname) + 翔: the surname before it is not lost
    assert found("> 株式会社データ工房\n> 前橋 陽翔\n", "person_name") == ["前橋 陽翔"]
    assert found("・福島\u3000歩様より電話", "person_name") == ["福島\u3000歩"]


def test_a_whole_name_glued_after_a_word_is_not_widened() -> None:
    assert found("中学生の部\u3000優勝\u3000林悠真（第三中学校）", "person_name") in (["林悠真"], [])


def test_a_memo_s_one_kanji_duty_names_who_did_it() -> None:
    assert found("→ 折り返し済み（受：片桐）", "person_name") == ["片桐"]


def test_a_paper_named_as_the_source_of_the_text() -> None:
    copied = found("以下は審査請求人の反論書からの転記です。", "application_derived")
    assert len(copied) == 1 and copied[0].endswith("反論書")
    assert found("（出典：文化財資料借用書）", "application_derived") == ["文化財資料借用書"]
    assert found("指導記録に書かれていた内容を要約して", "application_derived") == []
    assert found("受講申込者名簿に書かれていた内容を要約して", "application_derived") == ["受講申込者名簿"]


def test_the_city_s_own_papers_and_submissions_merely_mentioned_are_not_sources() -> None:
    assert found("仕様書から転記しました。", "application_derived") == []
    assert found("事業者から提出された見積書と工事内容に差異があります。", "application_derived") == []


def test_the_my_number_act_names_the_number() -> None:
    assert found("連絡先：090 1234 5678\n番号法の番号：5205-1628-6826", "my_number") == ["5205-1628-6826"]


def test_a_field_holds_one_name_even_when_its_surname_reads_as_a_date() -> None:
    # 四月一日 (わたぬき) is a surname; without a year before it, it is not folded to 4月1日
    text = "番号,氏名,生年月日\n1,四月一日 進,昭和三十一年三月十五日\n"
    assert found(text, "person_name") == ["四月一日 進"]
    assert found(text, "birth_date") == ["昭和三十一年三月十五日"]


def test_the_writer_s_section_before_their_surname_is_not_part_of_the_name() -> None:
    assert found("返還に同意。\n会計課 浦和\n", "person_name") in (["浦和"], [])


def test_the_one_in_charge_names_themselves() -> None:
    assert found("> ご連絡ありがとうございます。\n> 担当の林です。\n", "person_name") == ["林"]


def test_a_direct_line_after_the_name_ends_the_field() -> None:
    text = "担当：健康推進課 上尾 空\u3000直通 0480-55-7812"
    assert found(text, "person_name") == ["上尾 空"]


def test_a_heading_after_a_sentence_is_not_a_signature() -> None:
    text = "対象者 仕事などのため当日の投票が困難な方。\n投票場所\n\n市役所1階ロビー"
    assert found(text, "person_name") == []
    assert found("よろしくお願いします。\n林\n", "person_name") == ["林"]


def test_a_group_of_people_then_a_thing_is_not_a_role_and_a_name() -> None:
    assert found("後期高齢者 健康診査 |\n後期高齢者医療制度 加入者 |\n", "person_name") == []
    assert found("申立人 林 090-1111-2222", "person_name") == ["林"]


def test_a_latin_given_name_with_an_honorific_is_a_name() -> None:
    assert found("[9:10] 上野: Joshua先生の着任日は？", "person_name")[-1] == "Joshua"


def test_the_question_above_names_a_birth_date() -> None:
    assert found("生年月日わかりますか\n23:34 岡: 昭30.2.6 です", "birth_date") == ["昭30.2.6"]
    assert found("いつ来られますか\n23:34 岡: 令和8.2.6 です", "birth_date") == []


def test_a_record_s_label_names_the_form_it_was_made_from() -> None:
    text = "（申請書）都市計画法第53条許可申請書\n（申請者）株式会社ミドリ建設\n"
    assert found(text, "application_derived") == ["都市計画法第53条許可申請書"]
    assert found("提出書類：誓約書 ○\u3000扶養控除等申告書 ○", "application_derived") == []


def test_a_heading_that_says_the_text_is_a_form_s_transcript() -> None:
    assert found("【給水装置工事申込書 転記】\n【申込者】柏木 亮", "application_derived")[0].startswith(
        "給水装置工事申込書")


def test_an_insurance_card_s_symbol_and_number_in_any_layout() -> None:
    assert found("国民健康保険\n【記号・番号】512・3381", "health_insurance") == ["512", "3381"]
    text = ("後期高齢者医療 保険料軽減の判定\n氏名\t生年月日\t記号\t番号\t状況\n"
            "柏木 亮\tS27/02/15\t63-5\t53508\t対象外\n")
    assert found(text, "health_insurance") == ["63-5", "53508"]
    text = "共済組合員の異動\n組合員証記号\t組合員証番号\t旧氏名\t変更日\n6316\t20951\t久保 瑞穂\tR6.9.26\n"
    assert found(text, "health_insurance") == ["6316", "20951"]
    assert found(text, "birth_date") == []  # 変更日 names the date in its column


def test_an_easy_japanese_notice_reading_its_words_is_not_a_name() -> None:
    text = "帰国（きこく）する前に、住民税（じゅうみんぜい）をはらってください。"
    assert found(text, "person_name") == []
    assert found("申請者 山田太郎（やまだ たろう）", "person_name") == ["山田太郎", "やまだ たろう"]


def test_historical_figures_with_their_birth_years_are_not_personal_data() -> None:
    assert found("医師ジェンナー（1749年生まれ）が種痘を", "person_name") == []
    assert found("緒方洪庵（文化7年〈1810年〉生まれ）が大坂に", "person_name") == []
    # residents born in 大正 are alive: a care list names them
    assert found("・中村 稔（大正14年11月9日）\u3000病院", "person_name") == ["中村 稔"]


def test_a_range_of_births_before_a_date_does_not_make_it_a_birth_date() -> None:
    text = "昭和30年8月2日から昭和30年9月1日までに生まれた方 → 令和7年9月1日から"
    assert "令和7年9月1日" not in found(text, "birth_date")
    assert found("生まれたとき：令和7年6月16日\u3000午前8時27分", "birth_date") == ["令和7年6月16日"]


def test_a_secrecy_article_applied_to_this_information() -> None:
    text = "業務委託契約書第9条（秘密の保持）に基づき、本情報は委託業務以外に使用しないでください。"
    assert found(text, "contract_secret") == ["業務委託契約書第9条（秘密の保持）"]
    assert found("# 審査委託データ（業務委託契約書第4条（秘密の保持）適用）", "contract_secret") != []
    rule = "受託者は、業務委託契約書第9条（秘密の保持）に基づき、個人情報を目的外に使用してはならない。"
    assert found(rule, "contract_secret") == []


def test_a_form_received_or_copied_heading_a_record() -> None:
    assert found("▼介護保険負担限度額認定申請書（2026/01/09受付）\n■申請者", "application_derived") != []
    assert found("[OCR] 障害年金請求書（写し）", "application_derived") != []
    assert found("3. 供託証明書（写し）は法務局で供託後に持参", "application_derived") == []
    assert found("次の予診票の転記内容に誤りがないか確認して", "application_derived") == []


def test_capitals_named_by_their_papers_or_a_date_after_them() -> None:
    assert found("・NGUYEN VAN AN（旅券 C1234567）", "person_name") == ["NGUYEN VAN AN"]
    assert found("NOTICE 02 SILVA BRUNO 1990-03-04 技能実習", "person_name") == ["SILVA BRUNO"]
    assert found("JAPAN TOUR 2025-04-01 開催", "person_name") == []


def test_who_took_a_memo_stands_after_its_date() -> None:
    text = "電話受付\u30001/9（金）\u3000柏木\n相手：吉岡 大地さん"
    assert found(text, "person_name") == ["柏木", "吉岡 大地"]
    assert found("窓口メモ 5/27（池田）\n", "person_name") == ["池田"]
    assert found("受付期間 4/1 開始\n巡回記録（3/22 夜間）", "person_name") == []


def test_the_kana_reading_after_a_name_is_the_name() -> None:
    text = "■申請者：柏木 恵子\u3000かしわぎ けいこ\n"
    assert found(text, "person_name") == ["柏木 恵子", "かしわぎ けいこ"]


def test_a_surname_found_alone_takes_the_given_name_after_it() -> None:
    assert found("株式会社ミツワ電設 工事部\u3000岡野\u3000勝利\n携帯 080-3930-5002", "person_name") == [
        "岡野\u3000勝利"]
    assert found("担当 田中 課長", "person_name") == ["田中"]


def test_farmers_and_passport_lists_name_their_people() -> None:
    text = "農業者\t圃場\t申請面積a\n谷口浩二\t西堀二丁目2183番2\t16\n"
    assert found(text, "person_name") == ["谷口浩二"]
    text = "渡航者リスト\nSURNAME GIVEN,SEX,DOB\nSEKI MASAO,M,1980-02-11\n"
    assert found(text, "person_name") == ["SEKI MASAO"]


def test_a_person_s_symbol_and_number_columns_are_their_card_s() -> None:
    text = "判定対象\n氏名\t生年月日\t記号\t番号\t収入合計\n柏木 亮\tS27/02/15\t63-5\t53508\t4,975,000\n"
    assert found(text, "health_insurance") == ["63-5", "53508"]
    assert found("氏名\tゆうちょ記号\t番号\n柏木 亮\t10390\t48215671\n", "health_insurance") == []
    assert found("保険者番号 112145\u3000記号 895\u3000番 号 8062", "health_insurance") == [
        "112145", "895", "8062"]


def test_a_building_s_name_in_the_address_cell_is_no_facility_list() -> None:
    text = ("| 日 | 家庭 | 住所 |\n|---|---|---|\n"
            "| 2/17（月） | 柏木家 | 桐生市緑町5丁目2225番地の6 ハイツ武里 203号 |\n")
    assert found(text, "address") == ["桐生市緑町5丁目2225番地の6 ハイツ武里 203号"]
    text = "施設名,住所,電話\n北消防署朝日分署,桐生市朝日町二丁目1-39,0277-22-1419\n"
    assert found(text, "address") == []


def test_a_passport_number_under_the_subject_of_passports() -> None:
    text = "旅券の切替について\n15:56 中川: 番号は？\n16:00 榊原: RZ7266908、期限は来年3月です"
    assert found(text, "passport") == ["RZ7266908"]
    assert found("型式 TZ1234567-B の在庫", "passport") == []
    assert found("旅券 P4344108A で本人確認しました。", "passport") == ["P4344108A"]


def test_any_paper_named_where_the_text_says_it_was_copied_from_it() -> None:
    assert found("以下は事前調査結果報告からの転記です。", "application_derived") == ["事前調査結果報告"]
    assert found("※値はすべて点検調書記載のもの", "application_derived") == ["点検調書"]
    assert found("（出典：仮換地指定の意見書）", "application_derived") == ["仮換地指定の意見書"]
    assert found("中間報告によると、進捗は順調です。", "application_derived") == []


def test_secrecy_owed_by_this_paper_or_after_the_agreement() -> None:
    text = "資料のうち、構成図は秘密保持契約（NDA）の締結後にご提供となります。"
    assert found(text, "contract_secret") == ["秘密保持契約（NDA）"]
    rule = "委託先に情報資産を提供するときは、秘密保持契約（NDA）の締結を条件とする。"
    assert found(rule, "contract_secret") == []


def test_a_vertical_form_s_role_line_names_the_person_below() -> None:
    assert found("被害者\n桑原\n現住所\n朝霞市膝折町1-25-3", "person_name") == ["桑原"]
    assert found("救護担当看護師\n林 さくら\n携帯電話\n070-7926-7359", "person_name") == ["林 さくら"]
    assert found("対象者\n市内在住の65歳以上の方\n申込方法\n電話", "person_name") == []


def test_chat_exports_and_quoted_reply_headers_name_their_writers() -> None:
    assert found("> [2025/10/2 16:45] 松本 wrote:\n> 介護保険の件", "person_name") == ["松本"]
    text = "2025.06.24 16:40 岡部トメ\n発覚日は6月12日です\n2025.06.24 16:48 岡部トメ\n回収済み。"
    assert found(text, "person_name") == ["岡部トメ", "岡部トメ"]
    assert found("18:05 配達員 高橋\n到着\n18:30 配達員 高橋\n待機", "person_name") == ["高橋", "高橋"]
    assert found("10:00 開会\n11:00 閉会", "person_name") == []


def test_facilities_listed_one_field_per_line_are_a_facility_list() -> None:
    text = ("名称\n総合福祉センター\n所在地\n桐生市栄一丁目十四番十二号\n電話\n（0277）48-3089\n"
            "名称\n老人福祉センター\n所在地\n桐生市橋本3丁目3番2号\n電話\n（0277）47-5740\n")
    assert [f for f in screen(text) if f.severity == "block"] == []


def test_dummy_data_named_so_is_a_sample() -> None:
    assert found("> テストには、ダミーデータ（氏名：新座\u3000太郎 等）を用いる。", "person_name") == []
    assert found("差出人: RPA-bot\n宛先: 広報担当", "person_name") == []


def test_bare_born_labels_and_bullets_under_a_name_give_birth_dates() -> None:
    assert found("okabe@example.jp\n生：S52.9.20", "birth_date") == ["S52.9.20"]
    text = "〇 柏木\u3000健一\n\u3000- 一九九四年八月五日\n\u3000- 現住所"
    assert found(text, "birth_date") == ["一九九四年八月五日"]
    assert found("学生 1,200円", "birth_date") == []


def test_english_keys_of_exports_name_cards_and_numbers() -> None:
    assert found("<health_insurance>記号 97979 番号 336</health_insurance>", "health_insurance") == [
        "97979", "336"]
    assert found("pension_number: 2838-025639", "pension_number") == ["2838-025639"]
    assert found("Passport No.: MN69116602", "passport") == ["MN69116602"]


def test_a_resident_s_slip_or_card_named_as_the_source() -> None:
    assert found("相談受付票の記載によると、", "application_derived") != []
    assert found("（出典：避難者カード）", "application_derived") == ["避難者カード"]
    assert found("この受付票をもとに、説明してください。", "application_derived") == []
