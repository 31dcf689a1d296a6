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


def render_history(plan: Plan, action: Action, rows: list[dict], shape):
    from rich.console import Group
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from pam.render.status_view import bar, pct, var

    title = Text(f"{action.id} ", style="bold")
    title.append(shape(action.text))
    t = Table(show_edge=False, pad_edge=False, header_style="bold")
    for col in ("date", "period", "plan", "actual", "var", "progress", "spent", "state", "note"):
        t.add_column(col, no_wrap=col != "note", justify="right" if col in
                     ("plan", "actual", "var", "spent") else "left")
    for row in rows:
        if row["kind"] == "target":
            t.add_row(row["date"], "target", pct(row["planned"]), "", "", "", "", "",
                      "", style="dim")
            continue
        note = row["note"] or ""
        if row["correction"]:
            note = f"correction: {row['correction']}" + (f" · {note}" if note else "")
        t.add_row(row["date"], row["period"], pct(row["planned"]), pct(row["actual"]),
                  var(row["actual"], row["planned"]), bar(row["actual"], row["planned"]),
                  "" if row["spent"] is None else f"{row['spent']:g}", row["state"] or "",
                  escape(shape(note)))
    if not any(r["kind"] == "report" for r in rows):
        return Group(title, t, Text("No report yet for this action.", style="yellow"))
    return Group(title, t)
