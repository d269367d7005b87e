"""Cues that make a name certain: a speaker in a chat or minutes, a self-introduction, a
duty (受付者：…), an honorific or a title, and what makes a word a work's or thing's name.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .analyser import KATAKANA_WORD, NAME_KINDS, Token, pos_kind, read_tokens, tokenizer
from .words import ADMIN_CHARS, KATA_INITIAL, LABELS, NOT_A_NAME, SELF_INTRODUCTION_ENDS

# 北村 あかね, 渡部 トメ, 髙橋 ヨシ子: a given name in kana after a surname and a space
KANA_GIVEN = re.compile(r"[ ](?:(?!まで|から|より|です|ます|など|ほか|たち|とし|にて|ので|だけ|のみ)"
                        r"[ぁ-ゖ]{2,4}"
                        r"|[ァ-ヶ]{2,4}子?)(?=[ ]?(?:さん|様|さま|くん|ちゃん|氏)|[ ]?[(、,\t\n]|$)")

KANA_REST = re.compile(r"(?<=[ぁ-ゖ])[ぁ-ゖ]{1,2}(?=[ ]?(?:さん|様|さま|くん|ちゃん))")

SELF_INTRO = re.compile(r"[ ]?(?:と申し|ともうし|と言います|といいます)")

# A chat line: a time stamp in any form ([17:48], 13:04, [2024/04/08 9:41], [10/12 07:15]), the
# speaker's section or role (給与係, 防災危機管理課, 専門員), the name, a note in brackets, a colon.
_STAMP = (r"\[?(?:\d{2,4}[/\-.])?(?:\d{1,2}[/\-.]\d{1,2}(?:\([^)\n]{1,3}\))?[ T]+)?"
          r"\d{1,2}:\d{2}(?::\d{2})?\]?")

_ROLE = (r"[\u4e00-\u9fff々ァ-ヺー0-9]{0,10}"
         r"(?:係|課|室|部|局|員|番|当番|担当|センター|長|直|士|師|官|所|会場|窓口)")

SPEAKER = re.compile(r"(?m)^[ \t]*(?:" + _STAMP + r"[ \t]*)?(?P<role>" + _ROLE + r"[ \t]+)?"
                     r"(?P<name>[\u4e00-\u9fff々]{1,4}(?: [\u4e00-\u9fff々]{1,4})?)"
                     r"(?:\([^)\n]{1,14}\))?[ \t]*:")
# A chat export's header line: the speaker and the time alone on a line, the message below
# (「中村　14:33」⏎「令和8年9月1日…」, 「14:33 中村」); two such lines make the text a chat log.
# (the given name may be in kana, the speaker's organisation in brackets after it:
# 「関 美穂（助産院） 13:04」)
_HEADER_NAME = r"[\u4e00-\u9fff々]{1,4}(?: [\u4e00-\u9fff々]{1,4}| [ぁ-ゖ]{2,4})?"
_HEADER_ORG = r"(?:\([^()\n]{1,12}\))?"
# 「窓口1番 堀 11:20 「代理の方…」」「係長 杉田 11:22 「本人は…」」: a role may come first, the
# words said may follow the time in quotes on the same line.
CHAT_HEADER = re.compile(r"(?m)^[ \t]*(?:(?P<role>" + _ROLE + r"|窓口\d{1,2}番?)[ \t]+)?"
                         r"(?:(?P<name>" + _HEADER_NAME + r")" + _HEADER_ORG + r"[ \t]*(?<=[ \t)])" + _STAMP
                         + r"|"
                         + _STAMP + r"[ \t]+(?P<later>" + _HEADER_NAME + r"))"
                         r"(?P<said>[ \t]*[「『][^\n]*)?[ \t]*$")
# What a speaker says is words (two hiragana in a row), not a field's value (項目: 値)
SPOKEN = re.compile(r"[^\n]*[ぁ-ゖ]{2}")

TIMESTAMPED = re.compile(r"(?m)^[ \t]*" + _STAMP)

SECTION_IN_BRACKETS = re.compile(
    r"[ ]?\((?:[^()\n]{0,15}(?:課|係|室|部|局|センター|担当|事務所)|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+)\)")

# 『千と千尋の神隠し』, シングル「ロビンソン」, 航空母艦「カール・ヴィンソン」: a work or a vessel
WORK_BEFORE = re.compile(r"(?:シングル|アルバム|楽曲|曲|作品|映画|小説|漫画|番組|ドラマ|母艦|空母|戦艦|艦|号"
                         r"|船|機|ブランド|商品|製品)$")

VESSEL_BEFORE = re.compile(r"(?:戦艦|空母|航空母艦|巡洋艦|駆逐艦|潜水艦|客船|帆船|艦艇|軍艦)$")

# ルイ・ヴィトンはモエ・ヘネシーと合併, シャネルの香水, ダイソンは…家電メーカーである: a business
# named after its founder, known by what businesses do
BUSINESS_AFTER = re.compile(
    r"(?:と|に|を)(?:提携|合併|買収|業務提携|資本提携|経営統合)"
    r"|の(?:香水|製品|新製品|新型|ブランド|店舗|株式|株|子会社|本社|工場|車|商品|掃除機|時計|合弁会社|旗艦店"
    r"|日本法人|直営店|真珠)"
    r"|で(?:行われ|開催され|開かれ)"
    r"|(?:は|が)、?[^。\n「」]{0,40}?(?:メーカー|企業|会社|ブランド|チェーン|レーベル|バンド|グループ)"
    r"(?:である|であり|だった|。|、|$)"
    r"|(?:は|が)、?[^。\n「」]{0,20}?(?:旗艦店|直営店|日本法人|工場|支店)"
)

AFTER_INITIAL_COMPOUND = re.compile(
    r"(?:国際)?(?:空港|大学|記念|宇宙|センター|橋|通り|駅|港|号|賞|財団|図書館|病院)")

# ヘンリー8世, アナスタシオス1世: a monarch or pope with a regnal number
REGNAL_NAME = re.compile(r"(?<![\u30a1-\u30faー・=])[\u30a1-\u30faー]{2,}(?:[・=][\u30a1-\u30faー]{2,})*"
                         r"[0-9]{1,2}世(?![\u4e00-\u9fff])")

REGNAL = re.compile(r"[0-9]{1,2}世(?![\u4e00-\u9fff])")

NUMBERED_THING = re.compile(r"[0-9]{1,4}号")

PLACE_COLUMN = re.compile(r"地区|地域|町名|町丁|住所|所在地|会場|場所|出身|施設|校区|学区|行政区|区域")


def work_titles(text: str) -> list[tuple[int, int]]:
    """Spans of titles: 『…』, and 「…」 right after a word for a work or a vessel."""
    spans = [m.span() for m in re.finditer(r"『[^』\n]{1,40}』", text)]
    for m in re.finditer(r"「[^」\n]{1,30}」", text):
        if WORK_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            spans.append(m.span())
    return sorted(spans)


def names_a_thing(text: str, start: int, end: int, titles: list[tuple[int, int]]) -> bool:
    """A name found by the analyser that here names a work, a vessel, a place or a business."""
    i = bisect_left(titles, (start, -1))  # titles are sorted; one may hold a quote in turn
    if any(a < start and end < b for a, b in titles[max(0, i - 2):i]):
        return True
    if VESSEL_BEFORE.search(text, max(0, start - 5), start) or NUMBERED_THING.match(text, end):
        return True  # 戦艦ビスマルク, アポロ11号
    if KATA_INITIAL.fullmatch(text, start, end) and AFTER_INITIAL_COMPOUND.match(text, end):
        return True  # ジョン・F・ケネディ国際空港
    if KATAKANA_WORD.match(text, start) and BUSINESS_AFTER.match(text, end):
        return True
    return False


def with_kana_given(text: str, run: list[Token], run_end: int) -> int:
    """The end of a name whose given name is in kana: after a surname the analyser stopped at
    (北村 あかね), or a kana given name it cut short (西村 まな|み さん)."""
    if run[-1].kind == "sei":
        given = KANA_GIVEN.match(text, run_end)
        return given.end() if given else run_end
    if run[-1].kind == "mei" and len(run) > 1:
        rest = KANA_REST.match(text, run_end)
        return rest.end() if rest else run_end
    return run_end

SELF_NAMED = re.compile(
    r"(?:^|(?<=[。\n]|の)|(?<=私は)|(?<=わたしは))([\u4e00-\u9fff々]{1,4}(?: [\u4e00-\u9fff々ぁ-ゖ]{1,4})?)"
    r"(?=" + SELF_INTRODUCTION_ENDS + ")", re.M)
# 「担当佐藤」「職員髙橋が立会い」: a staff word glued to the surname, at the end of the line or
# before the particle that makes it the subject.
GLUED_STAFF = re.compile(r"(?m)(?:担当|対応|職員)([\u4e00-\u9fff々]{1,3})(?=[ ]*$|が|と[^\n]{0,6}[名人])")

# 「受付：杉本」「文責 木村」: who did it, under a label that does not always hold a name
DUTY_NAMED = re.compile(r"(?m)(?:受付|作成|記録|確認|対応|入力|処理|決裁|起案|回答|聴取|文責)者?"
                        r"[ \t]*[: ][ \t]*([\u4e00-\u9fff々]{1,4})(?:[ ][\u4e00-\u9fff々]{1,4})?[ \t]*$")

HONORED_WORD = re.compile(r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{2,4})(?<![" + ADMIN_CHARS + r"])"
                          r"(?=様|さん|さま|殿|先生|氏(?![\u4e00-\u9fff]))")

# 「収納課 寺田まで」「指導救命士 德永。」「建築指導課 宮内、警察官 大杉」「職員の栗原が伺います」
# 「生活支援員：岡部（月2回訪問）」: a section or a staff role, then a short word that reads as a
# surname, then the end of the phrase — a person in their post.
# A person's post or profession: written after a name (関課長, 今医師, 星 涼子主査) or before it
# (保健師木村が, 弁護士 熊本 さくら), it says the word is a person.
PERSON_TITLES = (
    "隊長", "隊員", "機関員", "救命士", "職員", "主任", "主査", "主事", "主幹", "参事", "係長",
    "課長", "部長", "次長", "所長", "館長", "園長", "校長", "教頭", "教諭", "室長", "班長", "院長",
    "保健師", "看護師", "助産師", "医師", "歯科医師", "薬剤師", "技師", "保育士", "栄養士",
    "社会福祉士", "精神保健福祉士", "介護福祉士", "理学療法士", "作業療法士", "介護支援専門員",
    "弁護士", "司法書士", "行政書士", "税理士", "社会保険労務士", "土地家屋調査士", "建築士",
    "相談員", "支援員", "専門員", "指導員", "調査員", "通訳", "巡査部長", "巡査", "警部補", "警部",
    "警察官", "刑事", "消防士", "記者", "社員", "監督員", "ケースワーカー", "ワーカー", "ケアマネジャー",
    "ケアマネ", "CW", "SW", "社長", "専務", "常務", "代表取締役", "店長", "工場長", "現場代理人",
)
# Members of the council and of committees are named after their post in minutes and drafts
# alike: a name before these is a person (warn in public text), but they head no staff list.
MEMBER_TITLES = ("議員", "委員", "委員長", "副委員長")
STAFF_ROLES = (
    "課", "係", "室", "班", "署", "局", "事務局", "担当", "センター", "事務所", "会社", "協会",
    "法人", "組合", "財団", "病院", "医院", "薬局", "(株)", "宿直", "日直", "当番", "選管", "会計",
    "担当者", *PERSON_TITLES,
)
# 職員 and 社員 are also said of everyone (全職員, 各社員): after a name they need no help.
_TITLES = "|".join(map(re.escape, sorted((set(PERSON_TITLES) | set(MEMBER_TITLES)) - {"職員", "社員"},
                                         key=len, reverse=True)))
# 「関課長」「井上社長が」「前田 キヨ医師（…）」「今 さくらCW」: a name glued to a post, after a
# word boundary (a particle, punctuation, a space, the line start), the post not the head of a
# body (医師会, 社長室).
NAME_THEN_TITLE = re.compile(
    r"(?:^|(?<=[\s、。,:：（(「【|\t\]]|[ぁ-ゖ]))"
    r"([\u4e00-\u9fff々]{1,4}(?: [\u4e00-\u9fff々]{1,3}| [ぁ-ゖァ-ヺ]{2,4})?)[ ]?"
    r"(?:" + _TITLES + r")(?![\u4e00-\u9fff々A-Za-z])", re.M)
# 「次回は南部長が」「原議員からは」: one kanji before a post is a surname (南, 平, 原) unless it
# qualifies the post (副部長, 前委員, 各課長).
ONE_KANJI_BEFORE_TITLE = re.compile(r"(?![副総次前元新旧同各全本当該現主正課係室部局市区町村県国都府道"
                                    r"分支班隊])"
                                    r"[\u4e00-\u9fff]")
# 「保健師木村が」: a post glued before a surname that ends the phrase
TITLE_THEN_NAME = re.compile(r"(?:" + _TITLES + r")([\u4e00-\u9fff々]{1,3})"
                             r"(?=が|は|に|と|から|より|の(?![\u4e00-\u9fff])|、|。)")
SECTION_NAMED = re.compile(
    r"(?:" + "|".join(map(re.escape, STAFF_ROLES)) + r")"
    r"(?:[ ]+|[ ]*[:：][ ]*|の)([\u4e00-\u9fff々]{1,4}(?: (?!巡査|警部|警視|主任|主査|主事|係長|課長|部長)"
    r"[\u4e00-\u9fff々ぁ-ゖ]{1,4})?|[\u30a1-\u30faー]{2,}(?:・[\u30a1-\u30faー]{1,})+)"
    r"(?=[ ]*(?:\(内線[^()\n]*\))?[ ]*"
    r"(?:\n|$|\)|\(|まで|宛|あて|が|は|に|と|より|から|、|,|。|・|です"
    r"|[ ]*(?:巡査|警部|警視|" + "|".join(map(re.escape, STAFF_ROLES)) + r")))")


def _surname_like(word: str) -> bool:
    """A word the analyser reads as a surname, or as a place or proper noun (as 中野, 寺田
    are both), but not as an ordinary word."""
    morphemes = list(tokenizer().tokenize(word.split(" ")[0]))
    if not morphemes:
        return False
    kinds = [pos_kind(m.part_of_speech_id()) for m in morphemes]
    if kinds[0] in ("sei", "person"):
        return all(k in NAME_KINDS for k in kinds)
    return len(morphemes) == 1 and kinds[0] in ("L", "N")


def surname_like(word: str) -> bool:
    """Public name of `_surname_like` for the layout rules (a word that can open a name)."""
    return _surname_like(word)


def _staff_name(value: str) -> bool:
    """A name after a section or role: a surname reading, a surname and given name (丁寧 春香,
    南 良平: the given name reads as one), or a katakana name in parts (ファン・ティ・トゥー)."""
    if "・" in value:
        return True
    if _surname_like(value):
        return True
    words = value.split(" ")
    if len(words) != 2:
        return False
    given = list(tokenizer().tokenize(words[1]))
    return len(given) == 1 and pos_kind(given[0].part_of_speech_id()) in ("mei", "person")


def titled_names(text: str) -> list[tuple[int, int]]:
    """Names known by the post written beside them; a judgement of the same weight as a name
    in prose (an official named in published minutes is one too), so the caller lowers them."""
    out = [m.span(1) for m in NAME_THEN_TITLE.finditer(text)
           if not NOT_A_NAME.search(m.group(1))
           and (ONE_KANJI_BEFORE_TITLE.fullmatch(m.group(1)) if len(m.group(1)) == 1
                else _staff_name(m.group(1)))]
    out += [m.span(1) for m in TITLE_THEN_NAME.finditer(text) if _surname_like(m.group(1))]
    return out


# A signature: the section on its own line, the name alone on the next
# (「新座市 福祉政策課 相談係⏎西 葵⏎Mail: …」).
# The body may be a company or an office of any kind, and both lines may be quoted (「> 丸山法律事務所⏎
# > 渡邊空」, 「株式会社データクラフト⏎奈良 陽翔」).
_QUOTED = r"(?:[>＞][ ]?)*"
_BODY_LINE = (r"[^\n]{0,30}(?:課|係|室|班|担当|センター|事務所|事務局|会社|法人|協会|組合|病院|医院"
              r"|クリニック|研究所)|(?:株式会社|有限会社|合同会社|\(株\)|㈱)[^\n]{1,20}")
SIGNATURE_NAME = re.compile(r"(?m)^" + _QUOTED + r"(?:" + _BODY_LINE + r")[ \t]*\n[ \t]*" + _QUOTED +
                            r"([\u4e00-\u9fff々]{1,4}(?: [\u4e00-\u9fff々]{1,3}| [ぁ-ゖァ-ヺ]{2,4})?)[ \t]*$")
# 「弊社の責任者（五十嵐、携帯090-…）」「担当：人事課 光勝利（内線…／携帯…）」: a contact person, then
# how to reach them, in one bracket.
# 「問合せ先：大和（shinobu@…／048-…）」: or the number or address itself in the bracket.
CONTACT_PERSON = re.compile(r"(?:[(（]|[ ]|(?<=先)[:：][ ]?)"
                            r"([\u4e00-\u9fff々]{1,4}(?: [\u4e00-\u9fff々]{1,3})?)"
                            r"(?:[、,][ ]?|[ ]?[(（])(?:携帯|電話|TEL|Tel|直通|内線"
                            r"|(?<=[(（])(?:0\d{1,4}[-(]\d|[A-Za-z0-9._+-]+@))")


def _surname_or_any(word: str) -> bool:
    """A word in a contact person's place: a surname reading, or one kanji (光, 西) that is no
    qualifier of a post."""
    if word in ("様", "殿", "氏", "君"):
        return False  # 「村上 のぞみ 氏（〇九〇…）」: the honorific after the name, not a name
    return _surname_like(word) or (len(word) == 1 and bool(ONE_KANJI_BEFORE_TITLE.fullmatch(word)))


def self_named(text: str) -> list[tuple[int, int]]:
    """Names given by their bearers (「税務課の菅原です。」「お疲れさまです。中野です。」
    「増田と申します」) and names signed after a section (「収納課 寺田まで」「（都市計画課 柴田）」)."""
    from .word_names import surname_headed  # word_names reads this module's titles

    out = []
    if "です" in text or "申し" in text:
        out += [m.span(1) for m in SELF_NAMED.finditer(text) if _surname_like(m.group(1).split(" ")[0])]
    out += [m.span(1) for m in GLUED_STAFF.finditer(text) if _surname_like(m.group(1))]
    out += [m.span(1) for m in SECTION_NAMED.finditer(text) if _staff_name(m.group(1))]
    out += [m.span(1) for m in SIGNATURE_NAME.finditer(text)
            if not NOT_A_NAME.search(m.group(1)) and not m.group(1).endswith(LABELS)
            and (" " in m.group(1) or _surname_like(m.group(1)) or surname_headed(m.group(1)))]
    if "携帯" in text or "電話" in text or "TEL" in text or "先" in text or "@" in text:
        out += [m.span(1) for m in CONTACT_PERSON.finditer(text)
                if not NOT_A_NAME.search(m.group(1)) and _surname_or_any(m.group(1))]
    if "様" in text or "さん" in text or "殿" in text or "氏" in text or "先生" in text:
        out += [m.span(1) for m in HONORED_WORD.finditer(text) if _surname_like(m.group(1))]
    if ":" in text or "文責" in text:
        out += [(m.start(1), m.end()) for m in DUTY_NAMED.finditer(text)
                if m.group(1) != m.group().strip() and _surname_like(m.group(1))]
    return out


def chat_speakers(text: str) -> list[tuple[int, int]]:
    """The speaker names of a chat log or minutes (「[17:48] 若林：…」「藤本：了解です」): a line
    that begins with a name the analyser reads as a surname, a colon, and words; a name read
    only as a place (若林 is both) counts when the line has a time stamp or the text has two
    speaker lines."""
    if ":" not in text:
        return []
    found = chat_headers(text)
    candidates = [m for m in SPEAKER.finditer(text) if not NOT_A_NAME.search(m.group("name"))
                  and not m.group("name").endswith(LABELS)
                  and (SPOKEN.match(text, m.end()) or _stamped(text, m))]
    stamped = [m for m in candidates if _stamped(text, m)]
    # (two stamped lines of two speakers are already a log: 「17:21 泉: …⏎17:31 三輪: …」)
    log = len(stamped) >= 2 and len({m.group("name") for m in stamped}) >= 2
    for m in candidates:
        surname, place_like = _speaker_reading(m.group("name"))
        if surname:
            found.append(m.span("name"))
        elif (place_like or m.group("role")) and (len(candidates) >= 2 or _stamped(text, m)):
            # 「[02:41] 隊長 小鳥遊：…」: a role before the word says it is a person speaking
            found.append(m.span("name"))
        elif log and _stamped(text, m) and not SCHEDULE_WORD.fullmatch(m.group("name")):
            # 「[9:06] 光：さっき窓口に来た…」: in a stamped log of several speakers, the word in the
            # speaker's place is a person even when it is also a word (光, 西, 平)
            found.append(m.span("name"))
    # 「[9:54] 栗原：👍（既読3）」: a speaker once known is the speaker on every line
    known = {text[s:e] for s, e in found}
    if known:
        for m in SPEAKER.finditer(text):
            if m.group("name") in known and m.span("name") not in found:
                found.append(m.span("name"))
    return found


# What a timetable puts where a chat puts its speaker (「[10:00] 休憩：昼食」).
SCHEDULE_WORD = re.compile(r"開会|閉会|休憩|受付|開始|終了|昼食|挨拶|説明|質疑|移動|準備|解散|集合|開場|閉場"
                           r"|報告|議事"
                           r"|指令|司令|本部|通信|事務局|全体|一同|各位|管理者|自動|通知|連絡|記録")


def chat_headers(text: str) -> list[tuple[int, int]]:
    """Speakers of a chat export whose header line holds only the name and the time, with the
    message on the lines below (a timetable's 「開始 9:30」 has none). The shape must recur
    (two header lines) and the word must read as a name or a place, as a surname can."""
    heads = []
    for m in CHAT_HEADER.finditer(text):
        span = m.span("name") if m.group("name") else m.span("later")
        name = text[span[0]:span[1]]
        below = text[m.end() + 1: text.find("\n", m.end() + 1) if "\n" in text[m.end() + 1:] else len(text)]
        said = m.group("said") or (below.strip() and not CHAT_HEADER.fullmatch(below))
        if NOT_A_NAME.search(name) or name.endswith(LABELS) or not said:
            continue
        surname, place_like = _speaker_reading(name)
        if surname or place_like or m.group("role"):
            heads.append(span)
    return heads if len(heads) >= 2 else []


def _stamped(text: str, m: re.Match[str]) -> bool:
    return TIMESTAMPED.match(text, text.rfind("\n", 0, m.start()) + 1) is not None


def _speaker_reading(name: str) -> tuple[bool, bool]:
    """Whether a speaker label reads as a name with a surname first, and whether its first
    word is at least a name or place the analyser knows."""
    kinds = [t.kind for t in read_tokens(name, 0, len(name))]
    if kinds and kinds[0] in ("sei", "person") and all(k in (*NAME_KINDS, "space") for k in kinds):
        return True, True
    head = list(tokenizer().tokenize(name.split(" ")[0]))
    return False, len(head) == 1 and pos_kind(head[0].part_of_speech_id()) in (*NAME_KINDS, "L")


def cued(text: str, start: int, end: int, run: list[Token]) -> bool:
    """A name that the words around it make certain, as an honorific does: a self-introduction
    (増田と申します, センターみらいの大西です), a signature with the section or e-mail in brackets
    (高田（介護保険課）). A name after its section (手当給付係 平野) is `self_named`'s."""
    if run[0].kind not in ("sei", "person") or run[-1].tag:
        return False
    if SELF_INTRO.match(text, end):
        return True
    if (text.startswith("です。", end) or text.startswith("です\n", end)) and (
            start == 0 or text[start - 1] in "の。\n"):
        return True  # 税務課の菅原です。 / お疲れさまです。遠藤です。
    return SECTION_IN_BRACKETS.match(text, end) is not None
