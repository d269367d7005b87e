"""The training page as a trainer uses it: a scenario per §4 category, a safe attempt that reaches
the training model and shows the planted error reviewers must catch, unsafe attempts that
screening stops before anything is sent, reset — every view marked 研修, every record kept in
the training area and marked 研修用, nothing in the real store or archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from ui_helpers import UI

from anshin.app import Anshin
from anshin.lifecycle import Kind
from anshin.model_server.scenarios import load_scenarios
from anshin.settings import training_settings
from anshin.store import EventStore

pytestmark = pytest.mark.browser
SEND_TIMEOUT_MS = 30_000
FLAWED = next(s for s in load_scenarios() if s.id == "summarize_convenience_store_pause")


def test_training_attempts_teach_screening_and_review_and_stay_out_of_the_real_records(
        open_ui, engine: Anshin, ui_env: dict[str, str], sim) -> None:
    ui: UI = open_ui("yamada")
    page = ui.open("/voila/render/training.ipynb")
    expect(page.locator(".anshin-training-banner")).to_contain_text("研修モード")
    expect(page.locator(".anshin-header")).to_contain_text("研修")
    categories = page.locator(".anshin-training-category select option")
    assert categories.count() == len(engine.policy.categories) == 8   # each trains some task
    page.locator(".anshin-training-scenario select").select_option(label=FLAWED.title)
    expect(page.locator(".anshin-training-prompt-text")).to_contain_text("11月15日（日）")
    ui.shot("scenario")

    # Safe: screened, sent to the training model; the planted error is for the review to catch.
    page.locator(".anshin-training-safe").click()
    page.locator(".anshin-training-review").wait_for(timeout=SEND_TIMEOUT_MS)
    expect(page.locator(".anshin-training-output-text")).to_contain_text("11月16日（月）")
    expect(page.locator(".anshin-training-result-box .anshin-training-tag")).to_be_visible()
    page.locator(".anshin-training-reveal").click()
    expect(page.locator(".anshin-training-flaw-text")).to_contain_text("11月15日（日）")
    ui.shot("safe-and-flaw")
    assert sim.stats()["requests"] == 1

    # Unsafe: personal data is blocked by screening, nothing is sent.
    page.locator(".anshin-training-unsafe-personal").click()
    expect(page.locator(".anshin-training-notice")).to_contain_text("送信しませんでした")
    expect(page.locator(".anshin-training-screening mark.anshin-mark-phone")).to_have_count(1)
    expect(page.locator(".anshin-training-flaw-text")).to_have_count(0)
    ui.shot("personal-data-blocked")

    # Unsafe: a confidentiality marking is detected.
    page.locator(".anshin-training-unsafe-confidential").click()
    # 【取扱注意】庁内限り: both markings are found
    expect(page.locator(".anshin-training-finding-confidential_marking")).to_have_count(2)
    expect(page.locator(".anshin-training-finding-confidential_marking").first).to_contain_text(
        "「取扱注意」")
    ui.shot("confidential-marking")
    assert sim.stats()["requests"] == 1

    page.locator(".anshin-training-reset").click()
    expect(page.locator(".anshin-training-result-box")).to_be_hidden()
    expect(page.locator(".anshin-training-notice")).to_contain_text("やり直せます")
    ui.shot("reset")

    # Records: three training sessions in the training area, marked 研修用; none in the real one.
    settings = training_settings(ui_env)
    training = EventStore(settings.database_url, settings.head_path)
    started = [e for e in training.read(kinds=[Kind.STARTED]) if e.actor == "yamada"]
    assert len(started) == 3 and all(e.payload["training"] for e in started)
    ids = {e.session_id for e in started}
    real = {e.session_id for e in engine.store.read(kinds=[Kind.STARTED])}
    assert not ids & real
    assert all(not e.payload.get("training") for e in engine.store.read(kinds=[Kind.STARTED]))
    records = {p.stem: p for p in Path(settings.archive_dir).rglob("*.ipynb")}
    assert ids <= set(records)
    assert all("研修用" in records[i].read_text("utf-8") for i in ids)
    assert not [p for p in Path(ui_env["ANSHIN_ARCHIVE"]).rglob("*") if p.stem in ids]
    assert ui.watch.dialogs == [] and ui.watch.outside == []
