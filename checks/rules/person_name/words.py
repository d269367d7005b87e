"""Words and shapes that tell a person's name from other words: honorifics, field labels,
role and title words, organisation and place endings, verbs of people.
"""

from __future__ import annotations

import re

HONORIFICS = ("様", "さま", "さん", "氏", "殿", "君", "くん", "ちゃん", "先生")

HONORIFIC_AFTER = re.compile(r"[ ]*(?:" + "|".join(HONORIFICS) + ")")

LABELS = (
    "氏名", "お名前", "名前", "申請者", "相談者", "来庁者", "確認者", "対応者", "担当者", "担当",
    "先方担当", "配偶者", "出席者", "受付者", "作成者", "世帯主", "代理人", "届出人", "保護者",
    "口座名義", "名義人", "名義", "メイギ", "被保険者氏名", "記入者", "連絡者", "宛名", "請求者", "本人氏名",
    "カナ", "フリガナ", "ふりがな", "氏名カナ", "受取人", "児童名", "利用者", "患者名",
    "お客様", "お客さま", "芳名", "ご芳名", "依頼者", "相手方", "対象者", "被相談者", "入所者", "契約者",
    "引継ぎ者", "引継者", "引き継ぎ者", "記録者", "報告者", "起案者", "回答者", "応対者", "面談者",
    "訪問者", "聴取者", "通報者", "発言者", "質問者", "相談員", "世帯員", "同居人", "緊急連絡先",
    "児童", "生徒", "園児", "患者", "入居者", "受講者", "滞納者", "受給者", "被保険者",
    "代表者", "責任者", "連絡責任者", "管理者", "所有者", "登記名義人", "寄附者", "寄付者", "申込者",
    "応募者", "ローマ字", "ローマ字氏名", "英字氏名",
    "相続人", "被相続人", "納税者", "納税義務者", "扶養者", "被扶養者", "請求対象者", "担当CW", "CW",
    "ケースワーカー", "担当ケースワーカー", "相談支援専門員", "ケアマネ", "ケアマネジャー",
)

NAME_COLUMNS = ("氏名", "名前", "芳名", "カナ", "フリガナ", "ふりがな", "ローマ字", "申請者", "名義",
                "相談者", "担当", "請求者", "届出人", "世帯主", "受給者", "被保険者", "契約者", "滞納者",
                "利用者", "対象者", "保護者")

# 被保険者番号, 申請者住所: a column about the person that does not hold the name
NOT_NAME_COLUMN = re.compile(r"番号|コード|No|数|日|住所|電話|連絡先|区分|種別|年齢|生年|金額|所属")

# 「本人｜大宮 進」: a list of key｜value lines, one bar on the line, reads like a form's fields.
KEY_BAR = r"[ \t]*\|[ \t]*(?=[^\n|]+(?:\n|\Z))"
LABEL_RE = re.compile(
    r"(?:" + "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True)) + r")"
    # (a numbered label — 被保険者①, 児童2 — names one of several; ① is 1 once normalised)
    r"(?:[1-9]\d?(?![\d.,年月日]))?"
    r"(?:\([^)\n]{0,10}\))?(?:[)\]】][ \t]*:?[ \t]*|[ \t]*[:=][ \t]*|[ \t]+|" + KEY_BAR + ")"
)

# The labels of a form's other fields — what stands after a blank name field (「保護者氏名　　　続柄」,
# 「氏名　　　性別　男・女」) or heads a form's first column; never a name.
FORM_LABELS = ("住所", "所在地", "電話", "電話番号", "携帯", "携帯電話", "自宅",
                "TEL", "FAX", "メール", "E-mail", "Email", "URL", "備考", "直通", "内線",
               "連絡先", "生年月日", "性別", "続柄", "年齢", "職業", "勤務先", "学年", "学校名", "国籍",
               "印", "署名", "押印", "日付", "記入日", "申請日")
FORM_LABEL = re.compile("|".join(sorted(map(re.escape, FORM_LABELS), key=len, reverse=True)))

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

# Values that are no name: an office, a body, a placeholder, a number. The one-character
# office and place words count only where a word ends (新座市, 市民部, 3日): inside a surname
# they are ordinary (中村, 町田, 阿部, 室井, 宇都宮, 日野, 春日, 市川), and 村/部/室/日 close a
# two-character surname as often as a word (木村, 服部, 氷室, 春日; 檜原村, 総務部).
_NOT_A_NAME_WORDS = (r"課|係|局|会社|株式|有限|合同|銀行|センター|本人|代理|なし|不明"
                     r"|[0-9]|事務|担当|委員|窓口|支所|協会|法人|学校|病院|組合|役所|番号|住所|電話"
                     r"|未定|調整中|予定|不要|午前|午後|全員|各位|一同|複数|名簿|一覧|記載|別紙|同上|不在")
NOT_A_NAME = re.compile(_NOT_A_NAME_WORDS
                        + r"|(?:市|区|町|県|都|府|様|殿|会|(?<=[^\s]{2})[村部室日館場園])(?=$|[ 　])")
# For a word the analyser already read as a name, only the words inside count, and a body's
# head at its very end (片山走友会): 長谷部 實, 野々村 綾 end their surname in 部 and 村.
NOT_A_READ_NAME = re.compile(r"課|係|局|会社|株式|有限|合同|銀行|センター|事務|担当|委員|窓口|支所|協会"
                             r"|法人|学校|病院|組合|役所|番号|住所|電話|[会団校]$")

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
KATA_INITIAL = re.compile(r"(?<![\u30a1-\u30faー])"  # from the run's start: linear on long katakana
                          r"[\u30a1-\u30faー]{2,}(?:[・=][A-Z]\.?)+[・=][\u30a1-\u30faー]{2,}")

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

# Lines of business written after a surname to name a firm (林建設さん, 高橋歯科様).
BUSINESS_WORDS = (
    "建設", "工業", "工務", "設計", "設備", "電気", "電設", "電機", "興業", "産業", "商会", "商店", "商事",
    "物産", "運輸", "運送", "物流", "水道", "造園", "塗装", "測量", "開発", "不動産", "鉄工", "木材",
    "石材", "自動車", "印刷", "食品", "製菓", "製作", "歯科", "眼科", "内科", "外科", "小児科", "医院",
    "薬局", "整骨", "接骨", "鍼灸", "美容", "理容", "写真", "土木", "管工", "総業", "組",
)

BUSINESS_END = re.compile("(?:" + "|".join(BUSINESS_WORDS) + ")$")

# What ends a writer's naming of themselves (「…の風間です。」「相模と申します」): read by the
# cues that learn a surname and by the slot that reports the name.
# 申します names the speaker by itself; です only after a greeting or the writer's section.
NAMING_VERB = r"と申します|と申し上げ"
SELF_INTRODUCTION_ENDS = NAMING_VERB + r"|です[。、\n]|でございます"

# 「緒方洪庵（文化7年〈1810年〉生まれ）」「ジェンナー（1749年生まれ）」「北里柴三郎（1853～1931）」: a
# bracket giving a birth before 明治 (1868) — a historical figure, not anyone's personal data.
# (Residents born in 明治 and 大正 are alive and listed in care records.)
_OLD_ERAS = ("慶応", "元治", "文久", "万延", "安政", "嘉永", "弘化", "天保", "文政", "文化",
             "享和", "寛政", "天明", "安永", "明和", "宝暦", "寛延", "延享", "寛保", "元文", "享保", "正徳",
             "宝永", "元禄", "慶長")
HISTORICAL_BRACKET = re.compile(r"[ ]?[（(][^（）()\n\d]{0,6}?(?:(?:" + "|".join(_OLD_ERAS)
                                + r")(?:\d{1,2}|元)年"
                                r"|(?<!\d)(?:1[0-7]\d\d|18[0-6]\d)年?(?:[〈<(（]|生|～|〜|-|－))")
