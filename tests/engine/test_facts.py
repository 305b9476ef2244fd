"""Fact kinds built from a small site on disk: values, targets and where the evidence is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from readiness.clock import Clock
from readiness.facts.base import FactItem
from readiness.facts.registry import KINDS
from readiness.model import SiteModel, build_model
from readiness.site_files import load_site_source
from tests.helpers import FIXTURES

CLOCK = Clock(as_of=dt.date(2027, 2, 20), go_live=dt.date(2027, 3, 1))


@pytest.fixture(scope="module")
def mini() -> SiteModel:
    source = load_site_source(FIXTURES / "mini_site")
    assert source.problems == []
    return build_model(source)


def _items(kind: str, site: SiteModel) -> dict[str, FactItem]:
    return {item.target: item for item in KINDS[kind].build(site, CLOCK)}


def _where(item: FactItem, name: str) -> tuple[str, int, int]:
    location = item.where(name)
    return Path(location.file).name, location.line, location.column


def test_every_kind_builds_only_its_declared_fields(mini: SiteModel) -> None:
    for name, kind in KINDS.items():
        for item in kind.build(mini, CLOCK):
            assert item.kind == name
            assert set(item.values) <= set(kind.fields), name


def test_cohorts_carry_their_figures_and_point_at_the_trained_count(mini: SiteModel) -> None:
    cohorts = _items("staff_cohorts", mini)
    assert list(cohorts) == ["ward7-nurses", "ward7-doctors"]
    nurses = cohorts["ward7-nurses"].values
    assert (nurses["name"], nurses["headcount"], nurses["trained"]) == ("Ward 7 nurses", 40, 28)
    assert nurses["trained_percent"] == 70.0
    assert cohorts["ward7-doctors"].values["trained_percent"] == 100.0
    # The percentage is derived; its evidence is the `trained: 28` line.
    assert _where(cohorts["ward7-nurses"], "trained_percent") == ("staff.yaml", 8, 14)
    assert _where(cohorts["ward7-nurses"], "headcount") == ("staff.yaml", 7, 16)
    assert _where(cohorts["ward7-nurses"], "no-such-field") == ("staff.yaml", 3, 5)


def test_interfaces_join_their_systems(mini: SiteModel) -> None:
    [(target, item)] = _items("interfaces", mini).items()
    assert target == "adt-pas-epma"
    values = item.values
    assert (values["source"], values["target"], values["standard"]) == ("pas", "epma", "hl7v2")
    assert values["life_critical"] is True
    assert list(values["messages"]) == ["ADT^A01", "ADT^A02", "ADT^A03", "ADT^A08"]
    assert _where(item, "id") == ("site.yaml", 21, 9)


def test_the_site_is_one_item_dated_by_the_clock(mini: SiteModel) -> None:
    [(target, item)] = _items("site", mini).items()
    assert target == "mini"
    assert item.values["days_to_go_live"] == 9
    later = KINDS["site"].build(mini, Clock(as_of=dt.date(2027, 3, 3), go_live=CLOCK.go_live))
    assert later[0].values["days_to_go_live"] == -2


def test_building_twice_gives_equal_items(mini: SiteModel) -> None:
    for kind in KINDS.values():
        assert kind.build(mini, CLOCK) == kind.build(mini, CLOCK)
