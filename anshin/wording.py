"""The guideline's own words, as the city writes them: one object built from the policy.

Catalogs (`anshin/*texts.py`, `widgets/texts.py`) hold the product's sentences; where a
sentence names the city, its office, a role or a clause, the catalog writes a placeholder
(`{city}`, `{office}`, `{director}`, `{role_name[head]}`, `{cite[review]}`,
`{reason_clauses}`) and this object
fills it in from the policy. So another municipality is a policy folder, not a code change.

The process has one policy, so it has one wording: `install(policy)` at start-up (the app,
the engine, the CLI); `current()` reads it, and loads the configured policy if nothing was
installed yet (a command or test that reads a catalog before building the app).
"""

from __future__ import annotations

import re
import string
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from anshin.policy import Policy

GUIDELINE_FIELDS = ("city", "office", "director", "role_name", "cite", "reason_clauses", "guideline")
_FIELD = re.compile(r"\{(?:" + "|".join(GUIDELINE_FIELDS) + r")[\[.}!:]")


class Wording:
    """Renders catalog templates with the policy's words; other placeholders stay for the
    caller's `.format(...)`."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        reason = [c.clause for c in policy.categories if c.reason_required]
        self.fields: dict[str, Any] = {
            "city": policy.city,
            "office": policy.office,
            "director": policy.director_title,
            "role_name": dict(policy.role_labels),
            "cite": {**policy.clauses, "published": policy.published_material.clause},
            "reason_clauses": "・".join(reason),
            "guideline": policy.title,
        }
        self._cache: dict[str, str] = {}

    def fill(self, template: str) -> str:
        """`template` with the guideline's placeholders filled and the others kept as they
        are (with their braces), so `.format(count=…)` still works on the result."""
        cached = self._cache.get(template)
        if cached is not None:
            return cached
        out: list[str] = []
        formatter = string.Formatter()
        for literal, name, spec, conversion in formatter.parse(template):
            out.append(literal.replace("{", "{{").replace("}", "}}"))
            if name is None:
                continue
            root = name.split("[", 1)[0].split(".", 1)[0]
            if root in self.fields:
                value, _ = formatter.get_field(name, (), self.fields)
                value = formatter.convert_field(value, conversion)
                text = formatter.format_field(value, spec or "")
                out.append(text.replace("{", "{{").replace("}", "}}"))
            else:
                out.append("{" + name + (f"!{conversion}" if conversion else "")
                           + (f":{spec}" if spec else "") + "}")
        result = "".join(out)
        self._cache[template] = result
        return result

    def role(self, role: str) -> str:
        """What the city calls `role`."""
        return self.policy.role_labels.get(role, role)

    @property
    def role_labels(self) -> dict[str, str]:
        return dict(self.policy.role_labels)

    def roles(self, roles: Iterable[str]) -> str:
        """Role names joined the way the catalogs list them: 「職員・所属長」."""
        return "・".join(self.role(r) for r in roles)

    def who_may(self, action: str) -> str:
        """The names of the roles that may do `action`, from the policy's one table."""
        return self.roles(self.policy.roles_for(action))

    def cite(self, key: str) -> str:
        """How the city cites the clause the product refers to as `key`."""
        return self.policy.clauses[key]


_lock = threading.Lock()
_current: Wording | None = None


def install(policy: Policy) -> Wording:
    """Make `policy`'s wording the process's wording (start-up)."""
    global _current
    with _lock:
        if _current is None or _current.policy is not policy:
            _current = Wording(policy)
        return _current


def current() -> Wording:
    """The process's wording; the configured policy's if start-up has not installed one."""
    if _current is None:
        from anshin.policy import load_policy
        from anshin.settings import Settings

        install(load_policy(Settings.from_env().policy_path))
    assert _current is not None
    return _current


def guideline_templates(namespace: dict[str, Any]) -> Any:
    """Called at the end of a catalog module: takes out of `namespace` every string (or
    dictionary of strings) that names a guideline word, and returns the module's
    `__getattr__`, which serves them filled with the current wording. The catalog keeps
    its templates where they are; a reader gets the city's words (`texts.STEP1_TITLE`)."""
    templates: dict[str, Any] = {}
    for name, value in list(namespace.items()):
        if name.isupper() and _names_a_guideline_word(value):
            templates[name] = value
            del namespace[name]

    def lookup(name: str) -> Any:
        try:
            template = templates[name]
        except KeyError:
            raise AttributeError(name) from None
        return _filled(template, current())

    lookup.names = tuple(templates)  # type: ignore[attr-defined]  # what the module serves
    return lookup


def _names_a_guideline_word(value: Any) -> bool:
    """A string with a guideline placeholder, or a dict / tuple holding one (at any depth)."""
    if isinstance(value, str):
        return bool(_FIELD.search(value))
    if isinstance(value, dict):
        return any(_names_a_guideline_word(v) for v in value.values())
    if isinstance(value, tuple):
        return any(_names_a_guideline_word(v) for v in value)
    return False


def _filled(template: Any, wording: Wording) -> Any:
    if isinstance(template, str):
        return wording.fill(template)
    if isinstance(template, dict):
        return {k: _filled(v, wording) for k, v in template.items()}
    if isinstance(template, tuple):
        return tuple(_filled(v, wording) for v in template)
    return template
