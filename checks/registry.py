"""The named registry of rule families that `screen` runs, in order.

Adding a family is adding one module with a `find(doc) -> Iterable[Candidate]` and one line
here; nothing else in `checks/` branches on the kind of rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .document import Document
from .findings import Candidate
from .rules import (
    address,
    birth_date,
    contact,
    id_numbers,
    identifiers,
    markings,
    my_number,
    person_name,
    provenance,
    secrecy,
)


@dataclass(frozen=True)
class RuleFamily:
    name: str
    categories: tuple[str, ...]
    find: Callable[[Document], Iterable[Candidate]]


RULES: tuple[RuleFamily, ...] = (
    RuleFamily("my_number", ("my_number",), my_number.find),
    RuleFamily("id_numbers", ("drivers_license", "resident_code", "health_insurance",
                              "bank_account"), id_numbers.find),
    RuleFamily("identifiers", ("residence_card", "passport", "pension_number", "credit_card"),
               identifiers.find),
    RuleFamily("contact", ("phone", "email"), contact.find),
    RuleFamily("address", ("address", "postal_code"), address.find),
    RuleFamily("birth_date", ("birth_date",), birth_date.find),
    RuleFamily("markings", ("confidential_marking",), markings.find),
    RuleFamily("secrecy", ("contract_secret",), secrecy.find),
    RuleFamily("provenance", ("application_derived",), provenance.find),
    RuleFamily("person_name", ("person_name",), person_name.find),
)
