"""Physical indicators at a date (pure): the plan by the schedule rules, the value measured on
the cards, the variance in the indicator's unit, a direction-aware status, and the roll-up of
indicators that share a unit.

The rules, defined once (README "Indicators and money" says the same in words):

- **Cumulative** indicators (`cumulative: true`, the default): a target is the value reached by
  31 December of its year. The plan starts at the **baseline** (its value at the end of its
  year, or of the year before the first target when the baseline has no year; 0 for an `up`
  indicator without a baseline), grows linearly in days between two year ends, and stays at
  the last target afterwards: the rules of pam.monitor.schedule, with the baseline in place of
  0. A `down` indicator without a baseline has no plan before its first target's year end.
  The actual is the last value measured on or before the date.
- **Per-year** indicators (`cumulative: false`): a target is that year's own amount; the plan
  grows from 0 on 1 January to the year's target on 31 December; the actual is the last value
  measured in the same year (a value of an earlier year does not count). A year without a
  target has no plan.
- **Status**, the first that applies: `cancelled` (the action is), `no_target`, `done` (a
  cumulative indicator reached its last target: at or above it going up, at or below going
  down), `not_due` (the plan has not moved from its start), `unreported`, then the shortfall
  in points of the way planned — 100 x (actual - planned) / (target - start), its sign turned
  for `down` — against the program's `late` and `at_risk` thresholds, exactly as an action's
  progress (a cumulative indicator whose plan reached its last target and that did not is
  `late`). A way of length 0 (target = start): on track when the actual is on the right side.
- **Roll-up**: indicators are summed only within a group of the same unit, direction and kind
  (cumulative or per year); never km with classrooms. An unreported indicator counts at its
  start (no measured change), as an unreported action counts 0%.
"""

from __future__ import annotations

import datetime as dt

from pam.monitor.results import IndicatorResult, gap, r2
from pam.monitor.schedule import interpolate, interpolation_steps, year_end


def start_of(ind) -> tuple[float | None, int | None]:
    """(the value the plan starts from, the year at whose end it stands) for a cumulative
    indicator; (None, None) for a `down` one without a baseline."""
    first = min(ind.targets) if ind.targets else None
    if ind.baseline is not None:
        year = ind.baseline.year
        if year is None or (first is not None and year >= first):
            year = first - 1 if first is not None else year
        return float(ind.baseline.value), year
    if ind.direction == "down":
        return None, None
    return 0.0, (first - 1 if first is not None else None)


def curve(ind) -> tuple[list[dt.date], list[float]]:
    """The known points of a cumulative indicator's plan (dates ascending)."""
    years = sorted(ind.targets)
    value, year = start_of(ind)
    ends, values = [], []
    if value is not None and year is not None:
        ends.append(year_end(year))
        values.append(value)
    ends += [year_end(y) for y in years]
    values += [float(ind.targets[y]) for y in years]
    return ends, values


def planned_value(ind, day: dt.date) -> float | None:
    """The indicator's planned value on `day` (end of that day); None without a plan."""
    if not ind.targets:
        return None
    if not ind.cumulative:
        target = ind.targets.get(day.year)
        if target is None:
            return None
        start = year_end(day.year - 1)
        return float(target) * (day - start).days / (year_end(day.year) - start).days
    ends, values = curve(ind)
    if day <= ends[0]:  # without a start point, the curve begins at its first target
        return values[0] if len(ends) > len(ind.targets) or day == ends[0] else None
    return interpolate(ends, values, day)


def planned_steps(ind, day: dt.date) -> dict:
    """How planned_value is found, for pam explain: the case and the points used."""
    value = planned_value(ind, day)
    if not ind.targets:
        return {"case": "no_target", "value": None}
    if not ind.cumulative:
        if day.year not in ind.targets:
            return {"case": "no_target_this_year", "value": None, "year": day.year}
        start = year_end(day.year - 1)
        return {"case": "per_year", "value": value, "year": day.year,
                "target": float(ind.targets[day.year]), "days": (day - start).days,
                "span": (year_end(day.year) - start).days}
    ends, values = curve(ind)
    if value is None:
        return {"case": "no_start", "value": None, "first": (ends[0], values[0])}
    if day <= ends[0]:
        return {"case": "before", "value": value, "start": (ends[0], values[0])}
    return interpolation_steps(ends, values, day, value)


def measured(series: list[tuple[dt.date, float]], day: dt.date,
             cumulative: bool) -> tuple[dt.date, float] | None:
    """The value used at `day` from (date, value) pairs, oldest first: the last on or before
    the date; for a per-year indicator, only one of the same year."""
    last = None
    for when, value in series:
        if when > day:
            break
        last = (when, value)
    if last is not None and not cumulative and last[0].year != day.year:
        return None
    return last


def target_of(ind, day: dt.date) -> float | None:
    """The target the status looks to: the last one (cumulative), the year's (per year)."""
    if not ind.targets:
        return None
    if not ind.cumulative:
        value = ind.targets.get(day.year)
        return None if value is None else float(value)
    return float(ind.targets[max(ind.targets)])


def compute_indicator(ind, owner: str, series: list[tuple[dt.date, float]], day: dt.date,
                      t, cancelled: bool = False) -> IndicatorResult:
    """One indicator at `day` from its measures (date, value), oldest first."""
    planned = planned_value(ind, day)
    found = measured(series, day, ind.cumulative)
    actual = found[1] if found else None
    target = target_of(ind, day)
    start = start_of(ind)[0] if ind.cumulative else 0.0
    status = classify_indicator(ind, planned, actual, target, start, day, t, cancelled)
    return IndicatorResult(
        id=ind.id or "", owner=owner, name=ind.name.ar, unit=ind.unit,
        direction=ind.direction, cumulative=ind.cumulative, start=start, target=target,
        planned=planned, actual=actual, variance=gap(actual, planned), status=status,
        measured_on=found[0] if found else None)


def points_behind(actual: float, planned: float, target: float, start: float,
                  direction: str) -> float | None:
    """100 x (actual - planned) / |target - start|, signed so that behind the plan is
    negative whatever the direction; None when the way has no length."""
    way = abs(r2(target) - r2(start))
    if way == 0:
        return None
    ahead = r2(actual) - r2(planned)
    if direction == "down":
        ahead = -ahead
    return r2(100 * ahead / way)


def reached(actual: float, target: float, direction: str) -> bool:
    return r2(actual) >= r2(target) if direction == "up" else r2(actual) <= r2(target)


def classify_indicator(ind, planned, actual, target, start, day: dt.date, t,
                       cancelled: bool = False) -> str:
    """The status of an indicator (see the module's docstring), first rule that applies."""
    if cancelled:
        return "cancelled"
    if target is None:
        return "no_target"
    if ind.cumulative and actual is not None and reached(actual, target, ind.direction):
        return "done"
    if planned is None:  # a `down` indicator without a baseline, before its first target
        return "not_due"
    if start is None:  # ... after it: its way starts at its first target
        start = float(ind.targets[min(ind.targets)])
    elif r2(planned) == r2(start):
        return "not_due"
    if actual is None:
        return "unreported"
    if ind.cumulative and day >= year_end(max(ind.targets)):
        return "late"  # the plan reached its last target, the indicator did not
    behind = points_behind(actual, planned, target, start, ind.direction)
    if behind is None:
        return "on_track" if reached(actual, planned, ind.direction) else "late"
    if behind < t.late:
        return "late"
    if behind < t.at_risk:
        return "at_risk"
    return "on_track"


def share_done(r: IndicatorResult) -> float | None:
    """How far a cumulative indicator has gone on its way from start to its last target, in
    percent (the figure pam compares with the action's progress); None when unknown."""
    if not r.cumulative or r.actual is None or r.start is None or r.target is None:
        return None
    way = r.target - r.start
    if way == 0:
        return None
    return 100 * (r.actual - r.start) / way


# --- roll-up ---------------------------------------------------------------------------------

GROUP_KEYS = ("unit", "direction", "cumulative", "indicators", "measured", "reported",
              "planned", "actual", "variance", "start")


def roll_up_indicators(results: list[IndicatorResult]) -> list[dict]:
    """Sums of the indicators that share a unit, a direction and a kind (cumulative or per
    year), in the order each group first appears; indicators without a unit are not summed.
    `measured`: those with a plan at the date (the sums are over them); an unreported one
    counts at its start (0 for a per-year one)."""
    groups: dict[tuple, dict] = {}
    for r in results:
        if not r.unit or r.status == "cancelled":
            continue
        key = (r.unit, r.direction, r.cumulative)
        g = groups.setdefault(key, {"unit": r.unit, "direction": r.direction,
                                    "cumulative": r.cumulative, "indicators": 0,
                                    "measured": 0, "reported": 0, "planned": 0.0,
                                    "actual": 0.0, "start": 0.0})
        g["indicators"] += 1
        if r.planned is None:
            continue
        start = r.start if r.start is not None else r.planned
        g["measured"] += 1
        g["planned"] += r.planned
        g["start"] += start
        if r.actual is not None:
            g["reported"] += 1
            g["actual"] += r.actual
        else:
            g["actual"] += start
    out = []
    for g in groups.values():
        if not g["measured"]:
            g["planned"] = g["actual"] = g["start"] = None
        g["variance"] = gap(g["actual"], g["planned"])
        out.append({k: g[k] for k in GROUP_KEYS})
    return out
