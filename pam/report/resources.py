"""The reports' money and indicator tables (pure): the stages by domain, the funding by domain
and by source, and the physical indicators measured (decree 2.16.301 art. 14: the resources
allocated, the effectiveness indicators measured). Every figure is the status's own
(pam.monitor.money, pam.monitor.indicators), never recomputed here."""

from __future__ import annotations

from pam.monitor.results import IndicatorResult, Status, rate
from pam.plan import Plan


def money_row(node, before=None) -> dict:
    """A node's money as a report row: the stages, the rates and the funding of
    `pam status --format json` (its `money`), with what was allocated and paid during the
    period when the status at its start (`before`) is given."""
    m = node.money
    row = {"id": node.id, **m}
    if before is not None:
        row["allocated_period"] = m["allocated"] - before.money["allocated"]
        row["paid_period"] = m["paid"] - before.money["paid"]
    return row


def money_rows(plan: Plan, status: Status, before: Status | None = None) -> list[dict]:
    """One money row per domain, with the domain's name (both languages)."""
    old = {n.id: n for n in before.domains} if before is not None else {}
    names = {d.id: d.name for d in plan.domains}
    return [{**money_row(n, old.get(n.id)), "name": names.get(n.id)} for n in status.domains]


def has_money(status: Status) -> dict:
    """Which parts of the money the plan and the cards give at all (a report leaves out the
    tables of the others and says so): credits, commitments, funding."""
    m = status.program.money
    return {"allocated": m["budgeted"] > 0, "committed": m["committed_known"] > 0,
            "funding": m["funded"] > 0}


def indicator_row(plan: Plan, r: IndicatorResult, year: int | None = None) -> dict:
    """One measured indicator for a report table: its names (both languages), unit,
    direction, baseline, the target of the report's year, and the status's figures."""
    found = plan.find(r.owner)
    node = found[1] if found else None
    ind = next((i for i in getattr(node, "indicators", []) if i.id == r.id), None)
    year_target = None
    if ind is not None and year is not None:
        year_target = ind.targets.get(year)
    return {"id": r.id, "owner": r.owner, "name": ind.name if ind else r.name,
            "unit": r.unit, "direction": r.direction, "cumulative": r.cumulative,
            "baseline": ind.baseline.value if ind is not None and ind.baseline else None,
            "start": r.start, "target": r.target, "year_target": year_target,
            "planned": r.planned, "actual": r.actual, "variance": r.variance,
            "status": r.status, "measured_on": r.measured_on,
            "attainment": _attainment(r)}


def _attainment(r: IndicatorResult) -> float | None:
    """The share of the planned change achieved: (actual - start) / (planned - start), in
    percent; None when the plan has not moved or the value is unknown."""
    if r.actual is None or r.planned is None or r.start is None:
        return None
    if not r.cumulative and r.direction == "down":
        return None  # a yearly amount to keep low: no share of a change to achieve
    return rate(r.actual - r.start, r.planned - r.start)


def indicator_groups(plan: Plan, status: Status, year: int | None = None) -> list[dict]:
    """The indicators measured, by domain: each domain's rows (its actions' indicators in
    plan order, then its projects' own) and its sums where units agree."""
    out = []
    by_domain = {n.id: n for n in status.domains}
    own = {p.id: p.project_indicators for p in status.projects}
    for d in plan.domains:
        rows = []
        for a in d.axes:
            for p in a.projects:
                rows += [indicator_row(plan, i, year) for r in status.actions
                         if r.project == p.id for i in r.indicators]
                rows += [indicator_row(plan, i, year) for i in own.get(p.id, ())]
        node = by_domain.get(d.id)
        out.append({"domain": d.id, "name": d.name, "rows": rows,
                    "totals": node.indicators if node is not None else []})
    return out


def source_rows(status: Status) -> list[dict]:
    """The program's funding by source (own resources, then each partner by amount)."""
    return list(status.program.money["sources"])
