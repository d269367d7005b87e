"""Published material: declared by the user (§4(4)) or recognised by its form.

Minutes, ordinances, facility lists, notices and FAQs are pasted to be summarised, and they
are full of what looks private out of context: officials named in office (○区長（森澤恭子君）),
offices' telephone numbers, facilities' addresses. A person recognises such text by its form
before reading a single value: speaker lines, article headings, a facility record's fields, a
notice's contact block. In published material, so recognised or declared,
- a public office's contact (a landline, an office mailbox) and a facility's address are
  published information (dropped unless the text turns out to be about a private person);
- a name with no private cue (no 様/さん, no 氏名 field) is at most `warn`: an official in office;
- identifiers, markings, a private person's details (a name with 様, a 自宅 address, a mobile
  number, a free-mail address) stay as they are, and so does a staff member named as the
  contact (担当 本間): a name given as someone to call is a person's, not an office's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .document import Document
from .findings import Candidate
from .rules.address import FACILITY_NAME_ENDS
from .rules.contact import FREE_MAIL, MOBILE

_TITLES = (
    "議長", "副議長", "委員長", "副委員長", "委員", "議員", "区長", "市長", "町長", "村長", "知事", "副知事",
    "副市長", "副区長", "副町長", "教育長", "部長", "局長", "課長", "室長", "次長", "所長", "館長", "参事",
    "理事", "主幹", "センター長", "事務局長", "会計管理者", "管理者", "大臣", "副大臣", "政務官", "長官",
    "参考人", "説明員", "君",
)
_TITLE = "(?:" + "|".join(sorted(_TITLES, key=len, reverse=True)) + ")"
# ○区民委員長（石田しんご君）　… / ○本多議長　… / ○柚木道義君　…
SPEAKER_LINE = re.compile(r"(?m)^[ 　]*[○◯〇◆◎●◇][^\s（(○◯〇]{0,24}?(?:" + _TITLE + r"|\d{1,2}番)"
                          + r"(?:[（(][^）)\n]{1,24}[）)])?(?:[ 　]|$)")
# The words only minutes use: attendance lists, the order of business, opening and closing.
MINUTES_STRONG = re.compile(r"出席議員|出席委員|欠席議員|欠席委員|説明のため出席|議事日程|会議録")
MINUTES_WORDS = re.compile(r"開議|散会|閉会|定例会|臨時会|委員会記録|本会議|議長|委員長")
# An attendance list: 「市長　横内公明君」「3番 高添秀明君」 — a title or seat number, a name, 君.
MEMBER_IN_OFFICE = re.compile(r"(?:" + _TITLE + r"|\d{1,2}番)[ 　]*[\u4e00-\u9fff々ぁ-ゖァ-ヺ]{1,5}"
                              r"(?:[ 　]{1,2}[\u4e00-\u9fff々ぁ-ゖァ-ヺ]{1,4})?君")
# A published document's own title: 公告, 告示, 記者会見 …
PUBLIC_TITLE = re.compile(r"入札公告|公告|告示|公示|記者会見|定例会見|会見録|広報|議会だより|募集要項"
                          r"|試験案内|受験案内"
                          # a notice's own title line ends so (not 「…をお知らせにしてください」)
                          r"|(?m:(?:を募集します|の募集|のお知らせ|を実施します|を開催します)[ 　]*"
                          r"(?:[（(][^\n）)]{0,12}[）)])?[ 　]*$)")
ARTICLE_HEADING = re.compile(r"(?m)^[ 　]*(?:第[\d一二三四五六七八九十百]+条(?:の[\d一二三四五六七八九十]+)?"
                             r"[ 　（(]|附[ 　]?則)")
# A bill's summary: 〔現 行〕… 〔改正後〕…, 施行期日, 一部を改正する条例.
AMENDMENT = re.compile(r"施行期日|改正後|[〔\[(（]現[ 　]?行[〕\])）]|一部を改正する|を廃止する|を制定する")
STATUTE_TITLE = re.compile(r"(?:条例|規則|法律|要綱|規程|政令|省令|告示)")
# A facility record's fields, read by the label's head word (登録施設名, 施設電話番号 …).
_FACILITY_HEADS = ("名称", "施設名", "団体名", "位置", "緯度", "経度", "開館時間", "休館日", "収容人数",
                   "定員", "所在地", "業種", "日時", "特記事項", "設置場所", "利用時間", "受付時間", "駐車場",
                   "対象地区", "方書", "管理者",
                   # open data's English keys: coordinates are a place's, never a person's
                   "lat", "lng", "lon", "latitude", "longitude")
# (The spaces that open the line are read once, possessively: the heads begin with none, and
# handing them back one by one to the lazy prefix made a line of spaces slow.)
FACILITY_FIELD = re.compile(r"(?m)^[ 　]*+[^\n:：]{0,10}?(" + "|".join(_FACILITY_HEADS)
                            + r")[\"']?[ 　]*[:：]")
# A record's name field holding a public facility (an export's "name" is read as 氏名).
FACILITY_NAMED = re.compile(r"(?m)^[ 　]*[\"']?(?:氏名|名称|施設名|name|Name)[\"']?[ 　]*[:：][ 　]*[\"']?"
                            r"[^\n,:：]{0,20}?(?:" + "|".join(FACILITY_NAME_ENDS)
                            + r")[0-9]{0,3}[\"']?[ 　]*,?[ 　]*$")
# The same records laid out one field per line (「名称⏎総合福祉センター⏎所在地⏎…」), or scanned
# with the label letter-spaced and numbered (「⑬名 称  西部公民館」).
# (Each run of spaces is read once, possessively: two runs side by side, each handing spaces
# back to the other, made a line of spaces quadratic.)
FACILITY_NAMED_VERTICAL = re.compile(r"(?m)^[ 　]*+(?:[①-⑳]|\d{1,2}[.)]?)?[ 　]*+(?:名[ 　]?称|施設名)"
                                     r"[ 　]*+(?:[:：][ 　]*|\n[ 　]*|(?<=[ 　]))"
                                     r"[^\n:：]{0,20}?(?:" + "|".join(FACILITY_NAME_ENDS)
                                     + r")[0-9]{0,3}[ 　]*$")
CONTACT_BLOCK = re.compile(r"(?:お?問い?合わ?せ|問合せ)(?!いただ|頂|下さ|くださ|を|が|の件|について|に対)"
                           r"(?:先)?[^\n]{0,6}(?:\n+[^\n]{0,40}|[^\n]{0,40})?"
                           r"(?:課|係|室|市役所|区役所|役場|センター|事務局|気象台|事務所|委員会|議会)"
                           # an office's name on its own line, its telephone or 〒 on the next
                           r"|(?m:^[◆■●◇□【\[]?[^\n]{0,20}(?:課|係|委員会|市役所|区役所|役場|センター|事務局|事務所)"
                           r"[◆■●◇□】\]]?[ 　]*\n[^\n]{0,6}(?:電話|TEL|Tel|℡|〒))"
                           # 「市民課 住居表示担当（電話 049-…）へお問い合わせください」: office first
                           r"|(?:課|係|室|市役所|区役所|役場|センター|事務局|事務所|委員会)[^\n。]{0,30}"
                           r"(?:電話|TEL|Tel|℡)[^\n。]{0,24}(?:へ|まで|に)お?問い?合わ?せ")
FAQ_LINE = re.compile(r"(?m)^[ 　]*(?:Q|Ｑ|問|質問)[\d.:：．、 　]")
ANSWER_LINE = re.compile(r"(?m)^[ 　]*(?:A|Ａ|答)[.:：．、 　]")
FORECAST = re.compile(r"(?:気象台|気象庁|地方気象台)(?:発表)?|(?:警報|注意報)を(?:発表|解除)")

# What keeps a detail private inside published material. (職氏名 is an attendance list's
# heading: the title and name of an official in office.)
PRIVATE_HONORIFIC = re.compile(r"[ ]*(?:様|さま|さん|ちゃん|くん|殿)")
PERSONAL_LABEL = re.compile(
    r"(?:(?<!職)氏名|お名前|名前|申請者|相談者|届出人|申込者|世帯主|本人|保護者|自宅|現住所|住民票|緊急連絡|携帯|"
    r"生年月日|被保険者|患者|利用者|受給者|対象者|児童|生徒|担当(?![課係部室局]))")
PERSONAL_FIELD = re.compile(r"(?m)^[ 　]*[^\n:：]{0,8}?" + PERSONAL_LABEL.pattern + r"[^\n:：]{0,4}[:：]")
# 議長戸川和子さん, 市長 横内公明君: a title right before the name says it is an office holder.
OFFICE_BEFORE = re.compile(_TITLE.replace("|君", "") + r"[ 　]{0,3}$")
# The rest of a name up to the minutes' 君 (a given name after the surname found, or nothing).
IN_SESSION = re.compile(r"(?:[ 　]?[\u4e00-\u9fff々ぁ-ゖァ-ヺ]{1,4})?(?:君|議員|委員)"
                        r"(?:(?=登壇|退席|着席|退場|入場)|(?![\u4e00-\u9fff]))")
# 「○市長（大河内 誠一）　…」「○堀越 泰典議員　…」: the head of a speaker line, before what is said.
SPEAKER_HEAD = re.compile(r"[ 　]*[○◯〇◆◎●◇][^\n　]{1,30}")


def _speaker_head(doc: Document, pos: int) -> bool:
    start, _ = doc.line_span(pos)
    head = SPEAKER_HEAD.match(doc.text, start)
    return bool(head) and pos < head.end()
PUBLISHABLE = frozenset({"phone", "email", "postal_code", "address", "person_name", "application_derived"})


def published_form(doc: Document) -> str | None:
    """The public genre the text's form shows, or None."""
    text = doc.text
    # a minutes word in a table's cell (a disclosure register's 「審議会の会議録」) is what a row
    # is about, not the form of the text
    if (SPEAKER_LINE.search(text)
            or any(not doc.in_table(m.start()) for m in MINUTES_STRONG.finditer(text))
            or ("君" in text and len(MEMBER_IN_OFFICE.findall(text)) >= 2)
            or len(set(MINUTES_WORDS.findall(text))) >= 2):
        return "minutes"
    if (((ARTICLE_HEADING.search(text) or AMENDMENT.search(text)) and STATUTE_TITLE.search(text))
            or "施行期日" in text):
        return "ordinance"
    heads = {m.group(1) for m in FACILITY_FIELD.finditer(text)}
    if len(FACILITY_NAMED.findall(text)) >= 2 or len(FACILITY_NAMED_VERTICAL.findall(text)) >= 2:
        return "facility_list"  # records whose name is a facility's: 「name: 北浦公民館2」 …
    if len(heads) >= 2 or (heads & {"名称", "施設名"} and not PERSONAL_FIELD.search(text)):
        return "facility_list"
    if FORECAST.search(text):
        return "forecast"
    if FAQ_LINE.search(text) and ("回答" in text or ANSWER_LINE.search(text)):
        return "faq"
    if CONTACT_BLOCK.search(text) or PUBLIC_TITLE.search(_title(text)):
        return "notice"
    return None


TITLE_LINES = 3
# 「内容：広報紙の字が小さい」: a field's value, not a title
FIELD_LINE = re.compile(r"[ 　]*[^\s:：]{1,10}[:：]")


def _title(text: str) -> str:
    """The first lines, where a notice's kind is named (an instruction to the AI may come first);
    a word such as 広報 further down is a mention (「広報紙の文字が小さい」), not the genre."""
    lines = [line for line in text[:400].split("\n") if line.strip()][:TITLE_LINES]
    return "\n".join(line for line in lines if not FIELD_LINE.match(line))


def _named_plainly(text: str, name: str) -> bool:
    """True when the published text also names the person without an honorific (a result list,
    a byline): 「優勝 齋藤健一（大和田クラブ）」 … 「記録を更新した齋藤健一さんは」 is the same public
    mention, not a private person addressed."""
    pos = text.find(name)
    while pos >= 0:
        if not PRIVATE_HONORIFIC.match(text, pos + len(name)):
            return True
        pos = text.find(name, pos + 1)
    return False


def as_published(doc: Document, c: Candidate, form: str | None = None) -> Candidate:
    """The candidate as it stands in published material (module docstring); `form` is the
    genre `published_form` found (None when the text was only declared published)."""
    if c.category not in PUBLISHABLE or c.public:
        return c
    if (c.category == "person_name" and form == "minutes" and not PRIVATE_HONORIFIC.match(doc.text, c.end)
            and (IN_SESSION.match(doc.text, c.end) or _speaker_head(doc, c.start))):
        # ○6番（舟木　明日香君）, 〔市長　門直美君登壇〕, ○市長（大谷 誠）: 君 is the minutes' mark of
        # a member or an official speaking in session, and the head of a speaker line names one;
        # such a name is the record's, not a private person's
        return replace(c, public=True, lowered=True)
    if c.lowered:
        return c
    label = doc.label_before(c.start, 12)
    if PERSONAL_LABEL.search(label + "\t" + doc.column_header(c.start)):
        return c
    value = doc.text[c.start:c.end]
    if c.category == "person_name":
        in_office = OFFICE_BEFORE.search(doc.text, max(0, c.start - 8), c.start)
        if PRIVATE_HONORIFIC.match(doc.text, c.end) and not in_office and not (
                PUBLIC_TITLE.search(_title(doc.text)) and _named_plainly(doc.text, value)):
            return c
        return replace(c, lowered=True)
    if c.category == "phone" and MOBILE.match(value):
        return c
    if c.category == "email" and FREE_MAIL.search(value):
        return c
    return replace(c, public=True)
