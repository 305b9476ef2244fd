"""Who the site names in which role, and when two written names are the same person.

One lookup serves every check that asks whether someone holds a role: a waiver's approver,
a sign-off's signer and the person who accepted the residual clinical risk.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from readiness.model import SiteModel

# The roles a person can be named in; sign-off types of the site format are among them.
ROLES = (
    "cso",
    "sro",
    "accountable-lead",
    "ccio",
    "cnio",
    "coo",
    "board",
    "pharmacy",
    "ig-dpia",
    "design-authority",
    "data-lead",
    "technical-lead",
    "project-manager",
    "supplier",
)

Roles = tuple[str, ...]

_TITLES = re.compile(r"\b(dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame)\b\.?")


def person(name: object) -> str:
    """A name compared without titles, bracketed roles, punctuation, accents or case.

    Letters of every script count (王伟 stays 王伟); accents fold (Zoë matches Zoe). A
    structured owner (`{name, role, email}`) is compared by its name.
    """
    written = name.get("name") if isinstance(name, Mapping) else name
    folded = unicodedata.normalize("NFKD", str(written or "")).casefold()
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    text = _TITLES.sub(" ", re.sub(r"\([^)]*\)", " ", folded))
    return " ".join(re.sub(r"[^\w ]|_", " ", text).split())


def same_person(name: object, other: object) -> bool | None:
    """Whether two stated names name the same person; None when either is not stated."""
    if _written_name(name) is None or _written_name(other) is None:
        return None
    first = person(name)
    return bool(first) and first == person(other)


def _written_name(value: object) -> str | None:
    # A name as free text, or the name of a structured owner.
    found = value.get("name") if isinstance(value, Mapping) else value
    return found if isinstance(found, str) else None


@dataclass(frozen=True)
class Approver:
    """Someone acting in a role: a name, and the role when the site states one."""

    name: str
    role: str | None


def named_holders(model: SiteModel) -> dict[str, str]:
    """Per role, the person the site names in it outside its sign-offs (the CSO)."""
    cso = model.section("clinical_safety", "cso").get("name")
    return {"cso": cso} if isinstance(cso, str) and person(cso) else {}


def role_holders(model: SiteModel) -> dict[str, set[str]]:
    """Per role, the people the site names in it: its CSO and each sign-off's signer."""
    holders: dict[str, set[str]] = {r: {person(n)} for r, n in named_holders(model).items()}
    for sign_off in model.records("governance", "sign_offs"):
        role, signer = sign_off.get("type"), sign_off.get("signer")
        if isinstance(role, str) and isinstance(signer, str) and person(signer):
            holders.setdefault(role, set()).add(person(signer))
    return holders


def held_roles(who: Approver, holders: Mapping[str, set[str]]) -> tuple[Roles, str]:
    """The roles someone holds, or none with the reason why no role can be counted."""
    name = person(who.name)
    if who.role is None:
        # A name alone carries authority only where the site names that person in a role.
        found = tuple(r for r in ROLES if name in holders.get(r, ()))
        return found, "" if found else f"{who.name} has no stated role"
    named = holders.get(who.role)
    if named and name not in named:
        return (), f"{who.name} is not the site's stated {who.role}"
    return (who.role,), ""
