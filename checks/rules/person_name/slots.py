"""Places where the sentence itself says a person is named, whatever the word reads as.

The analyser reads 南, 光, 希望, 日向 or 石神 as ordinary words or places; a person reading
「同居の長男（一郎、50代）」, 「お疲れ様です。西です。」, 「担当 南」 or a message signed
「…どうぞ。⏎田中」 knows a name stands there from the words around it, not from the word.
Each pattern here is one such slot:

- family: a kin word, then the name in its bracket, after の with an honorific, or written in
  full (祖父春日 清、) — 「長男（一郎、50代）」「妹のさくらさん」「父・咲良）」;
- self-introduction: after a greeting or after the writer's section or company,
  「…です／でございます」, and 「…と申します」 anywhere;
- staff: who handled it, at the end of a line or a bracket (「担当 南」「受付者　谷」
  「面接官 松本・山﨑」「（担当 栗原）」);
- signature: a lone name line closing a message or a quoted reply (「…どうぞ。⏎田中」「> 浦和」).
"""

from __future__ import annotations

import re

from ..roles import KIN, PERSON_NOUNS, role_kind
from .analyser import tokenizer
from .cues import surname_like
from .words import FORM_LABEL, NAMING_VERB, NOT_A_NAME, SELF_INTRODUCTION_ENDS

_KANJI = r"[\u4e00-\u9fff々ヶ]"
_PART = r"[\u4e00-\u9fff々ヶぁ-ゖァ-ヺー]"
# A name in a slot: kanji (1-4) and, after one space, a given name in kanji or kana; or a
# surname glued to a given name (光さくら, 野火止ひかり).
NAME = (r"(" + _KANJI + r"{1,4}(?:[ ]" + _PART + r"{1,4}|[ぁ-ゖ]{2,4})?"
        r"|[ァ-ヺー]{2,8}(?:[ ・][ァ-ヺー]{2,8})?)")

# Where a verb could follow the word (受付：開場します), only kanji names and katakana.
PLAIN_NAME = (r"(" + _KANJI + r"{1,4}(?:[ ]" + _PART + r"{1,4})?|[ァ-ヺー]{2,8}(?:[ ・][ァ-ヺー]{2,8})?)")

_KIN = "(?:" + "|".join(sorted((re.escape(k) for k in KIN if k != "本人"), key=len, reverse=True)) \
    + "|きょうだい|兄弟|姉妹)"
_HONORIFIC = r"(?:さん|様|さま|氏|くん|君|ちゃん)"
KIN_NAMED = re.compile(
    r"(?<![\u4e00-\u9fff々])" + _KIN + r"(?:"
    r"[（(]" + NAME + r"(?=[、,，][^）)\n]{0,20}[）)])"           # 長男（一郎、50代）
    r"|の(" + _KANJI + r"{1,4}[ぁ-ゖ]{0,3}|[ぁ-ゖ]{2,4}|[ァ-ヺー]{2,6})"
    r"(?=" + _HONORIFIC + r")"                                     # 妹のさくらさん
    r"|・" + NAME + r"(?=[）)])"                                    # 父・咲良）
    r"|(" + _KANJI + r"{1,4}[ ]" + _PART + r"{1,4})(?=[、。が]|" + _HONORIFIC + r")"  # 祖父春日 清、
    r"|(" + _KANJI + r"{1,4})(?=" + _HONORIFIC + r"|氏)"            # 長男光氏
    r")")

_GREETING = (r"(?:お疲れ様です|お疲れさまです|おつかれさまです|お世話になっております|お世話になります"
             r"|失礼いたします)")
# (named: a word stands before the head, so 「税務課の」「白石建設会社の」, not a bare 「会社の寮です」)
_SECTION = (r"(?:(?<=[^\s:：、。「（(])(?:課|係|室|班|部|局|担当|センター|事務所|事業所|会社|組合|協会|病院"
            r"|クリニック|事務局|法人|支社|支店|本部)|包括"
            # 「担当の石神です」: the writer's duty at the start of a sentence or a quoted line
            r"|(?:^|(?<=[\s>。、]))担当)")
# 「NPO法人あしたの灯の風間 一番です」「株式会社ペイサポート、相模港です」: a body's own name after its
# kind, then the writer
_BODY_NAMED = r"(?:株式会社|有限会社|合同会社|法人|組合|協会)[^\s、。]{1,12}?[の、]"
SELF_INTRODUCED = re.compile(
    r"(?:" + _GREETING + r"[。！]?[ \n]*|" + _SECTION + r"の|(?:私|わたし)は"
    r"|株式会社[\u4e00-\u9fff々ァ-ヺーぁ-ゖA-Za-z]{1,12}の|" + _BODY_NAMED + ")" + NAME
    + r"(?=" + SELF_INTRODUCTION_ENDS + ")"
    r"|(?<![\u4e00-\u9fff々ァ-ヺ])" + NAME + r"(?=" + NAMING_VERB + ")")

_STAFF = (r"(?:担当(?:者|職員)?|受付(?:者|職員)?|対応(?:者|職員)?|面接官|立会(?:者|職員)|"
          r"(?P<role>[\u4e00-\u9fff]{1,6}(?:員|者|人))|"
          r"オペレーター|アドバイザー|コーディネーター|ヘルパー|ドライバー|スタッフ)")
STAFF_AT_END = re.compile(
    r"(?<![\u4e00-\u9fff々])" + _STAFF + r"(?:[ \t]*[:：][ \t]*|[ \t]+)" + PLAIN_NAME
    + r"(?:[・、]" + PLAIN_NAME + r")?(?=[ \t]*(?:$|[）)]))", re.M)
# Offices whose holders sign published texts (監査委員, 議員): read by the titled-name rules.
OFFICE_HOLDERS = ("委員", "議員", "役員", "理事", "監事", "参与")
# 「（入力：石井／確認：澤田）」「審査：髙田）」: a step of the work and who did it, in a colon field.
# A memo may shorten the step to its first kanji (「→ 折り返し済（受：石神）」「担：西」).
_DUTY = r"(?:入力|確認|審査|処理|作成|点検|決裁|起案|聴取|照合|検印|受付|記録|記入|対応|受|担)"
DUTY_FIELD = re.compile(r"(?<![\u4e00-\u9fff々])" + _DUTY + r"(?:者)?[ \t]*[:：][ \t]*" + PLAIN_NAME
                        + r"(?=[ \t]*(?:$|[／/）)]))", re.M)

# Chat and minutes lines that open with the speaker and no colon: 「[山口] 外壁の…」「［濵口］送迎が…」
# 「9:16 平野 木曜14時でOK」. The shape must recur (two such lines) and the words after it are
# speech (kana), so a bracketed heading (［注意］) or a timetable (10:00 開会 挨拶) is not one.
TAGGED_LINE = re.compile(r"(?m)^[ \t>]*[\[［](" + _KANJI + r"{1,4}|[ァ-ヺー]{2,8})[\]］][ \t]*"
                         r"(?=[^\n]*[ぁ-ゖ]{2})")
_STAMP = r"(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?)"
STAMPED_LINE = re.compile(r"(?m)^[ \t>]*" + _STAMP + r"[ \t]+(" + _KANJI + r"{1,4}(?:[ ]" + _KANJI
                          + r"{1,3})?)[ \t]+(?=[^\n:：]*[ぁ-ゖ]{2})")
# A memo's header line: what was taken (電話受付, 窓口メモ, TEL, ☎), when, then who took it —
# 「電話受付　1/6（月）　光」「8/14（木） 10:13　増田」「TEL 8/7 13:40 佐藤受」「窓口メモ 5/27（池田）」
# 「電話メモ　12:05　岸受」「支払準備メモ（星）」.
MEMO_TAKER = re.compile(
    r"(?m)^[^\n]{0,24}?(?:受付|電話|TEL|Tel|☎|相談|メモ|窓口|来庁)[^\n]{0,12}?"
    r"(?:\d{1,2}/\d{1,2}(?:[ ]?[（(][月火水木金土日][)）])?(?:[ 　]*\d{1,2}:\d{2})?|\d{1,2}:\d{2}|(?<=メモ))"
    r"(?:[ 　]+|[ 　]*[（(](?=[^\n]*[)）][ 　]*\S{0,3}[ 　]*$))(" + _KANJI + r"{1,4}?)(?:受|対応)?[)）]?"
    r"(?=[ 　]*(?:$|㊙|[【(（<]))")
# A chat copied from Slack or Teams puts the speaker and the time on a line of their own and what
# they said below it: 「本庄  15:11 PM⏎遠距離通学費の…」.
_GIVEN = r"(?:" + _KANJI + r"{1,3}|[ぁ-ゖ]{2,4}|[ァ-ヺー]{2,5})"  # a given name in kanji or kana
SPEAKER_THEN_STAMP = re.compile(r"(?m)^[ \t>]*(" + _KANJI + r"{1,4}(?:[ ]" + _GIVEN + r")?)[ \t]+"
                                r"\d{1,2}:\d{2}(?::\d{2})?(?:[ ]?[AP]M|午前|午後)?[ \t]*$")
# A chat export with the date and time, then the speaker alone on the line, what they said below:
# 「2025.06.24 16:40 岡部トメ⏎発覚日は…」.
STAMP_THEN_SPEAKER = re.compile(r"(?m)^[ \t>]*(?:\d{4}[./\-]\d{1,2}[./\-]\d{1,2}[ ]+)?\d{1,2}:\d{2}[ \t]+("
                                + _KANJI + r"{1,4}(?:[ ]" + _KANJI + r"{1,3}|[ァ-ヺー]{1,4})?)[ \t]*$")
# A quoted reply's header: 「> [2025/10/2 16:45] 松本 wrote:」「山﨑さんは書きました:」(the given
# name in kanji or kana: 中村 さくら wrote:).
WROTE = re.compile(r"(?m)(?:^|[\]\s])(" + _KANJI + r"{1,4}(?:[ ]" + _GIVEN + r")?)"
                   r"(?:[ ]?wrote:|(?:さん|様)?(?:は|が)書きました)")
NOT_A_SPEAKER = re.compile(r"開会|閉会|休憩|受付|開始|終了|昼食|挨拶|説明|質疑|移動|準備|解散|集合|開場"
                           r"|閉場|報告|議事|注意|重要|参考|別紙|補足|訂正|追記|質問|回答|要望|意見|結論"
                           r"|課題|対応|確認|連絡|予定|結果|概要|目的|備考|全体|本部|事務局|自動|通知")

_CLOSING = r"(?:。|ます|です|ください|どうぞ|願います|以上|[！!？?])"
SIGNED_AT_END = re.compile(
    r"(?m)" + _CLOSING + r"[ \t]*\n(?:>[ ]?)?[ \t]*" + NAME
    + r"[ \t]*(?=\n[ \t]*(?:\n|>?[ ]*$|-{2}|→|TEL|Tel|E-?mail|電話|内線)|\Z)")

# Words that fill these slots without being anyone: states, amounts, the writer's own words.
NOT_IN_SLOT = re.compile(
    r"^(?:以上|了解|承知|確認|済|済み|未定|不在|なし|無し|交代|全員|各位|一同|私|当方|弊社|当社|当課|"
    r"本人|同上|不明|中|予定|休み|欠席|出席|在席|外出|宛|様|殿|等|ほか|他|者|人|方|者様|次第|"
    r"担当|係長|課長|部長|主任|主査|所長|室長|局長|本日|明日|今日|今回|前回|次回|至急|急ぎ)$")


# One kanji that tables and forms use as a mark (済, 了, 有, 否), not a surname.
MARKS = set("済有無可否要不同未了正副他計〃仝休欠出在外内中")


def _fits(word: str) -> bool:
    return bool(word) and word not in MARKS and word not in PERSON_NOUNS and not FORM_LABEL.fullmatch(word) \
        and not NOT_IN_SLOT.match(word) \
        and not NOT_A_NAME.search(word) \
        and not word.endswith(("長", "官", "員", "者", "師", "士", "課", "係", "部", "局", "室"))


def _signs_like_a_name(word: str) -> bool:
    """A lone line read as a signature: a surname and a given name, one word (林), or words that
    open with a surname reading — not a heading compounded of common nouns (投票場所, 申込方法)."""
    if " " in word or re.fullmatch(r"[ァ-ヺー・]+", word) or surname_like(word):
        return True
    return len(list(tokenizer().tokenize(word))) < 2


def slot_names(text: str) -> list[tuple[int, int]]:
    """Spans of names standing where the sentence says a person is named."""
    out: list[tuple[int, int]] = []
    patterns = [KIN_NAMED]
    if "です" in text or "申し" in text or "ござい" in text:
        patterns.append(SELF_INTRODUCED)
    patterns += [DUTY_FIELD, SIGNED_AT_END, MEMO_TAKER]
    for pattern in patterns:
        for m in pattern.finditer(text):
            for i in range(1, (m.lastindex or 0) + 1):
                word = m.group(i)
                if not word or not _fits(word.strip()):
                    continue
                if pattern is MEMO_TAKER and (NOT_A_SPEAKER.search(word) or word in "案控写続改訂"
                                              or not (len(word) == 1 or surname_like(word))):
                    continue  # 「受付期間 4/1 開始」「（3/22 夜間）」: what happens then, not who took it
                if pattern is SIGNED_AT_END and not _signs_like_a_name(word.strip()):
                    continue  # 「…困難な方。⏎投票場所⏎」: a heading after a sentence, not a signature
                out.append(m.span(i))
    for m in STAFF_AT_END.finditer(text):
        role = m.group("role")
        if role and (role_kind(role) not in ("person", "staff") or role.endswith(OFFICE_HOLDERS)):
            continue  # 事業者 株式会社…: an organisation's role; 監査委員 土屋 和則: an office's signature
        for i in range(2, (m.lastindex or 0) + 1):
            word = m.group(i)
            if word and _fits(word.strip()):
                out.append(m.span(i))
    out += _speakers(text)
    return out


def _speakers(text: str) -> list[tuple[int, int]]:
    """Speaker tags of a chat or minutes, when at least two lines open with one."""
    out = []
    out += [m.span(1) for m in WROTE.finditer(text) if _fits(m.group(1))]
    for pattern in (TAGGED_LINE, STAMPED_LINE, SPEAKER_THEN_STAMP, STAMP_THEN_SPEAKER):
        tags = [m for m in pattern.finditer(text)
                if _fits(m.group(1)) and not NOT_A_SPEAKER.search(m.group(1))]
        if len(tags) >= 2:
            for m in tags:
                first, _, rest = m.group(1).partition(" ")
                if rest and role_kind(first) is not None:  # 「18:05 配達員 高橋」: the role, then the name
                    out.append((m.start(1) + len(first) + 1, m.end(1)))
                else:
                    out.append(m.span(1))
    return out
