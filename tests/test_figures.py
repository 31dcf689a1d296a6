"""The figures of issue 13: node status rules (one test per edge), what the roll-ups leave out,
round once, projects' stages and counts, and the mutations that used to survive."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from pam.model import Thresholds
from pam.monitor.results import ActionResult, gap, r2, shown
from pam.monitor.rollup import (
    NODE_RULES,
    Tree,
    assemble,
    classify,
    node_status,
    project_stage,
    roll_up,
)

T = Thresholds()
DAY = dt.date(2020, 6, 30)
_ids = itertools.count(1)


def act(planned: float | None, actual: float | None = None, *, cost: float | None = None,
        cancelled: bool = False, spent: float | None = None, project: str = "P") -> ActionResult:
    """An action's result with the status the rules give (reported when `actual` is set)."""
    status = classify(planned, actual, actual is not None, T, cancelled=cancelled)
    pv = cost * planned / 100 if cost is not None and planned is not None else None
    ev = cost * actual / 100 if cost is not None and actual is not None else None
    return ActionResult(
        id=f"{project}.{next(_ids):02d}", project=project, text="x", planned=planned,
        actual=actual, variance=gap(actual, planned), status=status, stale=False,
        last_report=DAY if actual is not None else None, cost=cost, spent=spent, pv=pv, ev=ev,
        ac=spent, spi=None, cpi=None, state="cancelled" if cancelled else None)


def node(*results: ActionResult):
    return roll_up("N", "n", "axis", list(results), T)


ON = (60, 60)  # on track
RISK = (60, 45)  # -15: at risk
LATE = (60, 20)  # -40: late


# --- node status: one test per edge ------------------------------------------------------------

def test_a_late_action_below_never_leaves_its_node_on_track():
    """D3.A3 at 2020-06-30 was 'on track' with 3 of 11 actions late (mean -9.3): no more."""
    n = node(act(*LATE), *[act(60, 70) for _ in range(9)])  # mean variance +5
    assert n.variance > 0 and n.counts["late"] == 1
    assert (n.status, n.rule) == ("at_risk", "late-below")


@pytest.mark.parametrize("late,others,expected", [
    (1, 3, ("late", "late-share")),       # 1 of 4 due = 25%: the share is reached
    (1, 4, ("at_risk", "late-below")),    # 1 of 5 = 20%
    (3, 8, ("late", "late-share")),       # 3 of 11 = 27% (D3.A3)
    (0, 4, ("on_track", "on-track")),
])
def test_late_when_a_quarter_of_the_due_actions_are_late(late, others, expected):
    n = node(*[act(*LATE) for _ in range(late)], *[act(*ON) for _ in range(others)])
    assert (n.status, n.rule) == expected


def test_the_late_share_counts_due_actions_only():
    """Not-due and target-less actions do not dilute the share."""
    n = node(act(*LATE), act(*ON), act(*ON), act(*ON), act(0, None), act(None, None),
             act(None, None))
    assert n.due == 4 and (n.status, n.rule) == ("late", "late-share")


def test_the_late_share_is_configurable():
    t = Thresholds(late_share=50)
    rs = [act(*LATE), act(*ON), act(*ON)]
    assert roll_up("N", "n", "axis", rs, t).status == "at_risk"
    assert roll_up("N", "n", "axis", rs + [act(*LATE)], t).status == "late"


@pytest.mark.parametrize("unreported,reported,expected", [
    (3, 2, ("unreported", "mostly-unreported")),  # 60% of the due ones: too few reports
    (2, 2, ("at_risk", "variance")),              # exactly half is not "most"; mean drags
    (1, 3, ("at_risk", "variance")),
])
def test_unreported_when_most_due_actions_have_no_report(unreported, reported, expected):
    n = node(*[act(60, None) for _ in range(unreported)], *[act(60, 60) for _ in range(reported)])
    assert n.counts["unreported"] == unreported
    assert (n.status, n.rule) == expected


def test_a_commune_whose_cards_have_not_started_is_unreported_not_late():
    """Missing data is not lateness: every due action unreported, no late one."""
    results = {"D1.A1.P1": [act(70, None, cost=2, project="D1.A1.P1"),
                            act(30, None, project="D1.A1.P1")],
               "D1.A1.P2": [act(90, None, project="D1.A1.P2"),
                            act(0, None, project="D1.A1.P2")]}
    tree = Tree(("pac", "p"), (("D1", "d", (("D1.A1", "a", (("D1.A1.P1", "p1"),
                                                           ("D1.A1.P2", "p2"))),)),))
    s = assemble(tree, results, T, DAY)
    assert s.program.counts["late"] == 0 and s.program.actual == 0
    assert (s.program.status, s.program.rule) == ("unreported", "mostly-unreported")
    assert s.program.counted_as_zero == 4 and s.program.reported == 0
    assert s.program.actual_reported is None
    assert s.program.projects["not_started"] == 2


def test_at_risk_when_late_and_at_risk_actions_are_a_quarter_of_the_due_ones():
    n = node(act(*RISK), act(80, 90), act(80, 90), act(80, 90))  # mean +3.75
    assert n.variance > 0 and (n.status, n.rule) == ("at_risk", "at-risk-share")
    n = node(act(*RISK), *[act(80, 90) for _ in range(4)])  # 1 of 5
    assert (n.status, n.rule) == ("on_track", "on-track")


def test_at_risk_from_the_rolled_up_variance():
    n = node(*[act(60, 52) for _ in range(4)], act(60, 40))  # 1 of 5 at risk; mean -10.4
    assert (n.status, n.rule) == ("at_risk", "variance")
    n = node(*[act(60, 52) for _ in range(5)])  # -8 each: on track one by one
    assert n.counts["on_track"] == 5 and n.variance == -8
    assert (n.status, n.rule) == ("on_track", "on-track")
    n = node(*[act(60, 51.5) for _ in range(5)])  # -8.5; unreported ones drag the mean:
    n2 = node(*[act(60, 51.5) for _ in range(4)], act(60, None))
    assert n.status == "on_track" and (n2.status, n2.rule) == ("at_risk", "variance")


@pytest.mark.parametrize("results,expected", [
    ([], ("no_target", "empty")),
    ([act(60, 30, cancelled=True)], ("cancelled", "all-cancelled")),
    ([act(60, 100), act(None, 100), act(60, 30, cancelled=True)], ("done", "all-done")),
    ([act(None, None), act(None, 40)], ("no_target", "no-target")),
    ([act(0, None), act(0, 10)], ("not_due", "nothing-due")),
])
def test_the_other_node_rules(results, expected):
    n = node(*results)
    assert (n.status, n.rule) == expected


def test_every_rule_has_its_sentence_and_fires():
    cases = {
        "empty": [], "all-cancelled": [act(60, 10, cancelled=True)], "all-done": [act(60, 100)],
        "no-target": [act(None)], "nothing-due": [act(0)],
        "mostly-unreported": [act(60), act(60), act(*ON)], "late-share": [act(*LATE)],
        "late-below": [act(*LATE)] + [act(*ON) for _ in range(4)],
        "at-risk-share": [act(*RISK)], "variance": [act(60, 51) for _ in range(3)] + [act(60)],
        "on-track": [act(*ON)],
    }
    assert set(cases) == set(NODE_RULES)
    for rule, results in cases.items():
        assert node(*results).rule == rule, rule


def test_node_status_needs_only_counts():
    """The lead's cache assembles a status from stored counts: node_status takes plain data."""
    counts = {"done": 0, "late": 1, "at_risk": 0, "unreported": 0, "on_track": 3,
              "not_due": 0, "no_target": 0, "cancelled": 0}
    assert node_status(counts, 4, 4, -5.0, T) == ("late", "late-share")


# --- what the roll-ups leave out, and the two means -------------------------------------------

def test_a_roll_up_states_what_it_left_out_and_what_counted_as_zero():
    n = roll_up("N", "n", "project", [act(80, 60, cost=3), act(40, None, cost=1),
                                      act(None, 100), act(None, None),
                                      act(50, 20, cancelled=True, cost=5)], T,
                left_out={"dropped": 2})
    assert n.actions == 5 and sum(n.counts.values()) == 5
    assert n.measured == 2 and n.reported == 1 and n.counted_as_zero == 1
    assert n.excluded == {"no_target": 2, "cancelled": 1, "dropped": 2, "added": 0}
    assert n.planned == 60 and n.actual == 30          # unreported counts 0
    assert n.planned_reported == 80 and n.actual_reported == 60
    assert n.costed == 2 and n.weight == 4              # the cancelled one weighs nothing
    assert n.planned_cost_weighted == pytest.approx((3 * 80 + 1 * 40) / 4)
    assert n.actual_cost_weighted == pytest.approx(3 * 60 / 4)
    assert n.counts["cancelled"] == 1 and n.counts["done"] == 1


def test_a_cancelled_action_is_its_own_status():
    assert classify(60, 30, True, T, cancelled=True) == "cancelled"
    assert classify(60, 100, True, T, cancelled=True) == "done"   # done wins
    assert classify(None, None, False, T, cancelled=True) == "cancelled"


def test_cpi_is_earned_value_over_actual_cost():
    """A surviving mutation: the node CPI as ev/pv. EV 1.2, PV 1.6, AC 0.8 keep them apart."""
    n = node(act(80, 60, cost=2, spent=0.8))
    assert (n.pv, n.ev, n.ac) == (pytest.approx(1.6), pytest.approx(1.2), 0.8)
    assert n.cpi == pytest.approx(1.5) and n.spi == pytest.approx(0.75)


def test_programmed_actions_and_project_stages():
    rs = [act(60, 100), act(60, 55), act(0, None), act(None, 100)]
    n = roll_up("P", "p", "project", rs, T)
    assert (n.due, n.due_done, n.counts["done"]) == (2, 1, 2)
    assert n.projects == {"total": 1, "done": 0, "in_progress": 1, "not_started": 0,
                          "late": 0, "programmed": 1, "programmed_done": 0}
    assert project_stage([act(60, 100), act(60, 20, cancelled=True)]) == "done"
    assert project_stage([act(60, 0), act(60, None)]) == "not_started"
    assert project_stage([]) == "not_started"


def test_project_counts_add_up_the_tree():
    results = {"A.1.1": [act(60, 100, project="A.1.1")], "A.1.2": [act(60, 10, project="A.1.2")],
               "A.2.1": [act(0, None, project="A.2.1")]}
    tree = Tree(("pac", "p"), (("A", "a", (("A.1", "x", (("A.1.1", ""), ("A.1.2", ""))),
                                          ("A.2", "y", (("A.2.1", ""),)))),))
    s = assemble(tree, results, T, DAY, left_out={"A.2.1": {"dropped": 1}})
    assert s.program.projects == {"total": 3, "done": 1, "in_progress": 1, "not_started": 1,
                                  "late": 1, "programmed": 2, "programmed_done": 1}
    assert s.program.excluded["dropped"] == 1 and s.axes[1].excluded["dropped"] == 1
    assert s.axes[0].excluded["dropped"] == 0


# --- round once ----------------------------------------------------------------------------------

@pytest.mark.parametrize("actual,planned", [(58.52, 75.4), (56.364, 65.686), (0.005, 0.004),
                                            (100, 99.995), (33.333, 66.666)])
def test_the_variance_is_the_printed_actual_minus_the_printed_planned(actual, planned):
    v = gap(actual, planned)
    assert v == round(r2(actual) - r2(planned), 2)
    assert gap(actual, planned, 0) == shown(actual) - shown(planned)


def test_the_header_figures_subtract():
    """The issue's example: planned 75.40, actual 58.52 printed 75% and 59%: variance -16."""
    n = node(act(75.4, 58.52))
    assert n.variance == -16.88 and gap(n.actual, n.planned, 0) == -16
    from pam.render.status_view import var

    assert var(n.actual, n.planned) == "-16"


def test_the_action_status_uses_the_printed_variance():
    """An action just below the threshold before rounding, at it once printed, is on track:
    the JSON says -10.00 and the rule says 'below -10'."""
    assert classify(60.004, 50, True, T) == "on_track"
    assert classify(60.006, 50, True, T) == "at_risk"  # printed 60.01: -10.01
