"""Progress over time from the cards: mean planned and actual at each half-month end (pure).

The means follow rollup.roll_up exactly: over the actions that have a planned value at the
date and are not cancelled by then, an action not yet reported counting as 0. So the last
point of a series equals the roll-up of `pam status` at the same date (a test checks it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pam.monitor.schedule import planned_series
from pam.periods import period_bounds, periods_between
from pam.plan import Plan


@dataclass(frozen=True)
class Point:
    date: dt.date
    planned: float | None
    actual: float | None


def series_dates(start: dt.date, as_of: dt.date) -> list[dt.date]:
    """The last day of every half month from `start` to `as_of`, and `as_of` itself."""
    days = [period_bounds(p)[1] for p in periods_between(start, as_of)]
    days = [d for d in days if d < as_of]
    return days + [as_of]


def _actuals(reports, dates: list[dt.date]) -> list[float | None]:
    """The last reported progress on or before each date (dates ascending): 0 before the
    first report (an unreported action counts 0), None where the last report cancels the
    action (out of the means then, as in roll_up)."""
    out: list[float | None] = []
    i = 0
    last: float | None = 0.0
    for day in dates:
        while i < len(reports) and reports[i].date <= day:
            r = reports[i]
            last = None if r.state == "cancelled" and r.progress < 100 else r.progress
            i += 1
        out.append(last)
    return out


def progress_series(plan: Plan, dates: list[dt.date]) -> dict[str, list[Point]]:
    """node id -> points, for the program (its id), every domain, axis and project."""
    from pam.report.shared import reports_of

    reports = reports_of(plan)
    groups: dict[str, list[tuple[list, list]]] = {}
    program_id = plan.loaded_program.id
    for d in plan.domains:
        for a in d.axes:
            for p in a.projects:
                for x in p.actions:
                    nodes = [groups.setdefault(n, []) for n in (program_id, d.id, a.id, p.id)]
                    if not x.targets:  # no planned value at any date: never measured
                        continue
                    planned = planned_series(x.targets, dates)
                    actual = _actuals(reports.get(x.id, []), dates)
                    for rows in nodes:
                        rows.append((planned, actual))
    return {node: _mean_points(rows, dates) for node, rows in groups.items()}


def _mean_points(rows: list[tuple[list, list]], dates: list[dt.date]) -> list[Point]:
    """The mean planned and actual at each date over the rows (planned, actual), each with a
    value at every date (actions with targets); the same sums, in the same order, as one
    date at a time. No rows: no planned value, so no point has numbers."""
    if not rows:
        return [Point(day, None, None) for day in dates]
    if any(v is None for _pl, ac in rows for v in ac):  # cancellations: fewer rows some days
        return _mean_points_cancelled(rows, dates)
    n = len(rows)
    planned_sums = map(sum, zip(*(pl for pl, _ac in rows), strict=True))
    actual_sums = map(sum, zip(*(ac for _pl, ac in rows), strict=True))
    return [Point(day, planned / n, actual / n)
            for day, planned, actual in zip(dates, planned_sums, actual_sums, strict=True)]


def _mean_points_cancelled(rows: list[tuple[list, list]], dates: list[dt.date]) -> list[Point]:
    """_mean_points where an actual of None (a cancelled action) leaves the row out that day."""
    out = []
    for i, day in enumerate(dates):
        kept = [(pl[i], ac[i]) for pl, ac in rows if ac[i] is not None]
        if not kept:
            out.append(Point(day, None, None))
            continue
        out.append(Point(day, sum(p for p, _a in kept) / len(kept),
                         sum(a for _p, a in kept) / len(kept)))
    return out


def action_points(targets, reports, dates: list[dt.date]) -> list[Point]:
    """One action's planned and actual at each date, by the same rules as the roll-ups
    (planned from its cumulative targets, actual the last report on or before the date, 0
    before the first, None once cancelled); an action without targets has no planned value."""
    planned = planned_series(targets, dates) if targets else [None] * len(dates)
    actual = _actuals(reports, dates)
    return [Point(day, p, a) for day, p, a in zip(dates, planned, actual, strict=True)]
