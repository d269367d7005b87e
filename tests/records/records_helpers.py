"""Shared steps of the record tests: the engine on a real store, and one session driven
through the whole lifecycle with attack strings in every place a user or the model writes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import httpx
from support import sim_services_toml

from anshin.gateway import Gateway, GatewayError, RetryPolicy
from anshin.identity import Person
from anshin.policy import Policy
from anshin.records import RecordWriter
from anshin.services import ServiceRegistry
from anshin.session import SessionService, SessionView
from anshin.store import EventStore

AUTHOR = Person("yamada", "山田 花子", "市民課", "staff")
REVIEWER_1 = Person("sato", "佐藤 次郎 <b onmouseover=alert('name')>", "市民課", "staff")
REVIEWER_2 = Person("tanaka", "田中 一郎", "市民課", "staff")
HEAD = Person("kato", "加藤 恵子", "市民課", "head")

# TESTING.md's attack strings. Input screening blocks none of them (the session reaches
# `screened`). The rig's policy treats names as `warn` (a city may), so the sent text
# carries one acknowledged finding: 鈴木一郎.
PURPOSE = "市報の要約<script>alert('purpose')</script>"
INTENDED_USE = "掲載前の下書き <img src=x onerror=\"document.title='pwned-use'\">"
SENT_TEXT = (
    "次の公開文書を要約してください。問い合わせ先は広報担当の鈴木一郎です。"
    "<svg onload=alert('input')></svg>"
    "年末年始のごみ収集は12月30日から1月3日まで休みです。"
    "<iframe srcdoc=\"<script>parent.alert('iframe')</script>\"></iframe>"
)
OUTPUT = (
    "要約：年末年始はごみ収集が休みです。\n"
    "<details open ontoggle=alert('output')>詳細</details>\n"
    "<div>text/html</div>{\"text/html\": \"<script>alert('mime')</script>\"}\n"
    "<link rel=stylesheet href=\"http://127.0.0.1:9/x.css\">"
    "<style>@import url(http://127.0.0.1:9/y.css);</style>"
)
PARTIAL_TEXT_MARK = "研修用"  # the simulator's replies start with its training label
REVIEW_COMMENT = "問題ありません [x](javascript:alert('review'))"
ITEM_COMMENT = "</textarea><script>alert('item')</script>"
EDITED_TEXT = "<object data=\"javascript:alert('edited')\"></object>修正案の本文"
REASON = ("<meta http-equiv=refresh content=\"0;url=javascript:alert('reason')\">"
          "<a href=\"javascript:alert('link')\">採用</a>します")
BLOCKED_TEXT = "山田太郎さんに連絡する件。電話は048-477-1111です。"
BLOCKED_SECRETS = ("山田太郎", "048-477-1111")
PAYLOADS = (PURPOSE, INTENDED_USE, SENT_TEXT, OUTPUT, REVIEW_COMMENT, ITEM_COMMENT,
            EDITED_TEXT, REASON, REVIEWER_1.name)


@dataclass
class Rig:
    root: Path
    store: EventStore
    policy: Policy
    writer: RecordWriter
    engine: SessionService
    sim_base: str

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def head_path(self) -> Path:
        return self.root / "chain-head.json"

    @property
    def db_path(self) -> Path:
        return self.root / "anshin.db"

    def queue_faults(self, *faults: dict) -> None:
        httpx.post(f"{self.sim_base}/_sim/faults", json={"faults": list(faults)},
                   timeout=5).raise_for_status()


def write_services(path: Path, url: str) -> Path:
    path.write_text(sim_services_toml(url), encoding="utf-8")
    return path


def names_warn(policy: Policy) -> Policy:
    """The policy with person names as `warn` instead of `block`."""
    rule = dataclasses.replace(policy.screening["person_name"], severity="warn")
    return dataclasses.replace(policy, screening={**policy.screening, "person_name": rule})


def make_rig(root: Path, policy: Policy, server: object, *, training: bool = False) -> Rig:
    policy = names_warn(policy)
    root.mkdir(parents=True, exist_ok=True)
    store = EventStore(f"sqlite:///{root / 'anshin.db'}", root / "chain-head.json")
    registry = ServiceRegistry(store, write_services(root / "services.toml", server.url))
    gateway = Gateway(store, registry, policy, RetryPolicy(max_attempts=2, base_delay_s=0.01))
    writer = RecordWriter(root / "archive", store, policy)
    engine = SessionService(store, policy, gateway=gateway, recorder=writer.write,
                            training=training)
    base = server.url.removesuffix("/v1")
    httpx.post(f"{base}/_sim/reset", timeout=5).raise_for_status()
    return Rig(root, store, policy, writer, engine, base)


def answers(policy: Policy, comment: str = "") -> dict:
    return {item.id: {"verdict": "ok", "comment": comment} for item in policy.review_items}


def declared(rig: Rig, author: Person = AUTHOR) -> SessionView:
    view = rig.engine.start_session(author)
    return rig.engine.declare_purpose(view.session_id, author, category="summarize",
                                      purpose=PURPOSE, intended_use=INTENDED_USE,
                                      service_id="training-sim")


def full_session(rig: Rig) -> SessionView:
    """start → declare → blocked input → screened → cut stream (未完了) → generated →
    review ×2 → decided, with attack strings wherever people and the model write."""
    e, sid = rig.engine, declared(rig).session_id
    e.check_input(sid, AUTHOR, BLOCKED_TEXT)
    _, findings = e.check_input(sid, AUTHOR, SENT_TEXT)
    warned = [f"{f.start}:{f.end}:{f.category}" for f in findings if f.severity == "warn"]
    e.confirm_input(sid, AUTHOR, SENT_TEXT, acknowledged=warned, attest_publishable=True)
    rig.queue_faults({"kind": "cut_stream", "after_chunks": 2})
    try:
        e.generate(sid, AUTHOR)
    except GatewayError:
        pass
    else:
        raise AssertionError("the cut stream should have failed the first generation")
    rig.queue_faults({"kind": "script", "text": OUTPUT})
    e.generate(sid, AUTHOR)
    e.request_review(sid, AUTHOR)
    e.submit_review(sid, REVIEWER_1, answers=answers(rig.policy, ITEM_COMMENT),
                    comment=REVIEW_COMMENT, edited_text=EDITED_TEXT)
    e.submit_review(sid, REVIEWER_2, answers=answers(rig.policy), comment="確認しました")
    return e.decide(sid, HEAD, outcome="adopted_with_edits", reason=REASON,
                    final_text=EDITED_TEXT)
