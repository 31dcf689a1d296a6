"""The shipped Dakhla plan: it validates, and it holds what our transcription of the seed found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SHIPPED_PLAN

from pam.load.pipeline import load_plan

SEED = SHIPPED_PLAN.parent.parent / "shared" / "seeds" / "000_a6d48e2f58b203b1.txt"

# Our transcription (see the notes in plan/domains/*.yaml): axes, projects, actions, total
# of numeric costs (million MAD), and how many actions have each kind of cost cell.
EXPECTED = {
    "D1": (2, 5, 15, 5.9, {"costed": 8, "not_fixed": 4, "no_cost": 3}),
    "D2": (2, 4, 18, 123.16, {"costed": 16, "no_cost": 2}),
    "D3": (4, 9, 33, 78.96, {"costed": 28, "no_cost": 5}),
    "D4": (2, 5, 15, 8.46, {"costed": 7, "no_cost": 2, "blank": 6}),
    "D5": (3, 6, 26, 84.31, {"costed": 24, "no_cost": 1, "blank": 1}),
    "D6": (3, 9, 32, 5.48, {"costed": 16, "no_cost": 8, "blank": 8}),
    "D7": (2, 4, 12, 2.26, {"costed": 10, "blank": 2}),
}


@pytest.fixture(scope="module")
def loaded():
    return load_plan(SHIPPED_PLAN)


def test_shipped_plan_has_no_error(loaded):
    _plan, problems = loaded
    errors = [p.render() for p in problems if p.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("domain_id", sorted(EXPECTED))
def test_counts_and_costs_per_domain(loaded, domain_id):
    plan, _ = loaded
    d = next(d for d in plan.domains if d.id == domain_id)
    axes, projects, actions, cost, statuses = EXPECTED[domain_id]
    acts = [x for a in d.axes for p in a.projects for x in p.actions]
    assert len(d.axes) == axes
    assert sum(len(a.projects) for a in d.axes) == projects
    assert len(acts) == actions
    assert round(sum(x.cost_value or 0 for x in acts), 4) == pytest.approx(cost)
    found = {}
    for x in acts:
        found[x.cost_status] = found.get(x.cost_status, 0) + 1
    assert found == statuses


def test_program_totals(loaded):
    plan, _ = loaded
    assert len(plan.actions()) == 151
    assert len(plan.projects()) == 42
    assert len(plan.axes()) == 18
    assert round(sum(x.cost_value or 0 for x in plan.actions()), 2) == 308.53


def test_declared_summary_is_kept_as_printed(loaded):
    plan, problems = loaded
    declared = plan.program.declared
    assert [(r.axes, r.projects, r.actions) for r in declared.domains] == [
        (2, 5, 16), (2, 7, 26), (3, 9, 33), (2, 5, 20), (3, 6, 25), (4, 9, 36), (2, 4, 13)]
    assert (declared.total.axes, declared.total.projects, declared.total.actions) == (18, 45, 169)
    mismatches = [p for p in problems if p.code == "declared-count-mismatch"]
    assert any("declares 169 actions" in p.message and "hold 151" in p.message
               for p in mismatches)


def test_every_action_cites_its_seed_lines(loaded):
    plan, _ = loaded
    for x in plan.actions():
        assert x.seed_lines, x.id
        assert all(60 <= n <= 373 for n in x.seed_lines), x.id


@pytest.mark.skipif(not SEED.exists(), reason="the seed is in ../shared")
def test_every_seed_data_row_is_an_action_or_a_noted_judgement(loaded):
    """Each seed row with numbers or Arabic text in the detail tables is cited somewhere."""
    plan, _ = loaded
    cited = {n for x in plan.actions() for n in x.seed_lines}
    files = " ".join(f.read_text(encoding="utf-8")
                     for f in sorted((SHIPPED_PLAN / "domains").glob("*.yaml")))
    missing = []
    for i, line in enumerate(SEED.read_text(encoding="utf-8").split("\n"), 1):
        cells = line.split("\t")
        if i < 60 or len(cells) < 8 or "الإجمالية" in line or ("2022" in line and "2017" in line):
            continue
        has_data = any(re.search(r"\d", c) for c in cells[:7]) or \
            re.search(r"[\u0600-\u06ff]{3}", cells[7])
        if has_data and i not in cited and not re.search(rf"\b{i}\b", files):
            missing.append(i)
    assert missing == []


def test_targets_are_as_printed_for_sample_rows(loaded):
    """Spot checks against the seed, read by hand (line: targets, cost)."""
    plan, _ = loaded
    by_line = {}
    for x in plan.actions():
        for n in x.seed_lines:
            by_line.setdefault(n, x)
    assert by_line[109].targets == {2017: 50, 2018: 60, 2019: 70, 2020: 80, 2021: 90, 2022: 100}
    assert by_line[109].cost == 49.9
    assert by_line[68].targets == {2018: 40, 2019: 70, 2020: 100}
    assert by_line[70].cost == "*"
    assert by_line[81].cost == "-"
    assert by_line[189].cost is None  # blank cell, not "no cost"
    assert by_line[129].targets == {}  # 0.3 in a target column is the cost, noted
    assert by_line[367].targets == {y: 20 for y in range(2018, 2023)}


def test_no_persian_letters_left(loaded):
    plan, _ = loaded
    for x in plan.actions():
        assert "ی" not in x.text and "ک" not in x.text, x.id


def test_judgements_are_noted(loaded):
    plan, _ = loaded
    notes = [n for d in plan.domains for n in d.notes] + \
            [n for a in plan.axes() for n in a.notes] + \
            [n for p in plan.projects() for n in p.notes] + \
            [n for x in plan.actions() for n in x.notes]
    assert len(notes) > 100
    assert all(re.search(r"seed \d+", n) for n in notes), [n for n in notes
                                                          if not re.search(r"seed \d+", n)][:3]


def test_schema_files_are_current():
    from pam.schema import SCHEMAS, schema_text

    for name, model in SCHEMAS.items():
        path = Path(SHIPPED_PLAN.parent / "schema" / f"{name}.schema.json")
        assert path.read_text(encoding="utf-8") == schema_text(model), \
            f"{path} is stale: run `pam schema`"
