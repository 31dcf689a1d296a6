"""An action's reports over time beside its planned curve, and one of its indicators beside
its progress (pam history)."""

from __future__ import annotations

from typing import cast

from pam.model import Action, Project
from pam.monitor.indicators import measured, planned_value
from pam.monitor.results import gap
from pam.monitor.schedule import planned_at, year_end
from pam.monitor.variance import reports_by_action, series_of
from pam.plan import Plan


def action_history(plan: Plan, action: Action, indicator=None) -> list[dict]:
    """One row per report, oldest first, with the plan at that date; year ends in between.
    With `indicator` (one of the action's or its project's): its plan and the value used at
    each row's date, beside the progress."""
    reports = reports_by_action(plan.cards).get(action.id, [])
    series = _series(plan, action, indicator) if indicator is not None else []
    rows = []
    for r in reports:
        planned = planned_at(action.targets, r.date)
        rows.append({
            "date": r.date.isoformat(), "period": r.period, "kind": "report",
            "planned": _r(planned), "actual": _r(r.progress),
            "variance": gap(r.progress, planned),  # as printed: 2-decimal figures
            "spent": r.spent, "committed": r.committed, "paid": r.paid, "state": r.state,
            "note": r.note, "correction": r.correction, "reporter": r.reporter,
            **_indicator_at(indicator, series, r.date),
        })
    for year in plan.loaded_program.years:
        if year in action.targets:
            rows.append({"date": year_end(year).isoformat(), "period": None, "kind": "target",
                         "planned": _r(action.targets[year]), "actual": None, "variance": None,
                         "spent": None, "committed": None, "paid": None, "state": None,
                         "note": None, "correction": None, "reporter": None,
                         **_indicator_at(indicator, series, year_end(year), target=True)})
    rows.sort(key=lambda row: (row["date"], row["kind"] != "target"))
    return rows


def _series(plan: Plan, action: Action, indicator) -> list:
    """(date, value) of the indicator, from the reports of the lines that carry it (the
    action's, or any of its project's for a project's indicator)."""
    reports = reports_by_action(plan.cards)
    project = cast(Project, plan.project_of(action.id))  # an action of the plan: its project
    carriers = [action] if indicator in action.indicators else list(project.actions)
    return sorted(p for x in carriers for p in series_of(reports.get(x.id, []), indicator.id))


def _indicator_at(indicator, series: list, day, target: bool = False) -> dict:
    if indicator is None:
        return {}
    planned = planned_value(indicator, day)
    found = None if target else measured(series, day, indicator.cumulative)
    return {"indicator": {"id": indicator.id, "unit": indicator.unit, "planned": _r(planned),
                          "actual": found[1] if found else None}}


def indicators_of(plan: Plan, action: Action) -> list:
    """The indicators `pam history ACTION --indicator` may show: the action's, then its
    project's (with an id)."""
    project = cast(Project, plan.project_of(action.id))  # an action of the plan: its project
    return [i for i in list(action.indicators) + list(project.indicators) if i.id]


def _r(v):
    return None if v is None else round(v, 2)


def render_history(plan: Plan, action: Action, rows: list[dict], term, indicator=None) -> None:
    """The history as a table into `term`: the amounts committed and paid, the indicator's
    plan and value beside the progress when one is chosen, the notes wrapped in their column,
    in reading order (pam.render.term.grid)."""
    from pam.i18n.terminal import t
    from pam.render.status_view import BAR_FROM, bar, pct, var
    from pam.render.term import Styled, grid
    from pam.render.text import fmt_num

    term.print(Styled(f"{action.id} ", "bold").append(action.text, None, join=False),
               by_part=True, indent="    ")
    if indicator is not None:
        unit = f" ({indicator.unit})" if indicator.unit else ""
        term.print(Styled(f"{t('history.indicator')} {indicator.id} ", "bold")
                   .append(indicator.name.ar + unit, None, join=False),
                   by_part=True, indent="    ")

    def amount(v):
        return "" if v is None else f"{v:g}"

    table: list[tuple[list, str | None]] = []
    for row in rows:
        ind = row.get("indicator")
        extra = [fmt_num(ind["planned"]) if ind["planned"] is not None else "",
                 fmt_num(ind["actual"]) if ind["actual"] is not None else ""] if ind else []
        if row["kind"] == "target":
            table.append(([row["date"], t("history.target"), pct(row["planned"]), "", "", "",
                           "", "", *extra, "", ""], "dim"))
            continue
        note = row["note"] or ""
        if row["correction"]:
            note = t("history.correction", reason=row["correction"]) + (f" · {note}" if note
                                                                       else "")
        table.append(([row["date"], row["period"], pct(row["planned"]), pct(row["actual"]),
                       var(row["actual"], row["planned"]), bar(row["actual"], row["planned"]),
                       amount(row["committed"]), amount(row["paid"]), *extra,
                       row["state"] or "", note], None))
    headers = [t("history.date"), t("history.period"), t("col.plan"), t("col.done"),
               t("col.var"), t("col.progress"), t("history.committed"), t("history.paid")]
    aligns = "llrrrlrr"
    if indicator is not None:
        headers += [t("history.ind_plan"), t("history.ind_actual")]
        aligns += "rr"
    headers += [t("history.state"), t("history.note")]
    aligns += "ll"
    if term.width < BAR_FROM:  # the bar gives way to the notes
        table = [(cells[:5] + cells[6:], style) for cells, style in table]
        headers, aligns = headers[:5] + headers[6:], aligns[:5] + aligns[6:]
    last = len(headers) - 1
    term.rows(grid(headers, aligns, table, width=term.width, shape=term.shape,
                   flex=(last,), wrapped=(last,), mins={last: 12}))
    if not any(r["kind"] == "report" for r in rows):
        term.print(t("history.none"), "yellow")
