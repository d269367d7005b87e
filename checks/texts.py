"""Every Japanese string that screening shows to a user: messages, labels, placeholders.

Kept in one catalog so wording can be reviewed (and replaced by another city) in one place.
"""

from __future__ import annotations

CATEGORY_LABELS: dict[str, str] = {
    "my_number": "個人番号（マイナンバー）",
    "phone": "電話番号",
    "email": "メールアドレス",
    "postal_code": "郵便番号",
    "address": "住所",
    "birth_date": "生年月日",
    "person_name": "氏名",
    "bank_account": "口座番号",
    "health_insurance": "被保険者番号",
    "drivers_license": "運転免許証番号",
    "resident_code": "住民票コード",
    "confidential_marking": "機密性表示",
    "contract_secret": "守秘義務のある情報",
    "application_derived": "申請・届出で取得した情報",
}

PLACEHOLDER_LABELS: dict[str, str] = {
    "my_number": "個人番号",
    "phone": "電話番号",
    "email": "メールアドレス",
    "postal_code": "郵便番号",
    "address": "住所",
    "birth_date": "生年月日",
    "person_name": "氏名",
    "bank_account": "口座番号",
    "health_insurance": "被保険者番号",
    "drivers_license": "免許証番号",
    "resident_code": "住民票コード",
    "confidential_marking": "機密表示",
    "contract_secret": "守秘情報",
    "application_derived": "申請情報",
}

MESSAGES: dict[str, str] = {
    "my_number": "個人番号（マイナンバー）と思われる12桁の数字です。§6(2) により入力できません。",
    "phone": "電話番号と思われます。個人の連絡先は §6(2) により入力できません。",
    "email": "メールアドレスです。個人の連絡先は §6(2) により入力できません。",
    "postal_code": "郵便番号です。住所の一部として §6(2) により入力できません。",
    "address": "個人の住所と思われます。§6(2) により入力できません。",
    "birth_date": "生年月日と思われます。§6(2) により入力できません。",
    "person_name": "個人の氏名と思われます。§6(2) により入力できません。",
    "bank_account": "口座番号と思われます。§6(2) により入力できません。",
    "health_insurance": "健康保険・介護保険の被保険者番号等と思われます。§6(2) により入力できません。",
    "drivers_license": "運転免許証番号と思われます。§6(2) により入力できません。",
    "resident_code": "住民票コードと思われます。§6(2) により入力できません。",
    "confidential_marking": "機密性の表示があります。機密性２・３の情報は §6(2) により入力できません。",
    "contract_secret": "契約により守秘義務を負う情報と思われます。§6(3) により入力できません。",
    "application_derived": "申請・届出により取得した情報と思われます。§6(3) により入力できません。",
}

PUBLIC_FIGURE_MESSAGE = (
    "人名と思われます。公人・著名人の公開情報であれば入力できますが、"
    "個人の氏名であれば §6(2) により入力できません。確認してください。"
)

DISGUISED_MESSAGE = (
    "番号を崩して書いた可能性があります（{label}）。文字や別の数字で書いてあっても、"
    "個人の情報であれば §6(2) により入力できません。確認してください。"
)

PLACEHOLDER_FORMAT = "［{label}{number}］"
