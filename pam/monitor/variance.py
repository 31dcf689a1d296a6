"""Variance, earned value and status per action, and roll-ups per node (pure functions)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from pam.model import Action, Card, Entry, Thresholds
from pam.monitor.results import STATUSES, ActionResult, NodeResult
from pam.monitor.schedule import planned_at

__all__ = ["STATUSES", "ActionResult", "NodeResult", "Report", "classify", "compute_action",
           "latest_on", "reports_by_action", "roll_up"]


@dataclass(frozen=True)
class Report:
    """One action's reported values on one date (from a card entry)."""

    date: dt.date
    period: str
    progress: float
    spent: float | None
    state: str
    note: str | None
    correction: str | None
    reporter: str | None


def reports_by_action(cards: list[Card]) -> dict[str, list[Report]]:
    """Every action's reports, oldest first (ties by period, then the order on the card)."""
    out: dict[str, list[Report]] = {}
    for card in cards:
        for e in card.actions:
            out.setdefault(e.action, []).append(_report(card, e))
    for reports in out.values():
        reports.sort(key=lambda r: (r.date, r.period))
    return out


def _report(card: Card, e: Entry) -> Report:
    return Report(card.measured_on(e), card.period, e.progress, e.spent, e.state, e.note,
                  e.correction, card.reporter)


def latest_on(reports: list[Report], as_of: dt.date) -> Report | None:
    last = None
    for r in reports:
        if r.date <= as_of:
            last = r
        else:
            break
    return last


def classify(planned: float | None, actual: float | None, reported: bool,
             t: Thresholds) -> str:
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


def _div(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def compute_action(x: Action, project_id: str, reports: list[Report], as_of: dt.date,
                   t: Thresholds) -> ActionResult:
    planned = planned_at(x.targets, as_of)
    last = latest_on(reports, as_of)
    actual = last.progress if last else None
    variance = actual - planned if actual is not None and planned is not None else None
    status = classify(planned, actual, last is not None, t)
    stale = bool(last and status != "done" and (as_of - last.date).days > t.stale_days)
    cost = x.cost_value
    spent = last.spent if last else None
    pv = cost * planned / 100 if cost is not None and planned is not None else None
    ev = cost * actual / 100 if cost is not None and actual is not None else None
    cpi = _div(ev, spent)
    return ActionResult(
        id=x.id, project=project_id, text=x.text, planned=planned, actual=actual,
        variance=variance, status=status, stale=stale, last_report=last.date if last else None,
        cost=cost, spent=spent, pv=pv, ev=ev, ac=spent, spi=_div(ev, pv), cpi=cpi,
        eac=_div(cost, cpi), state=last.state if last else None,
    )


def roll_up(node_id: str, name: str, kind: str, results: list[ActionResult],
            t: Thresholds) -> NodeResult:
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
        spi=_div(ev, pv), cpi=_div(ev, ac), cost=sum(r.cost or 0.0 for r in results),
        counts={s: counts.get(s, 0) for s in STATUSES}, stale=sum(r.stale for r in results),
    )
