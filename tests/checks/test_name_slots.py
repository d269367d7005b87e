"""A name is read from the place the sentence gives it, not from the word: a family member's
bracket, a self-introduction, who handled a case at the end of a line, a message's signature,
a column or label headed by a person noun (児童, 長男, 通訳). Words the analyser reads as
ordinary (南, 光, 希望, 日向) are names there. The rules came from rounds 11-14 (written
apart); the texts here are new."""

from __future__ import annotations

from checks import screen


def found(text: str, category: str = "person_name") -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == category]


def test_a_family_member_named_in_brackets_or_after_the_kin_word() -> None:
    assert found("扶養照会：同居の次女（希望、40代）に連絡予定。") == ["希望"]
    assert found("当日は兄の光さんが付き添った。") == ["光"]
    assert found("付き添いは姉のみどりさん。") == ["みどり"]
    assert found("埋葬者は祖母栗原 トメ、死亡日は別紙のとおり。") == ["栗原 トメ"]
    assert found("使用者（母・日向）は転出済み。") == ["日向"]


def test_kin_words_in_ordinary_sentences_are_not_names() -> None:
    assert found("父の日のイベントを開催します。母親学級は毎月第2火曜日です。") == []
    assert found("子ども（小学生以下）は無料です。") == []


def test_a_writer_introducing_themself_is_named_whatever_the_word() -> None:
    assert found("お世話になっております。南です。先日の件でご連絡しました。") == ["南"]
    assert found("保険年金課の東です。") == ["東"]
    assert found("株式会社みらい設計の光でございます。") == ["光"]
    assert found("市内に住んでおります日向一と申します。") == ["日向一"]


def test_a_greeting_followed_by_an_ordinary_sentence_names_no_one() -> None:
    assert found("お疲れ様です。以上です。") == []
    assert found("お世話になっております。了解です。") == []


def test_who_handled_it_at_the_end_of_a_line_or_bracket() -> None:
    assert found("文書指導を発送した（担当 南）") == ["南"]
    assert found("受付者　光\n") == ["光"]
    assert found("面接官 石神・日向") == ["石神", "日向"]


def test_a_staff_word_glued_to_the_next_noun_is_no_name() -> None:
    assert found("斎場使用許可　受付票\n受付日：令和7年5月1日") == []
    assert found("要望等の対応記録\n担当 未定") == []


def test_a_message_signed_with_a_lone_name_line() -> None:
    assert found("ご不明な点はいつでもどうぞ。\n東\n") == ["東"]
    assert found("> 金額はこれでよいですか？\n> 南\n\n--\n") == ["南"]


def test_children_named_under_a_person_noun() -> None:
    assert found("児童生徒 陽翔（第二中学校1年）、光（新堀小学校3年）") == ["陽翔", "光"]
    assert found("通訳　朝霞豊（国際交流協会）") == ["朝霞豊"]
    assert found("子：陽翔　H27/02/03生") == ["陽翔"]


def test_a_log_line_s_keys_say_whose_values_follow() -> None:
    log = ('2026-03-02T10:11:12 WARN [sync] name_kana="ヒガシ ミオ" atena=1234 retry=1\n'
           "INFO booking slot=A-2 chief_mourner=\"栗林 恒夫\" tel=内線\n"
           "WARN 金額不一致 納付者=朝霞　睦 収納額=1200\n"
           "  shoyusha: 野火止　結\n")
    assert found(log) == ["ヒガシ ミオ", "栗林 恒夫", "朝霞　睦", "野火止　結"]


def test_who_keyed_and_who_checked_a_record() -> None:
    assert found("受付日: 2025/01/09\n（入力：東／確認：岡）") == ["東", "岡"]
    assert found("支給を適当と認める。（審査：髙田）") == ["髙田"]
    assert found("■対応：後日、係長から電話で回答する") == []


def test_chat_lines_that_open_with_the_speaker_and_no_colon() -> None:
    chat = ("[南] 外壁の色は基準を超えています。\n[光] 施主の希望なので、案を持ってきます。\n"
            "[南] お願いします。\n")
    assert found(chat) == ["南", "光", "南"]
    stamped = "9:16 平野 木曜14時でOKです。\n9:41 日向 了解しました。\n"
    assert found(stamped) == ["平野", "日向"]


def test_a_timetable_or_bracketed_headings_name_nobody() -> None:
    assert found("10:00 開会 挨拶があります\n10:30 休憩 お茶をどうぞ\n") == []
    assert found("［注意］書類は持ち帰らないでください。\n［参考］様式は別紙のとおりです。\n") == []


def test_an_office_holder_signing_a_published_text_is_not_blocked() -> None:
    text = "定期監査の結果を次のとおり公表する。\n新座市監査委員　土屋 和則\n"
    assert all(f.severity == "warn" for f in screen(text) if f.category == "person_name")


def test_an_export_s_romaji_column_heads_are_read_as_their_labels() -> None:
    export = ("nozei_gimusha,kinyu_kikan,shumoku,koza_bango,koza_meigi\n"
              "日向 進,武蔵野銀行　志木支店,普通,3919134,ﾋﾅﾀ ｽｽﾑ\n"
              "光 葉子,青梅信用金庫　大泉支店,普通,1737200,ﾋｶﾘ ﾖｳｺ\n")
    assert found(export, "bank_account") == ["3919134", "1737200"]


def test_an_open_data_table_with_english_heads_stays_public() -> None:
    table = ("ID,Name,Address,Tel,URL\n1,鶴見出張所,高松市鶴見町30-1,087-866-0000,http://example.jp\n"
             "2,北部出張所,高松市北部町2-16,087-866-0001,http://example.jp\n")
    assert not [f for f in screen(table) if f.severity == "block"]


def test_a_minutes_word_in_a_register_s_cell_does_not_make_it_minutes() -> None:
    register = ("No.,受付番号,請求者,住所,メール,請求内容\n"
                "1,受055,春日　拓也,朝霞市幸町3丁目19番19号,kasuga@example.ne.jp,審議会の会議録\n")
    assert found(register, "email") == ["kasuga@example.ne.jp"]
    assert all(f.severity == "block" for f in screen(register) if f.category == "person_name")
