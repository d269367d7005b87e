"""Texts and a helper shared by the output-check tests."""

from __future__ import annotations

from checks.output import check_output

PLAIN_NOTICE = """粗大ごみの収集方法が変わります

令和9年4月1日から、粗大ごみの収集は事前申込制になります。
収集を希望する方は、収集日の1週間前までに、資源循環推進課へ電話または電子申請でお申し込みください。
1点につき500円の処理手数料がかかります。手数料は市内のコンビニエンスストアで販売する処理券でお支払いください。
家電リサイクル法の対象品目（エアコン、テレビ、冷蔵庫、洗濯機）は収集できません。購入した店にご相談ください。
高齢や障がいのため自分で運び出せない方は、申込みの際にお知らせください。職員が玄関先まで伺います。
"""


def spans(text: str, category: str, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    return [text[f.start:f.end] for f in check_output(text, **kwargs) if f.category == category]
