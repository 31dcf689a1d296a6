"""Where the program stands at a date: every action's variance and the roll-ups (pure)."""

from __future__ import annotations

import datetime as dt

from pam.monitor.indicators import compute_indicator
from pam.monitor.results import (  # noqa: F401 (status_json re-exported)
    ActionResult,
    IndicatorResult,
    Status,
    status_json,
)
from pam.monitor.rollup import Tree, assemble, filter_status  # noqa: F401 (re-exported)
from pam.monitor.variance import compute_action, reports_by_action
from pam.plan import Plan


def default_as_of(plan: Plan, today: dt.date | None = None) -> dt.date:
    """Today, capped to the end of the program; an example workspace fixes its own date."""
    if plan.loaded_program.example and plan.loaded_program.example.as_of:
        return plan.loaded_program.example.as_of
    today = today or dt.date.today()
    return min(today, dt.date(plan.loaded_program.period.end, 12, 31))


def compute_status(plan: Plan, as_of: dt.date, reports: dict | None = None) -> Status:
    """`reports` (reports_by_action of the plan's cards) may be passed when already known."""
    t = plan.loaded_program.thresholds
    reports = reports if reports is not None else reports_by_action(plan.cards)
    results = {p.id: project_results(p, reports, as_of, t) for p in plan.projects()}
    own = {p.id: project_indicators(p, reports, as_of, t, results[p.id])
           for p in plan.projects() if p.indicators}
    return assemble(tree_of(plan), results, t, as_of, left_out=plan.left_out,
                    project_indicators=own)


def project_results(project, reports: dict, as_of: dt.date, t) -> list[ActionResult]:
    """Every action of one project at `as_of`, from the reports (by action id)."""
    return [compute_action(x, project.id, reports.get(x.id, []), as_of, t)
            for x in project.actions]


def project_indicators(project, reports: dict, as_of: dt.date, t,
                       results: list[ActionResult]) -> tuple[IndicatorResult, ...]:
    """A project's own indicators at `as_of`, measured on the entries of any of its actions
    (an entry's `indicators:` may name one), cancelled when every action is."""
    cancelled = bool(results) and all(r.status == "cancelled" for r in results)
    out = []
    for ind in project.indicators:
        if not ind.id:
            continue
        series = sorted((r.date, r.indicators[ind.id]) for x in project.actions
                        for r in reports.get(x.id, []) if ind.id in r.indicators)
        out.append(compute_indicator(ind, project.id, series, as_of, t, cancelled))
    return tuple(out)


def tree_of(plan: Plan) -> Tree:
    """The shape of the plan for the roll-ups (see pam.monitor.rollup.Tree)."""
    return Tree((plan.loaded_program.id, plan.loaded_program.name.ar),
                tuple((d.id, d.name.ar, tuple((a.id, a.name.ar, tuple((p.id, p.name.ar)
                                                                      for p in a.projects))
                                              for a in d.axes)) for d in plan.domains),
                plan.loaded_program.implicit_kinds())
