"""`anshin policy check DIR`: validate a municipality's policy folder and show, in Japanese,
what its staff will see — categories, clauses, roles and who may do what — so the city's
reviewers read the guideline as the product will apply it before anyone uses it.

A folder holds one guideline file (a `*.toml` with a `[guideline]` table), the lists it
names, and optionally `services.toml` and `staff.csv`. Every problem names file, key and line
(the validators of `anshin.policy`, `anshin.services` and `anshin.identity`).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from anshin import cli_texts as t
from anshin.identity import StaffDirectory
from anshin.output_checking import OUTPUT_CLAUSE_KEYS, OutputChecker
from anshin.policy import ACTIONS, CLAUSE_KEYS, Policy, PolicyError, load_policy
from anshin.services import load_service_file
from anshin.wording import Wording
from checks.output.texts import CATEGORY_LABELS as OUTPUT_LABELS


def guideline_file(folder: Path) -> Path:
    """The folder's one `*.toml` with a `[guideline]` table."""
    if not folder.is_dir():
        raise PolicyError(t.POLICY_NOT_A_FOLDER.format(folder=folder),
                          f"Not a policy folder: {folder}")
    found = []
    for path in sorted(folder.glob("*.toml")):
        try:
            if "guideline" in tomllib.loads(path.read_text(encoding="utf-8")):
                found.append(path)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            if path.name != "services.toml":
                return path  # load_policy names the line
    if len(found) != 1:
        raise PolicyError(t.POLICY_FILE_COUNT.format(folder=folder, count=len(found)),
                          f"{folder}: {len(found)} guideline files ([guideline] table); one needed")
    return found[0]


def check_folder(folder: Path) -> tuple[Policy, list[str]]:
    """Validate everything in `folder`; return the policy and the lines of its report."""
    path = guideline_file(folder)
    policy = load_policy(path)
    OutputChecker(policy)  # the trademark and wording lists it names
    services = folder / "services.toml"
    service_count = len(load_service_file(services)) if services.is_file() else None
    staff = folder / "staff.csv"
    people = StaffDirectory.load(staff).people if staff.is_file() else None
    return policy, report(policy, service_count, people)


def report(policy: Policy, service_count: int | None, people: dict | None) -> list[str]:
    w = Wording(policy)
    yes, no = t.POLICY_YES, t.POLICY_NO
    lines = [t.POLICY_OK.format(file=policy.source_path),
             t.POLICY_HEAD.format(title=policy.title, municipality=policy.city,
                                  version=policy.version, office_name=policy.office,
                                  office_head=policy.director_title), "",
             t.POLICY_ROLES]
    for role, label in policy.role_labels.items():
        lines.append(f"  {role:<9} {label}")
    lines += ["", t.POLICY_ACTIONS]
    for action in ACTIONS:
        lines.append(f"  {t.ACTION_LABELS[action]}: {w.who_may(action)}")
    lines += ["", t.POLICY_CATEGORIES]
    for c in policy.categories:
        lines.append(t.POLICY_CATEGORY.format(
            clause=c.clause, display=c.display, reason=yes if c.reason_required else no,
            templates=len(c.templates), tasks=", ".join(c.training_tasks) or "-"))
    lines += ["", t.POLICY_CLAUSES]
    for key in CLAUSE_KEYS:
        lines.append(f"  {t.CLAUSE_LABELS[key]}: {policy.clauses[key]}")
    lines.append(f"  {t.PUBLISHED_LABEL}: {policy.published_material.clause}")
    lines += ["", t.POLICY_SCREENING]
    for rule in policy.screening.values():
        lines.append(f"  {rule.label}（{rule.clause}）: {t.SEVERITY_NAMES[rule.severity]}")
    for category, key in OUTPUT_CLAUSE_KEYS.items():
        lines.append(f"  {t.OUTPUT_PREFIX}{OUTPUT_LABELS[category]}（{policy.clauses[key]}）")
    local = policy.local_rules
    for p in local.patterns:
        lines.append(t.POLICY_LOCAL_PATTERN.format(
            name=p.name, label=policy.screening[p.category].label,
            severity=t.SEVERITY_NAMES[p.severity], context="・".join(p.context) or "-",
            checksum=p.checksum or "-"))
    if local.markings:
        lines.append(t.POLICY_MARKINGS.format(words="・".join(local.markings)))
    lines += ["", t.POLICY_REVIEW.format(count=policy.min_reviewers,
                                         author=yes if policy.author_counts else no,
                                         same=yes if policy.reviewers_same_department else no,
                                         deciders=w.who_may("decide"))]
    for item in policy.review_items:
        lines.append(f"  ・{item.question}（{item.clause}）")
    if service_count is not None:
        lines += ["", t.POLICY_SERVICES.format(count=service_count)]
    if people is not None:
        counts = {r: sum(1 for p in people.values() if p.role == r) for r in policy.role_labels}
        lines.append(t.POLICY_STAFF.format(
            count=len(people),
            roles="、".join(f"{policy.role_labels[r]} {n}人" for r, n in counts.items())))
    return lines
