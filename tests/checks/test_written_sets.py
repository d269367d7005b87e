"""Screening quality on labelled documents written for this project, apart from the
development set: municipal records and notices (`records_round*.jsonl`), encyclopedic
prose about people and things named after them (`prose_round*.jsonl`), and real published
text of other organisations (`published_round7.jsonl`).

Each round was written by a colleague who had not seen the screening code, then used to
find what the rules missed; the floors below are the levels reached, so that a later
change that loses them fails here. Matching follows ../shared/eval/score.py: a gold span
is found when findings of its category cover half of it; a finding is right when it
overlaps a gold span of its category by half of either length."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks import screen

DATA = Path(__file__).parent / "data"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _score(path: Path) -> dict[str, float]:
    gold_total = gold_found = pred_total = pred_right = 0
    negatives = negatives_flagged = negatives_blocked = 0
    for line in path.open(encoding="utf-8"):
        case = json.loads(line)
        findings = screen(case["text"])
        gold = [(s["start"], s["end"], s["category"]) for s in case["spans"]]
        for start, end, category in gold:
            covered = sum(_overlap((f.start, f.end), (start, end)) for f in findings
                          if f.category == category)
            gold_total += 1
            gold_found += covered >= (end - start) / 2
        for f in findings:
            pred_total += 1
            pred_right += any(
                category == f.category and _overlap((f.start, f.end), (start, end))
                >= min(f.end - f.start, end - start) / 2 for start, end, category in gold)
        if not gold:
            negatives += 1
            negatives_flagged += bool(findings)
            negatives_blocked += any(f.severity == "block" for f in findings)
    return {"recall": gold_found / max(1, gold_total), "precision": pred_right / max(1, pred_total),
            "negatives_flagged": negatives_flagged / max(1, negatives),
            "negatives_blocked": negatives_blocked / max(1, negatives)}


@pytest.mark.parametrize(("name", "recall", "precision", "flagged"), [
    ("records_round1.jsonl", 0.97, 0.99, 0.03),
    ("records_round2.jsonl", 0.99, 0.99, 0.03),
    ("records_round3.jsonl", 0.98, 0.99, 0.03),
    # (round 4's gold splits a reading into family and given name; one whole-reading finding
    # over both counts once: 0.98 → 0.975)
    ("records_round4.jsonl", 0.97, 0.975, 0.03),
    ("prose_round1.jsonl", 0.92, 0.94, 0.05),
    ("prose_round2.jsonl", 0.96, 0.98, 0.03),
    ("prose_round3.jsonl", 0.88, 0.97, 0.02),
    # rounds 5 and 6 cover the four identifiers added later (在留カード, 旅券, 基礎年金, カード)
    ("records_round5.jsonl", 0.93, 0.97, 0.07),
    ("records_round6.jsonl", 0.90, 0.94, 0.17),
    ("records_round8.jsonl", 0.85, 0.97, 0.10),
    # round 9: 39 kinds of work no other set has, written apart (first score R 0.880, P 0.945,
    # 24 % of harmless documents blocked — 記入例 blocks and blank date forms)
    ("records_round9.jsonl", 0.94, 0.96, 0.03),
    # round 11: 47 more kinds (課税誤りの還付, 行旅死亡人, 一時保護, 滞納処分 …), written apart
    # (first score R 0.899, P 0.955, 28.7 % of harmless documents blocked)
    ("records_round11.jsonl", 0.945, 0.97, 0.08),
])
def test_written_sets_keep_their_level(name, recall, precision, flagged):
    score = _score(DATA / name)
    assert score["recall"] >= recall, score
    assert score["precision"] >= precision, score
    assert score["negatives_flagged"] <= flagged, score


def test_real_published_text_of_other_organisations_is_not_blocked():
    """Round 7: 200 passages of real published text (minutes, ordinances, notices, open data)
    from about 160 organisations none of the development sets uses; officials named in
    office may be `warn`, nothing may block beyond the level reached."""
    score = _score(DATA / "published_round7.jsonl")
    assert score["negatives_blocked"] <= 0.02, score


def test_published_genres_no_set_had_are_not_blocked():
    """Round 10: 149 published or harmless texts of 18 genres written apart (budgets, audit
    results, exam results, election notices …); first score 5.4 % blocked."""
    score = _score(DATA / "published_round10.jsonl")
    assert score["negatives_blocked"] <= 0.01, score


def test_departments_beyond_the_welfare_desks_and_their_published_texts():
    """Round 12, written apart: working documents of 17 departments (water, roads, elections,
    fire, IT …) and 100 published texts (minutes with 君, ordinances, bid results …); first
    score R 0.898, 3.8 % of harmless texts blocked. Officials in published minutes are warn
    (counted against precision here), never block."""
    score = _score(DATA / "records_round12.jsonl")
    assert score["recall"] >= 0.95, score
    assert score["negatives_blocked"] <= 0.01, score


def test_running_prose_the_way_staff_write_it():
    """Round 13, written apart: 64 % running prose (case notes, keigo e-mails, chats, residents'
    letters) and forms of new kinds; first score R 0.882, P 0.950, 20.2 % of harmless texts
    blocked (a web page's contact list, a bulletin's sports results, a config's mailbox)."""
    score = _score(DATA / "records_round13.jsonl")
    assert score["recall"] >= 0.95, score
    assert score["negatives_blocked"] <= 0.02, score


def test_forty_more_kinds_of_work_in_their_own_layouts():
    """Round 14, written apart: 40 kinds of work no set had (斎場, 改葬許可, 消費生活相談, 成年後見の
    市長申立て, 学童保育, 給食費の滞納 …), half of the positives running prose; first score
    R 0.930, P 0.942, 6.4 % of harmless texts blocked (blank forms read 続柄 as a name, notices
    whose office came before its telephone)."""
    score = _score(DATA / "records_round14.jsonl")
    assert score["recall"] >= 0.955, score
    assert score["precision"] >= 0.94, score
    assert score["negatives_blocked"] <= 0.01, score


def test_forty_further_kinds_with_logs_threads_and_ocr():
    """Round 15, written apart: 40 kinds of work no set had (児童手当の現況, 罹災証明, 里親, 不妊治療
    助成, 情報公開請求, 旅券の申請受付 …) in prose, quoted e-mail threads, chats, OCR text, romaji
    exports and logs; first score R 0.886, P 0.979, 1.1 % of harmless texts blocked (person
    names 0.850, bank accounts 0.738, provenance 0.711)."""
    score = _score(DATA / "records_round15.jsonl")
    assert score["recall"] >= 0.965, score
    assert score["precision"] >= 0.97, score
    assert score["negatives_blocked"] <= 0.01, score


def test_forty_more_kinds_with_xml_printouts_chats_and_letters():
    """Round 16, written apart: 40 kinds of work no set had (戸籍の附票, 市営住宅の退去立会, 自衛官
    募集, 鳥獣被害, 代理投票, 給水装置工事, 叙勲, 手話通訳者の派遣 …) as XML and fixed-width
    exports, Teams and Slack chats, forwarded mail, approval slips and published notices and
    minutes; first score R 0.947, P 0.953, 5 of 90 harmless texts blocked (resident codes 0.737,
    bank accounts 0.804, health insurance 0.851)."""
    score = _score(DATA / "records_round16.jsonl")
    assert score["recall"] >= 0.97, score
    assert score["precision"] >= 0.95, score
    assert score["negatives_blocked"] <= 0.02, score


def test_forty_more_kinds_with_open_data_minutes_and_foreign_residents_papers():
    """Round 17, written apart: 40 kinds of work no set had (地域おこし協力隊, 公金受取口座, 水道料金の
    滞納, おくやみコーナー, 遺失物, 森林経営管理, 議員の海外視察 …) with JSON open data, chats, payment
    logs and the papers of foreign residents (passports of other countries, names in capitals);
    first score R 0.905, P 0.856, 8 of 92 harmless texts blocked (officials in published minutes,
    a facility list in JSON, offices not read as offices; provenance 0.71, passports 0.60)."""
    score = _score(DATA / "records_round17.jsonl")
    assert score["recall"] >= 0.94, score
    assert score["precision"] >= 0.97, score
    assert score["negatives_blocked"] <= 0.01, score


def test_officials_speaking_in_published_minutes_are_the_record_s():
    """Rounds 12 and 17 hold published minutes: a name closed by the minutes' 君 is not reported,
    so precision there stays high (round 12 was 0.77 while such names were warned of)."""
    score = _score(DATA / "records_round12.jsonl")
    assert score["precision"] >= 0.92, score


def test_forty_more_kinds_from_health_licensing_land_and_staff_work():
    """Round 18, written apart: 40 kinds of work no set had (献体, 予防接種健康被害救済, 食品営業
    許可, 漁港・林道, 生産緑地, 入湯税, 在外選挙人名簿, 公平委員会, 煙火の届出 …); first score
    R 0.926, P 0.967, 6 of 84 harmless texts blocked (facility lists in JSON without coordinates,
    a 市史編さん title read as a name). After the fixes made for it by mechanism (quoted CSV
    cells, key｜value lines, chat and signature layouts, papers named as a source): R 0.977."""
    score = _score(DATA / "records_round18.jsonl")
    assert score["recall"] >= 0.96, score
    assert score["precision"] >= 0.97, score
    assert score["negatives_blocked"] <= 0.03, score


def test_forty_people_facing_kinds_of_round_19():
    """Round 19, written apart: 40 people-facing kinds (国保の基準収入額適用, 納税管理人, 特別障害者
    手当, 入管通知の住基反映, 脱退一時金, 結核の服薬支援 …); first score R 0.938, P 0.971, 4 of
    90 harmless texts blocked. After fixes by mechanism (memo headers, readings, capitals with
    their papers, forms received or copied, historical figures): R 0.965, P 0.986."""
    score = _score(DATA / "records_round19.jsonl")
    assert score["recall"] >= 0.95, score
    assert score["precision"] >= 0.97, score
    assert score["negatives_blocked"] <= 0.03, score


def test_forty_works_industry_and_administration_kinds_of_round_20():
    """Round 20, written apart: 40 kinds of roads, rivers, farms, contracts, elections and staff
    work (排水機場の操作員, 下請負人通知, 伐採届, 渡航者リスト …); first score R 0.938, P 0.979,
    1 of 89 harmless texts blocked. After fixes by mechanism: R 0.966, P 0.982."""
    score = _score(DATA / "records_round20.jsonl")
    assert score["recall"] >= 0.95, score
    assert score["precision"] >= 0.97, score
    assert score["negatives_blocked"] <= 0.03, score


def test_thirty_five_cross_department_kinds_in_hard_layouts_of_round_21():
    """Round 21, written apart: 35 kinds across departments (公益通報, 行政対象暴力, 会計検査院の実地
    検査, 遺留金, 訴訟の準備書面 …) in HTML, JSON/XML/YAML, logs, OCR and quoted threads; first
    score R 0.929, P 0.975, 6 of 72 harmless texts blocked. After fixes by mechanism (vertical
    forms and facility lists, chat exports, reply headers, dummy data, bare 生 labels, English
    export keys): R 0.960, P 0.989, 0 blocked."""
    score = _score(DATA / "records_round21.jsonl")
    assert score["recall"] >= 0.95, score
    assert score["precision"] >= 0.97, score
    assert score["negatives_blocked"] <= 0.03, score
