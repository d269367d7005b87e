"""Scorer adapter for `checks.screen` with default severities (the eval/score.py contract).

Reads `{"id","text"}` JSONL on stdin, writes `{"id","findings":[...]}` per case and a final
`{"_timing_s": s}` with the time spent screening (start-up excluded). Used until
`anshin screen --jsonl` exists, and by `benchmarks/screening.py`.
"""

from __future__ import annotations

import json
import sys
import time

from checks import screen


def main() -> None:
    screen("起動")  # load the analyser before timing
    total = 0.0
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        began = time.perf_counter()
        findings = screen(case["text"])
        total += time.perf_counter() - began
        record = {
            "id": case["id"],
            "findings": [
                {"start": f.start, "end": f.end, "category": f.category,
                 "severity": f.severity, "rule": f.rule_id}
                for f in findings
            ],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.write(json.dumps({"_timing_s": total}) + "\n")


if __name__ == "__main__":
    main()
