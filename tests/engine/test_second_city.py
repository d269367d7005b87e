"""A second municipality is a policy folder, not a code change: the fictional town of
policy/wakabadani runs the engine, writes its records (ipynb and HTML) and answers on the
command line in its own words — its clauses, its office, its role names, its identifier —
and nothing of Niiza's shows anywhere. `anshin policy check` validates both folders."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from second_city import FOLDER, GUIDELINE, ROOT, foreign, niiza_words
from support import sim_services_toml

from anshin import wording
from anshin.app import Anshin
from anshin.index import SearchQuery
from anshin.oversight import archive_list, dashboard, investigate
from anshin.policy import PolicyError, load_policy
from anshin.session import Forbidden, RuleViolation, ValidationError
from anshin.settings import Settings

TOWN_TEXT = ("町民カード番号 WK-12345674 の方への案内文です。\n町外秘\n"
             "秋の収穫祭は10月12日に中央公園で開きます。")


def town_env(home: Path, model_url: str) -> dict[str, str]:
    var = home / "var"
    var.mkdir(parents=True, exist_ok=True)
    services = home / "services.toml"
    services.write_text(sim_services_toml(model_url), encoding="utf-8")
    return {
        "ANSHIN_HOME": str(home), "ANSHIN_VAR": str(var),
        "ANSHIN_DATABASE_URL": f"sqlite:///{var / 'anshin.db'}",
        "ANSHIN_ARCHIVE": str(home / "archive"), "ANSHIN_CHAIN_HEAD": str(var / "chain-head.json"),
        "ANSHIN_SERVICES": str(services), "ANSHIN_POLICY": str(GUIDELINE),
        "ANSHIN_STAFF": str(FOLDER / "staff.csv"), "ANSHIN_USER": "aoki",
    }


@pytest.fixture
def town(tmp_path: Path, sim) -> Iterator[tuple[Anshin, dict[str, str]]]:
    """The engine of the town, in a temporary folder; Niiza's wording is put back after."""
    previous = wording.current().policy
    env = town_env(tmp_path, sim.url)
    app = Anshin.from_settings(Settings.from_env(env))
    yield app, env
    app.store.dispose()
    wording.install(previous)


def who(app: Anshin, person_id: str):
    return app.directory.get(person_id, authenticated=True)


def answers(app: Anshin) -> dict:
    return {i.id: {"verdict": "ok", "comment": "確認しました"} for i in app.policy.review_items}


def test_the_town_s_session_cites_its_own_clauses_and_records_carry_no_word_of_niiza(town) -> None:
    app, _env = town
    e, author = app.sessions, who(app, "aoki")
    sid = e.start_session(author).session_id
    with pytest.raises(ValidationError) as missing:
        e.declare_purpose(sid, author, category="policy_ideas", purpose="空き家の活用策を考えるため",
                          intended_use="検討会の資料の下書き", service_id="training-sim")
    assert "施策の検討材料づくり" in missing.value.message_ja and "第5条第4号" in missing.value.message_ja
    e.declare_purpose(sid, author, category="policy_ideas", purpose="空き家の活用策を考えるため",
                      intended_use="検討会の資料の下書き", reason="検討会の準備のため",
                      service_id="training-sim")
    _, findings = e.check_input(sid, author, TOWN_TEXT)
    by_rule = {f.rule_id: f for f in findings}
    assert by_rule["local.town_card"].severity == "block"
    assert TOWN_TEXT[by_rule["local.town_card"].start:by_rule["local.town_card"].end] == "WK-12345674"
    assert "local.marking" in by_rule
    with pytest.raises(RuleViolation) as blocked:
        e.confirm_input(sid, author, TOWN_TEXT, acknowledged=[], attest_publishable=True)
    assert "（第7条）" in blocked.value.message_ja
    text = "秋の収穫祭は10月12日に中央公園で開きます。案内文の下書きを作ってください。"
    _, findings = e.check_input(sid, author, text)
    e.confirm_input(sid, author, text, acknowledged=[f"{f.start}:{f.end}:{f.category}"
                                                      for f in findings if f.severity == "warn"],
                    attest_publishable=True)
    e.generate(sid, author)
    e.request_review(sid, author)
    for reviewer in ("kimura", "hayashi"):
        e.submit_review(sid, who(app, reviewer), answers=answers(app), comment="問題ありません")
    with pytest.raises(RuleViolation) as two:
        e.decide(sid, who(app, "ishii"), outcome="adopted", reason="町民向けに使えるため")
    assert "3 人以上" in two.value.message_ja and "第9条第1項" in two.value.message_ja
    # any section's reviewer counts in this town
    e.submit_review(sid, who(app, "ueda"), answers=answers(app), comment="他課から確認")
    with pytest.raises(Forbidden) as director:
        e.decide(sid, who(app, "fujita"), outcome="adopted", reason="町民向けに使えるため")
    assert "課長等" in director.value.message_ja and "第10条" in director.value.message_ja
    e.decide(sid, who(app, "ishii"), outcome="adopted", reason="町民向けに使えるため")

    records = sorted(Path(app.settings.archive_dir).rglob("*.ipynb"))
    records += sorted(Path(app.settings.archive_dir).rglob("*.html"))
    assert {p.suffix for p in records} == {".ipynb", ".html"}
    for record in records:
        content = record.read_text(encoding="utf-8")
        assert foreign(content, app.policy) == [], record.name
        assert "WK-12345674" not in content  # blocked text is never archived raw
    html = next(p for p in records if p.suffix == ".html").read_text(encoding="utf-8")
    for shown in ("第5条", "第7条", "第9条第1項", "第10条", "担当職員", "施策の検討材料づくり"):
        assert shown in html, shown


def test_who_may_do_what_is_the_town_s_table(town) -> None:
    app, _env = town
    auditor, director, head = who(app, "noguchi"), who(app, "fujita"), who(app, "ishii")
    assert dashboard(app, auditor).total == 0          # the town lets its auditors see usage
    investigate(app, auditor, SearchQuery())           # and investigate
    with pytest.raises(Forbidden) as archive:
        archive_list(app, director, SearchQuery())     # but only auditors read the archive
    assert "監査委員事務局職員" in archive.value.message_ja
    assert foreign(archive.value.message_ja, app.policy) == []
    with pytest.raises(Forbidden) as auditor_writes:
        app.sessions.start_session(auditor)
    assert "担当職員・課長等・企画情報課長" in auditor_writes.value.message_ja
    assert head.role_label == "課長等"


def run_cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    full = {**os.environ, **env}
    full.pop("JUPYTERHUB_USER", None)
    return subprocess.run([sys.executable, "-m", "anshin.cli", *args], env=full, input=stdin,
                          capture_output=True, text=True, timeout=120, cwd=env["ANSHIN_HOME"])


def test_the_command_line_speaks_the_town_s_words(town, tmp_path: Path) -> None:
    app, env = town
    outputs = []
    for args in (["--help"], ["suspend", "--help"], ["policy", "check", str(FOLDER)],
                 ["suspend", "--notice", "点検のため止めます"], ["resume"], ["verify"]):
        done = run_cli(env, *args)
        assert done.returncode == 0, (args, done.stderr)
        outputs.append(done.stdout + done.stderr)
    screened = run_cli(env, "screen", stdin=TOWN_TEXT)
    findings = json.loads(screened.stdout)["findings"]
    assert {"local.town_card", "local.marking"} <= {f["rule"] for f in findings}
    outputs.append(screened.stdout)
    (tmp_path / "marks.csv").write_text("mark,reading,owner,registration_number,source\n",
                                        encoding="utf-8")
    refused = run_cli({**env, "ANSHIN_OPERATOR": "aoki"}, "import-trademarks",
                      str(tmp_path / "marks.csv"))
    assert refused.returncode == 2 and "企画情報課長" in refused.stderr
    outputs.append(refused.stderr)
    for text in outputs:
        assert foreign(text, app.policy) == [], text[:300]
    check = outputs[2]
    for shown in ("第5条第5号", "町長が特に認める業務", "課長等", "監査委員事務局職員", "town_card",
                  "町外秘", "レビュー: 3 人以上"):
        assert shown in check


def test_policy_check_accepts_both_folders_and_shows_each_city_its_own(tmp_path: Path) -> None:
    niiza = run_cli({"ANSHIN_HOME": str(tmp_path)}, "policy", "check", str(ROOT / "policy"))
    town = run_cli({"ANSHIN_HOME": str(tmp_path)}, "policy", "check", str(FOLDER))
    assert niiza.returncode == 0 and town.returncode == 0, niiza.stderr + town.stderr
    assert "§4(8)" in niiza.stdout and "デジタル市役所推進室長" in niiza.stdout
    assert not [w for w in niiza_words() if w in town.stdout]


@pytest.mark.parametrize(("old", "new", "key"), [
    ("pattern = '(?<![A-Za-z0-9])WK-?\\d{8}(?!\\d)'", "pattern = '(WK'", "patterns[0].pattern"),
    ('checksum = "mod10_weighted"', 'checksum = "crc32"', "patterns[0].checksum"),
    ('category = "resident_code"\npattern', 'category = "town_card"\npattern', "patterns[0].category"),
    ('markings = ["町外秘", "幹部会議限り", "議会提出前"]', "markings = [\"町外秘\", \"\"]",
     "screening_words.markings"),
    ('fairness = "第9条第3項"', 'fairness = "第9条第3項"\nethics = "第13条"', "clauses.ethics"),
    ('audit = ["auditor"]', 'audit = ["auditor"]\narchive = ["staff"]', "permissions.archive"),
    ('training_tasks = ["composing"]', 'training_tasks = ["poetry"]', "categories[1].training_tasks"),
])
def test_a_broken_town_folder_is_refused_with_file_key_and_line(tmp_path: Path, old: str, new: str,
                                                                key: str) -> None:
    folder = tmp_path / "town"
    shutil.copytree(FOLDER, folder)
    source = (folder / "guideline.toml").read_text(encoding="utf-8")
    assert old in source
    (folder / "guideline.toml").write_text(source.replace(old, new), encoding="utf-8")
    field = key.rsplit(".", 1)[-1]
    target = next(x for x in new.splitlines() if x.startswith(field + " ="))
    line = source.replace(old, new).splitlines().index(target) + 1
    with pytest.raises(PolicyError) as refused:
        load_policy(folder / "guideline.toml")
    assert str(folder / "guideline.toml") in refused.value.message_ja
    assert f"キー「{key}」" in refused.value.message_ja
    assert f"{line}行目" in refused.value.message_ja
    done = run_cli({"ANSHIN_HOME": str(tmp_path)}, "policy", "check", str(folder))
    assert done.returncode == 2 and key in done.stderr


CATALOGS = ("anshin.cli_texts", "anshin.engine_texts", "anshin.file_text_texts",
            "anshin.gateway_texts", "anshin.integrity_texts", "anshin.notify_texts",
            "anshin.oversight_texts", "anshin.records_texts", "anshin.texts", "widgets.texts")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("module", CATALOGS)
def test_every_catalog_sentence_reads_in_the_city_s_words_with_no_placeholder_left(
        module: str) -> None:
    """Nested texts (the help page's sections are pairs in a tuple) are filled too: a
    `{cite[...]}` left in a sentence is a 500 on the page that formats it."""
    catalog = importlib.import_module(module)
    names = [n for n in dir(catalog) if n.isupper()] + list(
        getattr(getattr(catalog, "__getattr__", None), "names", ()))
    left = re.compile(r"\{(?:city|office|director|role_name|cite|reason_clauses|guideline)[\[.}!:]")
    for name in names:
        for text in _strings(getattr(catalog, name)):
            assert not left.search(text), f"{module}.{name}: {text[:80]}"
