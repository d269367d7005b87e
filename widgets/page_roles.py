"""Who may open which page: each page's body needs one of the actions of the policy's one
actions → roles table (`Policy.may`); pages, the header's navigation and the landing list all
read this (the engine checks every action again, whatever a page shows).

Another city's rule is a change of its policy's [permissions], [review] or [decision], not of
the code.
"""

from __future__ import annotations

from anshin.policy import Policy

# The actions that open each page's body, in the order the header lists the pages.
PAGE_ACTIONS: dict[str, tuple[str, ...]] = {
    "session": ("use",),
    "mine": ("use", "review", "decide"),
    "review": ("review", "decide"),
    "dashboard": ("view_usage",),
    "admin": ("approve_services", "suspend", "investigate"),
    "archive": ("audit",),
    "training": ("train",),
}


def roles_for(name: str, policy: Policy) -> tuple[str, ...]:
    """The roles that may open page `name` under `policy`."""
    return tuple(dict.fromkeys(r for a in PAGE_ACTIONS[name] for r in policy.roles_for(a)))


def pages_for(role: str, policy: Policy) -> list[str]:
    """The pages a person of `role` may open, in header order."""
    return [name for name in PAGE_ACTIONS if role in roles_for(name, policy)]
