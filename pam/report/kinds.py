"""The data of each report kind (pure): plan + dates -> a dict the templates render.

card        one project's half-monthly card (بطاقة تتبع المشروع)
semiannual  the monitoring report of a half year to the council president (تقرير التتبع)
annual      the annual evaluation report, decree 2.16.301 art. 14 (التقرير السنوي للتقييم)
public      the summary posted at the commune's seat, art. 15 (ملخص للعموم)
steering    the quarterly steering-committee dashboard (لوحة قيادة هيأة القيادة)
"""

from __future__ import annotations

import datetime as dt

from pam.errors import UsageError
from pam.monitor.discipline import reporting_discipline, totals
from pam.monitor.results import gap, grade, shown
from pam.monitor.schedule import planned_at, year_end
from pam.monitor.status import default_as_of, project_indicators
from pam.monitor.variance import compute_action
from pam.periods import period_bounds
from pam.plan import Plan
from pam.report import spans
from pam.report.amendments import amendments_in
from pam.report.completion import completed_in, completion, with_start
from pam.report.governance import council_review, follow_up
from pam.report.remarks import analyse, card_remarks, risk_matrix
from pam.report.resources import (
    has_money,
    indicator_groups,
    indicator_row,
    money_row,
    money_rows,
    source_rows,
)
from pam.report.series import progress_series, series_dates
from pam.report.shared import (
    action_rows,
    cards_of,
    memo,
    node_row,
    report_meta,
    reports_of,
    status_at,
)
from pam.report.summary import annual_summary, public_summary

WORSE = {"done": 0, "on_track": 1, "not_due": 1, "no_target": 1, "cancelled": 1, "at_risk": 2,
         "late": 3, "unreported": 3}


def resolve_as_of(plan: Plan, span: spans.Span, explicit: dt.date | None) -> dt.date:
    """The measuring date of a report on `span`: its end, capped to the data's own date
    (an example's as_of, or today); an explicit --as-of wins but stays inside the span."""
    day = min(explicit or default_as_of(plan), span.end)
    if day < span.start:
        raise UsageError(
            f"{span.label} starts on {span.start}, after the as-of date {day}: there is no data "
            "for it yet; choose an earlier period or pass --as-of")
    return day


def _program_start(plan: Plan) -> dt.date:
    return dt.date(plan.loaded_program.period.start, 1, 1)


def _series(plan: Plan, as_of: dt.date, nodes: list[str]) -> dict:
    dates = series_dates(_program_start(plan), as_of)
    series = memo(plan, ("series", as_of), lambda: progress_series(plan, dates))
    return {node: [(p.date, p.planned, p.actual) for p in series.get(node, [])]
            for node in nodes}


def _budget(status) -> list[dict]:
    return [{"id": d.id, "cost": d.cost, "pv": d.pv, "ev": d.ev, "spent": d.ac,
             "allocated": d.money["allocated"] if d.money["budgeted"] else None,
             "committed": d.money["committed"] if d.money["committed_known"] else None,
             "paid": d.money["paid"]}
            for d in status.domains]


def _money(plan: Plan, status, before=None) -> dict:
    """The money tables of a report: by domain, the program's total, by funding source, and
    which parts the plan and cards give at all."""
    return {"domains": money_rows(plan, status, before),
            "total": money_row(status.program, before.program if before else None),
            "sources": source_rows(status), "has": has_money(status)}


def _by_variance(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["variance"] if r["variance"] is not None else 0.0,
                                       r["id"]))


# --- card ----------------------------------------------------------------------------------

def build_card(plan: Plan, project_id: str, period: str, as_of: dt.date | None = None,
               commit: dict | None = None) -> dict:
    """One project's card for a half month, with each action's plan, actual and status."""
    found = plan.find(project_id)
    if found is None or found[0] != "project":
        raise UsageError(f"no project '{project_id}' in the plan (pam tree lists the ids)")
    project, (domain, axis) = found[1], found[2]
    span = spans.half_month(period)
    cards = cards_of(plan, project.id)
    same = [c for c in cards if c.period == period]
    card = min(same, key=lambda c: c.date) if same else None
    day = card.date if card else min(span.end, as_of or default_as_of(plan))
    t = plan.loaded_program.thresholds
    reports = reports_of(plan)
    entries = {e.action: e for e in card.actions} if card else {}
    rows, indicators, results = [], [], []
    for x in project.actions:
        r = compute_action(x, project.id, reports.get(x.id, []), day, t)
        e = entries.get(x.id)
        rows.append({
            "id": x.id, "text": x.text, "text_fr": x.text_fr, "cost": x.cost_value,
            "cost_status": x.cost_status,
            "planned": r.planned, "actual": r.actual, "variance": r.variance,
            "status": r.status, "spent": r.spent, "state": r.state,
            "committed": r.committed, "paid": r.paid, "allocated": r.allocated,
            "alarms": list(r.alarms),
            "on_card": e is not None, "last_report": r.last_report,
            "note": e.note if e else None, "correction": e.correction if e else None,
        })
        indicators += [indicator_row(plan, i) for i in r.indicators]
        results.append(r)
    indicators += [indicator_row(plan, i)
                   for i in project_indicators(project, reports, day, t, results)]
    earlier = [c for c in cards if c.date < span.start]
    previous = max(earlier, key=lambda c: (c.date, c.period)) if earlier else None
    status = status_at(plan, day)
    return {
        "kind": "card",
        "meta": report_meta(plan, "card", period, day, start=span.start, end=span.end,
                            commit=commit),
        "program": node_row(plan, status.program),
        "node": next((node_row(plan, n) for n in status.projects if n.id == project.id), None),
        "project": {"id": project.id, "name": project.name, "head": project.head,
                    "service": project.service, "location": project.location,
                    "domain": {"id": domain.id, "name": domain.name},
                    "axis": {"id": axis.id, "name": axis.name}},
        "card": None if card is None else {
            "date": card.date, "reporter": card.reporter, "example": card.example,
            "remarks": card_remarks(card, project.name),
            "next_steps": [t for t in card.next_steps if t.strip()],
            "notes": list(card.notes)},
        "previous": None if previous is None else {"period": previous.period,
                                                   "date": previous.date},
        "rows": rows,
        "indicators": indicators,
    }


def latest_card_period(plan: Plan, project_id: str, as_of: dt.date) -> str | None:
    cards = [c for c in cards_of(plan, project_id) if c.date <= as_of]
    return max(cards, key=lambda c: (c.date, c.period)).period if cards else None


# --- semiannual ----------------------------------------------------------------------------

def build_semiannual(plan: Plan, span: spans.Span, as_of: dt.date,
                     commit: dict | None = None) -> dict:
    """The half-year monitoring report to the council president."""
    status = status_at(plan, as_of)
    actions = action_rows(plan, status)
    discipline = reporting_discipline(plan, span.start, as_of)
    projects = [node_row(plan, n) for n in status.projects]
    return {
        "kind": "semiannual",
        "meta": report_meta(plan, "semiannual", span.label, as_of, start=span.start,
                            end=span.end, commit=commit),
        "program": node_row(plan, status.program),
        "domains": [node_row(plan, n) for n in status.domains],
        "axes": [node_row(plan, n) for n in status.axes],
        "projects": projects,
        "late": _by_variance([a for a in actions if a["status"] == "late"]),
        "at_risk": _by_variance([a for a in actions if a["status"] == "at_risk"]),
        "remarks": analyse(plan, span.start, as_of),
        "discipline": discipline,
        "discipline_total": totals(discipline),
        "budget": _budget(status),
        "money": _money(plan, status),
        "physical": indicator_groups(plan, status),
        "series": _series(plan, as_of, [plan.loaded_program.id] + [p["id"] for p in projects]),
    }


# --- annual --------------------------------------------------------------------------------

def _year_target(targets: dict, year: int) -> tuple[float | None, str]:
    if year in targets:
        return float(targets[year]), "printed"
    value = planned_at(targets, year_end(year))
    return (value, "interpolated") if value is not None else (None, "none")


def _with_start(plan: Plan, nodes, before_nodes, t) -> list[dict]:
    """Node rows with their grade and their figures at the start of the period."""
    old = {n.id: n for n in before_nodes}
    return [with_start({**node_row(plan, n), "grade": grade(gap(n.actual, n.planned, 0), t)},
                       old.get(n.id)) for n in nodes]


def build_annual(plan: Plan, span: spans.Span, as_of: dt.date,
                 commit: dict | None = None) -> dict:
    """The annual evaluation report (decree 2.16.301 art. 14) for the year of `span`, in the
    order it is read: its summary, the completion of the programmed projects, the progress
    of the year beside the cumulative one, the indicators, the resources, the obstacles with
    their solutions, the amendments, the council's word, the annexes."""
    year = int(span.label)
    status = status_at(plan, as_of)
    before = status_at(plan, dt.date(year - 1, 12, 31))
    t = plan.loaded_program.thresholds
    spent_before = {a.id: a.spent for a in before.actions}
    dom_before = {d.id: d.ac for d in before.domains}
    indicators = []
    for a in status.actions:
        x = plan.find(a.id)[1]
        target, how = _year_target(x.targets, year)
        gap_ = a.actual - target if a.actual is not None and target is not None else None
        if target is not None and a.actual is None:
            gap_ = -target
        indicators.append({
            "id": a.id, "text": a.text, "text_fr": x.text_fr, "project": a.project,
            "target": target,
            "target_kind": how, "actual": a.actual, "gap": gap_,
            "attainment": (100 * (a.actual or 0.0) / target) if target else None,
            "status": a.status,
            "spent_year": (a.spent - (spent_before.get(a.id) or 0.0))
            if a.spent is not None else None,
        })
    resources = []
    for d_row, d in zip(_budget(status), plan.domains, strict=True):
        xs = [x for a in d.axes for p in a.projects for x in p.actions]
        kinds = {k: sum(1 for x in xs if x.cost_status == k)
                 for k in ("costed", "no_cost", "not_fixed", "blank")}
        spent_year = d_row["spent"] - (dom_before.get(d.id) or 0.0)
        resources.append({**d_row, "name": d.name, "costs": kinds, "spent_year": spent_year})
    projects = _with_start(plan, status.projects, before.projects, t)
    data = {
        "kind": "annual",
        "meta": report_meta(plan, "annual", span.label, as_of, start=span.start, end=span.end,
                            commit=commit),
        "year": year,
        "program": _with_start(plan, [status.program], [before.program], t)[0],
        "headline": headline(status.program, t),
        "completion": completion(plan, status, before),
        "completed": completed_in(plan, status, before),
        "declared": declared_vs_found(plan),
        "domains": _with_start(plan, status.domains, before.domains, t),
        "axes": _with_start(plan, status.axes, before.axes, t),
        "projects": projects,
        "indicators": [{"domain": d.id, "name": d.name,
                        "rows": [r for r in indicators if r["id"].startswith(d.id + ".")]}
                       for d in plan.domains],
        "physical": indicator_groups(plan, status, year),
        "money": _money(plan, status, before),
        "resources": resources,
        "resources_total": {
            "cost": status.program.cost, "pv": status.program.pv, "ev": status.program.ev,
            "spent": status.program.ac,
            "spent_year": status.program.ac - before.program.ac,
            "costs": {k: sum(r["costs"][k] for r in resources)
                      for k in ("costed", "no_cost", "not_fixed", "blank")}},
        "budget": _budget(status),
        "remarks": analyse(plan, span.start, as_of),
        "amendments": amendments_in(plan, span.start, span.end),
        "council": council_review(plan, year),
        "series": _series(plan, as_of, [plan.loaded_program.id] + [p["id"] for p in projects]),
    }
    data["summary"] = annual_summary(data)
    return data


# --- public --------------------------------------------------------------------------------

def build_public(plan: Plan, span: spans.Span, as_of: dt.date,
                 commit: dict | None = None) -> dict:
    """The public summary of the year of `span` (art. 15): the summary of that year's annual
    report, with the same figures (pam.report.summary.public_summary)."""
    return public_summary(build_annual(plan, span, as_of, commit=commit))


# --- headlines and the plan against its source ----------------------------------------------



def headline(n, t) -> dict:
    """The headline figures of a node, each named: the simple mean and the cost-weighted
    mean, planned and actual as shown, their variance and its grade."""
    def figure(actual, planned) -> dict:
        v = gap(actual, planned, 0)
        return {"actual": shown(actual), "planned": shown(planned), "variance": v,
                "grade": grade(v, t)}

    return {"simple": figure(n.actual, n.planned),
            "cost_weighted": figure(n.actual_cost_weighted, n.planned_cost_weighted),
            "reported": figure(n.actual_reported, n.planned_reported)}


def declared_vs_found(plan: Plan) -> dict | None:
    """The adopted PAC's declared counts (its summary table) beside what the plan holds, per
    domain and in total, with the reason the plan gives; None without a declared table."""
    declared = plan.loaded_program.declared
    if declared is None:
        return None

    def found(domains) -> dict:
        projects = [p for d in domains for a in d.axes for p in a.projects]
        adopted = sum(1 for p in projects for x in p.actions if not x.added_by) + sum(
            plan.left_out.get(p.id, {}).get("dropped", 0) for p in projects)
        return {"axes": sum(len(d.axes) for d in domains), "projects": len(projects),
                "actions": adopted}

    def row(label, name, d, f) -> dict:
        counts = {k: {"declared": getattr(d, k), "found": f[k]}
                  for k in ("axes", "projects", "actions")}
        return {"id": label, "name": name, "printed": d.name, **counts,
                "differs": any(c["declared"] != c["found"] for c in counts.values())}

    by_id = {d.id: d for d in plan.domains}
    rows = [row(r.domain, by_id[r.domain].name, r, found([by_id[r.domain]]))
            for r in declared.domains if r.domain in by_id]
    total = row(None, None, declared.total, found(plan.domains)) \
        if declared.total is not None else None
    return {"rows": rows, "total": total, "reason": declared.reason,
            "differs": any(r["differs"] for r in rows) or bool(total and total["differs"])}


# --- steering ------------------------------------------------------------------------------

def build_steering(plan: Plan, span: spans.Span, as_of: dt.date,
                   commit: dict | None = None) -> dict:
    """The quarterly dashboard: what needs a decision (each project with its head and
    service), the difficulties and solutions of the quarter's cards, the risks by likelihood
    and impact, the follow-up of the committee's decisions, what moved since last quarter."""
    prev_day = span.start - dt.timedelta(days=1)
    now, prev = status_at(plan, as_of), status_at(plan, prev_day)

    def moved(cur_nodes, old_nodes):
        old = {n.id: n for n in old_nodes}
        rows = []
        for n in cur_nodes:
            o = old[n.id]
            row = node_row(plan, n)
            row.update(actual_prev=o.actual, planned_prev=o.planned, status_prev=o.status,
                       delta=(n.actual or 0.0) - (o.actual or 0.0)
                       if n.actual is not None else None)
            rows.append(row)
        return rows

    old_actions = {a.id: a for a in prev.actions}
    actions = action_rows(plan, now)
    completed = [a for a in actions if a["status"] == "done"
                 and old_actions[a["id"]].status != "done"]
    worsened = [dict(a, status_prev=old_actions[a["id"]].status) for a in actions
                if WORSE[a["status"]] > WORSE[old_actions[a["id"]].status]]
    t = plan.loaded_program.thresholds
    discipline = {r["project"]: r for r in reporting_discipline(plan, span.start, as_of)}
    remarks = analyse(plan, span.start, as_of)  # the cards of the quarter
    decisions = []
    for n in now.projects:
        c = n.counts
        last = discipline[n.id]["last_card"]
        stale = last is not None and (as_of - last).days > t.stale_days and c["done"] < len(
            plan.find(n.id)[1].actions)
        if c["late"] or c["at_risk"] or c["unreported"] or stale:
            project = plan.find(n.id)[1]
            decisions.append({**node_row(plan, n), "late": c["late"], "at_risk": c["at_risk"],
                              "unreported": c["unreported"], "stale_card": stale,
                              "last_card": last, "missing": discipline[n.id]["missing"],
                              "head": project.head, "service": project.service})
    return {
        "kind": "steering",
        "meta": report_meta(plan, "steering", span.label, as_of, start=span.start,
                            end=span.end, commit=commit),
        "previous_as_of": prev_day,
        "stale_days": t.stale_days,
        "program": moved([now.program], [prev.program])[0],
        "domains": moved(now.domains, prev.domains),
        "projects": moved(now.projects, prev.projects),
        "completed": completed,
        "worsened": worsened,
        "decisions": decisions,
        "remarks": remarks,
        "risks": risk_matrix(remarks),
        "follow_up": follow_up(plan, span.start, as_of),
        "late": _by_variance([a for a in actions if a["status"] == "late"]),
        "at_risk": _by_variance([a for a in actions if a["status"] == "at_risk"]),
        "budget": _budget(now),
        "series": _series(plan, as_of, [plan.loaded_program.id] + [d.id for d in now.domains]),
    }


def card_span_default(plan: Plan, project_id: str, as_of: dt.date) -> str:
    """The period of the project's latest card up to `as_of`, else the half month of `as_of`."""
    from pam.periods import period_of

    return latest_card_period(plan, project_id, as_of) or period_of(as_of)


__all__ = ["build_card", "build_semiannual", "build_annual", "build_public", "build_steering",
           "resolve_as_of", "card_span_default", "period_bounds"]
