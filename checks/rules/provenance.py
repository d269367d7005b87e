"""§6(3): information obtained through applications and notifications (申請・届出).

A person recognises a provenance statement by two things, not by a list of forms:
- a **form named by its head word**: any noun compound ending in what residents hand in —
  …申請書, …申込書, …届, …届出書, …願, …票 (予診票, 相談申込票), …依頼書, …委任状, …宣誓書,
  …履歴書, …フォーム, …はがき (介護保険料減免申請書, 学童保育室入室申請書, 開栓・閉栓申込書);
- **evidence that this text came from it**, right after the form (…の記載による, …から転記,
  …の写し, …の「同居を始めたとき」欄, …（FAX受信分）の記載内容, …及び添付書類による,
  …でご登録いただいた, …をOCR) or a source label before it (出典：, データ元：, from=).
The span is the form's name. Procedure mentions (…を受理し, …を郵送, …の提出時期,
…に記入のうえ) carry no evidence and pass; so do sentences that explain a rule, manuals and
quizzes (`checks.rules.secrecy.explains_rule`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..findings import Candidate
from .secrecy import explains_rule

# Head words of what residents submit, longest first so 申込書 wins over 書.
_HEADS = (
    "申請書類", "申請書", "申込書", "申込票", "申込フォーム", "申込はがき", "届出書", "届書", "申出書",
    "申立書", "請求書", "依頼書", "同意書", "誓約書", "宣誓書", "履歴書", "申告書", "報告書", "確約書",
    "承諾書", "陳情書", "要望書", "委任状", "フォーム", "はがき", "予診票", "問診票", "調査票", "相談票",
    "事前相談票", "証明書", "指導表", "申込票", "経歴書",
    # what else a resident or a business fills in: 財産収支状況書, 身上調書, 採用内定者調書 (a
    # person's own statement; a 審査調書 is the city's), 事業計画書, 境界確定協議書, 奨学生願書,
    # 候補者推薦書, アンケート票, 物件登録カード
    "状況書", "身上調書", "者調書", "計画書", "協議書", "願書", "推薦書", "アンケート票", "アンケート",
    "登録カード", "者カード", "申込用紙", "回答票", "シート",
    # the records made of what was handed in or said at the counter
    "届出内容", "申請内容", "申込内容", "相談内容", "相談記録", "面談記録", "ケース記録", "支援記録",
    "訪問記録", "聞き取り記録", "聞き取り内容", "申請データ", "届出データ", "提出書類",
)
_HEAD = "(?:" + "|".join(sorted(_HEADS, key=len, reverse=True)) + ")"
# (kana words are part of a form's name — あっせん申出書 — but a particle ends the compound)
# (a law's article is part of a title too: 都市計画法第53条許可申請書)
_COMPOUND = r"(?:(?:[\u4e00-\u9fff\u30a1-\u30faーA-Za-zぁ-ゖ]|(?<=[^\s])・|(?<=第)\d|\d(?=\d*[条項号]))" \
            r"(?<![のをにはがでともへや]))"
# 転入届, 死亡届, 返還猶予願: 届/願 after a kanji compound. (票 only in the heads above: 住民票,
# 除票, 附票 are the city's own records, not what a resident handed in.)
# Any …票 a resident fills in (相談予約票, 意向調査回答票) but the city's own registers and slips.
_SLIP = r"[\u4e00-\u9fff]{2,10}票(?<!住民票)(?<!除票)(?<!附票)(?<!伝票)(?<!原票)(?<!投票)(?<!開票)(?<!得票)" \
        r"(?<!受理票)(?<![^\u4e00-\u9fff]受付票)(?<!^受付票)(?<!整理票)(?<!処理票)(?<!決裁票)"
_SHORT_HEAD = (r"(?:[\u4e00-\u9fff]{1,10}届(?![けい])|[\u4e00-\u9fff]{2,10}願(?![いうえお])|" + _SLIP + ")")
FORM = re.compile(r"(?:" + _COMPOUND + r"{0,16}?" + _HEAD + "|" + _SHORT_HEAD + ")")
# Where a form's name can end: found first with a literal search, the compound is read leftwards.
HEAD_WORD = re.compile(_HEAD + r"|届(?![けい])|願(?![いうえお])|票")
COMPOUND_CHAR = re.compile(_COMPOUND)
FUNCTION_WORD = re.compile(r"(?:そして|また|なお|さらに|および|ただし|その|この|あの|これ|それ|まず"
                           r"|次に|ご|お)"
                           r"(?=[\u4e00-\u9fff\u30a1-\u30fa])")
MAX_COMPOUND = 16
NOTE = r"(?:[ ]?[(（][^)）\n]{1,24}[)）])?"
_EVIDENCE = (
    r"(?:の|に)?(?:ご)?(?:記載|記入)(?:いただいた|された|されている|した|内容|事項|欄)?(?![しす]て|のうえ|の上|し(?!た))"
    r"(?<!記入(?=[をがは]))"
    r"|に書かれ(?:て)?(?:いた|た|ている)|に書いた|に書いてあ(?:った|る)|の回答"
    # 「転入届を見て分かった」「…届を確認したところ」「…届に記入があった」: what the form told us
    r"|を見て(?:分か|わか|知)|を確認したところ|を見たところ|に(?:記入|記載)(?:が|も)あ(?:った|り)"
    r"|の(?:下書き|控え|原本|原票)(?:から|より)"
    r"|で(?:提出|申告|届け出)された|により(?:提出|申告)された|として提出された|を記録した"
    r"|の(?:[「『][^」』\n]{1,16}[」』]|(?!各)[^\s。、,]{1,6})欄"
    r"|の(?:内容|写し|原文|画像|データ|入力内容|登録内容|印影|受付分|選手名簿|名簿|添付)"
    r"|(?:から|より)の?(?:転記|転載|入力|手入力|抜粋|抜き書き|引用|抽出|取得|作成|コピー|書き写|算定|拾っ|拾い)"
    r"(?:した|された)?"
    r"|(?:から|より)(?:写し|写した|書き写した)?(?=[ \t]*(?:$|[、,:：。)）\n】―]))"
    r"|の転記(?=[ \t]*(?:$|[―\-)）】、。]|です))"
    # 「[OCR] 脱退一時金請求書（写し）」: the copy itself, as a heading
    r"|[（(]写し[)）](?=[ \t]*$)"
    r"|によれば|によると|による|により(?:入力|取得|提出)|に基づ[くき]|のとおり|を(?:もとに|基に)"
    r"|を(?:スキャン|OCR|貼り付け|打ち込|転記|入力|抽出|集計|出力)|で(?:ご)?登録|に書かれ"
    r"|に添付(?:された|されていた|されている|の)"
    # 「…届出書で確認。」「…申請書にて確認した」「…届により登録」「…依頼書の入力時」「…のスキャン」
    r"|(?:で|にて)(?:確認|把握)(?:した|済み?|。|$)|により登録|の入力時|のスキャン|に寄せられた"
    # 「…再交付申請書にて紛失理由を確認」: what was checked on the form
    r"|(?:で|にて)[^。\n、]{1,10}?を(?:確認|把握)"
    # 「…申請書（転記）」「…届出書のOCR結果です」「…申請書（手書き）を読み取った」「…の入力分」
    r"|[（(]転記[)）]|の(?:OCR|ＯＣＲ)|(?:[（(][^)）\n]{1,6}[)）])?を読み取っ|の?入力分|の?受付分"
    # 「【…申請書 転記】」「（申込はがき OCR結果）」: a heading saying the text is its transcript
    r"|[ 　](?:転記|OCR|ＯＣＲ|写し|抜粋)(?:結果)?(?=[】)）\]])"
    r"|添付の"
    # 「事前相談票の電話番号 → …」: a person's detail read off the form
    r"|の(?:電話番号|住所|連絡先|氏名|生年月日|メールアドレス|勤務先)(?![欄を]|について)"
    # 「A申請書及びB証明書より」「A申請書及びB証明書の記載から算定」: a list of forms the text came from
    r"|(?:及び|・|、|と)[^。\n]{0,14}?(?:による|の記載"
    r"|(?:より|から)(?:作成|転記|算定)?(?=[ \t]*(?:$|[、,:：)）\n])))"
)
# A 報告書 counts only when something was copied from it (浄化槽使用開始報告書から転記した).
TRANSCRIBED = re.compile(NOTE + r"(?:から|より)(?:転記|入力|手入力|抜粋|抜き書き|書き写|拾っ|(?=[)）]))|"
                         + NOTE + r"に書かれ|" + NOTE
                         + r"(?:の|に)?記載(?:内容|事項|の|された)")
NOTE_START = re.compile(r"[ ]?[(（]")
RECEIVED_NOTE = re.compile(r"[ ]?[（(][^)）\n]{0,16}(?:受付|受理)分?[)）]")
HEADING_START = re.compile(r"[ \t　]*[▼■◆●□【\[〔]?[ 　]*")
FIELD_PROCEDURE = re.compile(r"一致|照合|確認(?:し|す)|記入|審査|を書|書いて|書く")
FIELD_EVIDENCE = re.compile(r"の(?:電話番号|住所|連絡先|氏名|生年月日|メールアドレス|勤務先)")
EVIDENCE_AFTER = re.compile(NOTE + r"(?:" + _EVIDENCE + r")", re.M)  # ($: the end of a line)
# The same statement without a form's name: 「申請時に提出された」「届出により取得した」.
PROCESS = re.compile(
    r"(?:申請|届出|申込み?|相談|来庁)時に(?:提出|記入|聴取|聞き取)(?:された|した|いただいた)?"
    r"|(?:申請|届出|相談|申告)により(?:取得|入手|把握|提供)(?:した|された)?"
    r"|(?:窓口|相談|面談|訪問)で(?:聞き取った|聴取した|伺った|把握した)"
    r"|(?:住民異動届|届出|申請)で把握(?:済み|した)"
)
# The words a source is labelled by (出典：…, データ元：…), written once.
_SOURCE_WORDS = "出典|データ元|元データ|根拠資料|元資料|出所|情報源|転記元|入力元"
SOURCE_LABEL = re.compile(r"(?:" + _SOURCE_WORDS + r"|根拠"
                          r"|from|source|form"
                          # 「（申請書）…」「【申請書名】…」「（届出の種類）…」: a record's own label says
                          # its value is the form the record was made from
                          r"|(?:^|(?<=\s))[(（【](?:申請書名?|申込書名?|届出書名?|届出の種類|書類名|様式名)[)）】]"
                          r"|提出の|提出された|から提出の|より提出の|スキャンした|読み取った|撮影した)"
                          r"[\"' ]*[:：=]?[\"' \t]*$")
# 「出典：のりあいタクシー登録申込書」「出典：お問い合わせフォーム」: the label's value is the form, whose
# name may begin with a word the compound does not take in
LABEL_VALUE = re.compile(r"(?:" + _SOURCE_WORDS + r")[ \t]*[:：][ \t]*[^\s、。:：]{1,12}$")
# 「申請書に記載された個人情報の取扱いについて」: a rule about handling what forms hold, not a source
HANDLING_AFTER = re.compile(r"[^。\n]{0,6}(?:個人情報|情報)の(?:取扱|取り扱|管理|保護|利用目的)")


# 「決算書または確定申告書の写しが必要です」「申請書の写しを添付してください」: a copy a notice asks
# for is a requirement, not text copied from one.
REQUIRED_AFTER = re.compile(r"(?:等|など)?(?:が必要|も必要|が要り|は不要|の?を?(?:ご)?(?:提出|添付|持参|用意)"
                            r"|をお持ち|を添えて|を同封|をお送り)")
# A procedure in a plan or a notice: the forms are what will be examined (…を確認し、…照合する).
PROCEDURE = re.compile(r"(?:確認|審査|照合|点検|精査)し[^。\n]*?(?:する|します|行う|行います)(?:。|$)")
# The span takes the evidence in too (予診票の記載, 申請書に記載された), up to this many characters.
EVIDENCE_SPAN = 8


# 「住民基本台帳事務における支援措置申出書」「景観計画区域内における行為の届出書」: a form's title
# qualified by the business it belongs to; the title is the whole of it.
QUALIFIED_TITLE = re.compile(r"(?:[\u4e00-\u9fff々ヶ]{1,10}の)?"
                             r"(?:[\u4e00-\u9fff々ヶ0-9]{2,20}(?:における|に係る|に関する|についての|の規定による)"
                             r"(?:[\u4e00-\u9fff々ヶ]{1,8}の)?)+[\u4e00-\u9fff々ヶ]{1,16}$")


def _bracket_start(text: str, start: int, floor: int) -> int:
    """Where a form's title begins when a bracket stands inside it, before `start`
    (消防計画作成（変更）届出書, 扶養控除等（異動）申告書)."""
    while start > floor and text[start - 1] in ")）":
        opening = max(text.rfind("(", max(0, start - 9), start - 1),
                      text.rfind("（", max(0, start - 9), start - 1))
        if opening <= floor or not COMPOUND_CHAR.match(text, opening - 1):
            break
        start = opening
        while start > floor and COMPOUND_CHAR.match(text, start - 1) and opening - start < MAX_COMPOUND:
            start -= 1
    return start


def _forms(text: str) -> list[tuple[int, int]]:
    """Spans of forms' names: each head word with the compound before it (what FORM matches)."""
    spans: list[tuple[int, int]] = []
    last_end = 0
    for h in HEAD_WORD.finditer(text):
        start = h.start()
        while (start > last_end and h.start() - start < MAX_COMPOUND
               and COMPOUND_CHAR.match(text, start - 1)):
            start -= 1
        m = FORM.match(text, start)
        while m is None and start < h.start():
            start += 1
            m = FORM.match(text, start)
        if m is not None and m.end() >= h.end() and m.start() >= last_end:
            lead = FUNCTION_WORD.match(text, m.start())  # そして申請書: a conjunction is no name
            first = lead.end() if lead else _bracket_start(text, m.start(), last_end)
            qualified = None if lead else QUALIFIED_TITLE.search(text, max(last_end, first - 40),
                                                                 m.end())
            first = min(qualified.start(), first) if qualified else _of_chain_start(text, first, last_end)
            if spans and spans[-1][1] == first:
                # 記載事項証明書 + 交付請求書: a head word inside a longer title, one name
                first = spans.pop()[0]
            spans.append((_bracketed_title(text, first, m.end(), last_end), m.end()))
            last_end = m.end()
    return spans


# 「上記は伐採及び伐採後の造林の届出書の記載内容を転記」: a title joined by の, standing whole
# between a clause's boundary and its head word.
_KANJI_WORDS = r"[\u4e00-\u9fff々ヶ]{1,8}(?:(?:及び|並びに|又は|・)[\u4e00-\u9fff々ヶ]{1,8})*"
# (次の, 以下の, 上記の, 各人の, 本人の point at a form; they are not part of its name)
OF_CHAIN = re.compile(r"(?<![\u4e00-\u9fff々ヶ])(?!(?:次|以下|以上|上記|下記|前記|各人|本人|当該|同)の)"
                      r"(?:" + _KANJI_WORDS + r"の){1,2}$")
CLAUSE_BOUNDARY = re.compile(r"(?:^|[はが、。，：:※【「（(\s　])$")


def _of_chain_start(text: str, start: int, floor: int) -> int:
    if SOURCE_LABEL.search(text, max(0, start - 12), start):
        return start  # 本人提出の収入申告書: 提出の says where it came from, it is no part of the name
    window = max(floor, start - 24)
    chain = OF_CHAIN.search(text, window, start)
    if chain is None or not CLAUSE_BOUNDARY.search(text, max(0, chain.start() - 1), chain.start()):
        return start
    return chain.start()


_CLOSERS = {"】": "【", "」": "「", "』": "『", "〕": "〔", "]": "["}


def _bracketed_title(text: str, start: int, end: int, floor: int) -> int:
    """Where a title in brackets begins: the whole bracket is the form's name
    (【伐採及び伐採後の造林の届出書】, 「児童の健全育成に係る活動の申込書」), though the compound read
    leftwards stops at its first particle."""
    opening = _CLOSERS.get(text[end:end + 1])
    if opening is None:
        return start
    at = text.rfind(opening, max(floor, start - 30), start)
    if at < 0 or any(c in text[at + 1:start] for c in "\n。、,」】』〕]"):
        return start
    return at + 1


# Any other paper someone handed in (反論書, 資料借用書, 措置要求書, 従業者名簿, 点検調書) is named
# by its head word too, but only where the text says outright that it was copied from it: a
# source label before it, or a copying verb right after it. The city's own papers and books
# (仕様書, 契約書, 報告書, 教科書, 図書) are not someone's submission.
# (the city's and the state's own papers and publications: 仕様書, 契約書, 統計書, 白書 …)
_CITY_PAPERS = ("仕様書", "契約書", "報告書", "教科書", "図書", "辞書", "文書", "設計書", "計算書",
                "説明書", "答申書", "覚書", "議事録", "通知書", "決定書", "命令書", "裁決書", "起案書",
                "伺書", "統計書", "白書", "要覧", "計画書", "年報書")
DOCUMENT = re.compile(r"(?:[\u4e00-\u9fff]{2,8}の)?[\u4e00-\u9fff]{1,12}(?:書|名簿|目録|報告|調書)"
                      + "".join(f"(?<!{w})" for w in _CITY_PAPERS))
SOURCE_NAMED = re.compile(r"(?:" + _SOURCE_WORDS + r"|from|source)[\"' ]*[:：=][\"' \t]*$")
COPIED_AFTER = re.compile(NOTE + r"(?:から|より)の?(?:転記|転載|抜粋|抜き書き|書き写|拾っ|拾い|コピー|引用)"
                          r"|" + NOTE + r"の?記載(?:による|内容|どおり|から|事項|のもの)|" + NOTE + r"の転記"
                          r"|" + NOTE + r"に書かれ(?:て)?(?:いた|た|ている)")


def _copied_documents(doc: Document, taken: list[tuple[int, int]]) -> Iterator[Candidate]:
    text = doc.text
    for m in DOCUMENT.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in taken):
            continue
        labelled = SOURCE_NAMED.search(text, max(0, start - 12), start)
        if not (labelled or COPIED_AFTER.match(text, end)) or explains_rule(doc, start, end):
            continue
        qualified = QUALIFIED_TITLE.search(text, max(0, start - 40), end)  # 勤務条件に関する措置要求書
        if qualified:
            start = min(start, qualified.start())
        yield Candidate(start, end, "application_derived", "application.copied_document", score=2.8)


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    forms = _forms(text)
    for i, (start, end) in enumerate(forms):
        labelled = SOURCE_LABEL.search(text, max(0, start - 12), start)
        if not labelled:
            labelled = LABEL_VALUE.search(text, max(0, start - 24), start)
            if labelled:
                start = labelled.start() + len(labelled.group()) - len(labelled.group().split("：")[-1]
                                                                       .split(":")[-1].lstrip())
        evidence = EVIDENCE_AFTER.match(text, end)
        if evidence is None and text[end:end + 1] in _CLOSERS and start > 0 and text[start - 1] in \
                _CLOSERS.values():
            evidence = EVIDENCE_AFTER.match(text, end + 1)  # 【…届出書】の記載内容を転記
        if evidence and not labelled and HANDLING_AFTER.match(text, evidence.end()):
            continue
        if not labelled and not evidence and RECEIVED_NOTE.match(text, end) and HEADING_START.fullmatch(
                text, doc.line_span(start)[0], start):
            # 「▼納税管理人申告書（2025/07/02受付）」 heading a record: the form received, transcribed
            yield Candidate(start, end, "application_derived", "application.received_heading", score=2.8)
            continue
        if not labelled and not evidence:
            continue
        if explains_rule(doc, start, end):
            continue
        if (evidence and not labelled and evidence.group().endswith(("写し", "原本", "控え"))
                and REQUIRED_AFTER.match(text, evidence.end())):
            continue
        if (evidence and not labelled and evidence.group().strip() in ("の内容", "の記載", "の記載内容")
                and PROCEDURE.search(doc.sentence_around(start, end))):
            continue  # 「申込書の内容と…を確認し、…照合する」: how forms will be examined, a plan
        if (evidence and not labelled and FIELD_EVIDENCE.fullmatch(evidence.group().strip())
                and FIELD_PROCEDURE.search(doc.sentence_around(start, end))):
            continue  # 「申請書の住所と一致するか確認します」: a check to be made, nothing copied
        if text.endswith("報告書", start, end) and not labelled and not TRANSCRIBED.match(text, end):
            continue  # 中間報告書によると: a report is cited, nothing a resident handed in is copied
        if (evidence and evidence.group().strip() in ("より", "から") and i + 1 < len(forms)
                and forms[i + 1][0] - evidence.end() <= 3):
            continue  # 「転入届より：申請書に記載された事項」: a heading, the statement follows
        if (evidence and not labelled and evidence.end() - end <= EVIDENCE_SPAN
                and not NOTE_START.match(text, end)):
            end = evidence.end()
        elif evidence and NOTE_START.match(text, end) and not RECEIVED_NOTE.match(text, end):
            # 「扶養届（回答書）からの転記」: the bracket before the evidence is part of the title
            note = re.match(NOTE, text[end:evidence.end()])
            if note and end + note.end() < evidence.end():  # (（転記） alone is the evidence itself)
                end += note.end()
        yield Candidate(start, end, "application_derived",
                        "application.source_label" if labelled else "application.evidence", score=3.0)
    yield from _copied_documents(doc, forms)
    for m in PROCESS.finditer(text):
        if not explains_rule(doc, *m.span()):
            yield Candidate(*m.span(), "application_derived", "application.process", score=3.0)
