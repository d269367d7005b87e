"""§7(2) defamation risk: named parties beside assertive negative claims, and what must pass."""

from __future__ import annotations

import pytest
from helpers import PLAIN_NOTICE, spans

from checks.output import check_output


@pytest.mark.parametrize(("text", "expected"), [
    ("株式会社ミドリ建設は、市の補助金を不正に受給していた。", "株式会社ミドリ建設は、市の補助金を不正"),
    ("山田太郎市長が収賄の疑いで逮捕された。", "山田太郎市長が収賄"),
    ("NPO法人ひまわりの会が寄付金を着服していたことが分かりました。", "NPO法人ひまわりの会が寄付金を着服"),
    ("ABC社の社長が横領を認めた。", "ABC社の社長が横領"),
    ("道路維持課では、検査記録の改ざんが常態化していた。", "道路維持課では、検査記録の改ざん"),
    ("佐藤一郎さんは、施設で入所者を虐待していた。", "佐藤一郎さんは、施設で入所者を虐待"),
    ("㈱さくら食品は産地を偽装して販売した。", "㈱さくら食品は産地を偽装"),
])
def test_named_party_with_an_assertive_negative_claim_is_flagged(text, expected):
    assert spans(text, "defamation_risk") == [expected]


def test_reference_back_to_a_named_company_is_a_party():
    text = "市内の建設会社について説明します。同社は入札で談合を繰り返していた。"
    assert spans(text, "defamation_risk") == ["同社は入札で談合"]


def test_message_names_party_claim_and_clause():
    [f] = [f for f in check_output("株式会社ミドリ建設は補助金を不正に受給した。")
           if f.category == "defamation_risk"]
    assert "「株式会社ミドリ建設」" in f.message_ja and "「不正」" in f.message_ja


@pytest.mark.parametrize("text", [
    "詐欺に注意してください。",
    "不正を防止するため、税務課で申告内容を確認します。",
    "特殊詐欺の被害が市内で相次いでいます。不審な電話はすぐに切ってください。",
    "市民課では、児童虐待の相談を24時間受け付けています。",
    "虐待を受けている子どもを見かけたら、こども家庭課へ連絡してください。",
    "山田太郎市長は記者会見で「子育て支援を拡充する」と述べた。",
    "新座市長は、不正は許さないと述べた。",
    "監査の結果、福祉課の事務に不正はありませんでした。",
    "株式会社ミドリ建設は、市と災害時の応援協定を結んでいます。",
    "関係課と協議します。不正が見つかった場合は速やかに報告します。",
    "課税の不正確な記載を訂正しました。",
])
def test_general_hedged_or_neutral_statements_pass(text):
    assert spans(text, "defamation_risk") == []


def test_party_and_claim_in_different_sentences_are_not_joined():
    text = "株式会社ミドリ建設が工事を受注しました。\n別の自治体では、不正な入札が問題になった。"
    assert spans(text, "defamation_risk") == []


def test_plain_notice_has_no_defamation_risk():
    assert spans(PLAIN_NOTICE, "defamation_risk") == []
