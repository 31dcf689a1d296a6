"""One small failing fixture per check: the code and the line it is reported at."""

from __future__ import annotations

import pytest
from conftest import DOMAIN, PROGRAM, write_plan

from pam.load.pipeline import load_plan


def problems_of(tmp_path, domain=DOMAIN, program=PROGRAM, cards=None):
    plan = write_plan(tmp_path, program=program, domains={"d1.yaml": domain}, cards=cards)
    _plan, problems = load_plan(plan)
    return problems


def find(problems, code):
    hits = [p for p in problems if p.code == code]
    assert hits, f"no {code} in {[p.render() for p in problems]}"
    return hits[0]


def test_valid_tiny_plan_has_no_error(tmp_path):
    problems = problems_of(tmp_path)
    assert [p for p in problems if p.severity == "error"] == []
    # action 03 has no target: a warning, not an error
    assert find(problems, "no-target").line == 18


CASES = [
    # (code, severity, replace this, with this, expected line)
    ("yaml-syntax", "error", "    name: {ar: المشروع الأول}", "    name: {ar: المشروع الأول", 9),
    ("duplicate-key", "error", '      cost: 2\n', '      cost: 2\n      cost: 3\n', 13),
    ("unknown-key", "error", "      cost: 2\n", "      costs: 2\n", 12),
    ("wrong-type", "error", 'text: "إجراء أول"', "text: 123", 11),
    ("wrong-type", "error", "targets: {2018: 50, 2019: 100}", 'targets: {2018: "50", 2019: 100}',
     13),
    ("missing-key", "error", '      text: "إجراء أول"\n', "", 10),
    ("bad-id", "error", "- id: D1.A1.P1.01", "- id: D1 A1 P1 01", 10),
    ("id-parent", "error", "- id: D1.A1.P1.01", "- id: D2.A1.P1.01", 10),
    ("duplicate-id", "error", "- id: D1.A1.P1.02", "- id: D1.A1.P1.01", 14),
    ("target-range", "error", "targets: {2018: 50, 2019: 100}", "targets: {2018: 50, 2019: 120}",
     13),
    ("target-not-cumulative", "error", "targets: {2018: 50, 2019: 100}",
     "targets: {2018: 50, 2019: 40}", 13),
    ("target-year", "error", "targets: {2018: 50, 2019: 100}", "targets: {2016: 50, 2019: 100}",
     13),
    ("out-of-range", "error", "      cost: 2\n", "      cost: -2\n", 12),
    ("not-finite", "error", "      cost: 2\n", "      cost: .nan\n", 12),
    ("target-below-100", "warning", "targets: {2018: 50, 2019: 100}", "targets: {2018: 50}", 13),
    ("empty-text", "error", 'text: "إجراء أول"', 'text: "  "', 11),
    ("persian-letters", "warning", 'text: "إجراء أول"', 'text: "إجراء أولی"', 11),
]


@pytest.mark.parametrize("code,severity,old,new,line", CASES, ids=[c[0] for c in CASES])
def test_each_check(tmp_path, code, severity, old, new, line):
    assert old in DOMAIN
    problems = problems_of(tmp_path, domain=DOMAIN.replace(old, new, 1))
    p = find(problems, code)
    assert p.severity == severity
    assert p.line == line, p.render()
    assert p.file.endswith("d1.yaml")
    assert p.column >= 1
    assert len(p.message) > 20  # says what was expected and how to fix it


def test_unknown_key_suggests_the_right_one(tmp_path):
    p = find(problems_of(tmp_path, domain=DOMAIN.replace("      cost: 2\n", "      cots: 2\n")),
             "unknown-key")
    assert "Did you mean 'cost'?" in p.message


def test_string_number_hint(tmp_path):
    p = find(problems_of(tmp_path, domain=DOMAIN.replace("cost: 2\n", 'cost: "2"\n')),
             "wrong-type")
    assert "million MAD" in p.message


def test_declared_counts_mismatch_names_both_numbers(tmp_path):
    program = PROGRAM + """\
declared:
  domains:
  - {domain: D1, name: x, axes: 1, projects: 1, actions: 5}
  total: {name: total, axes: 1, projects: 2, actions: 3}
"""
    problems = problems_of(tmp_path, program=program)
    msgs = [p.message for p in problems if p.code == "declared-count-mismatch"]
    assert any("declares 5 actions for domain D1" in m and "hold 3" in m for m in msgs)
    assert any("declares 2 projects for the program" in m and "hold 1" in m for m in msgs)
    assert all(p.severity == "warning" for p in problems if p.code == "declared-count-mismatch")


def test_all_problems_are_reported_not_just_the_first(tmp_path):
    domain = DOMAIN.replace("targets: {2018: 50, 2019: 100}", "targets: {2018: 50, 2019: 40}")
    domain = domain.replace('text: "إجراء ثان"', 'text: ""')
    problems = problems_of(tmp_path, domain=domain)
    codes = {p.code for p in problems}
    assert {"target-not-cumulative", "empty-text"} <= codes


CARD = """\
project: D1.A1.P1
period: 2019-06a
date: 2019-06-14
actions:
- action: D1.A1.P1.01
  progress: 60
  spent: 1.5
"""


@pytest.mark.parametrize("old,new,code,line", [
    ("- action: D1.A1.P1.01", "- action: D1.A1.P1.09", "unknown-action", 5),
    ("project: D1.A1.P1", "project: D1.A1.P9", "unknown-project", 1),
    ("progress: 60", "progress: 160", "out-of-range", 6),
    ("progress: 60", 'progress: "60%"', "wrong-type", 6),
    ("date: 2019-06-14", "date: 2019-02-30", "bad-date", 3),
    ("date: 2019-06-14", "date: 2016-06-14", "date-outside-program", 3),
    ("date: 2019-06-14", "date: 2019-05-14", "date-before-period", 3),
    ("spent: 1.5", "spent: 3.5", "spent-over-cost", 7),
    ("period: 2019-06a", "period: 2019-13a", "bad-value", 2),
])
def test_card_checks(tmp_path, old, new, code, line):
    problems = problems_of(tmp_path, cards={"D1.A1.P1/2019-06a.yaml": CARD.replace(old, new)})
    p = find(problems, code)
    assert p.line == line, p.render()
    assert "progress" in p.file


def test_decreasing_progress_needs_a_correction(tmp_path):
    later = CARD.replace("2019-06a", "2019-07a").replace("2019-06-14", "2019-07-10") \
        .replace("progress: 60", "progress: 50")
    cards = {"D1.A1.P1/2019-06a.yaml": CARD, "D1.A1.P1/2019-07a.yaml": later}
    p = find(problems_of(tmp_path, cards=cards), "progress-decreased")
    assert p.file.endswith("2019-07a.yaml") and p.line == 6
    cards["D1.A1.P1/2019-07a.yaml"] = later + '  correction: "the June figure counted an unpaid invoice"\n'
    assert not [p for p in problems_of(tmp_path / "b", cards=cards)
                if p.code == "progress-decreased"]


def test_misplaced_card_is_flagged(tmp_path):
    p = find(problems_of(tmp_path, cards={"elsewhere.yaml": CARD}), "card-misplaced")
    assert "progress/D1.A1.P1/2019-06a.yaml" in p.message


def test_a_crashing_check_becomes_a_problem(tmp_path, monkeypatch):
    from pam import checks

    def boom(plan):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(checks, "CHECKS", [boom])
    p = find(problems_of(tmp_path), "internal-check-error")
    assert "kaboom" in p.message


def test_hidden_files_are_not_plan_files(tmp_path):
    plan = write_plan(tmp_path)
    (plan / "domains" / ".#d1.yaml").symlink_to("nowhere@12345")   # an editor's lock file
    (plan / "domains" / ".draft.yaml").write_text("not: [valid", encoding="utf-8")
    _plan, problems = load_plan(plan)
    assert [p for p in problems if p.severity == "error"] == []
