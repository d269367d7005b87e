"""Benchmark of input screening: our `checks` against the Presidio + GiNZA anchor.

Runs both through /work/shared/eval/score.py on the same gold files and prints one
side-by-side table: per-category span precision/recall, harmless documents flagged per file,
characters per second and peak MiB; then our latency (p50 for a 2,000-character text) and the
time for a 1 MB input, and seconds per MB for texts shaped to be slow. The anchor runs in its
own virtual environment, `.venv-bench/`, so
that its pins (GiNZA wants SudachiPy < 0.7) never change the main `.venv`; without it the
anchor is skipped with the commands that create it.

    .venv/bin/python benchmarks/screening.py [gold.jsonl ...]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checks import CATEGORIES as SCREENING_CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path("/work/shared/eval")
SCORER = EVAL / "score.py"
# Every development file in ../shared/eval (dev3/ and dev_real/ included) and the rounds written
# apart from the code that the tests keep as floors.
DEFAULT_FILES = sorted(EVAL.glob("*.jsonl")) + sorted(EVAL.glob("*/*.jsonl")) + sorted(
    (ROOT / "tests" / "checks" / "data").glob("*.jsonl"))
PYTHON = sys.executable
BENCH_VENV = ROOT / ".venv-bench"
BENCH_PYTHON = BENCH_VENV / "bin" / "python"
ANCHOR_MODULES = ("presidio_analyzer", "spacy", "ja_ginza")
SYSTEMS = {
    "checks": f"{PYTHON} benchmarks/checks_adapter.py",
    "presidio": f"{BENCH_PYTHON} benchmarks/presidio_adapter.py",
}
CREATE_BENCH_VENV = (
    f"python3 -m venv {BENCH_VENV.name}\n"
    f"{BENCH_VENV.name}/bin/python -m pip install \"presidio-analyzer>=2.2\" \"ginza>=5.2\" "
    "\"ja-ginza>=5.2\""
)
CATEGORIES = SCREENING_CATEGORIES


def anchor_available() -> bool:
    """True when `.venv-bench/bin/python` exists and imports Presidio, spaCy and GiNZA."""
    if not BENCH_PYTHON.exists():
        return False
    probe = ("import importlib.util, sys; sys.exit(0 if all(importlib.util.find_spec(m) "
             f"for m in {ANCHOR_MODULES!r}) else 1)")
    return subprocess.run([str(BENCH_PYTHON), "-c", probe], cwd=ROOT,
                          capture_output=True).returncode == 0


def score(name: str, adapter: str, files: list[Path], outdir: Path) -> dict:
    subprocess.run(
        [PYTHON, str(SCORER), "--name", name, "--adapter", adapter, "--outdir", str(outdir),
         *map(str, files)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    return json.loads((outdir / f"{name}.json").read_text(encoding="utf-8"))


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def print_table(results: dict[str, dict]) -> None:
    names = list(results)
    files = list(next(iter(results.values()))["files"])
    header = "| file | category | gold | " + " | ".join(f"{n} P | {n} R" for n in names) + " |"
    print(header)
    print("|" + "---|" * (3 + 2 * len(names)))
    for file in files:
        for category in CATEGORIES:
            first = results[names[0]]["files"][file]["per_category"].get(category)
            if not first or not first.get("gold"):
                continue
            cells = []
            for n in names:
                c = results[n]["files"][file]["per_category"].get(category, {})
                cells += [pct(c.get("precision")), pct(c.get("recall"))]
            print(f"| {file} | {category} | {first['gold']} | " + " | ".join(cells) + " |")
    print()
    print("| file | measure | " + " | ".join(names) + " |")
    print("|" + "---|" * (2 + len(names)))
    for file in files:
        rows = {
            "harmless docs flagged %": lambda f: pct(f.get("negative_fp_rate_any")),
            "chars/s": lambda f: f"{f['timing']['chars_per_s']:,.0f}",
            "peak MiB": lambda f: ("–" if not f["timing"].get("maxrss_kb")
                                   else f"{f['timing']['maxrss_kb'] / 1024:.0f}"),
        }
        for label, get in rows.items():
            values = [get(results[n]["files"][file]) for n in names]
            print(f"| {file} | {label} | " + " | ".join(values) + " |")


def latency(files: list[Path]) -> None:
    sys.path.insert(0, str(ROOT))
    from checks import screen

    texts = [json.loads(line)["text"] for f in files for line in f.open(encoding="utf-8")]
    blob = "".join(texts)
    screen("起動")
    sample = (blob * (2000 // max(1, len(blob)) + 1))[:2000]
    times = []
    for _ in range(100):
        began = time.perf_counter()
        screen(sample)
        times.append(time.perf_counter() - began)
    big = (blob * (1_000_000 // max(1, len(blob)) + 1))[:1_000_000]
    began = time.perf_counter()
    screen(big)
    big_s = time.perf_counter() - began
    print()
    print(f"checks in-process: p50 {1000 * statistics.median(times):.1f} ms for 2,000 chars; "
          f"1 MB input {big_s:.2f} s ({1_000_000 / big_s:,.0f} chars/s)")


# Texts built to be slow (issue 13.7: worst case ≤ 2 s per MB of any text): long runs of one
# script, thousands of names, numbers side by side, one endless line.
WORST_SHAPES = {
    "digit groups side by side": "1234 5678 9012 ",
    "phone numbers side by side": "090-1234-5678 ",
    "names with 様 in a list": "山田太郎様、",
    "one katakana run": "ヤマダタロウ",
    "one hiragana run": "やまだたろう",
    "an address without end": "新座市野火止一丁目二番三号",
    "empty form lines": "氏名：\n",
    "e-mail addresses": "a.b@c.jp ",
    "birth dates": "昭和45年3月2日生 ",
    "blank lines": "\n",
    "names dot birth": "・大和（昭和45年生）\n",
    "spaced names": "山田 太郎 ",
    # quadratic before (a run of one character read again from each of its characters; every
    # finding compared with every disguised digit): 20,000 spaces took 35 s
    "one run of spaces": " ",
    "one run of kanji numerals": "〇九〇一二三四五六七八",
    "disguised phone numbers": "O9O-1234-5678 ",
    # every row of a table asking the same of its header
    "a tab-separated table": "山田太郎\t090-1234-5678\t新座市野火止1-2-3\ta.b@c.jp\n",
    "a Markdown table": "| 山田太郎 | 090-1234-5678 | 様 |\n",
    "labelled lines": "氏名：山田太郎\n",
    "postal codes": "〒352-0011 ",
}
TARGET_S_PER_MB = 2.0  # issue 13.7: worst case ≤ 2 s per MB of any text


def worst_cases(size_bytes: int = 1_000_000) -> None:
    """Seconds per MB (UTF-8) for each shape, in-process."""
    sys.path.insert(0, str(ROOT))
    from checks import screen

    screen("起動")
    print()
    print("| worst-case shape | characters | seconds | s/MB | target s/MB |")
    print("|---|---:|---:|---:|---:|")
    for label, unit in WORST_SHAPES.items():
        text = (unit * (size_bytes // len(unit.encode()) + 1)).encode()[:size_bytes].decode(
            errors="ignore")
        began = time.perf_counter()
        screen(text)
        seconds = time.perf_counter() - began
        mb = len(text.encode()) / 1_000_000
        per_mb = seconds / mb
        verdict = "" if per_mb <= TARGET_S_PER_MB else " (over)"
        print(f"| {label} | {len(text):,} | {seconds:.2f} | {per_mb:.2f} | "
              f"≤ {TARGET_S_PER_MB:.1f}{verdict} |", flush=True)


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or DEFAULT_FILES
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["checks"] = score("checks", SYSTEMS["checks"], files, Path(tmp))
        if anchor_available():
            results["presidio"] = score("presidio", SYSTEMS["presidio"], files, Path(tmp))
        else:
            print(f"Presidio + GiNZA anchor skipped: {BENCH_PYTHON.relative_to(ROOT)} is missing "
                  "or lacks presidio-analyzer / ginza / ja-ginza. Create it (in the repository "
                  "root) with:\n" + CREATE_BENCH_VENV + "\n")
    print_table(results)
    latency(files)
    worst_cases()


if __name__ == "__main__":
    main()
