"""Output checks (existing works, privacy, defamation, fairness): spans of a model's answer
that reviewers should look at.

They direct attention and never decide: every finding is "warn", whatever the input policy
says. Like input screening they take plain data — the answer, the third-party text the user
pasted, a folder of reference works, the policy's copy threshold and severities, the
trademark list — and return `Finding`s with offsets into the answer, sorted by (start, end).
Each check is one module with its lists at the top or in `policy/*.csv`; `OUTPUT_CHECKS`
below is the registry `check_output` runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..findings import Finding
from ..screening import screen
from . import biased_wording, copied_passage, defamation, personal_info, trademark
from .biased_wording import BiasedTerm, BiasedTermList
from .texts import CATEGORY_LABELS
from .trademark import Trademark, TrademarkImport, TrademarkList, TrademarkListError

OUTPUT_CATEGORIES: tuple[str, ...] = (
    "copied_passage", "trademark", "personal_info_in_output", "defamation_risk", "biased_wording",
)


@dataclass(frozen=True)
class OutputContext:
    """What every output check may read; input screening of the output runs at most once."""

    output: str
    pasted_material: Sequence[str]
    reference_dir: Path | None
    input_severities: Mapping[str, str] | None
    copy_threshold_chars: int
    trademarks: TrademarkList
    biased_terms: BiasedTermList

    @cached_property
    def screened(self) -> list[Finding]:
        return screen(self.output, self.input_severities)


@dataclass(frozen=True)
class OutputCheck:
    name: str
    category: str
    run: Callable[[OutputContext], list[Finding]]


OUTPUT_CHECKS: tuple[OutputCheck, ...] = (
    OutputCheck("copied_passage", "copied_passage", lambda c: copied_passage.find(
        c.output, c.pasted_material, c.reference_dir, c.copy_threshold_chars)),
    OutputCheck("trademark", "trademark", lambda c: trademark.find(c.output, c.trademarks)),
    OutputCheck("personal_info_in_output", "personal_info_in_output",
                lambda c: personal_info.find(c.screened)),
    OutputCheck("defamation_risk", "defamation_risk", lambda c: defamation.find(
        c.output, [(f.start, f.end) for f in c.screened if f.category == "person_name"])),
    OutputCheck("biased_wording", "biased_wording",
                lambda c: biased_wording.find(c.output, c.biased_terms)),
)


def check_output(
    output: str,
    *,
    pasted_material: Sequence[str] = (),
    reference_dir: Path | None = None,
    input_severities: Mapping[str, str] | None = None,
    copy_threshold_chars: int = 50,
    trademarks: TrademarkList | None = None,
    biased_terms: BiasedTermList | None = None,
) -> list[Finding]:
    """Run every output check on `output`; findings are "warn", sorted by (start, end).

    `pasted_material`: the third-party texts the user said they pasted.
    `reference_dir`: a folder of registered reference works (`*.txt`, searched recursively).
    `input_severities`: the policy's screening table, passed on to input screening.
    `copy_threshold_chars`: the shortest copied passage to report, in characters of output.
    `trademarks` / `biased_terms`: the lists; None uses the ones shipped in `policy/`.
    """
    if not output:
        return []
    context = OutputContext(
        output=output,
        pasted_material=tuple(p for p in pasted_material if p),
        reference_dir=Path(reference_dir) if reference_dir is not None else None,
        input_severities=input_severities,
        copy_threshold_chars=copy_threshold_chars,
        trademarks=trademarks if trademarks is not None else TrademarkList.default(),
        biased_terms=biased_terms if biased_terms is not None else BiasedTermList.default(),
    )
    findings: list[Finding] = []
    for check in OUTPUT_CHECKS:
        findings.extend(check.run(context))
    findings.sort(key=lambda f: (f.start, f.end, f.category))
    return findings


__all__ = [
    "CATEGORY_LABELS",
    "OUTPUT_CATEGORIES",
    "OUTPUT_CHECKS",
    "BiasedTerm",
    "BiasedTermList",
    "OutputCheck",
    "OutputContext",
    "Trademark",
    "TrademarkImport",
    "TrademarkList",
    "TrademarkListError",
    "check_output",
]
