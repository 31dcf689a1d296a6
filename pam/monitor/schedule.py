"""Planned progress at a date, from cumulative yearly targets.

The rules, defined once:
- a target is the cumulative share done by **31 December** of its year;
- before the first target year the plan is 0, up to 31 December of the year before it;
- between two known points the plan is linear in days (so a year with no target inside the
  range is interpolated between its neighbours);
- after the last target the plan stays at the last value;
- an action with no target at all has no planned value (None).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Mapping


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _curve(targets: Mapping[int, float]) -> tuple[list[dt.date], list[float]]:
    """The known points of the plan: 0 at the end of the year before the first target, then
    each target at the end of its year (dates ascending). `targets` must not be empty."""
    years = sorted(targets)
    ends = [year_end(years[0] - 1)] + [year_end(y) for y in years]
    values = [0.0] + [float(targets[y]) for y in years]
    return ends, values


def _value_on(ends: list[dt.date], values: list[float], day: dt.date) -> float:
    """The plan on `day` from the points of `_curve`: 0 up to the first point, then
    interpolate's."""
    return 0.0 if day <= ends[0] else interpolate(ends, values, day)


def interpolate(ends: list[dt.date], values: list[float], day: dt.date) -> float:
    """A curve's value on `day`, after its first point: linear in days between two points
    (the first point at or after `day` ends the segment), flat after the last. The planned
    curves of actions (here) and of physical indicators (pam.monitor.indicators) share it."""
    i = bisect_left(ends, day)
    if i == len(ends):
        return values[-1]
    d0, v0, d1, v1 = ends[i - 1], values[i - 1], ends[i], values[i]
    return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days


def interpolation_steps(ends: list[dt.date], values: list[float], day: dt.date,
                        value: float | None) -> dict:
    """How interpolate found `value` on `day` (after the first point), for pam explain:
    'after' the last point, or 'between' two, with the points used and the days counted."""
    i = bisect_left(ends, day)
    if i == len(ends):
        return {"case": "after", "value": value, "last": (ends[-1], values[-1])}
    return {"case": "between", "value": value, "from": (ends[i - 1], values[i - 1]),
            "to": (ends[i], values[i]), "days": (day - ends[i - 1]).days,
            "span": (ends[i] - ends[i - 1]).days}


def planned_at(targets: Mapping[int, float], day: dt.date) -> float | None:
    """The planned cumulative percent on `day` (end of that day), or None without targets."""
    if not targets:
        return None
    return _value_on(*_curve(targets), day)


def planned_series(targets: Mapping[int, float],
                   days: Iterable[dt.date]) -> list[float | None]:
    """`[planned_at(targets, d) for d in days]`, with the points of the plan built once."""
    if not targets:
        return [None for _ in days]
    ends, values = _curve(targets)
    return [_value_on(ends, values, d) for d in days]


def planned_steps(targets: Mapping[int, float], day: dt.date) -> dict:
    """How `planned_at(targets, day)` is found, for pam explain: the case ('no_target',
    'before' the first point, 'between' two points, 'after' the last), the points used and
    the days counted; `value` equals planned_at's."""
    if not targets:
        return {"case": "no_target", "value": None}
    ends, values = _curve(targets)
    value = _value_on(ends, values, day)
    if day <= ends[0]:
        return {"case": "before", "value": value, "start": ends[0]}
    return interpolation_steps(ends, values, day, value)
