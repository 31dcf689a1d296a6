"""Where the program stands at a date: every action's variance and the roll-ups (pure)."""

from __future__ import annotations

import datetime as dt

from pam.monitor.results import ACTION_KEYS, NODE_KEYS, Status, status_json  # noqa: F401 (re-exported)
from pam.monitor.variance import compute_action, reports_by_action, roll_up
from pam.plan import Plan


def default_as_of(plan: Plan, today: dt.date | None = None) -> dt.date:
    """Today, capped to the end of the program; an example workspace fixes its own date."""
    if plan.program.example and plan.program.example.as_of:
        return plan.program.example.as_of
    today = today or dt.date.today()
    return min(today, dt.date(plan.program.period.end, 12, 31))


def compute_status(plan: Plan, as_of: dt.date, reports: dict | None = None) -> Status:
    """`reports` (reports_by_action of the plan's cards) may be passed when already known."""
    t = plan.program.thresholds
    reports = reports if reports is not None else reports_by_action(plan.cards)
    domains, axes, projects, actions = [], [], [], []
    all_results = []
    for d in plan.domains:
        d_results = []
        for a in d.axes:
            a_results = []
            for p in a.projects:
                p_results = [compute_action(x, p.id, reports.get(x.id, []), as_of, t)
                             for x in p.actions]
                projects.append(roll_up(p.id, p.name.ar, "project", p_results, t))
                actions.extend(p_results)
                a_results += p_results
            axes.append(roll_up(a.id, a.name.ar, "axis", a_results, t))
            d_results += a_results
        domains.append(roll_up(d.id, d.name.ar, "domain", d_results, t))
        all_results += d_results
    program = roll_up(plan.program.id, plan.program.name.ar, "program", all_results, t)
    hidden = plan.program.implicit_kinds()  # levels the commune's PAC does not have: not shown
    if hidden:
        domains, axes, projects = ([] if k in hidden else nodes for k, nodes in
                                   (("domain", domains), ("axis", axes), ("project", projects)))
    return Status(as_of, program, domains, axes, projects, actions)


def filter_status(status: Status, node_id: str | None, only: set[str] | None) -> Status:
    """Keep the nodes under `node_id` (a domain, axis or project id) and actions of `only`."""
    def keep(item_id: str) -> bool:
        return node_id is None or item_id == node_id or item_id.startswith(node_id + ".") \
            or node_id.startswith(item_id + ".")

    actions = [a for a in status.actions if keep(a.id) and (not only or a.status in only)]
    return Status(status.as_of, status.program,
                  [d for d in status.domains if keep(d.id)],
                  [a for a in status.axes if keep(a.id)],
                  [p for p in status.projects if keep(p.id)], actions)


