"""Status rules and roll-ups: from actions' results to a node's figures, and the whole status
assembled from each project's action results (pure; no pydantic, so a cached result can be
assembled without loading the input models).

The rules, defined once (README "How the figures are computed" says the same in words):

- An action's status (`classify`), the first that applies: done (reported 100%), cancelled
  (its last report says so), no_target, not_due (planned 0%), unreported (due, never
  reported), late (variance below `late`, or the plan reached 100% and it is not done),
  at_risk (variance below `at_risk`), on_track. The variance is the one JSON prints: the
  actual to 2 decimals minus the planned to 2 decimals.
- A node's means (`roll_up`) are over its *measured* actions: those with a target, cancelled
  ones aside; an unreported one counts as 0% (`actual`), and the same means over the reported
  ones only are given beside (`actual_reported`). Cost-weighted means weigh each measured
  action with a numeric cost above 0 by that cost. What is left out is counted by reason.
- A node's status (`node_status`): see NODE_RULES, tried in that order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import cast

from pam.monitor.indicators import roll_up_indicators
from pam.monitor.money import money_of
from pam.monitor.results import (
    ALARMS,
    EXCLUSIONS,
    STAGES,
    STATUSES,
    ActionResult,
    NodeResult,
    Status,
    gap,
    r2,
)

# The node rules, in the order they are tried: code -> what it means (README, pam explain).
# {late_share}, {unreported_share} and {at_risk} are the program's thresholds.
NODE_RULES = {
    "empty": "no_target: the node has no action",
    "all-cancelled": "cancelled: every action is cancelled",
    "all-done": "done: every action is done (cancelled ones aside)",
    "no-target": "no_target: no action has a target",
    "nothing-due": "not_due: no action is due yet (every planned share is 0%)",
    "mostly-unreported": "unreported: more than {unreported_share:g}% of the due actions have "
                         "no report, too few to judge",
    "late-share": "late: at least {late_share:g}% of the due actions are late",
    "late-below": "at_risk: an action below is late (fewer than {late_share:g}% of the due "
                  "actions)",
    "at-risk-share": "at_risk: late and at-risk actions together are at least {late_share:g}% "
                     "of the due actions",
    "variance": "at_risk: the variance is below {at_risk:g} points",
    "on-track": "on_track: none of the rules above applies",
}


def rule_text(rule: str, t) -> str:
    """The sentence of a node rule with the program's thresholds in it."""
    return NODE_RULES[rule].format(late_share=t.late_share, unreported_share=t.unreported_share,
                                   at_risk=t.at_risk)


def classify(planned: float | None, actual: float | None, reported: bool,
             t, cancelled: bool = False) -> str:
    """An action's status, the rules in order: done, cancelled, no_target, not_due,
    unreported, late, at_risk, on_track (see the module's docstring)."""
    if actual is not None and actual >= 100:
        return "done"
    if cancelled:
        return "cancelled"
    if planned is None:
        return "no_target"
    plan = r2(planned)
    if plan == 0:
        return "not_due"
    if not reported:
        return "unreported"
    done = actual or 0.0
    variance = gap(done, planned)
    if (plan >= 100 and done < 100) or variance < t.late:
        return "late"
    if variance < t.at_risk:
        return "at_risk"
    return "on_track"


def node_status(counts: dict, measured: int, due: int, variance: float | None,
                t) -> tuple[str, str]:
    """A node's (status, rule) from its actions' status counts: never on_track with a late
    action below; late when late actions are at least `late_share`% of the due ones (by
    count); unreported when more than `unreported_share`% of the due ones have no report."""
    total = sum(counts.values())
    live = total - counts.get("cancelled", 0)
    late, at_risk = counts.get("late", 0), counts.get("at_risk", 0)
    if total == 0:
        return "no_target", "empty"
    if live == 0:
        return "cancelled", "all-cancelled"
    if counts.get("done", 0) == live:
        return "done", "all-done"
    if measured == 0:
        return "no_target", "no-target"
    if due == 0:
        return "not_due", "nothing-due"
    if counts.get("unreported", 0) * 100 > t.unreported_share * due:
        return "unreported", "mostly-unreported"
    if late * 100 >= t.late_share * due:
        return "late", "late-share"
    if late:
        return "at_risk", "late-below"
    if (late + at_risk) * 100 >= t.late_share * due:
        return "at_risk", "at-risk-share"
    if variance is not None and variance < t.at_risk:
        return "at_risk", "variance"
    return "on_track", "on-track"


def project_stage(results: list[ActionResult]) -> str:
    """done (every action done, cancelled ones aside), in_progress (some progress reported),
    or not_started (no action reported above 0%)."""
    live = [r for r in results if r.status != "cancelled"]
    if live and all(r.status == "done" for r in live):
        return "done"
    if any((r.actual or 0.0) > 0 for r in results):
        return "in_progress"
    return "not_started"


def div(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def is_measured(r: ActionResult) -> bool:
    """In a node's means: a target, and not cancelled."""
    return r.planned is not None and r.status != "cancelled"


def is_due(r: ActionResult) -> bool:
    """Programmed at the date: measured, with a planned share above 0 (to 2 decimals)."""
    return is_measured(r) and r2(cast(float, r.planned)) > 0  # measured: a planned share


def roll_up(node_id: str, name: str, kind: str, results: list[ActionResult], t, *,
            left_out: dict | None = None, projects: dict | None = None,
            own_indicators: tuple = ()) -> NodeResult:
    """A node's figures from its actions' results. `left_out`: actions of the plan not in
    this view, by reason (dropped, added); `projects`: the project counts of the node's
    projects (a project node computes its own); `own_indicators`: the indicators of the
    projects under the node (a project's: its own), measured, for the indicator roll-up."""
    measured = [r for r in results if is_measured(r)]
    reported = [r for r in measured if r.actual is not None]
    # is_measured: each result in `measured` has a planned share; in `costed`, a cost too;
    # in `reported`, an actual (one cast per list, not one per action: this runs per node)
    shares = cast("list[float]", [r.planned for r in measured])
    planned = _mean(shares)
    actual = _mean([r.actual or 0.0 for r in measured])
    costed = [r for r in measured if r.cost]
    costs = cast("list[float]", [r.cost for r in costed])
    weight = sum(costs)
    costed_shares = cast("list[float]", [r.planned for r in costed])
    pcw = sum(c * p for c, p in zip(costs, costed_shares, strict=True)) / weight \
        if costed else None
    acw = sum(c * (r.actual or 0.0) for c, r in zip(costs, costed, strict=True)) / weight \
        if costed else None
    pv = sum(r.pv or 0.0 for r in results)
    ev = sum(r.ev or 0.0 for r in results)
    ac = sum(r.ac or 0.0 for r in results)
    seen = Counter(r.status for r in results)
    counts = {s: seen.get(s, 0) for s in STATUSES}
    due = [r for r in measured if is_due(r)]
    variance = gap(actual, planned)
    status, rule = node_status(counts, len(measured), len(due), variance, t)
    excluded = {k: 0 for k in EXCLUSIONS}
    excluded["no_target"] = sum(1 for r in results if r.planned is None
                                and r.status != "cancelled")
    excluded["cancelled"] = counts["cancelled"]
    for reason, n in (left_out or {}).items():
        excluded[reason] = excluded.get(reason, 0) + n
    if kind == "project":
        stage = project_stage(results)
        projects = {"total": 1, **{s: int(s == stage) for s in STAGES}}
        projects.update(late=int(status == "late"), programmed=int(bool(due)),
                        programmed_done=int(bool(due) and stage == "done"))
    return NodeResult(
        id=node_id, name=name, kind=kind, planned=planned, actual=actual, variance=variance,
        status=status, planned_cost_weighted=pcw, actual_cost_weighted=acw, pv=pv, ev=ev, ac=ac,
        spi=div(ev, pv), cpi=div(ev, ac), cost=sum(r.cost or 0.0 for r in results),
        counts=counts, stale=sum(r.stale for r in results),
        actions=len(results), measured=len(measured), due=len(due),
        due_done=sum(1 for r in due if r.status == "done"), reported=len(reported),
        planned_reported=_mean(cast("list[float]", [r.planned for r in reported])),
        actual_reported=_mean(cast("list[float]", [r.actual for r in reported])),
        costed=len(costed), weight=weight, excluded=excluded,
        projects=dict(projects or {}), rule=rule,
        money=money_of(results),
        indicators=roll_up_indicators([i for r in results for i in r.indicators]
                                      + list(own_indicators)),
        project_indicators=tuple(own_indicators) if kind == "project" else (),
        alarms={a: sum(1 for r in results if a in r.alarms) for a in ALARMS},
    )


PROJECT_COUNTS = ("total",) + STAGES + ("late", "programmed", "programmed_done")


def _add(total: dict, part: dict) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0) + v


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
             as_of: dt.date, *, left_out: dict[str, dict[str, int]] | None = None,
             project_indicators: dict[str, tuple] | None = None) -> Status:
    """The status at `as_of` from each project's action results (in plan order), rolled up
    to the axes, domains and the program. `left_out`: project id -> {reason: actions} of the
    plan's actions this view leaves out (dropped by an amendment; added after the baseline);
    `project_indicators`: project id -> its own indicators measured (IndicatorResult)."""
    left_out = left_out or {}
    own = project_indicators or {}
    domains, axes, projects, actions = [], [], [], []
    everything: list[ActionResult] = []
    i_all: list = []
    p_all: dict = {k: 0 for k in PROJECT_COUNTS}
    x_all: dict = {}
    for d_id, d_name, d_axes in tree.domains:
        d_results: list[ActionResult] = []
        i_dom: list = []
        p_dom: dict = {k: 0 for k in PROJECT_COUNTS}
        x_dom: dict = {}
        for a_id, a_name, a_projects in d_axes:
            a_results: list[ActionResult] = []
            i_axis: list = []
            p_axis: dict = {k: 0 for k in PROJECT_COUNTS}
            x_axis: dict = {}
            for p_id, p_name in a_projects:
                p_results = results.get(p_id, [])
                p_own = tuple(own.get(p_id, ()))
                node = roll_up(p_id, p_name, "project", p_results, t,
                               left_out=left_out.get(p_id), own_indicators=p_own)
                projects.append(node)
                _add(p_axis, node.projects)
                _add(x_axis, left_out.get(p_id, {}))
                actions.extend(p_results)
                a_results += p_results
                i_axis += p_own
            axes.append(roll_up(a_id, a_name, "axis", a_results, t, left_out=x_axis,
                                projects=p_axis, own_indicators=tuple(i_axis)))
            d_results += a_results
            i_dom += i_axis
            _add(p_dom, p_axis)
            _add(x_dom, x_axis)
        domains.append(roll_up(d_id, d_name, "domain", d_results, t, left_out=x_dom,
                               projects=p_dom, own_indicators=tuple(i_dom)))
        everything += d_results
        i_all += i_dom
        _add(p_all, p_dom)
        _add(x_all, x_dom)
    program = roll_up(tree.program[0], tree.program[1], "program", everything, t,
                      left_out=x_all, projects=p_all, own_indicators=tuple(i_all))
    if tree.hidden:  # levels the commune's PAC does not have: not shown
        domains, axes, projects = ([] if k in tree.hidden else nodes for k, nodes in
                                   (("domain", domains), ("axis", axes), ("project", projects)))
    return Status(as_of, program, domains, axes, projects, actions)


def filter_status(status: Status, node_id: str | None, only: set[str] | None) -> Status:
    """Keep the nodes under `node_id` (a domain, axis or project id) and actions of `only`
    (statuses, and 'stale' for the stale actions whatever their status)."""
    def keep(item_id: str) -> bool:
        return node_id is None or item_id == node_id or item_id.startswith(node_id + ".") \
            or node_id.startswith(item_id + ".")

    actions = [a for a in status.actions if keep(a.id) and (
        not only or a.status in only or ("stale" in only and a.stale))]
    return Status(status.as_of, status.program,
                  [d for d in status.domains if keep(d.id)],
                  [a for a in status.axes if keep(a.id)],
                  [p for p in status.projects if keep(p.id)], actions)


