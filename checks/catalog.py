"""Every screening category, declared once: id, label, placeholder, message, colour, privacy.

The ids are shared with the policy file and the benchmarks. Everything else that needs a
category — the registry's list of ids, the user's messages, redaction placeholders, the
highlight colours, the policy's validation, the scorer's list — is derived from this table,
so adding a category is adding one row here (and the rule that finds it). A rule that emits
an id not declared here makes `screen` fail loudly (`UnknownCategory`).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Category:
    """One kind of information the guideline keeps out of the model.

    `private`: it only ever describes a private person, so finding it makes the whole text
    private (an office phone number beside it is no longer published information).
    """

    id: str
    label: str
    placeholder: str
    message: str
    colour: str
    private: bool


_PERSONAL = "入力できません。"  # the clause is the city's: the caller shows it beside

SCREENING: tuple[Category, ...] = (
    Category("my_number", "個人番号（マイナンバー）", "個人番号",
             "個人番号（マイナンバー）と思われる12桁の数字です。" + _PERSONAL, "#ffb3b3", True),
    Category("phone", "電話番号", "電話番号",
             "電話番号と思われます。個人の連絡先は" + _PERSONAL, "#ffd1a3", False),
    Category("email", "メールアドレス", "メールアドレス",
             "メールアドレスです。個人の連絡先は" + _PERSONAL, "#ffe08a", False),
    Category("postal_code", "郵便番号", "郵便番号",
             "郵便番号です。住所の一部として" + _PERSONAL, "#e6f08a", False),
    Category("address", "住所", "住所", "個人の住所と思われます。" + _PERSONAL, "#c6ef9a", True),
    Category("birth_date", "生年月日", "生年月日", "生年月日と思われます。" + _PERSONAL, "#a8ecd0", True),
    Category("person_name", "氏名", "氏名", "個人の氏名と思われます。" + _PERSONAL, "#a9dcff", False),
    Category("bank_account", "口座番号", "口座番号", "口座番号と思われます。" + _PERSONAL, "#c7c4ff", True),
    Category("health_insurance", "被保険者番号", "被保険者番号",
             "健康保険・介護保険の被保険者番号等と思われます。" + _PERSONAL, "#e8bfff", True),
    Category("drivers_license", "運転免許証番号", "免許証番号",
             "運転免許証番号と思われます。" + _PERSONAL, "#ffc2e6", True),
    Category("resident_code", "住民票コード", "住民票コード",
             "住民票コードと思われます。" + _PERSONAL, "#ffb8c8", True),
    Category("residence_card", "在留カード番号", "在留カード番号",
             "在留カード・特別永住者証明書の番号と思われます。" + _PERSONAL, "#f7c6a3", True),
    Category("passport", "旅券番号", "旅券番号", "旅券（パスポート）の番号と思われます。" + _PERSONAL,
             "#d5e8a1", True),
    Category("pension_number", "基礎年金番号", "基礎年金番号",
             "基礎年金番号と思われます。" + _PERSONAL, "#b5e3e8", True),
    Category("credit_card", "クレジットカード番号", "カード番号",
             "クレジットカードの番号と思われます（チェックディジットが一致）。" + _PERSONAL, "#f0b8d8", True),
    Category("confidential_marking", "機密性表示", "機密表示",
             "機密性の表示があります。機密性の高い情報は入力できません。", "#ff9e8a", False),
    Category("contract_secret", "守秘義務のある情報", "守秘情報",
             "契約により守秘義務を負う情報と思われます。入力できません。", "#d9c3a5", False),
    Category("application_derived", "申請・届出で取得した情報", "申請情報",
             "申請・届出により取得した情報と思われます。入力できません。", "#c8d3de", False),
)

BY_ID: MappingProxyType[str, Category] = MappingProxyType({c.id: c for c in SCREENING})
CATEGORY_IDS: tuple[str, ...] = tuple(c.id for c in SCREENING)
PRIVATE_CATEGORIES: frozenset[str] = frozenset(c.id for c in SCREENING if c.private)


class UnknownCategory(ValueError):
    """A rule reported a category this catalog does not declare: a programming error."""


def category(category_id: str) -> Category:
    try:
        return BY_ID[category_id]
    except KeyError:
        raise UnknownCategory(f"screening category {category_id!r} is not in checks.catalog") from None
