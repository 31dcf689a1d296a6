"""An action's reports over time beside its planned curve (pam history)."""

from __future__ import annotations

from pam.model import Action
from pam.monitor.results import gap
from pam.monitor.schedule import planned_at, year_end
from pam.monitor.variance import reports_by_action
from pam.plan import Plan


def action_history(plan: Plan, action: Action) -> list[dict]:
    """One row per report, oldest first, with the plan at that date; year ends in between."""
    reports = reports_by_action(plan.cards).get(action.id, [])
    rows = []
    for r in reports:
        planned = planned_at(action.targets, r.date)
        rows.append({
            "date": r.date.isoformat(), "period": r.period, "kind": "report",
            "planned": _r(planned), "actual": _r(r.progress),
            "variance": gap(r.progress, planned),  # as printed: 2-decimal figures
            "spent": r.spent, "state": r.state, "note": r.note, "correction": r.correction,
            "reporter": r.reporter,
        })
    for year in plan.program.years:
        if year in action.targets:
            rows.append({"date": year_end(year).isoformat(), "period": None, "kind": "target",
                         "planned": _r(action.targets[year]), "actual": None, "variance": None,
                         "spent": None, "state": None, "note": None, "correction": None,
                         "reporter": None})
    rows.sort(key=lambda row: (row["date"], row["kind"] != "target"))
    return rows


def _r(v):
    return None if v is None else round(v, 2)


def render_history(plan: Plan, action: Action, rows: list[dict], term) -> None:
    """The history as a table into `term`: the notes wrapped in their column, in reading
    order (pam.render.term.grid)."""
    from pam.i18n.terminal import t
    from pam.render.status_view import BAR_FROM, bar, pct, var
    from pam.render.term import Styled, grid

    term.print(Styled(f"{action.id} ", "bold").append(action.text, None, join=False),
               by_part=True, indent="    ")
    table = []
    for row in rows:
        if row["kind"] == "target":
            table.append(([row["date"], t("history.target"), pct(row["planned"]), "", "", "",
                           "", "", ""], "dim"))
            continue
        note = row["note"] or ""
        if row["correction"]:
            note = t("history.correction", reason=row["correction"]) + (f" · {note}" if note
                                                                       else "")
        table.append(([row["date"], row["period"], pct(row["planned"]), pct(row["actual"]),
                       var(row["actual"], row["planned"]), bar(row["actual"], row["planned"]),
                       "" if row["spent"] is None else f"{row['spent']:g}", row["state"] or "",
                       note], None))
    headers = [t("history.date"), t("history.period"), t("col.plan"), t("col.done"),
               t("col.var"), t("col.progress"), t("history.spent"), t("history.state"),
               t("history.note")]
    aligns = "llrrrlrll"
    if term.width < BAR_FROM:  # the bar gives way to the notes
        table = [(cells[:5] + cells[6:], style) for cells, style in table]
        headers, aligns = headers[:5] + headers[6:], aligns[:5] + aligns[6:]
    last = len(headers) - 1
    term.rows(grid(headers, aligns, table, width=term.width, shape=term.shape,
                   flex=(last,), wrapped=(last,), mins={last: 12}))
    if not any(r["kind"] == "report" for r in rows):
        term.print(t("history.none"), "yellow")
