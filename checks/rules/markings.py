"""Confidentiality markings on the document itself (機密性２ and ３Ａ～Ｃ, 取扱注意 …).

A marking is a label standing on its own: alone on its line, inside brackets
(【取扱注意】, [機密性3B], (庁内限り)), after a decoration (■ ※ ㊙), or stated about this
text (「本資料は外部公表不可です」). A word that is *talked about* — followed by の/を/に/は/
や/等/～, as in 「取扱注意の表示がある文書」 or the guideline's 「機密性３Ａ～Ｃ（個人情報…）」 —
is a mention and passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..findings import Candidate

# The vocabulary, written once: who may see it (scope) + how far (限り, 外秘, 専用 …), how it is
# handled (取扱注意 …), what stage it is at (公表前資料 …), and the classification grades.
SCOPES = ("関係者", "庁内", "課内", "部内", "局内", "内部", "組織内", "担当者", "職員", "係内", "室内")
SCOPE_ENDS = ("限り", "限定", "専用")
SECRET_SCOPES = ("部外", "課外", "局外", "庁外", "社外", "関係者外", "対外", "外部", "庁内", "内部", "室外")
HANDLING = (r"取扱(?:い)?(?:厳重)?注意", r"取り扱い(?:厳重)?注意", r"取扱(?:い)?(?:厳秘|制限)", r"要機密")
STAGES = (r"(?:庁内|内部|課内)検討(?:用|資料|中)", r"検討中資料", r"内部資料",
          r"(?:公表|公開|発表)前資料", r"(?:外部)?提供不可", r"外部提供禁止", r"(?:外部)?公表不可",
          r"公開不可", r"外部非公開", r"非公開", r"非公表", r"未定稿",
          r"(?:配布|転送|転載|再配布|公開|複製|持出|持ち出し)禁止", r"閲覧制限")
GRADES = (r"機密性 ?[23](?:[ABC])?(?:情報)?", r"機密情報", r"機密", r"秘密", r"極秘", r"厳秘", r"秘",
          r"マル秘",
          r"㊙", r"CONFIDENTIAL", r"Confidential", r"STRICTLY CONFIDENTIAL", r"INTERNAL USE ONLY")
MARKINGS = (
    tuple(s + e for s in SCOPES for e in SCOPE_ENDS) + tuple(s + "秘" for s in SECRET_SCOPES)
    + HANDLING + STAGES + GRADES
)
MARKING = "(?:" + "|".join(sorted(MARKINGS, key=len, reverse=True)) + ")"
# Standing on its own: what surrounds the word is decoration — brackets of any kind, rules
# (-- ＝＝ ――), symbols (■ ※ ≪ /*), the start or end of a line — never a letter.
_LETTER = r"\u4e00-\u9fff\u3040-\u30ffA-Za-z0-9々〆ー"
OPEN = rf"(?:^|(?<![{_LETTER}\n]))"
CLOSE = rf"(?=$|[^{_LETTER}]|・)"  # (・ closes a word only as a list's separator: see LISTED_MARKS)
# (No [ \t]* before the word: a space before it already satisfies OPEN, and spaces read there
# made a long run of spaces quadratic — every space of the run read the rest of it again.)
STANDALONE = re.compile(r"(?m)" + OPEN + r"(" + MARKING + r")[ \t]*" + CLOSE)
STATED = re.compile(
    r"(?:本|この|以下|上記|添付|次の|下記)[^\n。はを]{0,8}?(?:資料|書|文書|件|データ|メール|メモ|記録|票"
    r"|ファイル|表|内容|数値|数字|項|章|節|段落|箇所|部分|記述|案|欄|頁|ページ|情報|報告|別紙|添付|以下|上記|下記)"
    r"(?:は|を)[^\n。]{0,8}?"
    r"(" + MARKING + r")(?:です|である|であり|とする|とします|とし|扱い|として|につき|のため|の|から|より"
    r"|情報|資料|文書|。"
    r"|[)）】\]]|\n|$)"
)
# Markings that are never ordinary words, declared of something nearby: 「内部検討資料につき」,
# 「関係者限りとします」. (非公開 and 公表不可 are left out: 「審議会は非公開とします」 is public.)
DECLARED_MARKINGS = (
    r"機密性 ?[23](?:[ABC])?", r"極秘", r"部外秘", r"課外秘", r"庁外秘", r"取扱(?:い)?注意",
    r"取扱(?:い)?厳重注意", r"外部秘", r"庁内秘", r"対外秘", r"社外秘", r"厳秘",
    r"(?:関係者|庁内|課内|部内|局内|内部|担当者)限り", r"内部検討資料", r"内部資料",
)
DECLARED = re.compile(
    r"(" + "|".join(sorted(DECLARED_MARKINGS, key=len, reverse=True)) + r")"
    r"(?:につき|に付き|のため|扱いと(?:する|します)|と(?:する|します)|です|である|扱い)"
)
# 「扱いは取扱注意。」「一部は部外秘。」: the marking as the predicate that ends a sentence.
PREDICATED = re.compile(
    r"(?<=は)(" + "|".join(sorted(DECLARED_MARKINGS, key=len, reverse=True)) + r")(?=[。\n]|$)"
)
SEAL = re.compile("㊙")
# 「※秘部分」「※取扱厳重注意部分」: a note marking the part of the text that follows.
PART_MARKED = re.compile(r"※[ \t]*(" + MARKING + r")(?:部分|箇所)(?:あり|です|。|[ \t]*$)", re.M)
# A marking given as the value of a classification field: 「取扱区分：部外秘」「機密区分：機密性2」.
LABELLED = re.compile(
    r"(?:取扱(?:い)?区分|機密区分|機密性区分|秘密区分|秘区分|情報区分|公開区分|区分|格付け?|機密性表示|取扱(?:い)?"
    r"|classification|Classification|CLASSIFICATION)"
    r"[\"']?[ \t]*(?:[:：|=]|[ \t])[ \t|\"'【\[(]*"
    r"(" + MARKING + r")(?![\u4e00-\u9fff\u3040-\u30ff])"
)
# Words that also describe a thing (企業訪問（非公表）, 審議会は非公開): a mark only when they stand
# on the title line or alone on a line, not in brackets after another word.
ATTRIBUTE_WORDS = frozenset({"非公表", "非公開", "公表不可", "公開不可", "内部資料", "機密", "秘密",
                             "未定稿"})
CHAINED = re.compile(r"[】\])〕》〉］]?[ \t]*[/／・,、]?[ \t]*[【\[(〔《〈［]?(" + MARKING + r")[ \t]*"
                     + CLOSE)
QUOTE_CLOSE = ("」", "』", '"', "”")
# 「（機密性２・複写禁止）」: markings listed in one bracket or line mark the text together
# (a copying rule beside a marking is part of the same notice, not a marking of its own)
LISTED_MARKS = re.compile(r"(?:[ \t]*[・/／、][ \t]*(?:" + MARKING + r"|複写禁止|コピー禁止))+"
                          r"[ \t]*(?:[)）】\]〕]|$)", re.M)
QUOTED_MENTION = re.compile(r"(?:「[^」\n]{1,12}」|『[^』\n]{1,12}』|[・、])*"
                            r"(?:[のをにはやとが等～~・、]|といった|という|など|及び|又は|または)")
ATTRIBUTIVE = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa]")
DEFINING = re.compile(r"とは|をいう|に該当|を指す|の例")
MENTION_AFTER = re.compile(r"[のをにはやとが等～~・、]|に該当|及び|又は|または")
# 「機密性３（３Ａ～３Ｃ）：個人情報、法令上の秘密を含む情報」: a glossary entry — the grade, a colon,
# and what kind of information falls under it — defines the word, it marks nothing.
DEFINITION_ENTRY = re.compile(r"[ ]?(?:[(（][^)）\n]{1,16}[)）])?[ ]*[:：][^\n]{2,80}?"
                              r"(?:情報|もの|文書|資料|事項|データ)(?:など|等)?[。]?[ ]*(?:\n|$)")


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for m in STANDALONE.finditer(text):
        start, end = m.span(1)
        after = m.end() + len(text[m.end():m.end() + 4]) - len(text[m.end():m.end() + 4].lstrip(" \t"))
        if (MENTION_AFTER.match(text, after) and not _line_is_only(text, start, end)
                and not LISTED_MARKS.match(text, m.end())):
            continue
        entry = DEFINITION_ENTRY.match(text, end)
        if entry and not THIS_TEXT.search(entry.group()):
            continue  # a glossary of the grades (機密性２：公表前の情報など…情報)
        if (text[m.end():m.end() + 1] in QUOTE_CLOSE and QUOTED_MENTION.match(text, m.end() + 1)
                and not _line_is_only(text, start, end)):
            continue  # 「取扱注意」や「部外秘」といった表示: the words are quoted to be talked about
        if m.group(1) in ATTRIBUTE_WORDS and not _line_is_only(text, start, end) and (
                doc.in_table(start) or (doc.line_index(start) > 0 and not _decorated(text, start))):
            continue  # 企業訪問（非公表）, 黒塗り、非公開。: the thing is not public, the text is not marked
        if doc.in_table(start) and any(DEFINING_COLUMN.search(h) for h in doc.table_header(start)):
            continue  # | 機密性３Ａ | 行政事務で取り扱う情報… |: a table that defines the grades
        if end - start == 1 and _spaced_word(text, start, end):
            continue  # 秘 書 広報課長: a word spaced out letter by letter
        yield Candidate(start, end, "confidential_marking", "marking.standalone", score=3.0)
        pos = m.end()
        while (chained := CHAINED.match(text, pos)) is not None:  # 機密性３Ｃ　取扱厳重注意
            yield Candidate(*chained.span(1), "confidential_marking", "marking.standalone", score=3.0)
            pos = chained.end()
    for m in PREDICATED.finditer(text):
        if not DEFINING.search(doc.sentence_around(*m.span())):
            yield Candidate(*m.span(1), "confidential_marking", "marking.declared", score=2.8)
    for m in SEAL.finditer(text):
        # ㊙ is never a word: wherever it stands, glued to a title or not, it marks the text —
        # unless it is quoted or defined to be talked about (「㊙」の表示がある文書は…)
        quoted = text[m.start() - 1:m.start()] in "「『\"'" and text[m.end():m.end() + 1] in "」』\"'"
        if not quoted and not DEFINING.search(doc.sentence_around(*m.span())):
            yield Candidate(*m.span(), "confidential_marking", "marking.seal", score=3.0)
    for m in PART_MARKED.finditer(text):
        yield Candidate(*m.span(1), "confidential_marking", "marking.part", score=3.0)
    for m in LABELLED.finditer(text):
        yield Candidate(*m.span(1), "confidential_marking", "marking.labelled", score=3.0)
    for m in STATED.finditer(text):
        start, end = m.span(1)
        yield Candidate(start, end, "confidential_marking", "marking.stated", score=3.0)
    for m in DECLARED.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "のをとや「『":
            continue  # the word is talked about
        if ATTRIBUTIVE.match(text, m.end()) or DEFINING.search(doc.sentence_around(*m.span())):
            continue  # 「機密性2である情報とは…をいう」 defines the word
        start, end = m.span(1)
        yield Candidate(start, end, "confidential_marking", "marking.declared", score=2.8)


THIS_TEXT = re.compile(r"本件|本資料|本書|本文書|この資料|この文書|本メール")
DEFINING_COLUMN = re.compile(r"定義|説明|意味|例|該当する情報|取扱方法")


def _decorated(text: str, start: int) -> bool:
    """True when a decorative bracket or symbol opens the word (【非公開】, ■非公表), or it
    opens its line, rather than a word or a comma before it (企業訪問（非公表）, 黒塗り、非公開)."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] in "\n【［[〔《≪<«■□◆◇●※*＊★☆▲△▼▽-=＝―"


def _spaced_word(text: str, start: int, end: int) -> bool:
    """秘 書 広報課長: letters spaced one by one on either side."""
    before = text[max(0, start - 3):start]
    after = text[end:end + 3]
    return bool(re.fullmatch(rf" [{_LETTER}] ", after) or re.fullmatch(rf" [{_LETTER}] ", before))


def _line_is_only(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start: len(text) if line_end < 0 else line_end]
    return len(re.sub(rf"[^{_LETTER}]", "", line)) == len(re.sub(rf"[^{_LETTER}]", "", text[start:end]))


def find_words(doc: Document, words: tuple[str, ...]) -> Iterator[Candidate]:
    """A city's own marking words (`checks.local`), found as the built-in ones stand: on
    their own or as a classification field's value, never when talked about."""
    words = tuple(w for w in words if w)
    if not words:
        return
    alternatives = "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
    standalone = re.compile(r"(?m)" + OPEN + r"(" + alternatives + r")[ \t]*" + CLOSE)
    text = doc.text
    for m in standalone.finditer(text):
        start, end = m.span(1)
        after = m.end() + len(text[m.end():m.end() + 4]) - len(text[m.end():m.end() + 4].lstrip(" \t"))
        if MENTION_AFTER.match(text, after) and not _line_is_only(text, start, end):
            continue
        if (text[m.end():m.end() + 1] in QUOTE_CLOSE and QUOTED_MENTION.match(text, m.end() + 1)
                and not _line_is_only(text, start, end)):
            continue
        yield Candidate(start, end, "confidential_marking", "local.marking", score=3.0)
