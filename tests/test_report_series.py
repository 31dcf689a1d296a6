"""progress_series gives, bit for bit, the means of its definition taken one date at a time."""

from __future__ import annotations

import datetime as dt

from reports_workspace import AS_OF, load, write_workspace

from pam.monitor.schedule import planned_at
from pam.report.series import _actuals, progress_series, series_dates
from pam.report.shared import reports_of


def _reference(plan, dates):
    """The definition: per node and date, the mean over the actions with a planned value."""
    reports = reports_of(plan)
    rows: dict[str, list] = {}
    for d in plan.domains:
        for a in d.axes:
            for p in a.projects:
                for x in p.actions:
                    planned = [planned_at(x.targets, day) for day in dates]
                    actual = _actuals(reports.get(x.id, []), dates)
                    for node in (plan.program.id, d.id, a.id, p.id):
                        rows.setdefault(node, []).append((planned, actual))
    out = {}
    for node, group in rows.items():
        points = []
        for i, day in enumerate(dates):
            measured = [(pl[i], ac[i]) for pl, ac in group if pl[i] is not None]
            n = len(measured)
            points.append((day, sum(m[0] for m in measured) / n if n else None,
                           sum(m[1] or 0.0 for m in measured) / n if n else None))
        out[node] = points
    return out


def test_progress_series_equals_its_date_by_date_definition(tmp_path):
    plan = load(write_workspace(tmp_path / "ws"))
    for x in plan.actions()[:2]:  # actions without targets take no part in the means
        object.__setattr__(x, "targets", {})
    dates = series_dates(dt.date(2017, 1, 1), AS_OF)
    got = progress_series(plan, dates)
    want = _reference(plan, dates)
    assert list(got) == list(want)
    for node, points in want.items():
        assert [(p.date, p.planned, p.actual) for p in got[node]] == points, node
        assert repr([(p.planned, p.actual) for p in got[node]]) == repr(
            [(pl, ac) for _d, pl, ac in points])


def test_a_project_whose_actions_have_no_targets_has_points_without_numbers(tmp_path):
    plan = load(write_workspace(tmp_path / "ws"))
    project = plan.projects()[0]
    for x in project.actions:
        object.__setattr__(x, "targets", {})
    dates = series_dates(dt.date(2017, 1, 1), AS_OF)
    points = progress_series(plan, dates)[project.id]
    assert [(p.planned, p.actual) for p in points] == [(None, None)] * len(dates)
    assert _reference(plan, dates)[project.id] == [(p.date, None, None) for p in points]
