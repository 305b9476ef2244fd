"""Hypothesis strategies shared by the property tests: YAML-ish text, nested data, site shapes."""

from __future__ import annotations

import re

from hypothesis import strategies as st

# The pieces YAML gives meaning to, and the values YAML 1.1 reads in surprising ways.
# fmt: off
FRAGMENTS = (
    ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "?", "&", "&a ", "*", "*a", "!", "!!",
    "!!str ", "!!python/name:os.system", "|", ">", "#", "'", '"', "\n", "\n  ", "\t", " ",
    "<<: ", "---\n", "...\n", "%YAML 1.1\n", "\\", "key", "a", "1", "2.10", "012", "0x1F",
    "12:30", "no", "on", ".inf", "~", "null", "2027-02-30", "\ufeff", "\x85", "\u2028",
)
# fmt: on

yaml_ish_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join)

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()

nested_data = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5)
    ),
    max_leaves=40,
)
# Arbitrary data, and arbitrary data under real section names (so the schema looks deeper).
SECTIONS = ("site", "systems", "interfaces", "workflows", "hazards", "cutover", "waivers")
nested_site_data = nested_data | st.dictionaries(
    st.sampled_from(SECTIONS), nested_data | st.lists(nested_data, max_size=3), max_size=4
)

# A few ids, so that duplicates and near misses (for "did you mean") are common.
ids = st.sampled_from(["epr", "lims", "Epr", "h1", "wf-1"])
id_or_junk = st.one_of(ids, ids, ids, st.integers(-1, 12), st.none())
id_lists = st.lists(id_or_junk, max_size=3)

item = st.fixed_dictionaries(
    {"id": id_or_junk},
    optional={
        "source": id_or_junk,
        "target": id_or_junk,
        "via": id_or_junk,
        "system": id_or_junk,
        "hazard": id_or_junk,
        "hazards": id_lists,
        "systems": id_lists,
        "interfaces": id_lists,
        "workflows": id_lists,
        "go_live_after": id_lists,
        "predecessors": id_lists,
        "area": id_or_junk,
        "steps": st.lists(
            st.fixed_dictionaries({}, optional={"system": id_or_junk, "interface": id_or_junk}),
            max_size=3,
        ),
    },
)
items = st.lists(item, max_size=5)
# Systems and interfaces are always there; other sections sometimes, and sometimes malformed.
OTHER_LIST_SECTIONS = (
    "workflows",
    "staff_cohorts",
    "hazards",
    "test_campaigns",
    "defects",
    "raid",
    "downtime",
)

site_shaped = st.fixed_dictionaries(
    {"systems": items, "interfaces": items},
    optional={
        **{name: st.one_of(items, items, items, item, id_or_junk) for name in OTHER_LIST_SECTIONS},
        "site": st.fixed_dictionaries({"id": id_or_junk}),
        "cutover": st.fixed_dictionaries({}, optional={"tasks": items}),
        "waivers": st.lists(
            st.fixed_dictionaries({"target": id_or_junk}, optional={"rule": st.just("TR-X")}),
            max_size=3,
        ),
    },
)

# YAML's line breaks (YAML 1.1 counts NEL and the Unicode separators too).
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def lines_of(text: str) -> list[str]:
    """The lines of `text` as a YAML reader numbers them."""
    return _BREAKS.split(text)


def position_exists(text: str, line: int, column: int) -> bool:
    """True when 1-based `line`:`column` is inside `text` (or just after a line's end)."""
    lines = lines_of(text)
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1
