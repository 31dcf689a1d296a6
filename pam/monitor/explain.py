"""How one action's or node's figures were computed at a date (pam explain), as data (pure).

The explanation re-walks the rules of pam.monitor.rollup step by step, printing each test
with its numbers, and ends on the status the rules gave; `explain_*` check that they agree
(a test does too), so the explanation cannot drift from the computation.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from pam.errors import NotFound
from pam.monitor.results import (
    ActionResult,
    NodeResult,
    Status,
    action_json,
    gap,
    node_json,
    r2,
    shown,
)
from pam.monitor.rollup import is_due, is_measured, rule_text
from pam.monitor.schedule import planned_steps
from pam.monitor.status import compute_status
from pam.monitor.variance import latest_on, reports_by_action


def explain(plan, node_id: str, as_of: dt.date) -> dict:
    """The explanation of one id of `plan` (an action, a project, an axis, a domain, or the
    program's id) at `as_of`, computed with the same status as `pam status`."""
    t = plan.program.thresholds
    reports = reports_by_action(plan.cards)
    status = compute_status(plan, as_of, reports)
    if node_id == plan.program.id:
        return explain_node(plan, node_id, "program", status, t)
    kind, node, _parents = plan.find(node_id)
    if kind != "action":
        return explain_node(plan, node.id, kind, status, t)
    result = next(a for a in status.actions if a.id == node.id)
    return explain_action(plan, node, result, reports.get(node.id, []), as_of, t)


def explain_json(data: dict) -> dict:
    """An explanation for scripts: its steps and lists, and under `figures` the node or
    action exactly as `pam status --format json` prints it."""
    from pam.report.data import plain

    rest = {k: v for k, v in data.items() if k not in ("result", "node")}
    figures = action_json(data["result"]) if data["kind"] == "action" else \
        node_json(data["node"])
    return plain(rest) | {"figures": figures}


def action_steps(planned: float | None, actual: float | None, reported: bool,
                 cancelled: bool, t) -> list[dict]:
    """The action rules of rollup.classify in order, each with its test and whether it held,
    up to the first that held (that one gives the status)."""
    plan = r2(planned)
    done = actual or 0.0
    v = gap(done, planned) if planned is not None else None
    tests = [
        ("done", actual is not None and actual >= 100,
         f"reported {fmt(actual)}%, done at 100%" if actual is not None else "no report"),
        ("cancelled", cancelled, "the last report says cancelled" if cancelled
         else "not cancelled"),
        ("no_target", planned is None, "no yearly target in the plan" if planned is None
         else "it has targets"),
        ("not_due", plan == 0, f"planned {fmt(plan)}%"),
        ("unreported", not reported, "no report on or before the date" if not reported
         else "reported"),
        ("late", plan is not None and ((plan >= 100 and done < 100) or (v is not None
                                                                        and v < t.late)),
         f"variance {fmt(v)} vs {t.late:g}; planned {fmt(plan)}% (100% reached and not done "
         "is late too)"),
        ("at_risk", v is not None and v < t.at_risk, f"variance {fmt(v)} vs {t.at_risk:g}"),
        ("on_track", True, "none of the above"),
    ]
    out = []
    for status, holds, detail in tests:
        out.append({"status": status, "holds": bool(holds), "detail": detail})
        if holds:
            break
    return out


def node_steps(n: NodeResult, t) -> list[dict]:
    """The node rules of rollup.node_status in order, with their counts, up to the first
    that held."""
    c = n.counts
    live = n.actions - c["cancelled"]
    due = n.due or 0

    def share(k: int) -> str:
        return f"{k} of {due} due = {fmt(100 * k / due)}%" if due else "nothing due"

    tests = [
        ("empty", n.actions == 0, f"{n.actions} actions"),
        ("all-cancelled", live == 0, f"{c['cancelled']} of {n.actions} cancelled"),
        ("all-done", c["done"] == live, f"{c['done']} of {live} done (cancelled aside)"),
        ("no-target", n.measured == 0, f"{n.measured} actions with a target"),
        ("nothing-due", due == 0, f"{due} due"),
        ("mostly-unreported", due and c["unreported"] * 100 > t.unreported_share * due,
         f"unreported: {share(c['unreported'])}, more than {t.unreported_share:g}%?"),
        ("late-share", due and c["late"] * 100 >= t.late_share * due,
         f"late: {share(c['late'])}, at least {t.late_share:g}%?"),
        ("late-below", c["late"] > 0, f"{c['late']} late below"),
        ("at-risk-share", due and (c["late"] + c["at_risk"]) * 100 >= t.late_share * due,
         f"late or at risk: {share(c['late'] + c['at_risk'])}, at least {t.late_share:g}%?"),
        ("variance", n.variance is not None and n.variance < t.at_risk,
         f"variance {fmt(n.variance)} vs {t.at_risk:g}"),
        ("on-track", True, "none of the above"),
    ]
    out = []
    for rule, holds, detail in tests:
        out.append({"rule": rule, "holds": bool(holds), "detail": detail,
                    "means": rule_text(rule, t)})
        if holds:
            break
    return out


def explain_action(plan, action, result: ActionResult, reports: list, as_of: dt.date,
                   t) -> dict:
    """An action's figures at `as_of`: targets, the planned point, the report used, the
    variance as JSON and as shown, the status rules tried, earned value, staleness."""
    last = latest_on(reports, as_of)
    later = sum(1 for r in reports if r.date > as_of)
    steps = action_steps(result.planned, result.actual, last is not None,
                         last is not None and last.state == "cancelled", t)
    if steps[-1]["status"] != result.status:  # the explanation must be the computation
        raise AssertionError(f"explain disagrees with the status of {action.id}")
    card = _card_of(plan, result.project, action.id, last) if last else None
    return {
        "id": action.id, "kind": "action", "text": action.text, "project": result.project,
        "as_of": as_of, "targets": dict(sorted(action.targets.items())),
        "cost": action.cost, "cost_status": action.cost_status,
        "planned": {**planned_steps(action.targets, as_of)},
        "report": None if last is None else {
            "date": last.date, "period": last.period, "progress": last.progress,
            "spent": last.spent, "paid": last.paid, "committed": last.committed,
            "indicators": dict(last.indicators), "state": last.state, "note": last.note,
            "correction": last.correction, "file": plan.file_of(card) if card else None,
            "earlier": sum(1 for r in reports if r.date <= as_of) - 1},
        "later_reports": later,
        "result": result,
        "shown": {"planned": shown(result.planned), "actual": shown(result.actual),
                  "variance": gap(result.actual, result.planned, 0)},
        "steps": steps,
        "stale_days": t.stale_days,
        "money": money_steps(action, result, t),
        "indicators": [indicator_steps(ind, r, as_of, t) for ind, r in
                       zip([i for i in action.indicators if i.id], result.indicators,
                           strict=True)],
    }


def money_steps(action, r: ActionResult, t) -> dict:
    """An action's money at the date: the credits by budget year and those counted, the
    stages, the rates, the funding lines with their agreements, and the alarm tests."""
    from pam.monitor.indicators import share_done
    from pam.monitor.money import indicator_stalls
    from pam.monitor.results import rate

    limit = t.divergence
    paid_share = rate(r.paid, r.cost)
    cancelled = r.status == "cancelled"
    stalled = []
    for i in r.indicators:
        share = share_done(i)
        if share is not None:
            gap_ = (r.actual or 0.0) - share
            # the status's own rule (money.alarms_of): not on a cancelled action or indicator
            stalled.append({"id": i.id, "share": share, "gap": gap_,
                            "holds": indicator_stalls(r.actual, i, limit, cancelled),
                            "cancelled": "action" if cancelled else
                            "indicator" if i.status == "cancelled" else None})
    return {
        "budget": dict(sorted(action.budget.items())), "allocated": r.allocated,
        "committed": r.committed, "paid": r.paid,
        "paid_of_allocated": rate(r.paid, r.allocated),
        "committed_of_cost": rate(r.committed, r.cost),
        "funding": [{"source": f.source, "partner": f.partner, "amount": f.amount,
                     "agreement": None if f.agreement is None else {
                         "ref": f.agreement.ref, "signed": f.agreement.signed,
                         "status": f.agreement.status},
                     "signed_at_date": line[3] if line else False}
                    for f, line in _with_lines(action.funding, r.funding)],
        "own": r.own, "partner": r.partner, "partner_signed": r.partner_signed,
        "divergence": limit,
        "spending_ahead": None if paid_share is None else {
            "paid_share": paid_share, "progress": r.actual or 0.0,
            "gap": paid_share - (r.actual or 0.0),
            "holds": "spending_ahead" in r.alarms},
        "indicator_stalled": stalled,
        "alarms": list(r.alarms),
    }


def _with_lines(funding: list, lines: tuple) -> list:
    """Each funding line of the plan with its computed line (None without an amount)."""
    out, it = [], iter(lines)
    for f in funding:
        out.append((f, next(it) if f.amount is not None else None))
    return out


def indicator_steps(ind, r, as_of: dt.date, t) -> dict:
    """One indicator at the date: its definition, the planned point, the value used, the
    shortfall in points of its way and the status it gives."""
    from pam.monitor.indicators import planned_steps as ind_steps
    from pam.monitor.indicators import points_behind, share_done

    start = r.start if r.start is not None else (
        float(ind.targets[min(ind.targets)]) if ind.targets else None)
    behind = None
    if r.actual is not None and r.planned is not None and r.target is not None \
            and start is not None:
        behind = points_behind(r.actual, r.planned, r.target, start, r.direction)
    return {"result": r, "targets": dict(sorted(ind.targets.items())),
            "baseline": None if ind.baseline is None else {"value": ind.baseline.value,
                                                           "year": ind.baseline.year},
            "planned": ind_steps(ind, as_of), "points": behind, "share": share_done(r),
            "late": t.late, "at_risk": t.at_risk}


def _card_of(plan, project_id: str, action_id: str, report):
    """The card a report was read from (its project, period and an entry for the action)."""
    for c in plan.cards:
        if c.project == project_id and c.period == report.period \
                and any(e.action == action_id for e in c.actions):
            return c
    return None


def explain_node(plan, node_id: str, kind: str, status: Status, t) -> dict:
    """A node's figures at the status date: which actions entered its means and with which
    weight, what was left out and why, what counted as 0, and the status rules tried."""
    node: NodeResult | None
    if kind == "program":
        node = status.program
        ids = [x.id for x in plan.actions()]
    else:
        node = next((n for n in status.domains + status.axes + status.projects
                     if n.id == node_id), None)
        found = plan.find(node_id)[1]
        ids = _action_ids(found)
        if node is None:
            raise NotFound(f"{node_id} belongs to a level this PAC does not have (levels: "
                           "implicit in program.yaml): explain its children or its parent")
    wanted = set(ids)
    results = [a for a in status.actions if a.id in wanted]
    measured = [r for r in results if is_measured(r)]
    costed = [r for r in measured if r.cost]
    weight = sum(cast(float, r.cost) for r in costed)  # costed: each has a cost
    entered = [{"id": r.id, "status": r.status, "planned": r.planned, "actual": r.actual,
                "counted_as_zero": r.actual is None, "due": is_due(r), "cost": r.cost,
                "cost_share": (100 * r.cost / weight) if r.cost and weight else None}
               for r in measured]
    excluded = []
    for r in results:
        if r.status == "cancelled":
            excluded.append({"id": r.id, "reason": "cancelled",
                             "detail": f"its last report ({r.last_report}) says cancelled"})
        elif r.planned is None:
            excluded.append({"id": r.id, "reason": "no_target",
                             "detail": "no yearly target in the plan"
                             + (" (done all the same)" if r.status == "done" else "")})
    steps = node_steps(node, t)
    if steps[-1]["rule"] != node.rule:
        raise AssertionError(f"explain disagrees with the status of {node_id}")
    return {
        "id": node.id, "kind": node.kind, "name": node.name, "as_of": status.as_of,
        "node": node, "entered": entered, "excluded": excluded,
        "left_out": {k: v for k, v in node.excluded.items() if v and k in ("dropped", "added")},
        "steps": steps, "costed": len(costed), "weight": weight,
    }


def _action_ids(node) -> list[str]:
    if hasattr(node, "actions") and not hasattr(node, "projects"):
        return [x.id for x in node.actions]
    if hasattr(node, "projects"):
        return [x.id for p in node.projects for x in p.actions]
    return [x.id for a in node.axes for p in a.projects for x in p.actions]


def fmt(v) -> str:
    """A figure to 2 decimals as JSON prints it, without trailing zeros; '—' for None."""
    if v is None:
        return "—"
    return f"{r2(v):.2f}".rstrip("0").rstrip(".")
