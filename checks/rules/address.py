"""Street addresses as whole spans, and postal codes.

An address is a run of place names that contains an administrative unit (都道府県, 郡, 市区町村)
and ends in a street number: 丁目/番地/番/号 (kanji numerals are digits by then, see
`checks.normalize`), or hyphenated digits 6-15-22, optionally followed by a building and room
(パレス385号, コーポ449, ハイツ新座203号室, 592号室). A city name alone is not an address.
An address broken over two lines after the city (「香川県小金井市⏎木立6-15-21」) is one span.

Public institutions. An address or 〒 code is the institution's own — public information, not
personal — when the line itself or the line just above names a public facility (市役所, 役場,
センター, 図書館, 公民館 …, or a 会場/所在地 label) and no personal label (住所, ご登録の住所,
現住所, 申請者 …) introduces it. That is how a notice's 「新座市役所⏎〒352-8623 埼玉県新座市
野火止一丁目1番1号」 passes while 「住所：〒920-6632 栃木県…」 is blocked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..document import Document
from ..findings import Candidate
from .context import context_of, has_any, header_has_any
from .roles import role_kind

PREFECTURE = (
    "北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|"
    "神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|"
    "大阪府|兵庫県|奈良県|和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|"
    "福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県"
)
PLACE_CHAR = re.compile(r"[\u4e00-\u9fff々〆ヵヶケノのが\u30a1-\u30faー・A-Za-z]")
# 大字 and 字 (北秋津字寺前, 下奥富字東原) are units of a rural address as 町 and 村 are.
ADMIN_UNIT = re.compile(r"(?:" + PREFECTURE + r")|..*?(?:市|区|郡|町|村)"
                        r"|(?<!文|数|漢|赤|黒|名|十|活|誤|脱|太|英|用|点|細|大)[\u4e00-\u9fff]字|大字")
# 「技能実習先の坂戸市…」「娘宅の川越市…」: a word and の before the city are not the address.
POSSESSOR = re.compile(r"[^\s]*?の(?=(?:" + PREFECTURE + r"|[\u4e00-\u9fff]{1,4}[市郡]))")
# 坂戸市にっさい花みず木5-2-7: a town name with hiragana in it, right after the city.
HIRAGANA_TOWN = re.compile(
    r"[\u4e00-\u9fff]{1,4}[市区郡町村]((?:[ぁ-ゖ]{1,6}[\u4e00-\u9fff々ヶ]{1,4})+)$")
NOT_TOWN_START = re.compile(
    r"では|には|にお|にて|から|まで|より|への|での|とは|との|など|につ|とし|を|が|は|も")
# A street number written as a bare number at the end of a cell or line: 日高市女影55, 入間市仏子1433.
CELL_NUMBER = re.compile(r"(?<![\d\-])\d{1,5}(?=[ ]*(?:[\t|\n,、)」』】\"]|$))")
CITY_THEN_TOWN = re.compile(r"[\u4e00-\u9fff]{1,4}[市郡町村](?!内|全|域|民|長|外|議|役|立|営|税|政)"
                            r"[\u4e00-\u9fff々ヶ]{1,6}$")
NOT_TOWN_END = re.compile(r"(?:人口|世帯|合計|計|平均|総数|件数|人数|戸数|年度|年|月|日|号|第|約|数|件|人|名"
                          r"|円|回|箇所|か所|校|園|館|歳|才|点|位|倍|分|時|条|項|台|本|枚|冊|個|票)$")
ADMIN_END = "市区郡町村都道府県"
HIRAGANA = re.compile(r"[ぁ-ゖ]")
# つくば市, ふじみ野市, つくばみらい市: a municipality whose name starts in hiragana
KANA_LED_UNIT = re.compile(r"[\u4e00-\u9fff]{0,2}[市町村]")
KANJI_BEFORE = re.compile(r"[\u4e00-\u9fff々]")
STREET = re.compile(
    r"(?<![\d\-])(?:\d{1,4}丁目(?:\d{1,4}(?:番地?の?|-)(?:\d{1,4}(?:号|-\d{1,4})?)?)?"
    r"|\d{1,5}番地?(?:の?\d{1,4}号?|-\d{1,4})?"
    r"|\d{1,5}-\d{1,5}(?:-\d{1,5}){0,2})(?![\d\-])"
)
# A building and its room: パレス385号, コーポ野田2-B, グリーンヒル入間 B-102, メゾン藤金2F, 592号室.
# (On the next line only when the building is all that line holds, as in a form or a CSV cell.)
BUILDING = re.compile(
    # (a name may hold ・ between katakana words, カーサ・ソレイユ; the room may follow a dash)
    r"(?:[ ]|\n[ \t]*)?[\u30a1-\u30faーA-Za-z\u4e00-\u9fff]"
    r"(?:[\u30a1-\u30faーA-Za-z\u4e00-\u9fff]|・(?=[\u30a1-\u30fa])){0,19}"
    r"[ ]?-?(?:[A-Z]-?\d{1,5}|\d{1,5}(?:-?[A-Z](?![A-Za-z]))?)(?:号室|号|F|階)?(?![\d\-])"
    r"|[ ]?\d{1,5}号室"
)
MAX_PLACE = 40
BUILDING_LINE_END = re.compile(r"[ \t]*(?:$|\n|[\"」』)）,\t|])")
# A town named without its city counts when the text says it is where someone lives: a
# personal label (住所は 新堀1-15-9), a personal table's address column, or brackets right
# after a person (近隣住民 荒木様（中野7丁目2-24）).
# 丁目-番-号 written out in full: three numbers (2-12-24) or 丁目…番…号.
# (A leading 0 or ten digits make it a telephone number: 080-9737-0000.)
FULL_STREET = re.compile(r"(?!0)\d{1,2}-\d{1,4}-\d{1,3}|\d{1,2}丁目\d{1,4}番(?:地)?\d{1,4}号?")
TOWN_ONLY = re.compile(r"[\u4e00-\u9fff々ヶ\u30a1-\u30faーぁ-ゖ]{2,8}$")
AFTER_PERSON = re.compile(r"(?:様|さん|氏|宅)[ ]?[（(]$")
ADDRESS_COLUMN = ("住所", "所在地", "居所", "現住所")
# 市道50-391号線, 県道15号線: a road's number, not a street address
ROAD_NUMBER = re.compile(r"号?線")
# Kyoto: 烏丸通今出川下る, 西洞院通四条上る, 堀川通御池西入る
KYOTO_TURN = re.compile(r"(?:上る|下る|西入る?|東入る?|入る)$")
POSTAL = re.compile(r"(?:〒 ?)(\d{3}-?\d{4})(?![\d\-])|(?<![\d\-])(\d{3}-\d{4}|\d{7})(?![\d\-])")
POSTAL_CONTEXT = ("郵便番号", "〒", "郵便", "ゆうびん")
POSTAL_KEY = re.compile(r"(?i)zip|postal|post_?code|yubin")
# 「352-0034 新座市野寺…」「"353-0004","志木市本町…」: seven digits right before an address are its code.
ADDRESS_AFTER = re.compile(r"[\"'’”]?[ \t,、]*[\"'“]?(?:\n[ \t]*)?"
                           r"(?:" + PREFECTURE + r"|[\u4e00-\u9fff々ヶ]{1,5}[市区郡町村]"
                           r"|[ぁ-ゖ]{2,5}[\u4e00-\u9fff]{0,2}[市町村])")


def _address_follows(text: str, end: int) -> bool:
    return ADDRESS_AFTER.match(text, end) is not None

PUBLIC_FACILITY = (
    "役所", "役場", "庁舎", "本庁", "支所", "出張所", "センター", "図書館", "公民館", "体育館",
    "保健所", "学校", "事務所", "会館", "公園", "館", "施設", "ホール", "プラザ", "消防署", "警察署",
    "病院", "連絡所", "サービスコーナー", "郵便局", "里", "消防局", "消防本部", "県庁", "庁",
    "委員会", "議会", "事務局", "相談所", "研究所", "試験場", "推進室", "対策室", "相談室",
)
# What a public place's own name ends in (中央公民館, 鶴見出張所): the words of two characters or more.
FACILITY_NAME_ENDS = tuple(w for w in PUBLIC_FACILITY if len(w) >= 2)
# A table whose header has one of these columns and no personal one lists places.
PLACE_COLUMN = ("会場", "施設", "場所", "名称", "所在地")
# Words that make 「新座市総合計画3-1-2」 a section number of a plan, not a street.
NOT_PLACE = re.compile(r"計画|施策|事業|条例|規則|要綱|方針|戦略|章|節|資料|議案|予算|目標|指標")
# A district named without a street number, as a location: 「野火止2丁目付近」.
AREA_AFTER = re.compile(r"(?:付近|周辺|地内|地先|一帯|方面|の一部|辺り|界隈|の?交差点)")
# 「…六丁目にある」「…二丁目に位置する」: a district described as where something is, no street number
LOCATED_AFTER = re.compile(r"(?:に|へ)(?:ある|あった|位置|所在|立地|建つ|建っ|開設|移転)")
# 「栄町3-2の交差点」: a street number naming a crossing is a location, not where someone lives.
CROSSING_AFTER = re.compile(r"の?交差点")
# The facility may be followed by where in it (本庁舎1階 市民ホール, 2階 集会室) and a bracket.
_WHERE_INSIDE = (r"(?:\s*(?:\d{1,2}階|地下\d階"
                 r"|[^\s、。()]{0,12}(?:室|ロビー|ホール|フロア|棟|窓口|コーナー|庁舎|受付|玄関|入口)))*")
_FACILITY_BEFORE = re.compile(r"(?:" + "|".join(PUBLIC_FACILITY) + r"|[^\s]{1,10}(?:課|係))" + _WHERE_INSIDE
                              + r"\s*(?:の?ご?(?:利用)?案内|施設一覧|一覧|概要|アクセス|地図)?"
                              + r"\s*\(?\s*(?:〒\s*(?:\d{3}-?\d{4}\s*)?)?$")
# 「桜川市 環境課 ごみ対策係 鈴木 隆」: a staff member's signature, the office's address below it
SIGNATURE_LINE = re.compile(r"(?:[^\s:]{1,15}\s+){0,3}[^\s:]*(?:課|係|室|担当|センター|事務所)"
                            r"\s+[^\s\d:()]{1,5}(?:\s[^\s\d:()]{1,5})?")
# (工事場所 and 設置場所 are left out: a home's renovation or septic tank is a private place.)
FACILITY_LABELS = ("会場", "施設名", "開催場所", "履行場所", "納入場所", "開催地", "履行地", "集合場所",
                   "本社所在地", "本店所在地", "本社:", "本店:")
# 「〔名 称〕 品川区児童相談所 〔位 置〕 …」: an ordinance's table of a facility's name and site
LOCATION_LABEL = re.compile(r"[〔【\[［(（][ ]*位[ ]*置[ ]*[〕】\]］)）][ ]*$")
# 所在地 and a bare 場所 name a public place only when the record around them names a facility
# (a company's or a resident's 所在地 in a case record is theirs, not the city's).
PLACE_LABELS = re.compile(r"(?:^|[^\u4e00-\u9fff])(?:所在地|場所)[\"']?(?:[ ]*[:：]|[ ]+)")
PRIVATE_SITE = re.compile(r"(?:工事|施工|設置|改修|被災|事故|発生|現場|使用|建築|営業|勤務)場所"
                          r"|生まれたところ|出生地"
                          r"|(?:物件|住宅|家屋|空き?家|建物|土地)の?所在地")
PERSONAL_LABEL = ("住所", "現住所", "居所", "申請者", "送付先", "自宅", "本籍", "ご登録", "お届け先",
                  "居住地", "転居先", "転出先", "転入前", "連絡先住所", "実家", "宛先",
                  "住家", "住居", "家屋")
# Labels of where something is sent: the resident's address, or the office's when it is named after.
DESTINATION_LABEL = ("送付先", "宛先", "お届け先", "郵送先", "提出先", "申込先")
# A table with one of these columns lists people, whatever its address column is called.
PERSONAL_COLUMN = ("氏名", "名前", "フリガナ", "生年月日", "誕生日", "申請者", "世帯主", "被保険者", "口座",
                   "個人番号", "本人", "保護者", "携帯", "住民票", "所有者", "防火管理者")
# 「稲垣 豊さん（狭山市…」: an address right after a person is theirs, whatever is around it.
PERSON_BEFORE = re.compile(r"(?:様|さま|さん|氏|殿|宅)[ ]?[（(、,:：]?[ ]?$")
# 「352-8623（新座市役所）」: a facility named in brackets right after the value.
FACILITY_IN_BRACKETS = re.compile(r"[^、。ぁ-ゖ\n]{0,40}?[（(][^（）()\n]{0,20}(?:"
                                  + "|".join(PUBLIC_FACILITY) + r")[^（）()\n]{0,6}[）)]")
# Hokkaido and Tohoku block names carry a number: 北1条西2丁目, 東3線, 5地割.
NUMBERED_BLOCK = re.compile(r"\d{1,3}(?=条|線|地割)")


OFFICE_AFTER = re.compile(r"(?:号|番地|\d)[ 　]+[^\s]{0,12}"
                          r"(?:市役所|区役所|役場|教育委員会|委員会|[^\s]{1,10}課)(?:[ 　]|$)")


def _facility_nearby(doc: Document, line_start: int) -> bool:
    """A public facility named on this line or one of the two lines above."""
    start = line_start
    for _ in range(2):
        if start == 0:
            break
        start = doc.line_span(start - 1)[0]
    _, end = doc.line_span(line_start)
    return any(word in doc.text[start:end] for word in PUBLIC_FACILITY)

# A notice's contact heading just above (■提出先・問い合わせ, 【お問い合わせ】).
CONTACT_HEADING = re.compile(r"^[■□◆●【\[]?[ ]*(?:[^\s]{0,6}・)?"
                             r"(?:提出先|申込先|問い?合わ?せ先?|お問い?合わ?せ)"
                             r"(?:・[^\s]{0,8})?[ ]*[】\]]?[:：]?$")
# The office named on the line after the address, as a letterhead or a notice's footer writes it
# (a city, a 部, then the 課 or 係 that the address belongs to).
OFFICE_LINE = re.compile(r"^[ ]*(?:[^\s\d]{1,8}[市区町村][ ]+)?(?:[^\s\d]{1,10}部[ ]+)?[^\s\d]{1,12}"
                         r"(?:課|係|役所|役場)(?:[ ]+[^\s\d]{1,12}(?:係|担当))?(?=[ ]|$)")


def _personal_table(header: list[str]) -> bool:
    """A table about people: a personal column, or a column of people by role (使用者, 届出人)."""
    return _personal_header(tuple(header))


@lru_cache(maxsize=4096)
def _personal_header(header: tuple[str, ...]) -> bool:
    """`_personal_table`, worked out once per distinct header (every row of a table asks)."""
    if any(has_any(cell, PERSONAL_COLUMN) or role_kind(_head(cell)) == "person" for cell in header):
        return True
    # a register of businesses that names each one's staff (事業者名⇥法人番号⇥担当者⇥所在地) is a
    # record of contractors and their people, not a list of public places
    return (any(role_kind(_head(cell)) == "staff" for cell in header)
            and any(role_kind(_head(cell)) == "organisation" or "法人" in cell for cell in header))


def _head(cell: str) -> str:
    """A column head without its name suffix (使用者名, 届出人氏名 → 使用者, 届出人)."""
    return re.sub(r"[ ]*(?:氏名|名)$", "", cell.strip())


NEAR = 80


def is_public_institution(doc: Document, pos: int) -> bool:
    """True when the text at `pos` is a public facility's own address (module docstring)."""
    line_start, line_end = doc.line_span(pos)
    # What says whose address it is stands near it: a label before, an office after. (Bounded,
    # so that one endless line of addresses costs linear time.)
    own = doc.text[max(line_start, pos - NEAR):pos]
    line_end = min(line_end, pos + 2 * NEAR)
    if (has_any(own, DESTINATION_LABEL) and not PERSON_BEFORE.search(own)
            and OFFICE_AFTER.search(doc.text, pos, line_end)):
        return True  # 「送付先：〒352-8623 新座市野火止一丁目1番1号 新座市役所 住宅課」: where to send forms
    if has_any(own, PERSONAL_LABEL) or PRIVATE_SITE.search(own) or PERSON_BEFORE.search(own):
        return False
    if has_any(own, FACILITY_LABELS) or LOCATION_LABEL.search(own):
        return True
    if PLACE_LABELS.search(own) and _facility_nearby(doc, line_start):
        return True
    if _FACILITY_BEFORE.search(own):
        return True  # 「新座郵便局 〒352-8799 新座市野火止5-2-55」
    if FACILITY_IN_BRACKETS.match(doc.text, pos, line_end):
        return True  # 「郵便番号：352-8623（新座市役所）」
    if OFFICE_AFTER.search(doc.text, pos, line_end):
        return True  # 「〒352-8623 新座市野火止一丁目1番1号 新座市教育委員会 生涯学習スポーツ課」
    if doc.in_table(pos):
        if _personal_table(doc.table_header(pos)) or PRIVATE_SITE.search(doc.column_header(pos)):
            return False
        # a row of a facility list names the facility in a cell of its own (中央公民館 | …, 北消防署
        # 朝日分署); the address's own cell (「…ハイツ武里 203号」: 里 in a building's name) does not
        cells = [doc.text[a:b].strip(" \"'") for a, b in doc.cell_spans(doc.line_index(pos))
                 if not a <= pos < b]
        return (has_any(doc.column_header(pos), FACILITY_LABELS)
                or any(has_any(cell, FACILITY_NAME_ENDS) or cell.endswith(PUBLIC_FACILITY)
                       for cell in cells if cell)
                or header_has_any(doc.table_header(pos), PLACE_COLUMN))
    if line_end < len(doc.text) and not PERSON_BEFORE.search(own):
        next_start, next_end = doc.line_span(line_end + 1)
        following = doc.text[next_start:min(next_end, next_start + 2 * NEAR)]
        if OFFICE_LINE.match(following) and not has_any(following, PERSONAL_LABEL):
            return True  # 「〒352-8623 新座市野火止一丁目1番1号⏎新座市 財務部 資産税課」
    if line_start == 0:
        return False
    prev_start, prev_end = doc.line_span(line_start - 1)
    previous = doc.text[prev_start:prev_end].strip()
    if CONTACT_HEADING.match(previous) and not has_any(own, PERSONAL_LABEL):
        return True  # 「■提出先・問い合わせ⏎〒352-8623 …」
    signature = SIGNATURE_LINE.fullmatch(previous) and not previous.endswith("。")
    return (bool(_FACILITY_BEFORE.search(previous) or signature)
            and not has_any(previous, PERSONAL_LABEL))


def _trim_left(value: str) -> int:
    """Offset where the address proper starts inside a match (drops a leading label)."""
    pref = re.search(PREFECTURE, value)
    if pref:
        return pref.start()
    label = re.search(r"住所|所在地|居所", value)
    if label:
        return label.end()
    return 0


def _place_start(text: str, pos: int) -> int:
    """Walk left from a street number over place names, across one break after a city."""
    i = pos
    while i > 0 and pos - i < MAX_PLACE:
        if PLACE_CHAR.match(text, i - 1):
            i -= 1
            continue
        turn = KYOTO_TURN.search(text, max(0, i - 3), i)
        if turn and "通" in text[max(0, i - MAX_PLACE):i]:
            i = turn.start()
            continue
        if HIRAGANA.match(text, i - 1):
            # つくば市, ひたち野東: a place name in hiragana after a unit, or before 市/町/村
            k = i - 1
            while k > 0 and i - k < 6 and HIRAGANA.match(text, k - 1):
                k -= 1
            kana_led = (KANA_LED_UNIT.match(text, i) and i - k >= 2
                        and (k == 0 or not KANJI_BEFORE.match(text, k - 1)))
            if (k > 0 and text[k - 1] in ADMIN_END) or text[i:i + 1] in ("市", "町", "村") or kana_led:
                i = k
                continue
            if (k == 0 or text[k - 1] in "\t|\n\"'") and PLACE_CHAR.match(text, i):
                i = k  # けやき台1-19-24 at the start of a cell: a town name in kana
                continue
            town = HIRAGANA_TOWN.search(text, max(0, pos - MAX_PLACE), pos)
            if town and town.start(1) < i and not NOT_TOWN_START.match(town.group(1)):
                i = town.start(1)
                continue
        k = i - 1
        while k > 0 and i - k < 3 and text[k - 1].isdigit():
            k -= 1
        block = NUMBERED_BLOCK.match(text, k)
        if block is None or block.end() != i:
            break
        i = k
    j = i
    while j > 0 and text[j - 1] == " ":
        j -= 1
    if j > 0 and text[j - 1] == "\n" and j - 1 > 0 and PLACE_CHAR.match(text, j - 2):
        k = j - 1
        while k > 0 and pos - k < MAX_PLACE * 2 and PLACE_CHAR.match(text, k - 1):
            k -= 1
        # 「…小金井市⏎木立6-15-21」, or 「…北秋津字寺前⏎768番2」: the line before ends in a place
        # whose units are there, and this line goes on with the rest of it
        if text[j - 2] in ADMIN_END or (i == j and ADMIN_UNIT.search(text, k, j - 1)
                                         and not NOT_PLACE.search(text, k, j - 1)):
            return k
    return i


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for m in STREET.finditer(text):
        if m.start() > 0 and text[m.start() - 1] == "第":
            continue
        left = _place_start(text, m.start())
        if m.start() - left < 2:
            continue
        start = left + _trim_left(text[left:m.start()])
        possessor = POSSESSOR.match(text, start, m.start())
        if possessor:
            start = possessor.end()
        if NOT_PLACE.search(text, start, m.start()) or ROAD_NUMBER.match(text, m.end()):
            continue
        town_only = False
        if not ADMIN_UNIT.search(text, start, m.start()) and not _lives_there(doc, start, m):
            if not (FULL_STREET.fullmatch(m.group().strip()) and TOWN_ONLY.search(text, start, m.start())):
                continue
            # 「隣接地所有者：苅部正和（上宗岡3-23-23）」「あの、館2-1-2の？」: a town and a full
            # 丁目-番-号 without the city — someone's address in a text about people, a place in
            # a notice; kept only where the text is private (like an office's number)
            town_only = True
        if (m.group().endswith("丁目") and (AREA_AFTER.match(text, m.end())
                                            or LOCATED_AFTER.match(text, m.end()))) or CROSSING_AFTER.match(
                text, m.end()):
            continue  # 「楽々園六丁目にある公立小学校」: a district where a place stands
        if is_public_institution(doc, start):
            continue
        end = m.end()
        building = BUILDING.match(text, end)
        if building and (not building.group().startswith("\n")
                         or BUILDING_LINE_END.match(text, building.end())):
            end = building.end()
        yield Candidate(start, end, "address", "address.street", score=2.0, public=town_only)
    yield from _cell_numbers(doc)
    for m in POSTAL.finditer(text):
        if m.group(1):
            start, end = m.span(1)
        else:
            start, end = m.span(2)
            if not (has_any(context_of(doc, start), POSTAL_CONTEXT)
                    or POSTAL_KEY.search(doc.label_before(start)) or _address_follows(text, end)):
                continue
        if is_public_institution(doc, start):
            continue
        yield Candidate(start, end, "postal_code", "postal_code.format", score=2.5)


def _lives_there(doc: Document, start: int, street: re.Match[str]) -> bool:
    """A town and street without a city, where the text says a person lives (TOWN_ONLY)."""
    text = doc.text
    if not TOWN_ONLY.search(text, start, street.start()) or not any(
            unit in street.group() for unit in ("-", "丁目", "号", "番地")):
        return False
    line_start, _ = doc.line_span(start)
    before = text[max(line_start, start - 12):start]
    if has_any(before, PERSONAL_LABEL) or AFTER_PERSON.search(before) or PRIVATE_SITE.search(before):
        return True
    # in a table about people, a column of town-and-number values is where they live
    column = doc.column_header(start)
    return doc.in_table(start) and _personal_table(doc.table_header(start)) and (
        not has_any(column, PLACE_COLUMN) or bool(PRIVATE_SITE.search(column)))


def _cell_numbers(doc: Document) -> Iterator[Candidate]:
    """Addresses whose street number is a bare number closing a cell or a line (日高市女影55):
    a city and a town name right before it, in a table row or under a personal label."""
    text = doc.text
    for m in CELL_NUMBER.finditer(text):
        left = _place_start(text, m.start())
        place = text[left:m.start()]
        city = CITY_THEN_TOWN.search(place)
        if city is None or NOT_TOWN_END.search(place) or NOT_PLACE.search(place):
            continue
        start = left + _trim_left(place)
        possessor = POSSESSOR.match(text, start, m.start())
        if possessor:
            start = possessor.end()
        line_start, _ = doc.line_span(start)
        personal = has_any(text[line_start:start], PERSONAL_LABEL) or (
            doc.in_table(start) and _personal_table(doc.table_header(start)))
        if not personal or is_public_institution(doc, start):
            continue
        yield Candidate(start, m.end(), "address", "address.cell_number", score=1.5)
