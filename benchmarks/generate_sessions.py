"""Generate a realistic store of N sessions (default 100,000) for the oversight benchmark:
the same event kinds and payloads the engine writes (declaration, blocked and screened
input with findings, generation, output check, review request, reviews, decision), spread
over twelve months, across 20 departments and 400 members of staff.

Events are appended in batches with `EventStore.append_many`, so the chain is real and
`verify_chain` holds. The store stamps each event with the time of appending; to spread the
sessions over a year the generator lends it a simulated clock (benchmark data only).

Run: `python benchmarks/generate_sessions.py --sessions 100000 --out /tmp/anshin-bench`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from anshin import store as store_module
from anshin.lifecycle import Kind
from anshin.store import EventStore, NewEvent

DEPARTMENTS = ("市民課", "広報広聴課", "子育て支援課", "高齢者福祉課", "環境課", "道路課",
               "都市計画課", "財政課", "税務課", "保険年金課", "健康増進課", "教育総務課",
               "生涯学習課", "防災危機管理課", "産業振興課", "農業委員会事務局", "議会事務局",
               "会計課", "契約課", "デジタル市役所推進室")
CATEGORIES = ("summarize", "draft", "proofread", "organize_public", "ideas", "code",
              "procedures_faq", "other")
CATEGORY_WEIGHTS = (30, 22, 15, 8, 10, 8, 6, 1)
BLOCK_CATEGORIES = ("my_number", "phone", "email", "address", "person_name", "birth_date",
                    "confidential_marking", "application_derived")
PURPOSES = ("広報紙の記事を市民向けに要約する", "市民まつりの開会挨拶の素案を作る",
            "お知らせ文の敬語を確認する", "公開済み統計の要点を表に整理する",
            "子育て支援イベントの企画案を考える", "集計表を月別に分けるマクロを作る",
            "手続案内からよくある質問の素案を作る", "会議の進行表のひな形を作る")
TOPICS = ("ごみの分別", "自然観察会", "防災訓練", "図書館の開館時間", "予防接種", "道路工事",
          "市民ウォーキング大会", "確定申告の会場", "子ども食堂", "空き家対策", "公園の改修",
          "選挙の投票所")
ITEMS = ("accuracy", "fairness", "harm", "privacy", "defamation", "copyright_trademark")
OUTCOMES = ("adopted", "adopted_with_edits", "rejected")


def staff() -> list[tuple[str, str, str, str]]:
    """(id, name, department, role): 20 staff per department, the first one its head."""
    people = []
    for d, dept in enumerate(DEPARTMENTS):
        for i in range(20):
            people.append((f"s{d:02d}{i:02d}", f"職員{d:02d}-{i:02d}", dept, "head" if i == 0 else "staff"))
    return people


def session_events(rng: random.Random, people: list[tuple[str, str, str, str]],
                   start: dt.datetime) -> tuple[list[NewEvent], list[dt.datetime]]:
    """One session's events and the time of each."""
    author = rng.choice(people)
    colleagues = [p for p in people if p[2] == author[2] and p[0] != author[0]]
    sid = uuid.uuid4().hex[:12]
    t = start
    evs: list[NewEvent] = []
    times: list[dt.datetime] = []

    def add(kind: Kind, actor: str, payload: dict, after_s: float) -> None:
        nonlocal t
        t = t + dt.timedelta(seconds=after_s)
        evs.append(NewEvent(kind.value, actor, sid, payload))
        times.append(t)

    add(Kind.STARTED, author[0], {"author_name": author[1], "department": author[2],
                                  "role": author[3], "authenticated": True, "policy_id": "niiza",
                                  "policy_version": "2025-11-25", "policy_sha256": "0" * 64,
                                  "training": False}, 0)
    category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
    topic = rng.choice(TOPICS)
    purpose = f"{rng.choice(PURPOSES)}（{topic}）"
    add(Kind.DECLARED, author[0], {"category": category, "purpose": purpose,
                                   "intended_use": "担当者が確認・修正してから使う",
                                   "reason": "準備時間の短縮" if category == "other" else None,
                                   "service_id": "city-azure"}, rng.uniform(20, 120))
    text = (f"{topic}について、市ウェブサイトに掲載する公開済みのお知らせです。"
            f"対象は市内在住の方で、申込みは不要です。詳しくは担当課までお問い合わせください。" * 2)
    roll = rng.random()
    if roll < 0.15:
        cats = rng.sample(BLOCK_CATEGORIES, rng.randint(1, 2))
        findings = [{"start": 3 + 8 * i, "end": 9 + 8 * i, "category": c, "severity": "block",
                     "rule_id": f"{c}.pattern", "message_ja": "入力できない情報です"}
                    for i, c in enumerate(cats)]
        add(Kind.INPUT_CHECKED, author[0], {"findings": findings, "blocked": True,
                                            "length": len(text),
                                            "redacted_text": "［氏名1］様からの相談 " + text[:60]},
            rng.uniform(30, 300))
        if roll < 0.05:
            add(Kind.ABANDONED, author[0], {"reason": ""}, rng.uniform(10, 60))
            return evs, times
    add(Kind.INPUT_CHECKED, author[0], {"findings": [], "blocked": False, "length": len(text)},
        rng.uniform(20, 200))
    add(Kind.INPUT_SCREENED, author[0], {"text": text, "findings": [], "acknowledged": [],
                                         "attest_publishable": True,
                                         "third_party_material": False}, rng.uniform(5, 30))
    system = "あなたは地方自治体の職員の業務を補助するアシスタントです。"
    messages = [{"role": "system", "content": system}, {"role": "user", "content": text}]
    add(Kind.GENERATION_STARTED, author[0], {"service_id": "city-azure", "model": "gpt-city",
                                             "messages": messages}, 1)
    output = f"【{topic}のお知らせ（案）】市では{topic}について次のとおりご案内します。" * 3
    add(Kind.GENERATION_COMPLETED, author[0], {"output": output, "usage": {"total_tokens": 600},
                                               "finish_reason": "stop", "attempts": 1,
                                               "duration_ms": 4200}, rng.uniform(3, 15))
    out_findings = ([{"start": 1, "end": 5, "category": "person_name", "severity": "warn",
                      "rule_id": "person_name.morph", "message_ja": "氏名の可能性があります"}]
                    if rng.random() < 0.1 else [])
    add(Kind.OUTPUT_CHECKED, author[0], {"findings": out_findings}, 0.5)
    if rng.random() < 0.05:
        return evs, times
    add(Kind.REVIEW_REQUESTED, author[0], {}, rng.uniform(30, 600))
    reviews = 2 if rng.random() < 0.85 else rng.randint(0, 1)
    for reviewer in rng.sample(colleagues, reviews):
        answers = {i: {"verdict": "ok" if rng.random() < 0.9 else "needs_fix", "comment": ""}
                   for i in ITEMS}
        add(Kind.REVIEW_SUBMITTED, reviewer[0], {
            "reviewer_name": reviewer[1], "department": reviewer[2], "role": reviewer[3],
            "authenticated": True, "answers": answers, "comment": "確認しました。",
            "edited_text": None, "counts": True}, rng.uniform(600, 3 * 86_400))
    if reviews == 2 and rng.random() < 0.9:
        head = next(p for p in people if p[2] == author[2] and p[3] == "head")
        if head[0] != author[0]:
            add(Kind.DECIDED, head[0], {"decider_name": head[1], "department": head[2],
                                        "role": "head", "authenticated": True,
                                        "outcome": rng.choices(OUTCOMES, (70, 20, 10))[0],
                                        "reason": "レビュー結果を踏まえて判断した。"},
                rng.uniform(600, 2 * 86_400))
    return evs, times


def generate(store: EventStore, sessions: int, seed: int = 7, batch_sessions: int = 500,
             months: int = 12) -> int:
    """Append `sessions` sessions; returns the number of events written."""
    rng = random.Random(seed)
    people = staff()
    now = dt.datetime.now(dt.UTC)
    begin = now - dt.timedelta(days=30 * months)
    step = (now - begin - dt.timedelta(days=5)) / max(1, sessions)
    original = store_module.utc_now
    written = 0
    try:
        for first in range(0, sessions, batch_sessions):
            batch: list[NewEvent] = []
            clock: list[dt.datetime] = []
            for n in range(first, min(sessions, first + batch_sessions)):
                evs, times = session_events(rng, people, begin + step * n)
                batch += evs
                clock += times
            stamps: Iterator[str] = (t.isoformat(timespec="microseconds") for t in clock)
            store_module.utc_now = functools.partial(next, stamps)
            store.append_many(batch)
            written += len(batch)
    finally:
        store_module.utc_now = original
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    var = args.out / "var"
    var.mkdir(parents=True, exist_ok=True)
    store = EventStore(f"sqlite:///{var / 'anshin.db'}", var / "chain-head.json")
    started = time.perf_counter()
    count = generate(store, args.sessions)
    print(f"{args.sessions:,} sessions, {count:,} events in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
