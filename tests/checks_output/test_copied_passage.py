"""§6(4) copied passages: verbatim and near-verbatim overlap with pasted text and reference works."""

from __future__ import annotations

import re

from helpers import PLAIN_NOTICE, spans

from checks.output import check_output

ARTICLE = (
    "市立図書館は来年度から、電子書籍の貸し出しサービスを始める。利用者カードを持つ市民であれば、"
    "自宅のパソコンやスマートフォンから24時間いつでも本を借りられる。当初は小説や実用書、児童書を"
    "中心に約3000点をそろえ、利用状況を見ながら順次増やしていく方針だ。館長は「来館が難しい高齢者"
    "や子育て中の方にも、読書の機会を広げたい」と話している。"
)
COPIED = ("館長は「来館が難しい高齢者や子育て中の方にも、読書の機会を広げたい」と話している。"
          "当初は小説や実用書、児童書を中心に約3000点をそろえ、利用状況を見ながら順次増やしていく方針だ。")


def test_verbatim_copy_of_pasted_article_is_one_passage_with_length_and_share():
    output = "図書館からのお知らせです。\n" + COPIED + "\n詳しくは図書館までお問い合わせください。"
    findings = [f for f in check_output(output, pasted_material=(ARTICLE,)) if f.category == "copied_passage"]
    assert len(findings) == 1
    f = findings[0]
    assert output[f.start:f.end] == COPIED
    assert f"{len(COPIED)} 文字" in f.message_ja
    assert f"{round(100 * len(COPIED) / len(output))}%" in f.message_ja
    assert "貼り付けた第三者の文章1" in f.message_ja
    assert f.message_ja.startswith("既存の著作物との類似")


def test_near_verbatim_copy_with_changed_words_and_widths_is_still_one_passage():
    altered = (COPIED.replace("話している", "述べている").replace("3000", "３，０００")
               .replace("、", " ").replace("順次", "段階的に"))
    output = "概要：" + altered
    found = spans(output, "copied_passage", pasted_material=(ARTICLE,))
    assert len(found) == 1
    assert len(found[0]) >= len(altered) - 12


def test_a_summary_in_own_words_is_not_a_copy():
    summary = ("市立図書館では、来年度から電子書籍を借りられるようになります。"
               "図書館へ行かなくても、お手持ちの端末で読書を楽しめます。")
    assert spans(summary, "copied_passage", pasted_material=(ARTICLE,)) == []


def test_a_short_quotation_below_the_threshold_is_not_reported():
    output = "館長は「読書の機会を広げたい」と話しています。"
    assert spans(output, "copied_passage", pasted_material=(ARTICLE,)) == []
    assert spans(output, "copied_passage", pasted_material=(ARTICLE,), copy_threshold_chars=10) == [
        "読書の機会を広げたい」と話してい"
    ]


def test_threshold_comes_from_the_caller():
    output = "お知らせ：" + COPIED
    assert spans(output, "copied_passage", pasted_material=(ARTICLE,),
                 copy_threshold_chars=len(COPIED) + 1) == []
    assert spans(output, "copied_passage", pasted_material=(ARTICLE,),
                 copy_threshold_chars=len(COPIED)) == [COPIED]


def test_registered_reference_works_are_searched_and_named(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "市史第3巻.txt").write_text("前文。\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "読まない.md").write_text(COPIED, encoding="utf-8")
    findings = [f for f in check_output(COPIED, reference_dir=tmp_path) if f.category == "copied_passage"]
    assert len(findings) == 1
    assert "登録済みの参考著作物「市史第3巻」" in findings[0].message_ja


def test_reference_index_follows_changes_to_the_folder(tmp_path):
    work = tmp_path / "work.txt"
    work.write_text("関係のない文章です。" * 10, encoding="utf-8")
    assert spans(COPIED, "copied_passage", reference_dir=tmp_path) == []
    work.write_text(ARTICLE, encoding="utf-8")
    assert spans(COPIED, "copied_passage", reference_dir=tmp_path) == [COPIED]


def test_passage_matching_two_sources_names_both(tmp_path):
    (tmp_path / "記事.txt").write_text(ARTICLE, encoding="utf-8")
    findings = [f for f in check_output(COPIED, pasted_material=(ARTICLE,), reference_dir=tmp_path)
                if f.category == "copied_passage"]
    assert len(findings) == 1
    assert re.search("貼り付けた第三者の文章1.*参考著作物「記事」", findings[0].message_ja)


def test_missing_reference_folder_and_empty_material_are_harmless(tmp_path):
    assert spans(PLAIN_NOTICE, "copied_passage", pasted_material=("", ""),
                 reference_dir=tmp_path / "none") == []


def test_two_separate_copied_passages_are_reported_separately():
    first, second = ARTICLE[:60], ARTICLE[-70:]
    output = first + "\nここで市の独自の説明をはさみます。対象は市内在住の方で、手続きは不要です。\n" + second
    assert spans(output, "copied_passage", pasted_material=(ARTICLE,)) == [first, second]
