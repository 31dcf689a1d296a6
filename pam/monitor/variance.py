"""Variance, earned value and status of one action at a date, from its reports (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from pam.monitor.indicators import compute_indicator
from pam.monitor.money import alarms_of, allocated_at, funding_lines
from pam.monitor.results import STATUSES, ActionResult, NodeResult, gap
from pam.monitor.rollup import classify, div, roll_up
from pam.monitor.schedule import planned_at

if TYPE_CHECKING:
    from pam.model import Action, Card, Entry, Thresholds

__all__ = ["STATUSES", "ActionResult", "NodeResult", "Report", "classify", "compute_action",
           "latest_on", "reports_by_action", "roll_up"]


@dataclass(frozen=True)
class Report:
    """One action's reported values on one date (from a card entry)."""

    date: dt.date
    period: str
    progress: float
    spent: float | None  # what was paid (`paid`, or its older name `spent`)
    state: str
    note: str | None
    correction: str | None
    reporter: str | None
    committed: float | None = None
    indicators: dict = field(default_factory=dict)  # indicator id -> value measured

    @property
    def paid(self) -> float | None:
        return self.spent


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
    # a read entry's indicators: a dict without empty values (pam.model._measured_only)
    return Report(card.measured_on(e), card.period, e.progress, e.paid_value, e.state, e.note,
                  e.correction, card.reporter, e.committed, cast("dict[str, float]", e.indicators))


def latest_on(reports: list[Report], as_of: dt.date) -> Report | None:
    last = None
    for r in reports:
        if r.date <= as_of:
            last = r
        else:
            break
    return last


def series_of(reports: list[Report], indicator_id: str) -> list[tuple[dt.date, float]]:
    """(date, value) of one indicator from reports, oldest first."""
    return [(r.date, r.indicators[indicator_id]) for r in reports
            if indicator_id in r.indicators]


def compute_action(x: Action, project_id: str, reports: list[Report], as_of: dt.date,
                   t: Thresholds) -> ActionResult:
    planned = planned_at(x.targets, as_of)
    last = latest_on(reports, as_of)
    actual = last.progress if last else None
    variance = gap(actual, planned)  # as JSON prints it: 2-decimal actual - 2-decimal planned
    status = classify(planned, actual, last is not None, t,
                      cancelled=last is not None and last.state == "cancelled")
    stale = bool(last and status != "done" and (as_of - last.date).days > t.stale_days)
    cost = x.cost_value
    spent = last.spent if last else None
    pv = cost * planned / 100 if cost is not None and planned is not None else None
    ev = cost * actual / 100 if cost is not None and actual is not None else None
    cpi = div(ev, spent)
    cancelled = status == "cancelled"
    indicators = tuple(compute_indicator(i, x.id, series_of(reports, i.id), as_of, t, cancelled)
                       for i in x.indicators if i.id)
    return ActionResult(
        id=x.id, project=project_id, text=x.text, planned=planned, actual=actual,
        variance=variance, status=status, stale=stale, last_report=last.date if last else None,
        cost=cost, spent=spent, pv=pv, ev=ev, ac=spent, spi=div(ev, pv), cpi=cpi,
        state=last.state if last else None,
        allocated=allocated_at(x.budget, as_of),
        committed=last.committed if last else None,
        funding=funding_lines(x.funding, as_of), indicators=indicators,
        alarms=alarms_of(actual, cost, spent, indicators, t, cancelled),
    )

