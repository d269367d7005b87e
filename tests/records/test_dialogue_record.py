"""A dialogue's record (issue 16): every question as sent and every answer, turn by turn,
answers made again included, inert in the notebook and the sealed HTML; a blocked follow-up
only in redacted form."""

from __future__ import annotations

import html as html_lib

import nbformat
from records_helpers import AUTHOR, BLOCKED_SECRETS, BLOCKED_TEXT, declared

from anshin.records import record_paths

FIRST = "次の公開文書を要約してください。年末年始のごみ収集は12月30日から1月3日まで休みです。"
SECOND = "<script>alert('turn2')</script>この要約を3行にしてください。"


def _ask(engine, sid, text):
    engine.check_input(sid, AUTHOR, text)
    engine.confirm_input(sid, AUTHOR, text, acknowledged=[], attest_publishable=True)
    return engine.generate(sid, AUTHOR)


def _plain_outputs(nb) -> list[str]:
    return [o["data"]["text/plain"] for c in nb.cells if c.cell_type == "code"
            for o in c.get("outputs", []) if "text/plain" in o.get("data", {})]


def test_the_record_shows_every_turn_as_sent_and_received_and_never_a_blocked_follow_up(rig):
    e, sid = rig.engine, declared(rig).session_id
    first = _ask(e, sid, FIRST)
    e.regenerate(sid, AUTHOR)
    first_again = e.generate(sid, AUTHOR)
    e.follow_up(sid, AUTHOR)
    e.check_input(sid, AUTHOR, BLOCKED_TEXT)
    second = _ask(e, sid, SECOND)
    paths = record_paths(rig.archive, sid, second.created_at)
    nb = nbformat.read(paths.ipynb, as_version=4)
    outputs = _plain_outputs(nb)
    labels = [x for x in outputs if x.startswith("【質問") or x.startswith("【回答")]
    assert labels == ["【質問1（送信した文章）】", "【回答1（作り直す前の回答 1）】", "【回答1】",
                      "【質問2（送信した文章）】", "【回答2】"]
    for text in (FIRST, first.output, first_again.output, SECOND, second.output):
        assert text in outputs
    page = paths.html.read_text(encoding="utf-8")
    assert "<script>alert('turn2')" not in page
    assert html_lib.escape(SECOND, quote=False) in page
    for secret in BLOCKED_SECRETS:
        assert secret not in page and secret not in paths.ipynb.read_text(encoding="utf-8")
