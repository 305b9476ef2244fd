"""Properties of waivers under the authority table: no approver outside an entry ever turns a
failure into a waiver, and granting roles never makes a verdict worse."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from readiness.people import ROLES
from readiness.problems import Location
from readiness.result import CATEGORIES, SEVERITIES, Finding
from readiness.verdict import verdict
from readiness.waiver_authority import Authority, with_overrides
from readiness.waivers import apply_waivers
from tests.engine.build import finding, model

AS_OF = dt.date(2027, 1, 15)
TARGETS = ("a", "b", "c")

findings_st = st.lists(
    st.builds(
        finding,
        st.sampled_from(("fail", "pass")),
        st.sampled_from(SEVERITIES),
        category=st.sampled_from(CATEGORIES),
        target=st.sampled_from(TARGETS),
    ),
    max_size=6,
)
approver_st = st.one_of(
    st.builds(lambda r: {"name": "Pat", "role": r}, st.sampled_from(ROLES)),
    st.just("Pat, SRO"),
)
waivers_st = st.lists(
    st.builds(
        lambda target, who: {
            "rule": "TR-X",
            "target": target,
            "justification": "j",
            "approved_by": who,
            "approved_on": "2027-01-01",
            "expires": "2027-02-01",
        },
        st.sampled_from(TARGETS),
        approver_st,
    ),
    max_size=4,
)
RANK = {"NO-GO": 0, "CONDITIONAL": 1, "GO": 2}


def _apply(findings: list[Finding], waivers: list[dict[str, Any]], authority: Authority) -> str:
    out, _ = apply_waivers(findings, model(waivers=waivers), AS_OF, authority)
    for f in out:
        if f.status == "waived":
            assert f.waiver is not None and f.waiver.state == "active"
            needed, _area = authority.needed(f.severity, f.category, False)
            assert f.waiver.role in needed
    return verdict(out)


@given(findings_st, waivers_st)
def test_only_an_approver_the_table_allows_waives_a_failure(
    findings: list[Finding], waivers: list[dict[str, Any]]
) -> None:
    _apply(findings, waivers, Authority())


@given(findings_st, waivers_st, st.sampled_from(SEVERITIES), st.sampled_from(CATEGORIES))
def test_granting_roles_never_worsens_and_an_empty_entry_never_improves_the_verdict(
    findings: list[Finding], waivers: list[dict[str, Any]], severity: str, category: str
) -> None:
    where = Location("readiness.yaml", 1, 1)
    everyone, _ = with_overrides({(severity, category): (ROLES, where)})
    nobody, _ = with_overrides({(severity, category): ((), where)})
    shipped = _apply(findings, waivers, Authority())
    assert RANK[_apply(findings, waivers, everyone)] >= RANK[shipped]
    assert RANK[_apply(findings, waivers, nobody)] <= RANK[shipped]
    assert RANK[_apply(findings, [], Authority())] <= RANK[shipped]
