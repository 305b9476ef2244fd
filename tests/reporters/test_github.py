"""GitHub workflow commands: one line per failing finding, escaped, then the summary."""

from __future__ import annotations

from readiness.reporters import github
from readiness.result import Result


def test_one_annotation_per_failing_finding(result: Result) -> None:
    lines = github.render(result).splitlines()
    assert len(lines) == len(result.by_status("fail")) + 1
    assert lines[0] == (
        "::error file=sites/northgate/safety.yaml,line=12,col=3,title=CS-CSCR::"
        "Safety case report v0.9 is not signed by the CSO; the release is 2027.1"
    )
    levels = {line.split(" ", 1)[0] for line in lines[:-1]}
    assert levels == {"::error", "::warning", "::notice"}


def test_a_waiver_without_authority_is_named_in_its_annotation(result: Result) -> None:
    [line] = [x for x in github.render(result).splitlines() if "title=TS-DEFECTS" in x]
    assert line.startswith("::error file=sites/northgate/testing.yaml,line=120,col=3,")
    assert line.endswith(
        "::2 open severity-1 defects: DEF-1042, DEF-1077; waiver by Sam Reid (project-manager) "
        "not valid: approver lacks authority (project-manager may not waive a blocker in "
        "testing; needs one of: cso, sro)"
    )


def test_summary_line(result: Result) -> None:
    last = github.render(result).splitlines()[-1]
    assert last.startswith("::error title=readiness northgate::NO-GO (modified: 2 settings):")
    assert "5 blockers, 7 conditions" in last  # 5 failing majors, a waived blocker and major


def test_escaping_rules() -> None:
    assert github.escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert github.escape_data("bell\x07") == "bell\\x07"


def test_hostile_text_cannot_start_a_command(hostile: Result) -> None:
    out = github.render(hostile)
    for line in out.splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice "))
    assert "%250A" in out  # a literal %0A in the text stays literal
    assert "%0Asecond line" in out
