"""Physical indicators: the plan by the schedule rules (cumulative and per year, with a
baseline), the value used, the direction-aware status, the roll-up where units agree, the
checks of their definitions and of the values on the cards, and the views."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from conftest import write_plan

from pam.load.pipeline import load_plan
from pam.model import Indicator
from pam.monitor.indicators import (
    classify_indicator,
    compute_indicator,
    measured,
    planned_value,
    roll_up_indicators,
    share_done,
)
from pam.monitor.status import compute_status, status_json

T = SimpleNamespace(late=-25.0, at_risk=-10.0, divergence=25.0)
D = dt.date


def ind(**kw) -> Indicator:
    kw.setdefault("name", {"ar": "مؤشر"})
    return Indicator.model_validate({"id": "I1", "unit": "km", **kw})


# --- the plan at a date ------------------------------------------------------------------

def test_cumulative_plan_starts_at_the_baseline_and_is_linear_between_year_ends():
    i = ind(baseline={"value": 2, "year": 2018}, targets={2019: 6, 2021: 10})
    assert planned_value(i, D(2018, 12, 31)) == 2  # the baseline, at the end of its year
    assert planned_value(i, D(2018, 6, 1)) == 2  # before it: the baseline
    assert planned_value(i, D(2019, 12, 31)) == 6
    assert planned_value(i, D(2020, 12, 31)) == pytest.approx(6 + 4 * 366 / 731)  # a gap year
    assert planned_value(i, D(2022, 5, 1)) == 10  # after the last target: stays


def test_an_up_indicator_without_baseline_starts_at_0_like_progress():
    i = ind(targets={2019: 10})
    assert planned_value(i, D(2018, 12, 31)) == 0
    assert planned_value(i, D(2019, 7, 2)) == pytest.approx(10 * 183 / 365)


def test_a_plain_number_is_the_baseline_value_and_a_late_baseline_year_is_ignored():
    i = ind(baseline=5, targets={2019: 10})
    assert i.baseline.value == 5 and i.baseline.year is None
    assert planned_value(i, D(2018, 12, 31)) == 5
    late = ind(baseline={"value": 5, "year": 2020}, targets={2019: 10})
    assert planned_value(late, D(2018, 12, 31)) == 5  # from the end of the year before


def test_a_down_indicator_without_baseline_has_no_plan_before_its_first_target():
    i = ind(direction="down", targets={2019: 30, 2021: 10})
    assert planned_value(i, D(2019, 6, 30)) is None
    assert planned_value(i, D(2019, 12, 31)) == 30
    assert planned_value(i, D(2020, 12, 31)) == pytest.approx(30 - 20 * 366 / 731)


def test_a_per_year_indicator_grows_from_0_each_year_to_that_year_s_target():
    i = ind(cumulative=False, targets={2019: 365, 2020: 732})
    assert planned_value(i, D(2019, 1, 1)) == pytest.approx(1)
    assert planned_value(i, D(2019, 12, 31)) == 365
    assert planned_value(i, D(2020, 1, 1)) == pytest.approx(2)  # 2020 has 366 days
    assert planned_value(i, D(2021, 6, 1)) is None  # no target that year


def test_the_value_used_is_the_last_on_or_before_the_date_and_per_year_of_that_year():
    series = [(D(2019, 3, 1), 4.0), (D(2019, 11, 1), 7.0), (D(2020, 2, 1), 9.0)]
    assert measured(series, D(2019, 12, 31), True) == (D(2019, 11, 1), 7.0)
    assert measured(series, D(2019, 2, 1), True) is None
    assert measured(series, D(2020, 1, 15), True) == (D(2019, 11, 1), 7.0)
    assert measured(series, D(2020, 1, 15), False) is None  # last year's does not count
    assert measured(series, D(2020, 3, 1), False) == (D(2020, 2, 1), 9.0)


# --- the status, by direction --------------------------------------------------------------

def _status(i, series, day, cancelled=False):
    return compute_indicator(i, "A", series, day, T, cancelled).status


@pytest.mark.parametrize("value,status", [
    (10, "done"), (11, "done"), (9.5, "on_track"), (9, "on_track"), (8.9, "at_risk"),
    (7.5, "at_risk"), (7.4, "late"),
])
def test_up_the_shortfall_in_points_of_the_way_gives_the_status(value, status):
    """Planned 10 at the end of 2020 on a way 0 -> 10 (targets 2020: 10, 2021: 10): 1 km
    behind is 10 points."""
    i = ind(targets={2020: 10, 2021: 10})
    assert _status(i, [(D(2020, 12, 1), value)], D(2020, 12, 31)) == status


@pytest.mark.parametrize("value,status", [
    (20, "done"), (19, "done"), (22, "on_track"), (24, "on_track"), (25, "at_risk"),
    (30, "at_risk"), (31, "late"), (60, "late"),
])
def test_down_less_is_better_and_the_sign_is_turned(value, status):
    """Baseline 60 (2019), target 20 (2020): the way is 40 long; on 2020-12-31 the plan is 20,
    so 4 units above it are 10 points behind."""
    i = ind(direction="down", baseline={"value": 60, "year": 2019}, targets={2020: 20, 2021: 20})
    assert _status(i, [(D(2020, 12, 1), value)], D(2020, 12, 31)) == status


def test_not_due_unreported_no_target_cancelled_and_late_past_the_last_target():
    i = ind(baseline={"value": 0, "year": 2019}, targets={2020: 10})
    assert _status(i, [], D(2019, 12, 31)) == "not_due"
    assert _status(i, [], D(2020, 6, 30)) == "unreported"
    assert _status(i, [(D(2020, 6, 1), 9.9)], D(2021, 1, 5)) == "late"  # the plan is over
    assert _status(i, [(D(2020, 6, 1), 1)], D(2020, 6, 30), cancelled=True) == "cancelled"
    assert _status(ind(targets={}), [(D(2020, 6, 1), 1)], D(2020, 6, 30)) == "no_target"
    per_year = ind(cumulative=False, targets={2020: 100})
    assert _status(per_year, [(D(2020, 3, 1), 50)], D(2021, 3, 1)) == "no_target"
    assert _status(per_year, [(D(2019, 12, 1), 50)], D(2020, 3, 1)) == "unreported"


def test_a_way_of_no_length_is_on_track_on_the_right_side():
    i = ind(baseline={"value": 5, "year": 2019}, targets={2020: 5, 2021: 8})
    r = compute_indicator(i, "A", [(D(2020, 12, 1), 5)], D(2020, 12, 31), T)
    assert r.planned == 5 and r.status == "not_due"  # the plan has not moved from its start
    flat = ind(direction="down", targets={2020: 5})  # no baseline: the way starts at 5
    assert classify_indicator(flat, 5.0, 4.0, 5.0, None, D(2020, 12, 31), T) == "done"
    assert classify_indicator(flat, 5.0, 6.0, 5.0, None, D(2020, 12, 30), T) == "late"


def test_share_done_of_the_way():
    r = compute_indicator(ind(baseline={"value": 10, "year": 2019}, targets={2021: 30}), "A",
                          [(D(2020, 6, 1), 15)], D(2020, 6, 30), T)
    assert share_done(r) == 25  # (15 - 10) / (30 - 10)
    per_year = compute_indicator(ind(cumulative=False, targets={2020: 10}), "A",
                                 [(D(2020, 6, 1), 5)], D(2020, 6, 30), T)
    assert share_done(per_year) is None


# --- roll-up: only where units agree -----------------------------------------------------

def test_roll_up_never_adds_km_to_classrooms():
    def r(unit, planned, actual, start=0.0, direction="up", cumulative=True, status="on_track"):
        from pam.monitor.results import IndicatorResult

        return IndicatorResult("I", "A", "x", unit, direction, cumulative, start, 10.0, planned,
                               actual, None, status)

    groups = roll_up_indicators([
        r("km", 4, 3), r("salles", 6, 6), r("km", 2, None, start=1.0), r(None, 5, 5),
        r("km", 3, 1, direction="down"), r("km", 9, 9, status="cancelled"),
        r("km", 1, 1, cumulative=False)])
    by = {(g["unit"], g["direction"], g["cumulative"]): g for g in groups}
    assert set(by) == {("km", "up", True), ("salles", "up", True), ("km", "down", True),
                       ("km", "up", False)}
    km = by[("km", "up", True)]
    assert (km["indicators"], km["measured"], km["reported"]) == (2, 2, 1)
    assert (km["planned"], km["actual"], km["variance"]) == (6.0, 4.0, -2.0)  # unreported: 1
    assert by[("salles", "up", True)]["actual"] == 6


# --- checks --------------------------------------------------------------------------------

DOMAIN = """\
id: D1
name: {ar: المجال}
axes:
- id: D1.A1
  name: {ar: المحور}
  projects:
  - id: D1.A1.P1
    name: {ar: المشروع}
    indicators:
    - {id: P.I1, name: {ar: المستفيدون}, unit: persons, targets: {2019: 100}}
    actions:
    - id: D1.A1.P1.01
      text: "تعبيد الطرق"
      cost: 2
      targets: {2018: 50, 2019: 100}
      indicators:
      - {id: I.km, name: {ar: كلم}, unit: km, baseline: {value: 0, year: 2017}, targets: {2018: 4, 2019: 10}}
      - {id: I.down, name: {ar: النقط السوداء}, unit: sites, direction: down, baseline: 9, targets: {2018: 5, 2019: 2}}
    - id: D1.A1.P1.02
      text: "إجراء ثان"
      cost: 1
      targets: {2019: 100}
"""


def card(period, day, lines):
    return (f"project: D1.A1.P1\nperiod: {period}\ndate: {day}\nreporter: t\n"
            f"actions:\n{lines}")


def _codes(root):
    _plan, problems = load_plan(root)
    return [(p.code, p.severity, p.line) for p in problems]


def test_values_must_name_an_indicator_of_the_line_and_cumulative_ones_never_go_back(tmp_path):
    cards = {
        "D1.A1.P1/2018-06b.yaml": card("2018-06b", "2018-06-30",
                                       "- {action: D1.A1.P1.01, progress: 20, indicators: "
                                       "{I.km: 2, I.down: 7, P.I1: 10, I.kn: 1}}\n"
                                       "- {action: D1.A1.P1.02, progress: 5, indicators: "
                                       "{P.I1: 11}}\n"),
        "D1.A1.P1/2018-12b.yaml": card("2018-12b", "2018-12-31",
                                       "- {action: D1.A1.P1.01, progress: 40, indicators: "
                                       "{I.km: 1.5, I.down: 8}}\n"),
        "D1.A1.P1/2019-01b.yaml": card("2019-01b", "2019-01-31",
                                       "- {action: D1.A1.P1.01, progress: 45, indicators: "
                                       "{I.km: 1}, correction: \"counted twice\"}\n"),
    }
    root = write_plan(tmp_path, domains={"d1.yaml": DOMAIN}, cards=cards)
    plan, problems = load_plan(root)
    got = {p.code: p for p in problems}
    assert set(got) == {"duplicate-indicator-value", "unknown-indicator", "indicator-decreased",
                        "indicator-increased"}, [p.render() for p in problems]
    assert "Did you mean 'I.km'?" in got["unknown-indicator"].message
    assert got["unknown-indicator"].line == 6 and got["unknown-indicator"].file.endswith(
        "2018-06b.yaml")
    assert "lower than the 2 measured on 2018-06-30" in got["indicator-decreased"].message
    assert "higher than the 7" in got["indicator-increased"].message
    assert sum(p.code == "indicator-decreased" for p in problems) == 1  # the correction holds


def test_definitions_are_checked(tmp_path):
    domain = DOMAIN.replace("{id: P.I1, name: {ar: المستفيدون}, unit: persons, targets: "
                            "{2019: 100}}",
                            "{id: I.KM, name: {ar: مكرر}, unit: km, targets: {2019: 1}}\n"
                            "    - {name: {ar: بلا معرف}, targets: {2019: 1}}\n"
                            "    - {id: P.d, name: {ar: نازل}, unit: x, direction: down, "
                            "targets: {2018: 5, 2019: 7}}\n"
                            "    - {id: P.b, name: {ar: مرجع}, unit: x, baseline: {value: 1, "
                            "year: 2019}, targets: {2019: 3}}\n"
                            "    - {id: P.t, name: {ar: بلا هدف}, unit: x}")
    root = write_plan(tmp_path, domains={"d1.yaml": domain})
    codes = {c for c, _s, _l in _codes(root)}
    assert codes == {"duplicate-indicator", "indicator-no-id", "indicator-no-unit",
                     "indicator-no-baseline", "indicator-direction", "indicator-baseline-year",
                     "indicator-no-target"}
    severities = {c: s for c, s, _l in _codes(root)}
    assert severities["duplicate-indicator"] == "error"
    assert {s for c, s in severities.items() if c != "duplicate-indicator"} == {"warning"}


# --- measured in the status, the views ---------------------------------------------------

@pytest.fixture
def measured_plan(tmp_path):
    cards = {
        "D1.A1.P1/2018-06b.yaml": card("2018-06b", "2018-06-30",
                                       "- {action: D1.A1.P1.01, progress: 30, indicators: "
                                       "{I.km: 1, I.down: 8, P.I1: 20}}\n"),
        "D1.A1.P1/2018-12b.yaml": card("2018-12b", "2018-12-31",
                                       "- {action: D1.A1.P1.01, progress: 50, indicators: "
                                       "{I.km: 4, I.down: 4}}\n"),
    }
    return write_plan(tmp_path, domains={"d1.yaml": DOMAIN}, cards=cards)


def test_status_json_carries_each_action_s_indicators_and_the_project_s_own(measured_plan):
    plan, _ = load_plan(measured_plan)
    data = status_json(compute_status(plan, D(2018, 12, 31)))
    a = data["actions"][0]
    km, down = a["indicators"]
    assert {"id", "unit", "planned", "actual", "variance", "status"} <= set(km)
    assert (km["id"], km["unit"], km["planned"], km["actual"], km["variance"], km["status"]) \
        == ("I.km", "km", 4.0, 4.0, 0.0, "on_track")
    assert (down["planned"], down["actual"], down["status"]) == (5.0, 4.0, "on_track")
    own = data["projects"][0]["project_indicators"]
    # the plan of P.I1 starts moving after 2018 (its first target is 2019): not due yet
    assert [(i["id"], i["actual"], i["status"]) for i in own] == [("P.I1", 20.0, "not_due")]
    assert [g["unit"] for g in data["program"]["indicators"]] == ["km", "sites", "persons"]
    assert a["alarms"] == []


def test_history_shows_one_indicator_beside_the_progress(measured_plan):
    from conftest import run_pam

    r = run_pam("history", "D1.A1.P1.01", "--plan", str(measured_plan), "--format", "json")
    data = json.loads(r.stdout)
    assert data["indicator"] == "I.km"  # the action's first
    rows = [x for x in data["reports"] if x["kind"] == "report"]
    assert [x["indicator"]["actual"] for x in rows] == [1, 4]
    r = run_pam("history", "D1.A1.P1.01", "--plan", str(measured_plan), "--indicator", "P.I1")
    assert r.returncode == 0 and "ind." in r.stdout
    r = run_pam("history", "D1.A1.P1.01", "--plan", str(measured_plan), "--indicator", "I.kn")
    assert r.returncode == 2 and "Did you mean 'I.km'?" in r.stderr


def test_explain_walks_an_indicator(measured_plan):
    from conftest import run_pam

    r = run_pam("explain", "D1.A1.P1.01", "--plan", str(measured_plan), "--as-of",
                "2018-09-30")
    assert r.returncode == 0, r.stderr
    assert "indicator I.km  كلم  [km, up, cumulative]" in r.stdout
    assert "between 0 on 2017-12-31 and 4 on 2018-12-31, linear in days: 0 + (4 - 0) x " \
           "273/365 = 2.99" in r.stdout
    assert "measured 1 on 2018-06-30; variance = actual - planned = -1.99 km" in r.stdout
    assert "in points of its way from 0 to 10 (more is better): -19.9" in r.stdout


# --- a property: a better value never gives a worse status -------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

RANK = {"done": 0, "on_track": 1, "not_due": 1, "at_risk": 2, "late": 3}


@settings(max_examples=200, deadline=None)
@given(direction=st.sampled_from(["up", "down"]), start=st.integers(0, 50),
       way=st.integers(1, 100), day=st.dates(dt.date(2019, 1, 2), dt.date(2021, 12, 30)),
       a=st.floats(-50, 200, allow_nan=False), b=st.floats(-50, 200, allow_nan=False))
def test_a_better_value_never_gives_a_worse_status(direction, start, way, day, a, b):
    sign = 1 if direction == "up" else -1
    i = ind(direction=direction, baseline={"value": start, "year": 2018},
            targets={2020: start + sign * way / 2, 2022: start + sign * way})
    worse, better = sorted((a, b), key=lambda v: sign * v)
    s_worse = _status(i, [(day, worse)], day)
    s_better = _status(i, [(day, better)], day)
    assert RANK[s_better] <= RANK[s_worse], (s_worse, s_better)
