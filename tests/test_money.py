"""Money in stages (programmed cost, allocated, committed, paid), funding (own resources,
partners, agreements), the rates, the coverage, the divergence alarms and their checks."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from conftest import run_pam, write_plan

from pam.load.pipeline import load_plan
from pam.model import Action
from pam.monitor.money import alarms_of, allocated_at, funding_lines
from pam.monitor.status import compute_status, status_json

D = dt.date

DOMAIN = """\
id: D1
name: {ar: المجال}
axes:
- id: D1.A1
  name: {ar: المحور}
  projects:
  - id: D1.A1.P1
    name: {ar: المشروع}
    actions:
    - id: D1.A1.P1.01
      text: "تعبيد الطرق"
      cost: 10
      targets: {2018: 50, 2019: 100}
      budget: {2018: 4, 2019: 6}
      funding:
      - {source: own, amount: 4}
      - source: partner
        partner: "الجهة"
        amount: 5
        agreement: {ref: C-1, signed: 2018-09-01, status: signed}
      - {source: partner, partner: "الوزارة", amount: 1, agreement: {status: negotiating}}
    - id: D1.A1.P1.02
      text: "إجراء ثان"
      cost: 2
      targets: {2019: 100}
    - id: D1.A1.P1.03
      text: "إجراء ثالث"
      cost: "-"
      targets: {2019: 100}
"""


def card(period, day, lines):
    return (f"project: D1.A1.P1\nperiod: {period}\ndate: {day}\nreporter: t\n"
            f"actions:\n{lines}")


def action(**kw) -> Action:
    return Action.model_validate({"id": "A.01", "text": "x", **kw})


def test_allocated_is_the_credits_up_to_the_date_s_budget_year():
    assert allocated_at({2018: 4, 2019: 6}, D(2017, 12, 31)) == 0
    assert allocated_at({2018: 4, 2019: 6}, D(2018, 1, 1)) == 4  # opened on 1 January
    assert allocated_at({2018: 4, 2019: 6}, D(2020, 6, 1)) == 10
    assert allocated_at({}, D(2020, 6, 1)) is None  # none declared is not 0


def test_a_partner_s_share_is_signed_once_its_agreement_is_signed_by_the_date():
    x = action(funding=[
        {"source": "own", "amount": 2},
        {"source": "partner", "partner": "P", "amount": 3,
         "agreement": {"signed": "2019-05-01", "status": "signed"}},
        {"source": "partner", "partner": "Q", "amount": 1, "agreement": {"status": "signed"}},
        {"source": "partner", "partner": "R", "amount": 4, "agreement": {"status": "planned"}},
        {"source": "partner", "partner": "S"}])  # no amount yet: counts nothing
    assert funding_lines(x.funding, D(2019, 4, 30)) == (
        ("own", "", 2.0, False), ("partner", "P", 3.0, False), ("partner", "Q", 1.0, True),
        ("partner", "R", 4.0, False))
    assert funding_lines(x.funding, D(2019, 5, 1))[1] == ("partner", "P", 3.0, True)


@pytest.mark.parametrize("paid,progress,alarm", [
    (6.0, 35.0, False),  # 60% paid, 35% done: 25 points, not beyond the threshold
    (6.01, 35.0, True), (10.0, 100.0, False), (3.0, None, True), (None, 0.0, False),
])
def test_spending_ahead_is_the_paid_share_of_the_cost_beyond_the_progress(paid, progress,
                                                                          alarm):
    t = SimpleNamespace(divergence=25.0)
    assert ("spending_ahead" in alarms_of(progress, 10.0, paid, (), t)) is alarm
    assert alarms_of(progress, None, paid, (), t) == ()  # no cost: no share


@pytest.fixture
def money_plan(tmp_path):
    cards = {
        "D1.A1.P1/2018-12b.yaml": card(
            "2018-12b", "2018-12-31",
            "- {action: D1.A1.P1.01, progress: 40, committed: 6, paid: 3.5}\n"
            "- {action: D1.A1.P1.02, progress: 10, spent: 0.5}\n"),
        "D1.A1.P1/2019-06b.yaml": card(
            "2019-06b", "2019-06-30",
            "- {action: D1.A1.P1.01, progress: 60, committed: 8, paid: 7}\n"
            "- {action: D1.A1.P1.02, progress: 20, committed: 1, paid: 0.4, correction: "
            "\"invoice cancelled\"}\n"),
    }
    return write_plan(tmp_path, domains={"d1.yaml": DOMAIN}, cards=cards)


def test_stages_rates_and_funding_per_action_and_rolled_up(money_plan):
    plan, problems = load_plan(money_plan)
    assert [p.code for p in problems] == []
    data = status_json(compute_status(plan, D(2018, 12, 31)))
    a1, a2, a3 = data["actions"]
    assert (a1["allocated"], a1["committed"], a1["paid"], a1["spent"], a1["ac"]) == (
        4, 6, 3.5, 3.5, 3.5)  # AC is what was paid
    assert (a1["paid_of_allocated"], a1["committed_of_cost"]) == (87.5, 60)
    assert (a1["own"], a1["partner"], a1["partner_signed"]) == (4, 6, 5)
    assert a2["paid"] == 0.5 and a2["committed"] is None and a2["allocated"] is None
    assert a3["funding"] == [] and a3["own"] is None
    m = data["program"]["money"]
    assert (m["cost"], m["allocated"], m["committed"], m["paid"]) == (12, 4, 6, 4)
    # rates over the actions that have both figures: a2 has no credits, no commitment
    assert (m["paid_of_allocated"], m["committed_of_cost"]) == (87.5, 60)
    assert m["rated"] == {"paid_of_allocated": 1, "committed_of_cost": 1}
    assert (m["own"], m["partner"], m["partner_signed"]) == (4, 6, 5)
    assert (m["own_share"], m["partner_share"], m["signed_share"]) == (40, 60, 83.33)
    assert m["coverage"] == round(100 * 10 / 12, 2)  # declared funding of costed actions
    assert [(s["source"], s["partner"], s["amount"], s["signed"]) for s in m["sources"]] == [
        ("own", None, 4, None), ("partner", "الجهة", 5, 5), ("partner", "الوزارة", 1, 0)]
    before = status_json(compute_status(plan, D(2018, 6, 30)))["program"]["money"]
    assert before["partner_signed"] == 0  # the agreement is signed in September


def test_alarms_flag_the_action_and_count_in_the_nodes(money_plan, tmp_path):
    program = (money_plan / "program.yaml").read_text(encoding="utf-8")
    (money_plan / "program.yaml").write_text(program + "thresholds: {divergence: 5}\n",
                                             encoding="utf-8")
    plan, _ = load_plan(money_plan)
    data = status_json(compute_status(plan, D(2019, 6, 30)))
    assert data["actions"][0]["alarms"] == ["spending_ahead"]  # 70% paid, 60% done
    assert data["program"]["alarms"] == {"spending_ahead": 1, "indicator_stalled": 0}


def test_amounts_on_cards_are_checked(tmp_path):
    cards = {
        "D1.A1.P1/2018-12b.yaml": card(
            "2018-12b", "2018-12-31",
            "- {action: D1.A1.P1.01, progress: 40, committed: 11, paid: 4.5}\n"
            "- {action: D1.A1.P1.02, progress: 10, committed: 0.2, paid: 0.5, spent: 0.4}\n"),
        "D1.A1.P1/2019-06b.yaml": card(
            "2019-06b", "2019-06-30",
            "- {action: D1.A1.P1.01, progress: 60, committed: 9, paid: 4}\n"),
    }
    root = write_plan(tmp_path, domains={"d1.yaml": DOMAIN}, cards=cards)
    _plan, problems = load_plan(root)
    got = {(p.code, p.severity) for p in problems}
    assert got == {("committed-over-cost", "warning"), ("paid-over-allocated", "warning"),
                   ("spent-and-paid", "error"), ("paid-over-committed", "warning"),
                   ("committed-decreased", "warning"), ("paid-decreased", "warning")}, \
        [p.render() for p in problems]
    msg = {p.code: p.message for p in problems}
    assert "more than the 4 allocated up to 2018" in msg["paid-over-allocated"]
    assert "keep paid and remove spent" in msg["spent-and-paid"]


def test_the_plan_s_money_is_checked(tmp_path):
    domain = DOMAIN.replace("budget: {2018: 4, 2019: 6}", "budget: {2016: 1, 2018: 4, 2019: 6}")
    domain = domain.replace("signed: 2018-09-01", "signed: 2020-02-01")
    domain = domain.replace('{source: partner, partner: "الوزارة", amount: 1,',
                            '{source: partner, amount: 1,')
    domain = domain.replace("""      cost: "-"
      targets: {2019: 100}
""", """      cost: "-"
      targets: {2019: 100}
      budget: {2019: 1}
      funding:
      - {source: partner, partner: X, amount: 1, agreement: {signed: 2019-01-02, status: planned}}
      - {source: own, partner: Y, amount: 1}
""")
    domain = domain.replace("""      cost: 2
      targets: {2019: 100}
""", """      cost: 2
      targets: {2019: 100}
      budget: {2019: 3}
      funding:
      - {source: own, amount: 1.5}
      - {source: partner, partner: Z, amount: 1, agreement: {status: signed}}
""")
    root = write_plan(tmp_path, domains={"d1.yaml": domain})
    _plan, problems = load_plan(root)
    got = {(p.code, p.severity) for p in problems}
    assert got == {("budget-year", "error"), ("budget-over-cost", "warning"),
                   ("budget-without-cost", "warning"), ("funding-over-cost", "warning"),
                   ("funding-without-cost", "warning"), ("funding-no-partner", "error"),
                   ("funding-own-partner", "warning"), ("agreement-after-end", "warning"),
                   ("agreement-undated", "warning"), ("agreement-status", "warning")}, \
        [p.render() for p in problems]
    by = {p.code: p for p in problems}
    assert "125% of its cost of 2: the shares are over 100%" in by["funding-over-cost"].message
    assert "after the action is planned to end (2019" in by["agreement-after-end"].message
    assert by["budget-year"].line == 14  # located on the year


def test_record_writes_committed_paid_and_indicators_and_card_prefills_them(tmp_path):
    domain = DOMAIN.replace("""      budget: {2018: 4, 2019: 6}
""", """      budget: {2018: 4, 2019: 6}
      indicators:
      - {id: I.km, name: {ar: كلم}, unit: km, targets: {2018: 4, 2019: 10}}
""")
    root = write_plan(tmp_path, domains={"d1.yaml": domain})
    r = run_pam("record", "D1.A1.P1.01", "--date", "2018-06-14", "--progress", "20",
                "--committed", "5", "--paid", "1.5", "--indicator", "I.km=1.5",
                "--plan", str(root))
    assert r.returncode == 0, r.stderr
    text = (root / "progress" / "D1.A1.P1" / "2018-06a.yaml").read_text(encoding="utf-8")
    assert "  committed: 5\n  paid: 1.5\n  indicators:\n    I.km: 1.5  # كلم · km" in text
    r = run_pam("record", "D1.A1.P1.01", "--date", "2018-06-15", "--progress", "25",
                "--paid", "2", "--indicator", "I.km=1", "--plan", str(root))
    assert r.returncode == 1 and "lower than the 1.5 measured on 2018-06-14" in r.stderr
    r = run_pam("record", "D1.A1.P1.01", "--date", "2018-06-15", "--progress", "25",
                "--indicator", "I.km", "--plan", str(root))
    assert r.returncode == 2 and "write ID=VALUE" in r.stderr
    r = run_pam("record", "D1.A1.P1.01", "--date", "2018-06-15", "--progress", "25",
                "--indicator", "I.kn=3", "--plan", str(root))
    assert r.returncode == 1 and "unknown-indicator" in r.stderr
    r = run_pam("card", "D1.A1.P1", "--period", "2018-07a", "--plan", str(root), "--stdout")
    assert r.returncode == 0, r.stderr
    # the template: every value empty, the last card's beside it (issue 14)
    assert "  # last card 2018-06-14: progress 20, committed 5, paid 1.5, ongoing\n" \
           "  progress:\n  committed:\n  paid:\n  indicators:" in r.stdout
    assert "    I.km:  # كلم · km · planned 2.15 · last 1.5 on 2018-06-14\n" in r.stdout
    assert "  # no card yet for this action: progress starts from 0\n" in r.stdout
    r = run_pam("validate", "--plan", str(root))
    assert r.returncode == 0, r.stdout + r.stderr
    # filled in: progress and paid given, the indicator left empty (not measured this time)
    filled = run_pam("card", "D1.A1.P1", "--period", "2018-07a", "--plan", str(root),
                     "--reporter", "Fatima", "--stdout").stdout
    filled = filled.replace("  progress:\n", "  progress: 30\n").replace(
        "  paid:\n", "  paid: 2\n", 1)
    path = root / "progress" / "D1.A1.P1" / "2018-07a.yaml"
    path.write_text(filled, encoding="utf-8")
    r = run_pam("validate", "--plan", str(root))
    assert r.returncode == 0, r.stdout + r.stderr
    r = run_pam("status", "--plan", str(root), "--as-of", "2018-07-15", "--format", "json")
    line = next(a for a in json.loads(r.stdout)["actions"] if a["id"] == "D1.A1.P1.01")
    assert line["paid"] == 2 and line["actual"] == 30
    assert line["indicators"][0]["actual"] == 1.5  # the last measured, not an empty one
    path.write_text(filled.replace("    I.km:  #", "    I.km: 2.5  #"), encoding="utf-8")
    r = run_pam("status", "--plan", str(root), "--as-of", "2018-07-15", "--format", "json")
    line = next(a for a in json.loads(r.stdout)["actions"] if a["id"] == "D1.A1.P1.01")
    assert line["indicators"][0]["actual"] == 2.5


def test_spent_stays_accepted_and_means_paid(money_plan):
    r = run_pam("status", "--plan", str(money_plan), "--as-of", "2018-12-31", "--format", "json")
    a2 = json.loads(r.stdout)["actions"][1]
    assert (a2["spent"], a2["paid"], a2["ac"]) == (0.5, 0.5, 0.5)


def test_the_json_keys_are_the_documented_ones(money_plan):
    """README's JSON paragraph is written from these tuples (make docs): the data has them."""
    from pam.monitor.indicators import GROUP_KEYS
    from pam.monitor.money import MONEY_KEYS
    from pam.monitor.results import FUNDING_KEYS

    plan, _ = load_plan(money_plan)
    data = status_json(compute_status(plan, D(2018, 12, 31)))
    assert tuple(data["program"]["money"]) == MONEY_KEYS
    assert tuple(data["actions"][0]["funding"][0]) == FUNDING_KEYS
    assert GROUP_KEYS == ("unit", "direction", "cumulative", "indicators", "measured",
                          "reported", "planned", "actual", "variance", "start")


def test_partner_and_indicator_texts_stay_text_in_reports(tmp_path):
    import re

    from pam.report.run import build, render_as

    evil = '<script>alert(1)</script> | *x* [a](javascript:x)'
    domain = DOMAIN.replace('partner: "الجهة"', f"partner: '{evil}'").replace(
        """      budget: {2018: 4, 2019: 6}
""", f"""      budget: {{2018: 4, 2019: 6}}
      indicators:
      - {{id: I.km, name: {{ar: '{evil}'}}, unit: '{evil}', targets: {{2018: 4, 2019: 10}}}}
""")
    cards = {"D1.A1.P1/2018-12b.yaml": card(
        "2018-12b", "2018-12-31", "- {action: D1.A1.P1.01, progress: 40, paid: 1, "
                                  "indicators: {I.km: 2}}\n")}
    root = write_plan(tmp_path, domains={"d1.yaml": domain}, cards=cards)
    plan, problems = load_plan(root)
    assert not [p for p in problems if p.severity == "error"]
    commit = {"commit": None, "state": "no-git"}
    for kind, extra in (("annual", {"period": "2018"}), ("semiannual", {"period": "2018-H2"}),
                        ("card", {"project": "D1.A1.P1", "period": "2018-12b"})):
        data = build(plan, kind, commit=commit, **extra)
        html = render_as(data, "html", "ar")
        assert "<script" not in html and "&lt;script&gt;" in html, kind
        md = render_as(data, "md", "fr")
        assert "\\<script\\>" in md and not re.search(r"(?<!\\)<", md), kind
        for block in re.findall(r"(?:^\|.*\n)+", md, flags=re.M):  # tables keep their shape
            rows = block.splitlines()
            assert len({len(re.findall(r"(?<!\\)\|", row)) for row in rows}) == 1, rows
