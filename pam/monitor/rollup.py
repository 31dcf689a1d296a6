"""Status rules and roll-ups: from actions' results to a node's figures, and the whole status
assembled from each project's action results (pure; no pydantic, so a cached result can be
assembled without loading the input models)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from pam.monitor.results import STATUSES, ActionResult, NodeResult, Status


def classify(planned: float | None, actual: float | None, reported: bool,
             t) -> str:
    """The status rules, in order: done, no_target, not_due, unreported, late, at_risk, on_track."""
    if actual is not None and actual >= 100:
        return "done"
    if planned is None:
        return "no_target"
    if planned == 0:
        return "not_due"
    if not reported:
        return "unreported"
    variance = (actual or 0.0) - planned
    if (planned >= 100 and (actual or 0.0) < 100) or variance < t.late:
        return "late"
    if variance < t.at_risk:
        return "at_risk"
    return "on_track"


def div(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def roll_up(node_id: str, name: str, kind: str, results: list[ActionResult],
            t) -> NodeResult:
    """Means over actions with a planned value (no report counts as 0), cost-weighted too."""
    measured = [r for r in results if r.planned is not None]
    planned = actual = variance = None
    if measured:
        planned = sum(r.planned for r in measured) / len(measured)
        actual = sum(r.actual or 0.0 for r in measured) / len(measured)
        variance = actual - planned
    costed = [r for r in measured if r.cost]
    pcw = acw = None
    if costed:
        total = sum(r.cost for r in costed)
        pcw = sum(r.cost * r.planned for r in costed) / total
        acw = sum(r.cost * (r.actual or 0.0) for r in costed) / total
    pv = sum(r.pv or 0.0 for r in results)
    ev = sum(r.ev or 0.0 for r in results)
    ac = sum(r.ac or 0.0 for r in results)
    reported = any(r.last_report is not None for r in measured)
    status = classify(planned, actual, reported, t)
    counts = Counter(r.status for r in results)
    return NodeResult(
        id=node_id, name=name, kind=kind, planned=planned, actual=actual, variance=variance,
        status=status, planned_cost_weighted=pcw, actual_cost_weighted=acw, pv=pv, ev=ev, ac=ac,
        spi=div(ev, pv), cpi=div(ev, ac), cost=sum(r.cost or 0.0 for r in results),
        counts={s: counts.get(s, 0) for s in STATUSES}, stale=sum(r.stale for r in results),
    )


@dataclass(frozen=True)
class Tree:
    """The shape of the plan the roll-ups follow: the program, then its domains, axes and
    projects in plan order, with their ids and (Arabic) names; `hidden` holds the levels the
    commune's PAC does not have (they are rolled up but not shown)."""

    program: tuple[str, str]
    domains: tuple  # ((id, name, ((id, name, ((id, name), ...)), ...)), ...)
    hidden: frozenset = frozenset()

    def to_data(self) -> list:
        return [list(self.program), self.domains, sorted(self.hidden)]

    @classmethod
    def from_data(cls, data: list) -> Tree:
        program, domains, hidden = data
        return cls((program[0], program[1]),
                   tuple((d[0], d[1], tuple((a[0], a[1], tuple((p[0], p[1]) for p in a[2]))
                                            for a in d[2])) for d in domains),
                   frozenset(hidden))


def assemble(tree: Tree, results: dict[str, list[ActionResult]], t,
             as_of: dt.date) -> Status:
    """The status at `as_of` from each project's action results (in plan order), rolled up
    to the axes, domains and the program."""
    domains, axes, projects, actions = [], [], [], []
    everything: list[ActionResult] = []
    for d_id, d_name, d_axes in tree.domains:
        d_results: list[ActionResult] = []
        for a_id, a_name, a_projects in d_axes:
            a_results: list[ActionResult] = []
            for p_id, p_name in a_projects:
                p_results = results.get(p_id, [])
                projects.append(roll_up(p_id, p_name, "project", p_results, t))
                actions.extend(p_results)
                a_results += p_results
            axes.append(roll_up(a_id, a_name, "axis", a_results, t))
            d_results += a_results
        domains.append(roll_up(d_id, d_name, "domain", d_results, t))
        everything += d_results
    program = roll_up(tree.program[0], tree.program[1], "program", everything, t)
    if tree.hidden:  # levels the commune's PAC does not have: not shown
        domains, axes, projects = ([] if k in tree.hidden else nodes for k, nodes in
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


