"""Personal names, found with SudachiPy (SudachiDict-core, POS 名詞-固有名詞-人名) plus cues.

Cues that make a name certain and personal (block):
- an honorific right after it: 様, さま, さん, 氏, 殿, 君, くん, ちゃん;
- a field label before it: 氏名:, 申請者:, 担当:, 口座名義: … (the whole value when it is
  kana, as in furigana and 口座名義; the 人名 tokens inside it otherwise);
- the column of a pasted table headed 氏名/名前/カナ/フリガナ …, and furigana in brackets.
Names the analyser finds in running prose with none of these cues are a judgement call: in
a text that shows no private context (no cue anywhere, e.g. an encyclopedia sentence about a
politician) they are reported at "warn" — possibly a public figure in public text — and at
the policy's severity otherwise. A surname alone or a lone katakana given name needs to be
followed by a particle or punctuation and not by an organisation or place word (前田ガス,
豊田市), which keeps company and place names out.

Names in prose, in more detail:
- katakana pieces the analyser split are one word, tagged by what Sudachi knows of them: 人名,
  unknown to the dictionary (OOV — most foreign surnames), a common loanword (普通名詞),
  another proper noun, or a place/organisation (地名/組織, never a name). A ・/＝ chain with a
  人名 or unknown part is a name unless it ends in a loanword (マーベル・コミック) or sits in
  quotes; a lone unknown word needs a particle after it;
- 姓+名 is a name even before a kanji word (田中六助通産大臣); a given name the analyser cut
  short gets its last kanji back (松平正|質), given-name endings are joined (林|右衛門), an
  unknown one-kanji surname before a 名 at a clause start is added (水|夏希), X家 is a family;
- role words before or after (画家, 選手, 外相, 通産大臣 …) make a run certain;
- weak candidates — a lone surname, a lone unknown katakana word, a chain ending in a
  loanword — count only when their sentence speaks of a person: a verb of people (辞任,
  語った, によると …), a role word, or another name in the same sentence;
- Latin-script names count with a title or honorific after them (Kenan Sofuoglu選手).
Stretches without kanji or katakana (numbers, ASCII, long hiragana) are not analysed.
"""

from __future__ import annotations

import os
import re
import threading
import warnings
from bisect import bisect_left
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import NamedTuple

from ..document import Document
from ..findings import Candidate

HONORIFICS = ("様", "さま", "さん", "氏", "殿", "君", "くん", "ちゃん", "先生")
HONORIFIC_AFTER = re.compile(r"[ ]*(?:" + "|".join(HONORIFICS) + ")")
LABELS = (
    "氏名", "お名前", "名前", "申請者", "相談者", "来庁者", "確認者", "対応者", "担当者", "担当",
    "先方担当", "配偶者", "出席者", "受付者", "作成者", "世帯主", "代理人", "届出人", "保護者",
    "口座名義", "名義人", "名義", "被保険者氏名", "記入者", "連絡者", "宛名", "請求者", "本人氏名",
    "カナ", "フリガナ", "ふりがな", "氏名カナ", "受取人", "児童名", "利用者", "患者名",
    "お客様", "お客さま", "依頼者", "相手方", "対象者", "被相談者", "入所者", "契約者",
    "引継ぎ者", "引継者", "引き継ぎ者", "記録者", "報告者", "起案者", "回答者", "応対者", "面談者",
    "訪問者", "聴取者", "通報者", "発言者", "質問者", "相談員", "世帯員", "同居人", "緊急連絡先",
    "児童", "生徒", "園児", "患者", "入居者", "受講者", "滞納者", "受給者", "被保険者",
    "代表者", "責任者", "連絡責任者", "管理者", "所有者", "登記名義人", "寄附者", "寄付者", "申込者",
    "応募者",
    "相続人", "被相続人", "納税者", "納税義務者", "扶養者", "被扶養者", "請求対象者", "担当CW", "CW",
    "ケースワーカー", "担当ケースワーカー", "相談支援専門員", "ケアマネ", "ケアマネジャー",
)
NAME_COLUMNS = ("氏名", "名前", "カナ", "フリガナ", "ふりがな", "申請者", "名義", "相談者", "担当", "請求者",
                "届出人", "世帯主", "受給者", "被保険者", "契約者", "滞納者", "利用者", "対象者", "保護者")
# 被保険者番号, 申請者住所: a column about the person that does not hold the name
NOT_NAME_COLUMN = re.compile(r"番号|コード|No|数|日|住所|電話|連絡先|区分|種別|年齢|生年|金額|所属")
LABEL_RE = re.compile(
    r"(?:" + "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True)) + r")"
    r"(?:\([^)\n]{0,10}\))?(?:[)\]】][ \t]*:?[ \t]*|[ \t]*[:=][ \t]*|[ ]+)"
)
FIELD_VALUE = re.compile(r"[^\n,\t|:/]{1,40}")
KANA_NAME = re.compile(r"[\u30a1-\u30faー]{2,12}(?:[ ・=][\u30a1-\u30faー]{1,12}){0,3}"
                       r"|[ぁ-ん]{2,8}[ ][ぁ-ん]{1,8}")
KANJI_NAME = re.compile(r"[\u4e00-\u9fff々ヶ]{1,5}(?:[ ][\u4e00-\u9fff々ヶぁ-んァ-ヶー]{1,5})?"
                        r"|[\u4e00-\u9fff々ヶ]{1,4}[ぁ-ん]{1,4}")
FURIGANA = re.compile(
    r"(?<=[\u4e00-\u9fff々])[ ]?\(([\u30a1-\u30faーぁ-ん]{2,12}(?: [\u30a1-\u30faーぁ-ん]{1,12})?)\)"
)
# A reading in brackets belongs to a name only when what it reads looks like one: not a
# word ending like 避難所（ひなんじょ）, not a list (…など), two parts for two parts.
READING_NOT_NAME_END = ("など", "ほか", "たち", "等")
NOUN_SUFFIX = set("所場会館画書語法度課係室部局市区町村県都府院園校店社業物品料金策案")
NAME_BEFORE = re.compile(r"([\u4e00-\u9fff々]{1,5})(?:[ \u3000]([\u4e00-\u9fff々]{1,5}))?[ ]?$")
NOT_A_NAME = re.compile(
    r"課|係|室|部|局|会社|株式|有限|合同|銀行|センター|市|区|町|村|県|都|府|本人|代理|なし|不明|様|殿"
    r"|[0-9]|事務|担当|委員|窓口|支所|協会|法人|学校|病院|組合|役所|番号|住所|電話|日"
    r"|未定|調整中|予定|全員|各位|一同|複数|名簿|一覧|記載|別紙|同上|不在"
)
# Roles written right before a name, with no particle: 作曲家譚盾, 藩主松平乗薀, 画家ゴッホ.
GLUED_ROLES = ("作曲家", "外交官", "漫画家", "小説家", "作家", "画家", "詩人", "指揮者", "藩主", "藩祖",
               "棋士", "歌手", "俳優", "女優", "監督", "選手")
TITLE_BEFORE = re.compile(
    r"(?:首相|大統領|知事|通訳の|日本人|弁護士|社長|会長|妻|夫|父|母"
    r"|兄|弟|姉|妹|息子|娘|白番|黒番|僚機|出版者|王|投手|捕手|博士|教授"
    r"|[\u30a1-\u30fa]人|白人|黒人|通訳の|新人の|主人公の?|当主|家臣|将軍|横綱|大関"
    r"|アナウンサー|プロデューサー|シンガーソングライター|" + "|".join(GLUED_ROLES) + r")$"
)
LATIN_NAME = re.compile(r"(?<![A-Za-z.])[A-Z][a-z]+(?: (?:[A-Z]\. )*[A-Z][a-z]+){1,2}(?![A-Za-z])")
FOLLOW_OK = re.compile(r"$|[^\u4e00-\u9fff\u30a1-\u30faA-Za-z]")
COMPOUND = re.compile(r"[\u4e00-\u9fff\u30a1-\u30faA-Za-z]")
TITLE_AFTER = re.compile(
    r"[ ]?(?:首相|大統領|知事|市長|監督|選手|会長|社長|議員|艦長|投手|伯爵|長官|代表|夫人|博士|教授"
    r"|主演|率いる|によれば|によると|容疑者|被告|弁護士|元首相|外相|将軍|作曲|作詞|天皇|大臣|艦長|航海長"
    r"|参謀|総長|兄弟|夫妻|一家|自身|本人|逝去|死去|役(?![\u4e00-\u9fff])"
    r"|アナウンサー|キャスター|プロデューサー|ディレクター|コーチ|キャプテン)"
)
TITLE_COMPOUND = re.compile(
    r"[\u4e00-\u9fff]{1,4}(?:大臣|長官|知事|議員|首相|大統領|監督|選手|教授|理事長|会長|社長|総裁"
    r"|参謀|参議|司令官|提督|大将|中将|少将|奉行|藩主|城主|書記|書記長|主席|議長|委員長)"
    r"|[\u4e00-\u9fff]{1,3}長(?![\u4e00-\u9fff])"
)
GIVEN_NAME_ENDING = re.compile(
    r"[\u4e00-\u9fff]{0,2}?(?:右衛門|左衛門|衛門|兵衛|之助|之介|之丞|太郎|次郎|二郎|三郎|四郎|五郎|太夫)"
)
# ジョン・B・マクドナルド: katakana names around a Latin initial
KATA_INITIAL = re.compile(r"[\u30a1-\u30faー]{2,}(?:[・=][A-Z]\.?)+[・=][\u30a1-\u30faー]{2,}")
# 林右衛門, 龍之介: a given name with an ending only names have, even without a known surname
NAME_BY_ENDING = re.compile(r"(?<![\u4e00-\u9fff々])[\u4e00-\u9fff]{1,2}(?:右衛門|左衛門|兵衛|之助|之介|之丞)"
                            r"(?![\u4e00-\u9fff])")
# 田中（1950年 - ）, 孫文（そんぶん、1866年 - 1925年）: life years in brackets after a name
LIFE_YEARS = re.compile(r"[ ]?[（(](?:[^（）()\n]{0,24}?[、,][ ]?)?(?:[0-9]{3,4}年|生年不詳|生没年不詳|[?？]"
                        r"|(?:紀元前|前)[0-9]{1,4}年)[^（）()\n]{0,20}?(?:[-–－—〜~]|生まれ|没)")
# 作曲家の, 東京出身の: a role (or a birthplace) with の just before a name
ROLE_OF_BEFORE = re.compile(
    r"(?:選手|監督|俳優|女優|歌手|作家|画家|詩人|[作編]曲家|作詞家|指揮者|演出家|脚本家|漫画家|写真家|彫刻家"
    r"|建築家|政治家|実業家|評論家|研究者|学者|棋士|騎手|力士|投手|捕手|議員|弁護士|記者|[^\s]出身|生まれ"
    r"|代打|代走|先発|主将|妻|夫|父|母|兄|弟|姉|妹|息子|娘|長男|長女|次男|次女|祖父|祖母|孫|市長|知事|首相"
    r"|プロデューサー|デザイナー|アナウンサー|タレント|ボーカル|ギタリスト|ドラマー|ベーシスト)の$"
)
KATA_ORG_END = re.compile(
    r"(?:プロダクション|プロダクションズ|カンパニー|コーポレーション|シンジケート|コミック|コミックス|スタジオ"
    r"|レコード|レコーズ|エンタテインメント|エンターテインメント|グループ|ホールディングス|インターナショナル"
    r"|ピクチャーズ|ブラザーズ|ブラザース|モーターズ|ホテル|リーグ|クラブ|ニュースペーパー|パブリッシング|ブックス"
    r"|ラボ|システムズ|テクノロジーズ|ファンド|アカデミー|ギャラリー|ミュージアム|センター|ストア|カップ"
    r"|アレナ|アリーナ|スタジアム|シアター|ドーム|シティ|ユナイテッド|マーティン|カンパニーズ)$"
)
KATA_PLACE_START = re.compile(r"(?:サン|サンタ|サント|セント|ロス|ラス|ニュー|ポート|フォート|マウント|レイク"
                              r"|エスタディオ|スタディオ|アリーナ"
                              r"|デル)[・=]")
# Mr.ビーン, Dr.スランプ: a Latin title before a katakana name
LATIN_TITLE_NAME = re.compile(r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Dr|Sir)\.?[ ]?[\u30a1-\u30faー]{2,}")
# リヴァプール伯爵, ウェリントン公爵: a peer is named by a place the dictionary knows as one
# 受診者リスト, 申請書フォーマット: a kanji noun ending like these makes a compound with the
# loanword after it (碇シンジ, 喜屋武マリー are a surname and a given name instead)
COMPOUND_HEAD_END = NOUN_SUFFIX | set("者票表用型式系製性的版等書類別")
COMPANY_END = re.compile(r"(?:運輸|銀行|工業|建設|商事|産業|電機|製作所|食品|印刷|通信|証券|保険|製薬|薬品"
                         r"|物産)$")
NOBLE_TITLE_PRESENT = re.compile(r"[\u30a1-\u30faー](?:伯爵|公爵|侯爵|子爵|男爵|辺境伯|大公|卿)")
REGNAL_PRESENT = re.compile(r"[\u30a1-\u30faー][0-9]{1,2}世")
# 作曲家譚盾による, 外交官顧維鈞が, 漫画家あずまきよひこによる: a role, then a name the analyser
# does not know, then a particle
ROLE_THEN_NAME = re.compile(
    r"(?:" + "|".join(GLUED_ROLES) + r"|力士"
    r"|シンガーソングライターの|イラストレーターの|アーティストの|タレントの|声優の?)"
    r"([\u4e00-\u9fff]{2,3}(?=による|が|は|の|と|、)"
    r"|[ぁ-ゖ]{4,8}(?=による|が|は|と|、))")
NOT_HIRAGANA_NAME = re.compile(r"ため|よう|こと|もの|とき|ところ|など|たち|ほう|について|として|なら|まで"
                               r"|から")
STREET_AFTER = re.compile(r"[0-9]+(?:丁目|番地|番|条|区)")
NOBLE_NAME = re.compile(r"(?<![\u30a1-\u30faー・=])[\u30a1-\u30faー]{2,}"
                        r"(?=(?:伯爵|公爵|侯爵|子爵|男爵|辺境伯|大公|卿)(?![\u4e00-\u9fff]))")
FAMILY_AFTER = re.compile(r"家(?![具電庭屋畜計業賃事政臣])")
EVENT_AFTER = re.compile(r"(?:・[\u4e00-\u9fff]{1,4})?の(?:乱|変|役|陣|戦い|合戦|戦)")
PLACE_END = re.compile(r"[寺院宮社城島長屋堤塚廟碑]$")
SENTENCE_LIMIT = 200
ADMIN_CHARS = "市区町村郡県都府道州"
KANJI_CHAR = re.compile(r"[\u4e00-\u9fff々]")
HONORIFIC_CHARS = "様氏殿君家派流朝"
BOUNDARY = re.compile(r"[\s、。「『(・はがもとや]")
PERSON_VERB = re.compile(
    r"語っ|語る|述べ|話し|話す|言っ|言う|答弁|主張|によると|によれば|辞任|就任|退任|死去|逝去"
    r"|生まれ|結婚|離婚|結成|出演|主演|演じ|敗れ|破っ|破り|移籍|入団|引退|務め|知られ|提唱"
    r"|批判|感じ|思っ|考え|亡くな|殺害|暗殺|師事|留学|卒業|受賞|帰国|彼女|彼ら|彼は|彼が|彼の"
    r"|勝利|参戦|対戦|パートナー|弟子|師匠|妻|夫|息子|娘|父|母|兄|姉|妹|派閥|政権|内閣"
    r"|演奏|作曲|歌っ|描い|著し|会談|指名|任命|率い|出身|死亡|来日|演説|発言|反論|即位|婚約|嫡子"
    r"|継い|生涯|晩年|幼少|若手|新人|親友|恋人|本名|愛称|公約|初当選|当選|落選|出馬|再選"
    r"|渡米|渡欧|渡英|渡仏|渡独|デビュー|加入|脱退|在籍|執筆|著書|没し|没後|享年|育っ|活躍"
)
PERSON_ROLE = re.compile(
    r"選手|監督|俳優|女優|歌手|作家|画家|詩人|大統領|首相|知事|議員|教授|博士|皇帝|将軍|家臣|家老"
    r"|藩主|当主|夫人|市長|町長|村長|長官|書記長|主席|国王|女王|王子|王女"
)
# 「Xは、アメリカ合衆国の政治家。」「Xは…パキスタン人であり」: the subject of a sentence whose
# predicate says what kind of person it is (an occupation, a nationality), as encyclopedias
# open an article; businesses (事業者, 法人) and families (一家, 武家) are not persons.
PERSON_NOUN = (
    r"(?:(?<!国|民|農|商|王|武|公|旧|名|一|宗|本|分|大|実)家"
    r"|(?:学|研究|指導|創始|創業|経営|医|記|役|著|作|編集|演奏|指揮|聖職|預言|殉教|司会|翻訳|教育"
    r"|技術|発明|冒険|探検|登山|格闘技?|武道|思想|宗教)者"
    r"|[歌騎選投捕野]手|[俳女声]優|[棋力]士|弁護士|監督|軍人|官僚|武将|大名|貴族|僧|皇帝|天皇|王|女王"
    r"|人物|女性|男性|(?<![法個住人知])人"
    r"|タレント|アナウンサー|プロデューサー|デザイナー|ミュージシャン|ジャーナリスト|コメディアン)"
)
DEFINED_AS_PERSON = re.compile(
    r"は、?[^。\n「」]{0,60}?" + PERSON_NOUN + r"(?:である|であり|であった|だった|で、|。|、|$)"
)
CERTAIN, WEAK, VERB_ONLY, LISTED = 2, 1, 0, -1
# 「A と B は」「A、B らが」: a word that is a name only when listed beside a name
LIST_LINK = re.compile(r"(?:と|、|や|及び|および|・|,)")
PERSON_NEXT = re.compile(
    r"(?:は|が|も|と|や|を|ら|、|によ|に(?!お|て|あ|位|属)"
    r"|の(?![\u4e00-\u9fff]{0,2}(?:戦|大会|杯|賞|市長|町長|村長|州|県|首都|出身)))"
)
QUOTED = re.compile(r"[「『\"“(]$")
ORG_AFTER = re.compile(
    r"^(?:[ ]?(?:株式会社|有限会社|合同会社|社|家|工業|建設|銀行|商店|商事|産業|製作所|電機|ガス|運輸"
    r"|保険|印刷|食品|農林|通信|水産|病院|医院|大学|屋|高校|中学|小学校|学校|学園|駅|線|川|山|町|市|区|村|丸|号"
    r"|県|郡|城|寺|神社|神宮|橋|港|湾|島|通り|街道|賞|杯|記念|財団|グループ|ホールディングス|派|流|朝|谷|長(?![官男女])|堤|塚|廟|碑))"
)


# Chinese and Korean names of three kanji (朴槿恵, 文鮮明, 金斗鎔) that the dictionary does not
# know: a common surname of one kanji, a two-kanji given name, a particle after; counted when
# the analyser does not read the three kanji as one word and the sentence speaks of a person.
# Surnames that are also everyday prefixes (全, 高, 安, 元, 成, 南, 白 …) are left out.
CJK_SURNAMES = "金李朴崔鄭姜趙尹張韓呉徐権黄宋柳洪孫梁裵許劉沈盧郭禹閔陳楊周胡蔣蒋毛鄧習汪薛蕭彭魏廖賈謝文"
CJK_NAME = re.compile(
    r"(?<![\u4e00-\u9fff々\u30a1-\u30faA-Za-z0-9])[" + CJK_SURNAMES + r"][\u4e00-\u9fff]{2}"
    r"(?=(?:は|が|も|と|や|を|ら|、|に(?!お|て|あ|位|属|よ)|の(?![\u4e00-\u9fff]{0,2}(?:戦|大会|杯|賞))))"
)
CJK_NOT_NAME_END = set("賞戦製省庁局部会党軍院寺城駅線社館所場界国朝代派学論法税額類式型性化的")


class _Token(NamedTuple):
    start: int
    end: int
    kind: str  # "sei", "mei", "person", "space", "kata", "joiner"
    surface: str
    # katakana words: "P" 人名, "U" unknown to the dictionary (OOV), "C" common loanword,
    # "N" other proper noun, "L" place or organisation; "" for kanji and the rest
    tag: str = ""


_LOCAL = threading.local()
_DICTIONARY_LOCK = threading.Lock()
_SHARED: dict[str, object] = {}


def _dictionary():  # type: ignore[no-untyped-def]
    """One SudachiPy Dictionary for the process; each thread makes its own Tokenizer."""
    dictionary = _SHARED.get("dictionary")
    if dictionary is None:
        with _DICTIONARY_LOCK:
            dictionary = _SHARED.get("dictionary")
            if dictionary is None:
                from sudachipy import Dictionary

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    dictionary = Dictionary()
                _SHARED["dictionary"] = dictionary
    return dictionary


def _tokenizer():  # type: ignore[no-untyped-def]
    tok = getattr(_LOCAL, "tokenizer", None)
    if tok is None:
        from sudachipy import SplitMode

        dictionary = _dictionary()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            make = getattr(dictionary, "tokenizer", None) or dictionary.create
            try:
                tok = make(SplitMode.C, fields={"pos"})
            except TypeError:  # SudachiPy without field subsetting
                tok = make(SplitMode.C)
        _LOCAL.tokenizer = tok
    return tok


OTHER = "other"
_KIND_BY_POS_ID: dict[int, str] = {}


def _pos_kind(pos_id: int) -> str:
    """"space", "sei"/"mei"/"person" (人名), "C"/"N"/"L" (nouns), or "other"."""
    kind = _KIND_BY_POS_ID.get(pos_id)
    if kind is None:
        pos = _dictionary().pos_of(pos_id)
        if pos[0] == "空白":
            kind = "space"
        elif pos[2] == "人名":
            kind = {"姓": "sei", "名": "mei"}.get(pos[3], "person")
        elif pos[2] in ("地名", "組織"):
            kind = "L"
        elif pos[1] == "固有名詞":
            kind = "N"
        elif pos[0] in ("名詞", "補助記号"):
            kind = "C"
        else:
            kind = OTHER
        _KIND_BY_POS_ID[pos_id] = kind
    return kind


def _pos_kinds() -> list[str]:
    """`_pos_kind` of every part-of-speech id of the dictionary, computed once."""
    kinds = _SHARED.get("kinds")
    if kinds is None:
        kinds = []
        pos_of = _dictionary().pos_of
        while len(kinds) < 100_000:
            try:
                if pos_of(len(kinds)) is None:
                    break
            except (IndexError, ValueError, OverflowError):
                break
            kinds.append(_pos_kind(len(kinds)))
        _SHARED["kinds"] = kinds
    return kinds


def _name_only_kinds() -> list[str]:
    """`_pos_kinds` with every noun class turned into OTHER (for text without katakana)."""
    kinds = _SHARED.get("name_kinds")
    if kinds is None:
        kinds = [k if k in NAME_KINDS or k == "space" else OTHER for k in _pos_kinds()]
        _SHARED["name_kinds"] = kinds
    return kinds


KATAKANA_OR_JOINER = re.compile(r"[\u30a1-\u30fa・=]")
KATAKANA_WORD = re.compile(r"[\u30a1-\u30faー]+")
KATAKANA = frozenset(chr(c) for c in range(0x30A1, 0x30FB)) | {"ー"}
NAME_CHARS = re.compile(r"[\u30a1-\u30fa\u4e00-\u9fff々]")
CHUNK = 2000
NO_NAME_STRETCH = re.compile(r"[^\u30a1-\u30fa\u4e00-\u9fff々ー]{8,}")
KEEP = 3
JOINERS = ("・", "=")


def _word_tag(tags: str) -> str:
    """One tag for a katakana word the analyser split into pieces (ブラン|グィン)."""
    if "L" in tags:
        return "L"
    if "U" in tags:
        return "U"
    if tags.strip("P") == "":
        return "P"
    if "N" in tags or "P" in tags:
        return "N"
    return "C"


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The parts of text[start:end] worth analysing, in order: at most CHUNK characters,
    cut after 。 or a line break, and without the long stretches that hold no kanji or
    katakana at all (numbers, ASCII, e-mail addresses, hiragana-only clauses), which cannot
    be part of a name; each part keeps a little of such a stretch on both sides so that the
    analyser still sees the particle after a name."""
    pos = start
    while pos < end:
        stop = min(end, pos + CHUNK)
        if stop < end:
            cut = max(text.rfind("。", pos, stop), text.rfind("\n", pos, stop))
            if cut > pos:
                stop = cut + 1
        piece_start = pos
        for m in NO_NAME_STRETCH.finditer(text, pos, stop):
            if m.start() + KEEP > piece_start:
                yield piece_start, m.start() + KEEP
            piece_start = m.end() - KEEP
        if stop > piece_start:
            yield piece_start, stop
        pos = stop


def _morpheme_list():  # type: ignore[no-untyped-def]
    """One reusable MorphemeList per thread (SudachiPy ≥ 0.6 `out=`), or None."""
    morphemes = getattr(_LOCAL, "morphemes", False)
    if morphemes is False:
        try:
            morphemes = _tokenizer().tokenize("")  # an empty list to write into
            _tokenizer().tokenize("確認", out=morphemes)
        except TypeError:  # SudachiPy without `out=`
            morphemes = None
        _LOCAL.morphemes = morphemes
    return morphemes


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """Name-relevant tokens only (人名, katakana words, spaces, ・); others are dropped, so
    adjacency is checked by offsets. Katakana pieces that touch are merged into one word.

    A long text is analysed in a few threads (SudachiPy releases the GIL while it
    tokenizes), each on a contiguous share of the pieces; the results are joined in order."""
    pieces = list(_pieces(text, start, end))
    workers = _workers()
    if end - start < PARALLEL_MIN or workers < 2 or len(pieces) < 2 * workers:
        out = _piece_tokens(text, pieces)
    else:
        share = (sum(b - a for a, b in pieces) // workers) + 1
        groups: list[list[tuple[int, int]]] = [[]]
        size = 0
        for piece in pieces:
            if size >= share and len(groups) < workers:
                groups.append([])
                size = 0
            groups[-1].append(piece)
            size += piece[1] - piece[0]
        out = []
        for part in _executor().map(lambda group: _piece_tokens(text, group), groups):
            if out and part and _touching_katakana(out[-1], part[0]):
                last, first = out.pop(), part[0]
                part[0] = _Token(last.start, first.end, "kata", last.surface + first.surface,
                                 last.tag + first.tag)
            out.extend(part)
    for i, t in enumerate(out):
        if t.kind == "kata":
            tag = _word_tag(t.tag)
            out[i] = t._replace(kind="person" if tag == "P" else "kata", tag=tag)
    return out


def _touching_katakana(left: _Token, right: _Token) -> bool:
    return (bool(left.tag) and bool(right.tag) and left.end == right.start
            and right.kind == "kata")


PARALLEL_MIN = 40_000
_EXECUTOR_LOCK = threading.Lock()


def _workers() -> int:
    workers = _SHARED.get("workers")
    if workers is None:
        workers = _SHARED["workers"] = min(4, os.cpu_count() or 1)
    return workers  # type: ignore[return-value]


def _executor() -> ThreadPoolExecutor:
    executor = _SHARED.get("executor")
    if executor is None:
        with _EXECUTOR_LOCK:
            executor = _SHARED.get("executor")
            if executor is None:
                executor = ThreadPoolExecutor(max_workers=_workers(),
                                              thread_name_prefix="anshin-names")
                _SHARED["executor"] = executor
    return executor  # type: ignore[return-value]


def _piece_tokens(text: str, pieces: list[tuple[int, int]]) -> list[_Token]:
    """`_tokens` for the given pieces, in this thread (katakana words not yet summarised)."""
    tok = _tokenizer()
    out: list[_Token] = []
    append = out.append
    all_kinds = _pos_kinds()
    name_kinds = _name_only_kinds()
    known = len(all_kinds)
    kata = KATAKANA
    morphemes = _morpheme_list()
    for pos, stop in pieces:
        piece = text[pos:stop]
        if NAME_CHARS.search(piece):
            # without katakana or ・ only 人名 and spaces matter: other nouns are skipped
            kinds = all_kinds if KATAKANA_OR_JOINER.search(piece) else name_kinds
            for m in (tok.tokenize(piece, out=morphemes) if morphemes is not None
                      else tok.tokenize(piece)):
                pos_id = m.part_of_speech_id()
                kind = kinds[pos_id] if pos_id < known else _pos_kind(pos_id)
                if kind is OTHER:
                    continue
                b = pos + m.begin()
                first = text[b]
                if kind == "space":
                    append(_Token(b, pos + m.end(), kind, m.surface()))
                    continue
                if first in kata:
                    surface = m.surface()
                    if not KATAKANA_WORD.fullmatch(surface):
                        if kind in NAME_KINDS:  # スタン・リー is one 人名 entry
                            append(_Token(b, b + len(surface), "person", surface, "P"))
                        continue
                    if kind in NAME_KINDS:
                        tag = "P"
                    elif kind == "C" and m.is_oov():
                        tag = "U"
                    else:
                        tag = kind
                    if out and out[-1].tag and out[-1].end == b and out[-1].kind != "joiner":
                        last = out[-1]
                        tags = last.tag + tag
                        out[-1] = _Token(last.start, b + len(surface), "kata",
                                         last.surface + surface, tags)
                    else:
                        append(_Token(b, b + len(surface), "kata", surface, tag))
                elif kind in NAME_KINDS:
                    append(_Token(b, pos + m.end(), kind, ""))
                elif first in JOINERS and m.end() - m.begin() == 1:
                    append(_Token(b, b + 1, "joiner", first))
    return out


NAME_KINDS = ("sei", "mei", "person")
CHAIN_KINDS = ("person", "kata")


def _runs(tokens: list[_Token]) -> Iterator[tuple[int, int, list[_Token]]]:
    """Maximal runs of 人名 tokens: 姓 [space] 名, and katakana names joined by ・/=."""
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        if t.kind not in NAME_KINDS and not (
            t.kind == "kata" and (t.tag in ("U", "N") or _kata_chain_or_title(tokens, i))
        ):
            i += 1
            continue
        j = i + 1
        run = [t]
        while j < n:
            u = tokens[j]
            if (u.kind in NAME_KINDS and u.start == run[-1].end and not u.tag
                    and not run[-1].tag):
                run.append(u)
                j += 1
            elif (u.kind == "space" and j + 1 < n and tokens[j + 1].kind in ("mei", "person")
                  and run[-1].kind == "sei" and u.surface == " " and u.start == run[-1].end
                  and tokens[j + 1].start == u.end):
                run.append(tokens[j + 1])
                j += 2
            elif (u.kind == "joiner" and j + 1 < n
                  and tokens[j + 1].kind in CHAIN_KINDS
                  and run[-1].kind in CHAIN_KINDS
                  and u.start == run[-1].end and tokens[j + 1].start == u.end):
                run.append(tokens[j + 1])
                j += 2
            else:
                break
        yield run[0].start, run[-1].end, run
        i = j


def _kata_chain_or_title(tokens: list[_Token], i: int) -> bool:
    """A katakana word starts a name run when a ・-chain of katakana follows it."""
    return (i + 2 < len(tokens) and tokens[i + 1].kind == "joiner"
            and tokens[i + 2].kind in CHAIN_KINDS
            and tokens[i + 1].start == tokens[i].end and tokens[i + 2].start == tokens[i + 1].end)


@lru_cache(maxsize=4096)
def _is_loanword(word: str) -> bool:
    morphemes = list(_tokenizer().tokenize(word))
    return len(morphemes) == 1 and morphemes[0].part_of_speech()[1] == "普通名詞"


def _is_furigana_of_a_name(text: str, m: re.Match[str]) -> bool:
    reading = m.group(1)
    if reading.endswith(READING_NOT_NAME_END):
        return False
    if re.fullmatch(r"[\u30a1-\u30faー]+", reading) and _is_loanword(reading):
        return False  # 工程表（ロードマップ）, 旅券（パスポート）: a word glossed, not a name read
    before = NAME_BEFORE.search(text, max(0, m.start() - 12), m.start())
    if before is None:
        return False
    label = before.group(2) or before.group(1)
    if label.endswith(LABELS) or label in ("姓", "名", "姓名") or NOT_A_NAME.search(label):
        return False  # 氏名（カナ）, 氏名（アルファベット）: what the label asks for, not a reading
    last = before.group(2) or before.group(1)
    if last[-1] in NOUN_SUFFIX:
        return False
    return (" " in reading) == (before.group(2) is not None) or " " not in reading


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    found: list[Candidate] = []
    cue_spans: list[tuple[int, int]] = []
    not_people: list[tuple[int, int]] = []

    for m in LABEL_RE.finditer(text):
        if m.start() > 0 and re.match(r"[\u4e00-\u9fff\u30a1-\u30fa]", text[m.start() - 1]):
            if text[m.start() - 1] not in "者方当":
                continue
        if text.startswith("名前", m.start()) and text[m.start() - 1:m.start()] == "の":
            value = FIELD_VALUE.match(text, m.end())
            if value:
                not_people.append(value.span())
            continue  # 犬の名前, 事業の名前: the name of something else
        value = FIELD_VALUE.match(text, m.end())
        if value is None:
            continue
        cue_spans.append(value.span())
    for start, end in _table_name_cells(doc):
        cue_spans.append((start, end))

    for start, end in cue_spans:
        found.extend(_names_in_field(text, start, end))

    for m in LATIN_NAME.finditer(text):
        # Kenan Sofuoglu選手, John Smith氏: a name in Latin letters with a title or honorific
        after = text[m.end(): m.end() + 6]
        if after.startswith(HONORIFICS):
            found.append(Candidate(m.start(), m.end(), "person_name", "person_name.honorific",
                                   2.0))
        elif TITLE_AFTER.match(after):
            found.append(Candidate(m.start(), m.end(), "person_name", "person_name.latin", 1.2,
                                   lowered=True))

    for m in FURIGANA.finditer(text):
        if _is_furigana_of_a_name(text, m):
            found.append(Candidate(m.start(1), m.end(1), "person_name", "person_name.furigana",
                                   2.0))

    private = any(not c.lowered for c in found)
    strong: list[tuple[int, int]] = [(c.start, c.end) for c in found]
    weak: list[tuple[int, int]] = []
    listed: list[tuple[int, int]] = []
    roles_count: dict[tuple[int, int], bool] = {}
    honored: list[Candidate] = []
    fixed = len(strong)
    for start, end in _chat_speakers(text) + _self_named(text):
        honored.append(Candidate(start, end, "person_name", "person_name.speaker", 2.0))
        strong.append((start, end))
        private = True
    for run_start, run_end, run in _runs(_tokens(text, 0, len(text))):
        read_end = run_end
        run_end = _with_kana_given(text, run, run_end)
        if run[-1].kind == "sei" and run_end > read_end:
            strong.append((run_start, run_end))  # 佐藤 トメ: surname and a kana given name
            continue
        after = text[run_end: run_end + 6]
        honorific = HONORIFIC_AFTER.match(after) is not None and not after.startswith("氏名")
        if honorific or _cued(text, run_start, run_end, run):
            honored.append(Candidate(run_start, run_end, "person_name", "person_name.honorific",
                                     2.0))
            strong.append((run_start, run_end))
            private = True
            continue
        decision = _prose_name(text, run_start, run_end, run)
        if decision is not None:
            start, end, certainty = decision
            if certainty == CERTAIN:
                strong.append((start, end))
            elif certainty == LISTED:
                listed.append((start, end))
            else:
                weak.append((start, end))
                roles_count[(start, end)] = certainty == WEAK
    for m in KATA_INITIAL.finditer(text):
        strong.append(m.span())
    for m in LATIN_TITLE_NAME.finditer(text):
        strong.append(m.span())
    if NOBLE_TITLE_PRESENT.search(text):
        strong.extend(m.span() for m in NOBLE_NAME.finditer(text))
    for m in ROLE_THEN_NAME.finditer(text):
        if _unread_name(m.group(1)):
            strong.append(m.span(1))
    if REGNAL_PRESENT.search(text):
        strong.extend(m.span() for m in REGNAL_NAME.finditer(text))
    for m in NAME_BY_ENDING.finditer(text):
        if not ORG_AFTER.match(text, m.end()):
            strong.append(m.span())
    taken_latin = {(c.start, c.end) for c in found}
    for m in LATIN_NAME.finditer(text):
        # Lester T. W. Hoと…: a Latin-script name as the subject or object of a sentence
        if PERSON_NEXT.match(text, m.end()) and m.span() not in taken_latin:
            weak.append(m.span())
            roles_count[m.span()] = False
    for start, end in _cjk_names(text, strong):
        weak.append((start, end))
        roles_count[(start, end)] = True
    strong_sorted = sorted(strong)
    surnames = sorted(w for w in weak if KANJI_CHAR.match(text, w[0]))
    for start, end in weak:
        roles = roles_count[(start, end)]
        if _supported(text, start, end, strong_sorted, roles) or (
            KANJI_CHAR.match(text, start) and _supported(text, start, end, surnames, roles)
        ):
            strong.append((start, end))
    if listed:
        strong.extend(_listed_beside(text, listed, strong))
    strong.extend(_list_mates(text, strong))
    honored_spans = {(h.start, h.end) for h in honored}
    found.extend(honored)
    titles = _work_titles(text)
    for start, end in strong[fixed:]:
        if (start, end) in honored_spans or _names_a_thing(text, start, end, titles):
            continue
        if doc.in_table(start) and PLACE_COLUMN.search(doc.column_header(start)):
            continue  # | 岩瀬 | under 地区: a district that is also a surname
        if any(a <= start and end <= b for a, b in not_people):
            continue  # 犬の名前：コタロウ
        regnal = REGNAL.match(text, end)  # ルイ14世
        if regnal and KATAKANA_WORD.match(text, end - 1):
            end = regnal.end()
        found.append(Candidate(start, end, "person_name", "person_name.analyser", 1.2,
                               lowered=True))

    for c in found:
        if c.lowered and private:
            yield Candidate(c.start, c.end, c.category, c.rule_id, c.score)
        else:
            yield c


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
_ROLE = r"[\u4e00-\u9fff々ァ-ヺー0-9]{0,10}(?:係|課|室|部|局|員|番|当番|担当|センター|係長|課長)"
SPEAKER = re.compile(r"(?m)^[ \t]*(?:" + _STAMP + r"[ \t]*)?(?:" + _ROLE + r"[ \t]+)?"
                     r"([\u4e00-\u9fff々]{1,4}(?: [\u4e00-\u9fff々]{1,4})?)(?:\([^)\n]{1,14}\))?[ \t]*:"
                     r"(?=[^\n]*[ぁ-ゖ]{2})")
TIMESTAMPED = re.compile(r"^[ \t]*" + _STAMP)
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


def _work_titles(text: str) -> list[tuple[int, int]]:
    """Spans of titles: 『…』, and 「…」 right after a word for a work or a vessel."""
    spans = [m.span() for m in re.finditer(r"『[^』\n]{1,40}』", text)]
    for m in re.finditer(r"「[^」\n]{1,30}」", text):
        if WORK_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            spans.append(m.span())
    return sorted(spans)


def _names_a_thing(text: str, start: int, end: int, titles: list[tuple[int, int]]) -> bool:
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


def _with_kana_given(text: str, run: list[_Token], run_end: int) -> int:
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
    r"(?:^|(?<=[。\n]|の))([\u4e00-\u9fff々]{1,4})(?=と申します|と申し上げ|です[。\n]|でございます)", re.M)
# 「受付：杉本」「文責 木村」: who did it, under a label that does not always hold a name
DUTY_NAMED = re.compile(r"(?m)(?:受付|作成|記録|確認|対応|入力|処理|決裁|起案|回答|聴取|文責)者?"
                        r"[ \t]*[: ][ \t]*([\u4e00-\u9fff々]{1,4})(?:[ ][\u4e00-\u9fff々]{1,4})?[ \t]*$")
HONORED_WORD = re.compile(r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{2,4})(?<![" + ADMIN_CHARS + r"])"
                          r"(?=様|さん|さま|殿|氏(?![\u4e00-\u9fff]))")
SECTION_NAMED = re.compile(
    r"(?:課|係|室|担当|センター|事務所|会社|協会|法人|組合|財団|病院|医院|薬局|\(株\))"
    r"[ ]+([\u4e00-\u9fff々]{1,4}(?: [\u4e00-\u9fff々]{1,4})?)"
    r"(?=[ ]*(?:\(内線[^()\n]*\))?[ ]*(?:\n|$|\)|まで|宛|あて|が|より|から))")


@lru_cache(maxsize=4096)
def _surname_like(word: str) -> bool:
    """A word the analyser reads as a surname, or as a place or proper noun (as 中野, 寺田
    are both), but not as an ordinary word."""
    morphemes = list(_tokenizer().tokenize(word.split(" ")[0]))
    if not morphemes:
        return False
    kinds = [_pos_kind(m.part_of_speech_id()) for m in morphemes]
    if kinds[0] in ("sei", "person"):
        return all(k in NAME_KINDS for k in kinds)
    return len(morphemes) == 1 and kinds[0] in ("L", "N")


def _self_named(text: str) -> list[tuple[int, int]]:
    """Names given by their bearers (「税務課の菅原です。」「お疲れさまです。中野です。」
    「増田と申します」) and names signed after a section (「収納課 寺田まで」「（都市計画課 柴田）」)."""
    out = []
    if "です" in text or "申し" in text:
        out += [m.span(1) for m in SELF_NAMED.finditer(text) if _surname_like(m.group(1))]
    out += [m.span(1) for m in SECTION_NAMED.finditer(text) if _surname_like(m.group(1))]
    if "様" in text or "さん" in text or "殿" in text or "氏" in text:
        out += [m.span(1) for m in HONORED_WORD.finditer(text) if _surname_like(m.group(1))]
    if ":" in text or "文責" in text:
        out += [(m.start(1), m.end()) for m in DUTY_NAMED.finditer(text)
                if m.group(1) != m.group().strip() and _surname_like(m.group(1))]
    return out


def _chat_speakers(text: str) -> list[tuple[int, int]]:
    """The speaker names of a chat log or minutes (「[17:48] 若林：…」「藤本：了解です」): a line
    that begins with a name the analyser reads as a surname, a colon, and words; a name read
    only as a place (若林 is both) counts when the line has a time stamp or the text has two
    speaker lines."""
    if ":" not in text:
        return []
    candidates = [m for m in SPEAKER.finditer(text) if not NOT_A_NAME.search(m.group(1))
                  and not m.group(1).endswith(LABELS)]
    found = []
    for m in candidates:
        surname, place_like = _speaker_reading(m.group(1))
        if surname:
            found.append(m.span(1))
        elif place_like and (len(candidates) >= 2
                             or TIMESTAMPED.match(text, text.rfind("\n", 0, m.start()) + 1)):
            found.append(m.span(1))
    return found


@lru_cache(maxsize=4096)
def _speaker_reading(name: str) -> tuple[bool, bool]:
    """Whether a speaker label reads as a name with a surname first, and whether its first
    word is at least a name or place the analyser knows."""
    kinds = [t.kind for t in _tokens(name, 0, len(name))]
    if kinds and kinds[0] in ("sei", "person") and all(k in (*NAME_KINDS, "space") for k in kinds):
        return True, True
    head = list(_tokenizer().tokenize(name.split(" ")[0]))
    return False, len(head) == 1 and _pos_kind(head[0].part_of_speech_id()) in (*NAME_KINDS, "L")


def _cued(text: str, start: int, end: int, run: list[_Token]) -> bool:
    """A name that the words around it make certain, as an honorific does: a self-introduction
    (増田と申します, センターみらいの大西です), a signature with the section or e-mail in brackets
    (高田（介護保険課）). A name after its section (手当給付係 平野) is `_self_named`'s."""
    if run[0].kind not in ("sei", "person") or run[-1].tag:
        return False
    if SELF_INTRO.match(text, end):
        return True
    if (text.startswith("です。", end) or text.startswith("です\n", end)) and (
            start == 0 or text[start - 1] in "の。\n"):
        return True  # 税務課の菅原です。 / お疲れさまです。遠藤です。
    return SECTION_IN_BRACKETS.match(text, end) is not None


ONE_KANJI_GIVEN_NEXT = re.compile(r"(?:と|は|が|も|、|や)(?![\u4e00-\u9fff]{0,1}(?:市|町|村|区))")
NOT_ONE_KANJI_GIVEN = set(HONORIFIC_CHARS + ADMIN_CHARS) | NOUN_SUFFIX | set(
    "邸宅側組班隊軍勢方達等ら王公侯伯卿帝后妃姫兄弟姉妹父母夫妻子孫君様殿氏先生長官将")


SPACED_SURNAME = re.compile(r"(?<![\u4e00-\u9fff々])[\u4e00-\u9fff々]{2,3}[ ]$")


def _unknown_pair(word: str) -> bool:
    """Two kanji the analyser does not read as one ordinary word."""
    morphemes = list(_tokenizer().tokenize(word))
    return len(morphemes) > 1 or morphemes[0].is_oov() or _pos_kind(
        morphemes[0].part_of_speech_id()) in NAME_KINDS


def _unread_surname(text: str, start: int) -> int | None:
    """Where a surname of two or three kanji the analyser did not read starts, before the given
    name at `start`, when a role stands right before it (プロデューサーの稲船|敬二)."""
    for k in (2, 3):
        s = start - k
        if s < 0 or not all(KANJI_CHAR.match(text, i) for i in range(s, start)):
            continue
        if s > 0 and KANJI_CHAR.match(text, s - 1):
            continue
        if ROLE_OF_BEFORE.search(text, max(0, s - 12), s) or TITLE_BEFORE.search(text, max(0, s - 8), s):
            return s
    return None


def _unread_name(word: str) -> bool:
    """A word after a role that is a name the dictionary lacks (譚盾, あいみょん), not a word."""
    if KANJI_CHAR.match(word):
        return _unknown_pair(word) and not (set(word) & NOT_NAME_LAST)
    return not NOT_HIRAGANA_NAME.search(word)


def _place_like_surname(text: str, start: int) -> int | None:
    """Where a two- or three-kanji surname starts, when it stands with a space before the given
    name at `start` and the analyser reads it as a place or proper noun (大橋, 有田)."""
    m = SPACED_SURNAME.search(text, max(0, start - 4), start)
    if m is None:
        return None
    morphemes = list(_tokenizer().tokenize(text[m.start():start - 1]))
    if len(morphemes) == 1 and _pos_kind(morphemes[0].part_of_speech_id()) in ("L", "N", "sei", "C"):
        return m.start()
    return None


def _prose_name(text: str, start: int, end: int,
                run: list[_Token]) -> tuple[int, int, int] | None:
    """The span of a name in running prose and whether it is certain without more support
    from its sentence (see `_supported`), or None when the run is not a person's name."""
    if run[-1].kind == "mei" and len(run) > 1 and not run[-1].tag:
        # a given name the analyser cut short: 松平 正|質, 兪 啓|威
        if (KANJI_CHAR.match(text, end) and not KANJI_CHAR.match(text, end + 1)
                and text[end] not in HONORIFIC_CHARS and end - run[-1].start <= 2
                and not ORG_AFTER.match(text[end:end + 1])):
            end += 1
    if run[-1].kind == "sei" and not run[-1].tag:
        given = GIVEN_NAME_ENDING.match(text, end)  # 林|右衛門, 坂本|竜馬之助
        if given and not KANJI_CHAR.match(text, given.end()):
            return start, given.end(), CERTAIN
        if (len(run) == 1 and KANJI_CHAR.match(text, end) and ONE_KANJI_GIVEN_NEXT.match(text, end + 1)
                and text[end] not in NOT_ONE_KANJI_GIVEN and not ORG_AFTER.match(text[end:end + 1])):
            return start, end + 1, WEAK  # 井深|大と盛田昭夫は: a one-kanji given name left unread
        if (len(run) == 1 and KANJI_CHAR.match(text, end) and KANJI_CHAR.match(text, end + 1)
                and ONE_KANJI_GIVEN_NEXT.match(text, end + 2)
                and not (set(text[end:end + 2]) & NOT_ONE_KANJI_GIVEN)
                and not ORG_AFTER.match(text[end:end + 2]) and _unknown_pair(text[end:end + 2])):
            return start, end + 2, WEAK  # 松平|乗薀は: a given name the dictionary does not know
    after = text[end: end + 8]
    before = text[max(0, start - 5): start]
    titled = bool(TITLE_AFTER.match(after) or TITLE_COMPOUND.match(after))
    if EVENT_AFTER.match(after) or STREET_AFTER.match(after):
        return None  # 鳥羽・伏見の戦い, 新堀2丁目
    if FAMILY_AFTER.match(after) and (run[-1].kind == "sei" or run[-1].tag in ("P", "U")):
        # 志水家, ゲティ家: a family, named by its surname
        lone_in_compound = len(run) == 1 and COMPOUND.match(text[max(0, start - 1): start])
        return start, end, WEAK if run[-1].tag == "U" or lone_in_compound else CERTAIN
    full = (len(run) > 1 and run[0].kind == "sei" and run[-1].kind == "mei"
            and not run[-1].tag)  # 姓 + 名: a whole name stands even before a kanji word
    if ORG_AFTER.match(after) or not (titled or FOLLOW_OK.match(after)
                                      or (full and KANJI_CHAR.match(after))):
        return None
    titled = (titled or bool(TITLE_BEFORE.search(before)) or bool(LIFE_YEARS.match(text, end))
              or bool(ROLE_OF_BEFORE.search(text, max(0, start - 12), start))
              or bool(DEFINED_AS_PERSON.match(text, end)))
    if COMPANY_END.search(text, start, end):
        return None  # ヤマト運輸: a company the dictionary files as a name
    tags = [t.tag for t in run if t.kind != "joiner"]
    if any(tags) and run[0].kind == "sei" and len(run) > 1:
        return start, end, CERTAIN  # 佐藤 トメ: a surname and a katakana given name
    if any(tags):  # a katakana name (or a katakana word that may be one)
        if text[end:end + 1] in JOINERS and COMPOUND.match(text, end + 1):
            return None  # ジョージ・ワシントン大学: the chain goes on into a word that is no name
        if not titled and KATA_PLACE_START.match(text, start):
            return None  # サン・パウロ, ロス・アンジェルス
        if "L" in tags and not (
                len(tags) > 1 and "L" not in tags[:-1] and tags[0] == "P"
                and (titled or tags.count("P") >= 2) and not QUOTED.search(before)):
            return None  # a place, unless a place-like surname closes a name (ホセ・…・サントス)
        if titled:
            return start, end, CERTAIN
        quoted = bool(QUOTED.search(before))
        if before[-1:].isascii() and before[-1:].isalpha():
            return None  # SCバスティア, SEIBUプリンスラビッツ: a team or brand name
        if len(tags) == 1:
            if tags[0] == "U" and PERSON_NEXT.match(after) and not quoted:
                return start, end, WEAK
            if tags[0] == "N" and PERSON_NEXT.match(after) and not quoted:
                return start, end, LISTED
            if tags[0] == "P":
                if start and not titled and text[start - 1] in COMPOUND_HEAD_END:
                    return None  # 受診者リスト: a loanword in a compound noun, not リスト the composer
                return start, end, CERTAIN
            return None
        if quoted:
            return None
        if not ("P" in tags or "U" in tags):
            if (PERSON_NEXT.match(after) and not KATA_ORG_END.search(text, start, end)
                    and not text.startswith("ザ・", start)):
                return start, end, LISTED  # リンゴ・スター: ordinary words, a name beside a name
            return None
        if KATA_ORG_END.search(text, start, end):
            return None  # ハンナ・バーベラ・プロダクション: a company named after people
        return start, end, VERB_ONLY if tags[-1] == "C" else CERTAIN
    surface = text[start:end]
    if len(run) == 1 and end - start == 1 and run[0].kind in ("mei", "person") and not titled:
        return None  # 確認：済, 対応：了: a one-kanji given name alone is most often a word
    if PLACE_END.search(surface) and not (surface[-1] == "長" and (
            (full and end - run[-1].start >= 2)
            or all(t.kind in ("person", "mei") for t in run))):  # 織田信長, 信長: the dictionary's own
        return None  # 東大寺, 中島: but 藤原道長 is a name
    prev = text[max(0, start - 1): start]
    if prev and COMPOUND.match(prev) and surface[0] in ADMIN_CHARS:
        return None  # 伊那|市六道原: a place name the analyser read as a surname
    if len(run) == 1 and run[0].kind == "mei":
        unread = _unread_surname(text, start)
        if unread is not None and not KANJI_CHAR.match(text, end):
            return unread, end, CERTAIN  # プロデューサーの稲船敬二: a surname the dictionary lacks
        surname = _place_like_surname(text, start) if end - start >= 2 else None
        if surname is not None and not KANJI_CHAR.match(text, end):
            return surname, end, CERTAIN  # 大橋 賢治, 有田 康平: a surname the analyser read as a place
        if (start >= 1 and KANJI_CHAR.match(prev) and (start == 1 or BOUNDARY.match(text, start - 2))
                and PERSON_NEXT.match(after)):
            return start - 1, end, CERTAIN  # a one-kanji surname the analyser missed: 水 夏希
        if not titled and COMPOUND.match(prev):
            return None
        if titled or PERSON_NEXT.match(after):
            return start, end, CERTAIN if titled else WEAK
        return None
    if len(run) == 1 and not titled and COMPOUND.match(prev):
        return None
    if len(run) == 1 and run[0].kind == "sei" and not titled:
        return start, end, WEAK
    return start, end, CERTAIN


def _cjk_names(text: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Three-kanji Chinese/Korean names the analyser does not know (see CJK_NAME)."""
    if not any(c in text for c in CJK_SURNAMES):
        return
    spans = sorted(taken)
    for m in CJK_NAME.finditer(text):
        start, end = m.span()
        if text[end - 1] in CJK_NOT_NAME_END:
            continue
        i = bisect_left(spans, (start, -1))
        if (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end):
            continue
        morphemes = list(_tokenizer().tokenize(m.group()))
        if len(morphemes) < 2 or any(_pos_kind(x.part_of_speech_id()) in ("L", "N")
                                     or x.part_of_speech()[0] in ("接尾辞", "動詞", "助詞")
                                     for x in morphemes):
            continue
        if len(morphemes[0].surface()) > 1 and not morphemes[-1].is_oov():
            continue  # 陳列|棚: a word and a suffix, unlike 金斗|鎔 with its unknown last kanji
        yield start, end


def _listed_beside(text: str, listed: list[tuple[int, int]],
                   names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The `listed` words that stand in an enumeration next to one of `names`
    (「アメンとゴッサードは」), or next to such a word in turn."""
    ends = {e: s for s, e in names}
    starts = {s: e for s, e in names}
    out: list[tuple[int, int]] = []
    done: set[tuple[int, int]] = set()
    pending = sorted(listed)
    for order in (pending, pending[::-1]):  # left to right, then right to left along a list
        for span in order:
            s, e = span
            if span in done:
                continue
            link_after = LIST_LINK.match(text, e)
            if (link_after and link_after.end() in starts) or any(
                    e2 in ends and LIST_LINK.fullmatch(text, e2, s) for e2 in range(max(0, s - 2), s)):
                out.append(span)
                done.add(span)
                ends[e] = s
                starts[s] = e
    return out


LIST_ITEM = (r"(?<![\u4e00-\u9fff々ヶ\u30a1-\u30faー・=])"
             r"(?:[\u4e00-\u9fff々ヶ]{2,5}|[\u30a1-\u30faー]{2,}(?:[・=][\u30a1-\u30faー]{1,}){0,4})"
             r"(?![\u4e00-\u9fff々ヶ\u30a1-\u30faー・=])")
NAME_LIST = re.compile(LIST_ITEM + r"(?:、" + LIST_ITEM + r"){2,}")
NOT_NAME_LAST = CJK_NOT_NAME_END | NOUN_SUFFIX | set(ADMIN_CHARS)


def _list_mates(text: str, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Items of a 、-list of at least three in which most items are already names
    (「横山大観、菊池契月、安田靫彦、前田青邨」): the others are names too, when they look
    like one on their own (a kanji item of 3–5 characters that is not one dictionary word
    and does not end like an institution, a two-kanji surname, a katakana name chain)."""
    if "、" not in text or len(names) < 2:
        return []
    spans = sorted(names)
    out: list[tuple[int, int]] = []
    for m in NAME_LIST.finditer(text):
        items: list[tuple[int, int]] = []
        pos = m.start()
        for part in m.group().split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        i = bisect_left(spans, (m.start(), -1))
        inside = []
        while i < len(spans) and spans[i][0] < m.end():
            inside.append(spans[i])
            i += 1
        named = [it for it in items if any(
            min(e, it[1]) - max(s, it[0]) >= (it[1] - it[0]) / 2 for s, e in inside)]
        if len(named) < 2 or 2 * len(named) < len(items):
            continue
        kanji_list = sum(KANJI_CHAR.match(text, s) is not None for s, _ in named) * 2 > len(named)
        for s, e in items:
            if (s, e) in named or (KANJI_CHAR.match(text, s) is not None) != kanji_list:
                continue
            if any(min(e, b) > max(s, a) for a, b in inside):
                continue
            if _looks_like_a_name_alone(text, s, e):
                out.append((s, e))
    return out


def _looks_like_a_name_alone(text: str, start: int, end: int) -> bool:
    item = text[start:end]
    if KANJI_CHAR.match(item):
        if item[-1] in NOT_NAME_LAST:
            return False
        morphemes = list(_tokenizer().tokenize(item))
        kinds = [_pos_kind(x.part_of_speech_id()) for x in morphemes]
        if len(item) == 2:
            return kinds[0] == "sei"
        return len(morphemes) > 1 and not any(
            x.part_of_speech()[0] in ("動詞", "助詞", "接尾辞") for x in morphemes)
    if KATA_ORG_END.search(item) or KATA_PLACE_START.match(item):
        return False
    if any(j in item for j in JOINERS):
        return True
    tokens = _tokens(text, start, end)
    return len(tokens) == 1 and tokens[0].tag in ("P", "U")


def _supported(text: str, start: int, end: int, names: list[tuple[int, int]],
               roles: bool = True) -> bool:
    """A weak name counts when its sentence speaks of a person: a verb of people (辞任,
    語った, によると …), a role word (選手, 作家 …) when `roles`, or another name (from the
    sorted `names`) in the same sentence."""
    window = max(0, start - SENTENCE_LIMIT)
    lo = max(text.rfind("。", window, start), text.rfind("\n", window, start), window - 1) + 1
    hi = min(len(text), end + SENTENCE_LIMIT)
    for stop in ("。", "\n"):
        i = text.find(stop, end, hi)
        if i >= 0:
            hi = i
    if PERSON_VERB.search(text, lo, hi) or (roles and PERSON_ROLE.search(text, lo, hi)):
        return True
    i = bisect_left(names, (lo, -1))
    while i < len(names) and names[i][0] < hi:
        s, e = names[i]
        if e <= hi and (s, e) != (start, end):
            return True
        i += 1
    return False


LATIN_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z'.\-]*(?:,?[ ]+[A-Za-z][A-Za-z'.\-]*){0,5}")
NOT_LATIN_NAME = re.compile(r"(?i)n/?a|none|null|tbd|unknown|[A-Z]{1,3}|test|sample")
LATIN_COMMA_TAIL = re.compile(r",[ ]?[A-Za-z][A-Za-z'.\-]*(?:[ ]+[A-Za-z][A-Za-z'.\-]*){0,4}"
                              r"(?=[ ]*(?:$|\n|\t|\|))")


BRACKETED_PART = re.compile(r"([^()]+?)[ ]?\(([^()]{1,24})\)[ ]*$")
RELATION = re.compile(r"妻|夫|長男|長女|次男|次女|三男|三女|父|母|本人|子|孫|義?[父母]|祖[父母]|兄|弟|姉|妹"
                      r"|世帯主|代理人?|同居|別居|[0-9]+歳|故人?|保護者|個人|法人|代表者?|申請者|本人|親族"
                      r"|後見人|保佐人|補助人|世帯員|同居人|未成年")


def _name_like_reading(word: str) -> bool:
    """A name written without a space (熊谷, 山田太郎, 宮内) is not read as a verbal noun or a
    word with a suffix, as 受付, 公募, 投票立会人 are."""
    morphemes = list(_tokenizer().tokenize(word))
    if not morphemes or morphemes[0].part_of_speech()[2] == "サ変可能":
        return False
    return not any(m.part_of_speech()[0] == "接尾辞" for m in morphemes)


# 小川・加地建設共同企業体, 株式会社マルエー: a surname inside a company's or a joint venture's name.
ORG_BEFORE = re.compile(r"(?:株式会社|有限会社|合同会社|合資会社|\(株\)|\(有\)|一般社団法人|公益財団法人"
                        r"|社会福祉法人)[ ]?$")
JV_CHAIN = re.compile(r"(?:・[^\s・、。]{1,16})+")
ORG_SEGMENT = re.compile(r"[^\s、。,○〇]{1,30}")
ORG_END = re.compile(r"(?:共同企業体|JV|建設|工業|工務店|組|電気|設備|興業|産業|コンサルタント|設計)$")


def _member_of_org(text: str, start: int, end: int) -> bool:
    if ORG_BEFORE.search(text, max(0, start - 8), start):
        return True
    chain = JV_CHAIN.match(text, end)
    if chain and ORG_END.search(chain.group()):
        return True
    rest = ORG_SEGMENT.match(text, end)  # 青木あすなろ・山田・兼藤建設共同企業体
    return bool(rest and "・" in rest.group() and ORG_END.search(rest.group()))


def _names_in_field(text: str, start: int, end: int) -> Iterator[Candidate]:
    value = text[start:end].strip()
    lead = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    both = BRACKETED_PART.fullmatch(value)
    if both:
        # ワン シャオメイ（王 小梅）, 大竹 キヨ（おおたけ きよ）, 髙橋 ヨシ子（妻）: a name and
        # another writing of it (or the relation) in brackets
        yield from _names_in_field(text, lead + both.start(1), lead + both.end(1))
        if not RELATION.fullmatch(both.group(2).strip()):
            yield from _names_in_field(text, lead + both.start(2), lead + both.end(2))
        return
    if LATIN_FIELD_NAME.fullmatch(value) and not NOT_LATIN_NAME.fullmatch(value):
        # SILVA SANTOS, Bruno Henrique / NGUYEN VAN NAM: a resident's name in Latin letters
        stop = lead + len(value)
        tail = LATIN_COMMA_TAIL.match(text, stop)
        if tail:
            stop = tail.end()
        yield Candidate(lead, stop, "person_name", "person_name.field", 2.5)
        return
    if KANA_NAME.fullmatch(value):
        yield Candidate(lead, lead + len(value), "person_name", "person_name.field", 2.5)
        return
    if (KANJI_NAME.fullmatch(value) and not NOT_A_NAME.search(value) and len(value.replace(" ", "")) >= 2
            and (" " in value or _name_like_reading(value))):
        yield Candidate(lead, lead + len(value), "person_name", "person_name.field", 2.5)
        return
    tokens = _tokens(text, start, end)
    for run_start, run_end, run in _runs(tokens):
        run_end = min(_with_kana_given(text, run, run_end), end)
        after = text[run_end: run_end + 6]
        if ORG_AFTER.match(after) or STREET_AFTER.match(after) or _member_of_org(text, run_start, run_end):
            continue
        if after and re.match(r"[\u4e00-\u9fff\u30a1-\u30fa]", after[0]) and not any(
            after.startswith(h) for h in HONORIFICS
        ):
            continue
        yield Candidate(run_start, run_end, "person_name", "person_name.field", 2.5)


def _table_name_cells(doc: Document) -> Iterator[tuple[int, int]]:
    text = doc.text
    for index, (delim, header) in doc._columns.items():
        name_cols = [i for i, h in enumerate(header)
                     if any(w in h for w in NAME_COLUMNS) and not NOT_NAME_COLUMN.search(h)]
        if not name_cols:
            continue
        line_start = doc.line_starts[index]
        line_end = doc.line_starts[index + 1] - 1 if index + 1 < len(doc.line_starts) else len(text)
        line = text[line_start:line_end]
        offset = line_start + (len(line) - len(line.lstrip("| ")))
        cells = line.lstrip("| ").split(delim)
        pos = offset
        for i, cell in enumerate(cells):
            if i in name_cols:
                yield pos, pos + len(cell)
            pos += len(cell) + 1
