"""The checks run on a model's answer, configured from the policy.

The trademark and wording lists are loaded once, at start-up, so a broken list stops
start-up with its line numbers instead of failing when the first answer arrives. Findings
direct reviewers' attention; they never approve or reject.
"""

from __future__ import annotations

import dataclasses

from anshin.policy import Policy, PolicyError
from checks import Finding
from checks.output import BiasedTermList, TrademarkList, TrademarkListError, check_output

# Which clause of the guideline each output check serves (a key of the policy's [clauses]).
OUTPUT_CLAUSE_KEYS: dict[str, str] = {
    "copied_passage": "copyright",
    "trademark": "copyright",
    "personal_info_in_output": "output_privacy",
    "defamation_risk": "output_privacy",
    "biased_wording": "fairness",
}


def output_clause(category: str, policy: Policy) -> str:
    """The city's citation of the clause an output-check category serves."""
    return policy.clauses[OUTPUT_CLAUSE_KEYS[category]]


class OutputChecker:
    """Callable: (answer, third-party text pasted or None) → findings."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        try:
            self.trademarks = TrademarkList.load(policy.trademarks_path)
        except TrademarkListError as exc:
            raise PolicyError(f"商標一覧に誤りがあります: {policy.trademarks_path} — {exc}",
                              f"Trademark list error: {policy.trademarks_path}: {exc}") from exc
        try:
            self.biased_terms = BiasedTermList.load(policy.biased_terms_path)
        except (ValueError, KeyError) as exc:
            raise PolicyError(f"表現の一覧に誤りがあります: {policy.biased_terms_path} — {exc}",
                              f"Biased-terms list error: {policy.biased_terms_path}: {exc}") from exc

    def __call__(self, output: str, pasted_material: str | None) -> list[Finding]:
        findings = check_output(
            output,
            pasted_material=(pasted_material,) if pasted_material else (),
            reference_dir=self.policy.reference_dir,
            input_severities=self.policy.severities,
            copy_threshold_chars=self.policy.copy_threshold_chars,
            trademarks=self.trademarks,
            biased_terms=self.biased_terms,
        )
        return [dataclasses.replace(f, message_ja=f"{output_clause(f.category, self.policy)} {f.message_ja}")
                for f in findings]
