"""Words that name someone by their role, read by the head word as a person reads them.

A label or a column head ending in 者, 人 or 員 (届出人, 照会者, 使用者, 調査員, 立会人 …),
or saying who was there (出席, 同席, 立会い), says that what follows is a person — whoever
wrote the form, whatever the role is called. Some roles are filled by organisations
(事業者, 受託者, 保険者, 指定管理者 …): what follows them is a company or an office. Some
are the city's own staff (担当者, 作成者, 記入者 …): a person, but an address beside them
is the office's.
"""

from __future__ import annotations

import re

# Who was there: 出席：…, 立会い：…, 同席：… list people as a role word does.
ATTENDANCE = r"(?:出席|欠席|同席|立会い?|立ち会い|参加|同行|随行|陪席)"
# Words that are a person without 者/人/員 at their end: family (長男, 妻, 祖母), children
# (児童, 園児), the person themself (本人, 喪主, 故人), and posts held by one person (講師,
# 通訳, 担任, 面接官, 保健師). Under such a label or column head a person is named.
KIN = ("本人", "妻", "夫", "子", "長男", "長女", "次男", "次女", "三男", "三女", "父", "母", "祖父",
       "祖母", "孫", "兄", "弟", "姉", "妹", "父親", "母親", "義父", "義母", "亡父", "亡母", "養父",
       "養母", "叔父", "叔母", "伯父", "伯母", "甥", "姪", "嫁", "婿")
CHILDREN = ("児童", "生徒", "児童生徒", "園児", "幼児", "乳児", "新生児", "子ども", "子供", "学生")
DECEASED = ("喪主", "故人", "施主")
ONE_PERSON_POSTS = ("講師", "通訳", "担任", "面接官", "保健師", "看護師", "主治医", "医師", "弁護士",
                    "司法書士", "行政書士", "税理士", "社会福祉士", "介護支援専門員", "ケアマネ",
                    "オペレーター", "ボランティア")
# The parties of a lawsuit or a petition (申立人, 控訴人 end in 人 already)
PARTIES = ("相手方", "原告", "被告")
PARTY_WORDS = "(?:" + "|".join((*PARTIES, "申立人", "控訴人", "被控訴人", "上告人", "被上告人",
                                 "債権者", "債務者", "申請人", "参加人")) + ")"
PERSON_NOUNS = KIN + CHILDREN + DECEASED + ONE_PERSON_POSTS + PARTIES
PERSON_NOUN_WORDS = "(?:" + "|".join(sorted(map(re.escape, PERSON_NOUNS), key=len, reverse=True)) + ")"
# Who learns or trains, named by 生 after what they do: 実習生, 技能実習生, 研修生, 留学生, 受講生,
# 奨学生, 大学生. (生 after anything else is a birth: 昭和45年生, 生：S45.3.2.)
LEARNER = (r"[\u4e00-\u9fff]{0,4}(?:実習|研修|留学|受講|奨学|修習|研究|卒業|入学|新入|在校|在学|大学|高校"
           r"|中学|小学|訓練|見習い?|練習|派遣|交換)生")
# Who is in charge, named by 担当 after what of: 公社担当, 業者担当, 企業担当 (the city's staff when
# the text is the city's, the other side's when it names the other side).
IN_CHARGE = r"[\u4e00-\u9fff]{1,6}担当"
# 「対象となる方」「申請する方」「来庁された方」: 方, the polite 人, after what the person does;
# 人 after the same clause (婚姻届の「夫になる人」「妻になる人」, 「届出をする人」).
# (…者 after the same clause too: 記録されていた者, 通報した者, 発見された者)
PERSON_PHRASE = (r"[\u4e00-\u9fff]{1,4}(?:となる|になる|をする|する|した|される|された"
                 r"|を受ける|を受けた)[方人]"
                 r"|[\u4e00-\u9fff]{1,4}(?:した|された|していた|されていた|している|されている)者")
ROLE_WORD = re.compile(r"[\u4e00-\u9fff]{1,6}(?:者|人|員)|" + ATTENDANCE + "|" + LEARNER + "|" + IN_CHARGE
                       + "|" + PERSON_NOUN_WORDS + "|" + PERSON_PHRASE)
# (農業者, 漁業者, 林業者 are people who farm, fish, work a forest; 業者 alone is a trader)
ORGANISATION_ROLE = re.compile(
    r"(?:事業|(?<![農漁林])業|受託|委託|発注|受注|請負|施工|設置|主催|共催|協賛|出展|開設|運営|指定管理|(?<!被)保険"
    r"|落札|入札|応札|参加"
    r"|団体|組合|機関)者$|法人$")
STAFF_ROLE = re.compile(r"(?:担当|作成|記入|確認|決裁|起案|入力|処理|責任|職|係|課)(?:者|人|員)$|^職員$"
                        r"|担当$")
# Counts, not roles: 定員, 全員, 満員, 人員, 欠員 …
NOT_A_ROLE = re.compile(r"(?:定|全|満|人|欠|動|要|総|増|減)員$")


def role_kind(word: str) -> str | None:
    """"organisation", "staff" or "person" for a role word (ROLE_WORD), None for any other."""
    if not ROLE_WORD.fullmatch(word):
        return None
    if re.fullmatch(ATTENDANCE, word) or word in PERSON_NOUNS:
        return "person"
    if NOT_A_ROLE.search(word):
        return None
    if ORGANISATION_ROLE.search(word):
        return "organisation"
    if STAFF_ROLE.search(word):
        return "staff"
    return "person"
