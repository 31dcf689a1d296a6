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
from collections.abc import Mapping


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def planned_at(targets: Mapping[int, float], day: dt.date) -> float | None:
    """The planned cumulative percent on `day` (end of that day), or None without targets."""
    if not targets:
        return None
    years = sorted(targets)
    points = [(year_end(years[0] - 1), 0.0)] + [(year_end(y), float(targets[y])) for y in years]
    if day <= points[0][0]:
        return 0.0
    for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
        if day <= d1:
            return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
    return points[-1][1]
