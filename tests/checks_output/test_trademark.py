"""§6(4) trademarks: the shipped list, folding of spellings, and the Director's CSV import."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import PLAIN_NOTICE, spans

from checks.output import Trademark, TrademarkList, TrademarkListError, check_output

POLICY = Path(__file__).resolve().parents[2] / "policy"
HEADER = "mark,reading,owner,registration_number,source\n"


def test_shipped_list_loads_and_has_real_owners_and_sources():
    shipped = TrademarkList.default()
    assert len(shipped.entries) >= 25
    marks = {t.mark: t for t in shipped.entries}
    assert marks["セロテープ"].owner == "ニチバン株式会社"
    assert all(t.source for t in shipped.entries)
    documented = (POLICY / "trademarks.md").read_text(encoding="utf-8")
    assert all(t.mark in documented for t in shipped.entries)


@pytest.mark.parametrize("written", [
    "セロテープ", "ｾﾛﾃｰﾌﾟ", "せろてーぷ", "セロ・テープ", "セロ テープ", "セロテープ®",
])
def test_spellings_of_a_mark_fold_to_one_match(written):
    text = f"持ち物：はさみ、{written}、のり"
    found = spans(text, "trademark")
    assert len(found) == 1
    assert found[0].startswith(written[0])


def test_message_names_owner_and_ordinary_word():
    [f] = [f for f in check_output("市のゆるキャラが応援に来ます。") if f.category == "trademark"]
    assert "扶桑社" in f.message_ja and "マスコットキャラクター" in f.message_ja
    assert f.rule_id == "trademark.ゆるキャラ"


def test_longest_mark_wins_and_word_tails_do_not_match():
    assert spans("タッパーウェアに入れて保存します。", "trademark") == ["タッパーウェア"]
    assert spans("ドアストッパーを設置しました。", "trademark") == []
    assert spans("動物園のオセロットとオセロ大会", "trademark") == ["オセロ"]
    assert spans("QRコードを読み取ってください。", "trademark") == ["QRコード"]
    assert spans("ABQRコード", "trademark") == []


def test_ordinary_words_in_a_notice_are_not_trademarks():
    assert spans(PLAIN_NOTICE + "セロハンテープと付箋、ステープラーを用意してください。", "trademark") == []


def test_caller_supplied_list_replaces_the_shipped_one():
    own = TrademarkList((Trademark("にいざっこ", owner="新座市"),))
    text = "にいざっことセロテープ"
    assert spans(text, "trademark", trademarks=own) == ["にいざっこ"]


def test_import_merges_new_marks_and_reports_bad_lines_with_numbers(tmp_path):
    csv_file = tmp_path / "追加.csv"
    csv_file.write_text(
        "\ufeff" + HEADER
        + "プチプチ,ぷちぷち,川上産業株式会社,,権利者の表示\n"
        + "セロテープ,せろてーぷ,ニチバン株式会社,,重複\n"
        + ",,空の商標,,\n"
        + "ジェットバス,じぇっとばす,,登録番号不明,\n"
        + "列が足りない\n"
        + "ジャングルジム,,,第1234567号,テスト\n",
        encoding="utf-8",
    )
    result = TrademarkList.default().import_csv(csv_file)
    assert [t.mark for t in result.added] == ["プチプチ", "ジャングルジム"]
    assert result.trademarks.entries[-2:] == result.added
    assert len(result.trademarks.entries) == len(TrademarkList.default().entries) + 2
    problems = "\n".join(result.problems)
    for line in ("3行目", "4行目", "5行目", "6行目"):
        assert line in problems
    assert "重複" in problems and "登録番号" in problems
    assert spans("プチプチで包みます", "trademark", trademarks=result.trademarks) == ["プチプチ"]


def test_import_refuses_a_file_without_the_required_columns(tmp_path):
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("商標,権利者\nセロテープ,ニチバン\n", encoding="utf-8")
    result = TrademarkList().import_csv(csv_file)
    assert result.added == ()
    assert "mark" in result.problems[0] and "1行目" in result.problems[0]


def test_import_reads_excels_shift_jis_and_reports_another_encoding_in_japanese(tmp_path):
    sjis = tmp_path / "sjis.csv"
    sjis.write_bytes((HEADER + "セロテープ,,,,\n").encode("cp932"))
    result = TrademarkList().import_csv(sjis)
    assert [t.mark for t in result.added] == ["セロテープ"] and result.problems == ()
    euc = tmp_path / "euc.csv"
    euc.write_bytes((HEADER + "セロテープ,せろてーぷ,ニチバン株式会社,,権利者の商品表示\n").encode("euc_jp"))
    result = TrademarkList().import_csv(euc)
    assert result.added == () and "EUC-JP" in result.problems[0] and "2行目" in result.problems[0]


def test_load_refuses_a_list_with_errors_and_round_trips_through_csv(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + ",,権利者のみ,,\n", encoding="utf-8")
    with pytest.raises(TrademarkListError) as caught:
        TrademarkList.load(bad)
    assert "2行目" in caught.value.problems[0]
    saved = tmp_path / "saved.csv"
    saved.write_text(TrademarkList.default().to_csv(), encoding="utf-8")
    assert TrademarkList.load(saved) == TrademarkList.default()
