"""Progress of a long check (issue 13.7): `screen` reports the fraction done after each stage,
and `anshin screen` shows it on stderr only, so its stdout contract is unchanged."""

from __future__ import annotations

import io
import json

from anshin import cli
from checks import screen
from checks.registry import RULES
from checks.screening import LATER_PASSES

LONG_TEXT = "申請者：山田太郎様（090-1234-5678）、新座市野火止一丁目二番三号。\n" * 2000


def test_a_long_text_reports_progress_that_rises_to_one():
    seen: list[float] = []
    findings = screen(LONG_TEXT, progress=seen.append)
    assert len(seen) > 10
    assert seen == sorted(seen) and 0 < seen[0] and seen[-1] == 1.0
    assert findings == screen(LONG_TEXT)


def test_a_long_text_reports_progress_while_it_is_being_normalised():
    # the first stage (normalising) ends at 1/stages; a megabyte can take a second in it, so
    # its passes report fractions below that before any rule has run
    first_stage = 1 / (len(RULES) + LATER_PASSES + 1)
    seen: list[float] = []
    screen(LONG_TEXT, progress=seen.append)
    during = [f for f in seen if f < first_stage]
    assert len(during) >= 3 and during == sorted(during) and during[0] > 0


def _run_screen_cli(monkeypatch, capsys, after_s: float) -> tuple[str, str]:
    cases = "".join(json.dumps({"id": str(i), "text": LONG_TEXT[: 500 * (i + 1)]},
                               ensure_ascii=False) + "\n" for i in range(3))
    monkeypatch.setattr(cli, "PROGRESS_AFTER_S", after_s)
    monkeypatch.setattr("sys.stdin", io.StringIO(cases))
    assert cli.main(["screen", "--jsonl"]) == 0
    out, err = capsys.readouterr()
    return "\n".join(line for line in out.splitlines() if not line.startswith('{"_timing_s"')), err


def test_anshin_screen_shows_progress_on_stderr_and_leaves_stdout_unchanged(monkeypatch, capsys):
    quiet_out, quiet_err = _run_screen_cli(monkeypatch, capsys, after_s=3600.0)
    shown_out, shown_err = _run_screen_cli(monkeypatch, capsys, after_s=0.0)
    assert shown_out == quiet_out
    assert "確認しています" not in quiet_err
    assert "確認しています… 100%" in shown_err
    assert "確認しています" not in shown_out
