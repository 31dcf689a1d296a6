"""Variance, earned value and status: the rules of issue 3, one test per edge."""

from datetime import date

import pytest

from pam.model import Action, Card, Thresholds
from pam.monitor.variance import classify, compute_action, reports_by_action, roll_up

T = Thresholds()


@pytest.mark.parametrize("planned,actual,reported,expected", [
    (50, 100, True, "done"),
    (None, 100, True, "done"),          # done wins over no target
    (None, 30, True, "no_target"),
    (None, None, False, "no_target"),
    (0, None, False, "not_due"),
    (0, 20, True, "not_due"),
    (10, None, False, "unreported"),
    (100, 99, True, "late"),            # planned reached 100, not done
    (60, 34.9, True, "late"),           # variance -25.1 < -25
    (60, 35, True, "at_risk"),          # variance exactly -25 is not late
    (60, 49.9, True, "at_risk"),        # -10.1 < -10
    (60, 50, True, "on_track"),         # exactly -10 is on track
    (60, 80, True, "on_track"),
])
def test_status_rules(planned, actual, reported, expected):
    assert classify(planned, actual, reported, T) == expected


def test_thresholds_are_configurable():
    t = Thresholds(at_risk=-5, late=-15)
    assert classify(60, 54, True, t) == "at_risk"
    assert classify(60, 44, True, t) == "late"


def action(cost=2.0, targets=None):
    return Action(id="D1.A1.P1.01", text="x", cost=cost,
                  targets=targets if targets is not None else {2018: 50, 2019: 100})


def card(day, progress, spent=None, period=None, state="ongoing"):
    return Card(project="D1.A1.P1", period=period or f"{day.year}-{day.month:02d}"
                f"{'a' if day.day <= 15 else 'b'}", date=day,
                actions=[{"action": "D1.A1.P1.01", "progress": progress, "spent": spent,
                          "state": state}])


def test_earned_value_figures():
    reports = reports_by_action([card(date(2018, 12, 15), 40, spent=1.0)])["D1.A1.P1.01"]
    r = compute_action(action(), "D1.A1.P1", reports, date(2018, 12, 31), T)
    assert r.planned == 50 and r.actual == 40 and r.variance == -10
    assert r.pv == pytest.approx(1.0)       # 2 M x 50%
    assert r.ev == pytest.approx(0.8)       # 2 M x 40%
    assert r.ac == 1.0
    assert r.spi == pytest.approx(0.8)
    assert r.cpi == pytest.approx(0.8)
    assert r.status == "on_track"           # -10 is not below -10
    assert r.stale is False


def test_undefined_ratios_are_none():
    reports = reports_by_action([card(date(2018, 12, 15), 40)])["D1.A1.P1.01"]
    r = compute_action(action(cost="-"), "D1.A1.P1", reports, date(2018, 12, 31), T)
    assert (r.pv, r.ev, r.spi, r.cpi) == (None, None, None, None)
    r = compute_action(action(), "D1.A1.P1", reports, date(2018, 12, 31), T)
    assert r.cpi is None   # nothing spent reported


def test_actual_is_the_latest_report_on_or_before_the_date():
    reports = reports_by_action([card(date(2018, 6, 10), 20), card(date(2018, 9, 10), 35),
                                 card(date(2019, 2, 10), 60)])["D1.A1.P1.01"]
    r = compute_action(action(), "D1.A1.P1", reports, date(2018, 12, 31), T)
    assert r.actual == 35 and r.last_report == date(2018, 9, 10)
    r = compute_action(action(), "D1.A1.P1", reports, date(2018, 6, 9), T)
    assert r.actual is None and r.status == "unreported"


def test_stale_after_31_days_unless_done():
    reports = reports_by_action([card(date(2018, 11, 30), 45)])["D1.A1.P1.01"]
    assert compute_action(action(), "P", reports, date(2018, 12, 31), T).stale is False
    assert compute_action(action(), "P", reports, date(2019, 1, 1), T).stale is True
    done = reports_by_action([card(date(2018, 11, 30), 100)])["D1.A1.P1.01"]
    assert compute_action(action(), "P", done, date(2019, 6, 1), T).stale is False


def test_roll_up_means_and_weights():
    a = compute_action(action(cost=3.0), "P", reports_by_action(
        [card(date(2018, 12, 1), 50)])["D1.A1.P1.01"], date(2018, 12, 31), T)
    b = compute_action(action(cost=1.0), "P", [], date(2018, 12, 31), T)     # unreported: 0
    c = compute_action(action(cost=5.0, targets={}), "P", [], date(2018, 12, 31), T)  # no plan
    n = roll_up("P", "p", "project", [a, b, c], T)
    assert n.planned == pytest.approx(50)            # mean over a and b only
    assert n.actual == pytest.approx(25)             # b counts as 0
    assert n.variance == pytest.approx(-25)
    assert n.planned_cost_weighted == pytest.approx(50)
    assert n.actual_cost_weighted == pytest.approx((3 * 50 + 1 * 0) / 4)
    assert n.pv == pytest.approx(1.5 + 0.5)
    assert n.ev == pytest.approx(1.5)
    assert n.counts["unreported"] == 1 and n.counts["no_target"] == 1
    assert n.status == "at_risk"                     # -25 is not below -25
