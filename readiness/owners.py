"""Who answers for an item: owners as sites write them, and the site's table of area leads.

An owner is written either as `{name, role, email}` or, as sites always could, as free text;
free text in the usual `Name (Role)` form is read as a name and a role, any other text is kept
whole as the name. A finding names its item's owner, else the lead its site names in the
`owners` table for the finding's category, else nobody (and GV-OWNER fails).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

# `Kevin Doran (Imaging Migration Lead)`: the last bracket closes the text.
_NAME_ROLE = re.compile(r"(?P<name>[^()]*[^()\s])\s*\((?P<role>[^()]*[^()\s][^()]*)\)\s*\Z")


@dataclass(frozen=True)
class Owner:
    """Someone who answers for a finding: a name, with a role and an email when stated."""

    name: str
    role: str | None = None
    email: str | None = None
    # The `owners` table entry the owner comes from; None when the item names them itself.
    lead_of: str | None = None

    @property
    def text(self) -> str:
        """The owner as reports print it: `Kevin Doran (Imaging Migration Lead)`."""
        return self.name if self.role is None else f"{self.name} ({self.role})"

    def __str__(self) -> str:
        return self.text

    def as_dict(self) -> dict[str, str | None]:
        """A JSON-ready form with a stable key order."""
        return {"name": self.name, "role": self.role, "email": self.email, "lead_of": self.lead_of}


def owner_of(value: object, lead_of: str | None = None) -> Owner | None:
    """The owner a site writes (a mapping or free text), or None when it names nobody."""
    if isinstance(value, Mapping):
        name, role, email = (_text(value.get(key)) for key in ("name", "role", "email"))
        return None if name is None else Owner(name, role, email, lead_of)
    return _owner_in_text(value, lead_of) if isinstance(value, str) else None


@functools.lru_cache(maxsize=4096)
def _owner_in_text(value: str, lead_of: str | None) -> Owner | None:
    """`Name (Role)` or a bare name, read once per distinct text: a site names the same few
    people on thousands of findings (an Owner is immutable, so sharing it is safe)."""
    text = _text(value)
    if text is None:
        return None
    match = _NAME_ROLE.match(text)
    if match is None:
        return Owner(text, lead_of=lead_of)
    return Owner(match["name"].strip(), match["role"].strip(), None, lead_of)


def owner_text(value: object) -> str | None:
    """An owner as fact values carry it (`Name (Role)`), or None when it names nobody.

    Rules read owners as text (`owner != ""`), whichever form the site wrote them in.
    """
    owner = owner_of(value)
    return None if owner is None else owner.text


def area_leads(site: Mapping[str, object]) -> dict[str, Owner]:
    """The lead the site names for each category in its `owners` table, by category."""
    table = site.get("owners")
    if not isinstance(table, Mapping):
        return {}
    leads = {}
    for key, value in table.items():
        lead = owner_of(value, lead_of=f"owners.{key}")
        if lead is not None:
            leads[str(key).replace("_", "-")] = lead
    return leads


def _text(value: object) -> str | None:
    # Blank text names nobody: the schema's minLength lets whitespace through.
    if not isinstance(value, str) or not value.strip():
        return None
    return " ".join(value.split())
