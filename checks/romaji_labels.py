"""Field names a system spells in romaji (or plain English), read as the Japanese label.

Exports from municipal systems often name their fields `shimei`, `seinengappi`,
`kaigo_hihokensha_no`, `koza_bango`: a clerk reads 氏名, 生年月日, 介護被保険者番号, 口座番号, and
so does screening once the key is rewritten to the label it spells (an edit like every
normalisation step, mapped back to the original). A key is split into its words (`_`, `-`,
camelCase); it is translated only when every word is known, so ordinary English keys
(`updated`, `status`) stay as they are.
"""

from __future__ import annotations

import re

# One word of a key → the Japanese it spells (Hepburn and the common variants in use).
WORDS: dict[str, str] = {
    **dict.fromkeys(("shimei", "simei", "seimei", "mei", "namae", "fullname", "name"), "氏名"),
    **dict.fromkeys(("kana", "furigana", "yomi"), "フリガナ"),
    **dict.fromkeys(("seinengappi", "seinengapi", "birthday", "birthdate", "dob"), "生年月日"),
    **dict.fromkeys(("seinen",), "生年"),
    **dict.fromkeys(("gappi", "gapi"), "月日"),
    **dict.fromkeys(("jusho", "juusho", "jyusho", "juusyo", "jusyo", "address"), "住所"),
    **dict.fromkeys(("denwa", "tel", "phone"), "電話"),
    **dict.fromkeys(("keitai", "mobile"), "携帯"),
    **dict.fromkeys(("hihokensha", "hihokenja", "hihokensya"), "被保険者"),
    **dict.fromkeys(("hokensha", "hokensya"), "保険者"),
    **dict.fromkeys(("hokensho", "hokenshou"), "保険証"),
    **dict.fromkeys(("kaigo",), "介護"),
    **dict.fromkeys(("kokuho",), "国保"),
    **dict.fromkeys(("kigo", "kigou"), "記号"),
    **dict.fromkeys(("bango", "bangou", "no", "num", "number"), "番号"),
    **dict.fromkeys(("code", "kodo"), "コード"),
    **dict.fromkeys(("edaban",), "枝番"),
    **dict.fromkeys(("menkyo", "menkyosho", "license", "licence"), "免許証"),
    **dict.fromkeys(("unten",), "運転"),
    **dict.fromkeys(("juminhyo", "juuminhyou", "juminhyou"), "住民票"),
    **dict.fromkeys(("kojin",), "個人"),
    **dict.fromkeys(("mynumber", "mynum"), "個人番号"),
    **dict.fromkeys(("koza", "kouza", "kooza", "account"), "口座"),
    **dict.fromkeys(("ginko", "ginkou", "bank"), "銀行"),
    **dict.fromkeys(("shiten", "branch"), "支店"),
    **dict.fromkeys(("meigi",), "名義"),
    **dict.fromkeys(("yubin", "yuubin", "yuubinn"), "郵便"),
    **dict.fromkeys(("zokugara",), "続柄"),
    **dict.fromkeys(("hogosha", "hogosya"), "保護者"),
    **dict.fromkeys(("shinseisha", "shinseisya"), "申請者"),
    **dict.fromkeys(("setainushi",), "世帯主"),
    **dict.fromkeys(("kinkyu", "kinkyuu"), "緊急"),
    **dict.fromkeys(("renraku", "renrakusaki"), "連絡先"),
    **dict.fromkeys(("nenkin",), "年金"),
    **dict.fromkeys(("kiso",), "基礎"),
    **dict.fromkeys(("birth",), "生年月日"),
    **dict.fromkeys(("shutten", "shutoku", "source"), "出典"),
    # people a record is about, in English keys (emp_name, agent, holder_name …)
    **dict.fromkeys(("emp", "employee", "staff"), "職員"),
    **dict.fromkeys(("user",), "利用者"),
    **dict.fromkeys(("applicant",), "申請者"),
    **dict.fromkeys(("agent",), "代理人"),
    **dict.fromkeys(("owner",), "所有者"),
    **dict.fromkeys(("holder",), "名義人"),
    **dict.fromkeys(("shoyusha", "shoyuusha", "shoyusya"), "所有者"),
    **dict.fromkeys(("dairinin", "dairi"), "代理人"),
    **dict.fromkeys(("nofusha", "noufusha", "nofusya", "payer"), "納付者"),
    **dict.fromkeys(("todokedenin", "todokede"), "届出人"),
    **dict.fromkeys(("deceased", "kojin_mei"), "故人"),
    **dict.fromkeys(("mourner", "moshu", "mosyu"), "喪主"),
    **dict.fromkeys(("chief",), ""),
    **dict.fromkeys(("seikyusha", "seikyuusha", "seikyusya"), "請求者"),
    **dict.fromkeys(("nozei", "nouzei"), "納税"),
    **dict.fromkeys(("gimusha", "gimusya"), "義務者"),
    **dict.fromkeys(("taishosha", "taisyosha", "taishousha"), "対象者"),
    **dict.fromkeys(("jido", "jidou"), "児童"),
    **dict.fromkeys(("kinyu", "kinyuu"), "金融"),
    **dict.fromkeys(("kikan",), "機関"),
    **dict.fromkeys(("shumoku", "syumoku"), "種目"),
    **dict.fromkeys(("zeimoku",), "税目"),
    **dict.fromkeys(("date",), ""),
    **dict.fromkeys(("of",), ""),
}
# A key that is only a filler or a generic word says nothing by itself.
NOT_ALONE = frozenset({"番号", "コード", "", "記号", "電話"})
# Romaji that spell the label itself, with no English reading: translated even alone.
ROMAJI_ALONE = frozenset({"bango", "bangou", "kigo", "kigou"})
KEY_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


# Plain English words among the keys: an open-data table's `Name, Address, Tel` are a
# facility's, so a column header is read only when a word of it is romaji (`koza_bango`).
ENGLISH = frozenset({"name", "fullname", "address", "tel", "phone", "mobile", "birthday", "birthdate",
                     "dob", "code", "no", "num", "number", "account", "bank", "branch", "emp",
                     "employee", "staff", "user", "applicant", "agent", "owner", "holder", "date",
                     "of", "payer", "deceased", "mourner", "chief", "source", "birth"})


def japanese_label(key: str, *, romaji: bool = False) -> str | None:
    """The Japanese label a romaji or English key spells, or None when any word is unknown;
    with `romaji`, also None when every word is plain English."""
    words = KEY_WORD.findall(key)
    if not words or len(key) > 40:
        return None
    if romaji and all(w.lower() in ENGLISH for w in words):
        return None
    parts = [WORDS.get(w.lower()) for w in words]
    if any(p is None for p in parts):
        return None
    # name_kana, shimei_kana: the reading of the name is the form's フリガナ
    label = "".join(parts).replace("氏名フリガナ", "フリガナ")  # type: ignore[arg-type]
    if label in NOT_ALONE and not (len(words) == 1 and words[0].lower() in ROMAJI_ALONE):
        return None
    return label
