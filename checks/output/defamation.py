"""§7(2): a named person or organisation in the same sentence as an assertive negative claim.

§7(2) warns that output may state falsehoods about people and asks for strict checking of
defamation (名誉毀損) and damage to credit (信用毀損). A model that writes "株式会社〇〇は
補助金を不正に受給していた" may be inventing it. We flag a sentence when it names a party —
a person (the names input screening finds), an organisation (株式会社〇〇, 〇〇協会, 〇〇課,
A社 …) or a reference back to one (同社, 同氏) — and contains one of `NEGATIVE_TERMS` used as
an assertion. A term is general, not an assertion, when prevention, caution or negation
follows it (不正を防止するため, 詐欺に注意, 虐待の相談, 違反はありません), and a sentence
with no named party is never flagged (詐欺に注意してください). The span runs from the party
to the claim (nearest pair).

Sources of the lists: NEGATIVE_TERMS are offences and misconduct named in the Penal Code
(詐欺・横領・背任・贈収賄・恐喝・暴行・窃盗) and the words that news reports about
organisations' misconduct use (不祥事・隠蔽・改ざん・粉飾・談合・偽装); the credit terms
(倒産・経営破綻) follow 刑法第233条 信用毀損. The organisation suffixes are the corporate and
public-body name forms of Japanese law and municipal organisation (会社法 商号, 一般社団法人
法, 地方自治法 の課・局).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ..findings import WARN, Finding
from . import texts

CATEGORY = "defamation_risk"

NEGATIVE_TERMS = (
    "逮捕", "書類送検", "起訴", "有罪", "不正", "違法", "違反", "詐欺", "虐待", "横領", "着服",
    "私的流用", "贈収賄", "収賄", "贈賄", "汚職", "背任", "恐喝", "暴行", "窃盗", "脱税", "粉飾",
    "談合", "癒着", "不祥事", "隠蔽", "隠ぺい", "改ざん", "改竄", "捏造", "ねつ造", "偽装", "虚偽",
    "盗用", "盗作", "水増し", "手抜き工事", "パワハラ", "セクハラ", "ハラスメント", "反社会的勢力",
    "倒産", "経営破綻", "債務超過", "欠陥",
)
# What follows a term and makes it general (prevention, caution, victims) or negated.
GENERAL_AFTER = (
    "防止", "防ぐ", "防げ", "対策", "注意", "被害", "撲滅", "根絶", "啓発", "相談", "予防", "防犯",
    "通報", "窓口", "禁止", "のないよう", "ないよう", "されないよう", "に遭", "にあわ", "を受け",
    "を見かけ", "かも", "たら", "場合", "恐れ", "おそれ", "可能性", "を許さ", "は許さ", "許され",
    "はありません", "はない", "はなかった", "はなく", "はございません", "されていません",
    "されませんでした", "していません", "しない", "しません", "ではない", "の事実はな", "を否定",
    "に関する", "対応", "について", "とは", "等の", "などの", "行為を", "行為は", "事例", "手口",
    "を未然", "に巻き込", "に気を付", "に気をつけ", "に警戒", "を見抜", "の疑いがある場合",
)
NOT_A_TERM_AFTER = {"不正": "確"}   # 不正確 = inaccurate, not wrongdoing
GENERAL_WINDOW = 12

ORGANISATION_PREFIXES = (
    "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "一般社団法人", "一般財団法人",
    "公益社団法人", "公益財団法人", "社会福祉法人", "医療法人社団", "医療法人財団", "医療法人",
    "学校法人", "特定非営利活動法人", "NPO法人", "ＮＰＯ法人", "独立行政法人", "(株)", "（株）", "㈱",
    "(有)", "（有）", "㈲",
)
ORGANISATION_SUFFIXES = (
    "株式会社", "有限会社", "合同会社", "(株)", "（株）", "㈱", "協会", "組合", "連盟", "連合会",
    "協議会", "委員会", "財団", "事務所", "工務店", "商店", "商事", "建設", "工業", "産業", "銀行",
    "信用金庫", "病院", "医院", "クリニック", "大学", "学園", "保育園", "幼稚園", "センター",
    "市役所", "町役場", "村役場", "区役所", "課", "局", "庁", "省",
)
GENERIC_STEMS = (
    "各", "関係", "担当", "所管", "主管", "当", "他", "本", "全", "一", "同", "市内", "地元", "民間",
    "建設", "大手", "一部", "その", "この", "大", "小", "中",
)
TITLES = (
    "容疑者", "被告人", "被告", "市長", "町長", "村長", "区長", "知事", "議員", "社長", "会長", "理事長",
    "校長", "院長", "園長", "署長", "課長", "部長", "局長", "代表", "氏",
)
ANAPHORS = ("同社", "同氏", "同容疑者", "同被告", "同協会", "同法人", "同課", "同組合", "同店", "同院")

_NAME = r"[\u4e00-\u9fff々ァ-ヶーA-Za-zＡ-Ｚａ-ｚ0-9０-９&＆・]"
ORGANISATION = re.compile(
    r"(?:" + "|".join(map(re.escape, ORGANISATION_PREFIXES)) + r")[ 　]?(?:[ぁ-ん]{1,8})?" + _NAME + r"{1,20}"
    r"|(?P<stem>" + _NAME + r"{1,16}?)(?:" + "|".join(map(re.escape, ORGANISATION_SUFFIXES)) + r")"
    r"(?![税題程金外すせさしのにをがはも]?[税題程金外])"
    r"|(?<![ァ-ヶーA-Za-zＡ-Ｚａ-ｚ])[ァ-ヶーA-Za-zＡ-Ｚａ-ｚ]{1,15}社(?![会員長内宅交説屋殿])"
    r"|" + "|".join(map(re.escape, ANAPHORS))
    + r"|(?P<person>[\u4e00-\u9fff々]{2,6})[ 　]?(?:" + "|".join(TITLES) + ")"
)
TERM = re.compile("|".join(map(re.escape, sorted(NEGATIVE_TERMS, key=len, reverse=True))))
LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def _organisations(sentence: str, offset: int) -> list[tuple[int, int]]:
    """Organisations, references back to a party, and names with a title (山田太郎市長)."""
    spans = []
    for m in ORGANISATION.finditer(sentence):
        stem = m.group("stem") or m.group("person")
        if stem is not None and (stem in GENERIC_STEMS or (len(stem) < 2 and not LATIN.match(stem))):
            continue
        spans.append((offset + m.start(), offset + m.end()))
    return spans


def _assertive_terms(sentence: str, offset: int) -> list[tuple[int, int]]:
    spans = []
    for m in TERM.finditer(sentence):
        after = sentence[m.end(): m.end() + GENERAL_WINDOW]
        excluded = NOT_A_TERM_AFTER.get(m.group())
        if excluded and after.startswith(excluded):
            continue
        if any(marker in after for marker in GENERAL_AFTER):
            continue
        spans.append((offset + m.start(), offset + m.end()))
    return spans


def find(output: str, person_names: Sequence[tuple[int, int]]) -> list[Finding]:
    """`person_names` are (start, end) spans of names screening found in `output`."""
    names = sorted(person_names)
    name_starts = [s for s, _ in names]
    findings = []
    for sm in SENTENCE.finditer(output):
        s_start, s_end = sm.span()
        terms = _assertive_terms(sm.group(), s_start)
        if not terms:
            continue
        lo = bisect_left(name_starts, s_start)
        parties = [n for n in names[lo:] if n[0] < s_end and n[1] <= s_end]
        parties.extend(_organisations(sm.group(), s_start))
        if not parties:
            continue
        term, party = min(((t, p) for t in terms for p in parties),
                          key=lambda tp: abs(tp[0][0] - tp[1][0]))
        start, end = min(term[0], party[0]), max(term[1], party[1])
        message = texts.DEFAMATION.format(party=output[party[0]:party[1]], statement=output[term[0]:term[1]])
        findings.append(Finding(start, end, CATEGORY, WARN, "defamation_risk.named_party", message))
    return findings
