"""Completion of the programmed projects, and the progress made during a year, for the annual
report and its public summary (pure; decree 2.16.301 art. 14: نسبة إنجاز المشاريع المبرمجة).

- `action_stage(result)`: an action is done (reported 100 %), in progress (some progress
  reported), not started (none), or cancelled: the words of the projects' stages
  (pam.monitor.rollup.project_stage), applied to one action.
- `completion(plan, status, before)`: per domain and for the program, the projects and the
  actions done / in progress / not started / late (with the programmed ones and those done
  during the period), each count beside its total.
- `with_start(row, node)`: a node's row with its figures at the start of the period (the
  status at the end of the year before), so that a template shows the progress made during
  the year beside the cumulative one; every difference is the shown figure minus the shown
  figure (pam.monitor.results.gap), as everywhere.
- `completed_in(plan, status, before)`: the projects and actions done by the end of the period
  and not before it.
"""

from __future__ import annotations

from pam.monitor.results import STAGES, gap
from pam.plan import Plan

ACTION_STAGES = STAGES + ("cancelled",)


def action_stage(result) -> str:
    """done | in_progress | not_started | cancelled, for one action's result."""
    if result.status in ("done", "cancelled"):
        return result.status
    return "in_progress" if (result.actual or 0.0) > 0 else "not_started"


def _domain_of(plan: Plan) -> dict[str, str]:
    """project id -> its domain's id."""
    return {p.id: d.id for d in plan.domains for a in d.axes for p in a.projects}


def _action_counts(results, before: dict) -> dict:
    counts = {s: 0 for s in ACTION_STAGES}
    for r in results:
        counts[action_stage(r)] += 1
    done_before = sum(1 for r in results if before.get(r.id) == "done")
    return {"total": len(results), **counts,
            "late": sum(1 for r in results if r.status == "late"),
            "done_in_period": counts["done"] - done_before}


def completion(plan: Plan, status, before) -> dict:
    """{'domains': [row], 'total': row}; a row: id, name, `projects` (the node's project
    counts: total, done, in_progress, not_started, late, programmed, programmed_done, and
    done_in_period) and `actions` (total, done, in_progress, not_started, cancelled, late,
    due, due_done, done_in_period)."""
    domain_of = _domain_of(plan)
    old_status = {a.id: a.status for a in before.actions}
    old_projects = {p.id: p.projects.get("done", 0) for p in before.projects}
    by_domain: dict[str | None, list] = {}  # None: a project of no domain (none in a plan)
    for a in status.actions:
        by_domain.setdefault(domain_of.get(a.project), []).append(a)
    projects_done_before: dict[str | None, int] = {}
    for p in status.projects:
        d = domain_of.get(p.id)
        projects_done_before[d] = projects_done_before.get(d, 0) + old_projects.get(p.id, 0)
    names = {d.id: d.name for d in plan.domains}

    def row(node, results, done_before) -> dict:
        projects = dict(node.projects)
        projects["done_in_period"] = projects.get("done", 0) - done_before
        actions = _action_counts(results, old_status)
        actions.update(due=node.due, due_done=node.due_done)
        return {"id": node.id, "name": names.get(node.id, plan.loaded_program.name),
                "projects": projects, "actions": actions}

    rows = [row(n, by_domain.get(n.id, []), projects_done_before.get(n.id, 0))
            for n in status.domains]
    total = row(status.program, list(status.actions), sum(projects_done_before.values()))
    return {"domains": rows, "total": total}


START_KEYS = ("planned", "actual", "planned_cost_weighted", "actual_cost_weighted", "status")


def with_start(row: dict, node) -> dict:
    """A node's row and, under `start`, its figures at the start of the period (`node`: the
    same node in the status of the day before the period), with `progress` (actual gained)
    and `planned_progress` (planned gained) as shown-minus-shown differences in points."""
    start = {k: getattr(node, k) for k in START_KEYS} if node is not None else None
    out = dict(row, start=start)
    if start is not None:
        out["progress"] = gap(row["actual"], start["actual"])
        out["planned_progress"] = gap(row["planned"], start["planned"])
    else:
        out["progress"] = out["planned_progress"] = None
    return out


def completed_in(plan: Plan, status, before) -> dict:
    """The projects and the actions done by the status's date that were not done at the
    start (`before`): {'projects': [{id, name}], 'actions': [{id, project, text, text_fr}]}."""
    old_actions = {a.id: a.status for a in before.actions}
    old_projects = {p.id: p.projects.get("done", 0) for p in before.projects}
    projects = [{"id": p.id, "name": plan.find(p.id)[1].name} for p in status.projects
                if p.projects.get("done") and not old_projects.get(p.id)]
    actions = []
    for a in status.actions:
        if a.status == "done" and old_actions.get(a.id) != "done":
            x = plan.find(a.id)[1]
            actions.append({"id": a.id, "project": a.project, "text": x.text,
                            "text_fr": x.text_fr})
    return {"projects": projects, "actions": actions}
