"""Open data of the plan and its progress: public tables as CSV (UTF-8 with a byte-order mark,
so that Excel shows Arabic) and JSON, described by a Frictionless Data Package
(datapackage.json: a Table Schema per table, keys between them) that `frictionless validate`
accepts. What the commune keeps internal (`public:` in program.yaml) is never in them.

Tables (each as NAME.csv; plan and progress also as NAME.json, the same rows):
  plan        every action of the plan (dropped ones too, with the amendment): its domain,
              axis and project with their names, text, cost, cost kind, cumulative targets by
              year, credits by budget year
  nodes       the program, every domain, axis and project at the as-of date: the figures of
              `pam status --format json` (planned, actual, variance, status, cost-weighted
              means, cost and money in stages, counts)
  progress    every action at the as-of date (the actions of `pam export csv`'s table)
  cards       every line of every card: project, half month, date, action, progress, state,
              committed, paid (reporter and notes only when public)
  indicators  the physical indicators measured at the date; funding: the funding lines
  remarks     the obstacles, proposed solutions and risks of the cards that are public
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from pam import __version__
from pam.export.tables import BOM, COLUMNS, _cell, export_tables
from pam.monitor.results import node_json
from pam.plan import Plan
from pam.render.text import neutralize

# Table Schema types of the columns (any other column is a string)
NUMBER = {"cost", "planned", "actual", "variance", "planned_cost_weighted",
          "actual_cost_weighted", "allocated", "committed", "paid", "spent", "pv", "ev",
          "spi", "cpi", "own_funding", "partner_funding", "partner_signed", "progress", "baseline", "start",
          "target", "amount", "value", "paid_of_allocated", "committed_of_cost"}
INTEGER = {"actions", "measured", "due", "done", "late", "at_risk", "unreported",
           "baseline_year", "cards"}
BOOLEAN = {"stale", "cumulative", "signed_at_as_of", "example"}
DATE = {"as_of", "last_report", "date", "entry_date", "measured_on", "agreement_signed",
        "due_date", "first", "last"}
DESCRIPTIONS = {
    "plan": "Every action of the plan with its domain, axis, project, cost (million MAD; "
            "cost_status: costed, no_cost '-', not_fixed '*', blank), cumulative targets (% "
            "done by 31 December) and credits allocated by budget year (million MAD).",
    "nodes": "The program, domains, axes and projects at the as-of date, with the figures of "
             "pam status (percentages 0-100, money in million MAD).",
    "progress": "Every action at the as-of date: planned and actual cumulative %, variance "
                "in points, status, money in million MAD.",
    "cards": "Every line of the half-monthly project monitoring cards.",
    "indicators": "The physical indicators measured at the as-of date, in their units.",
    "funding": "The funding lines of the actions (million MAD) and their agreements.",
    "remarks": "The obstacles, proposed solutions and risks reported on the cards, as the "
               "commune publishes them.",
}


def public_tables(plan: Plan, as_of: dt.date) -> dict[str, list[dict]]:
    """The public tables, each a list of flat rows with the same keys, in plan order."""
    from pam.monitor.baseline import view
    from pam.report.shared import status_at
    from pam.site.public import publication

    pub = publication(plan)
    current = view(plan, "current")
    tables = export_tables(current, as_of)
    status = status_at(current, as_of)
    return {"plan": _plan_rows(plan), "nodes": _node_rows(current, status, as_of),
            "progress": _progress_rows(tables["actions"]),
            "cards": _card_rows(tables["cards"], pub),
            "indicators": tables["indicators"], "funding": tables["funding"],
            "remarks": _remark_rows(current, as_of, pub)}


def _plan_rows(plan: Plan) -> list[dict]:
    years = list(plan.loaded_program.years)
    rows = []
    for d in plan.domains:
        for a in d.axes:
            for p in a.projects:
                for x in p.actions:
                    row = {"domain": d.id, "domain_name": d.name.ar, "domain_name_fr": d.name.fr,
                           "axis": a.id, "axis_name": a.name.ar, "axis_name_fr": a.name.fr,
                           "project": p.id, "project_name": p.name.ar,
                           "project_name_fr": p.name.fr, "action": x.id, "text": x.text,
                           "text_fr": x.text_fr, "cost": x.cost_value,
                           "cost_status": x.cost_status, "location": x.location,
                           "added_by": x.added_by, "dropped_by": x.dropped_by}
                    row.update({f"target_{y}": x.targets.get(y) for y in years})
                    row.update({f"budget_{y}": x.budget.get(y) for y in years})
                    rows.append(row)
    return rows


NODE_COLUMNS = ("kind", "id", "parent", "name", "name_fr", "as_of", "planned", "actual",
                "variance", "status", "planned_cost_weighted", "actual_cost_weighted", "cost",
                "allocated", "committed", "paid", "actions", "measured", "due", "done",
                "late", "at_risk", "unreported")


def _node_rows(plan: Plan, status, as_of: dt.date) -> list[dict]:
    index = plan.index()
    rows = []
    for n in [status.program, *status.domains, *status.axes, *status.projects]:
        j = node_json(n)
        found = index.get(n.id)
        name = found[1].name if found else plan.loaded_program.name
        parent = found[2][-1].id if found and found[2] else (
            plan.loaded_program.id if found else None)
        m = j["money"]
        rows.append(dict(zip(NODE_COLUMNS, (
            n.kind, n.id, parent, name.ar, name.fr, as_of.isoformat(), j["planned"],
            j["actual"], j["variance"], j["status"], j["planned_cost_weighted"],
            j["actual_cost_weighted"], j["cost"],
            m["allocated"] if m["budgeted"] else None,
            m["committed"] if m["committed_known"] else None, m["paid"], j["actions"],
            j["measured"], j["due"], j["counts"]["done"], j["counts"]["late"],
            j["counts"]["at_risk"], j["counts"]["unreported"]), strict=True)))
    return rows


PROGRESS_COLUMNS = ("action", "project", "as_of", "planned", "actual", "variance", "status",
                    "state", "stale", "last_report", "cost", "allocated", "committed", "paid",
                    "pv", "ev", "spi", "cpi", "own_funding", "partner_funding",
                    "partner_signed", "alarms")
RENAMED = {"own_funding": "own", "partner_funding": "partner"}  # funding's partner is a name


def _progress_rows(actions: list[dict]) -> list[dict]:
    return [{k: row[RENAMED.get(k, k)] for k in PROGRESS_COLUMNS} for row in actions]


def _card_columns(pub) -> list[str]:
    """The cards' columns the publication shows (reporters and notes only when public)."""
    keep = ["project", "period", "date", "action", "progress", "state", "committed", "paid",
            "entry_date"]
    if pub.shows("reporters"):
        keep.append("reporter")
    if pub.shows("notes"):
        keep += ["note", "correction"]
    return keep


def _card_rows(cards: list[dict], pub) -> list[dict]:
    keep = _card_columns(pub)
    return [{k: row[k] for k in keep} for row in cards]


REMARK_COLUMNS = ("project", "kind", "category", "text", "answers", "owner", "due_date", "cards",
                  "first", "last", "likelihood", "impact")


def _remark_rows(plan: Plan, as_of: dt.date, pub) -> list[dict]:
    from pam.report.remarks import analyse

    start = dt.date(plan.loaded_program.period.start, 1, 1)
    rows = []

    def row(project, kind, text, count, first, last, **more) -> dict:
        values = {"project": project, "kind": kind, "text": text, "cards": count,
                  "first": first.isoformat(), "last": last.isoformat(), **more}
        return {k: values.get(k) for k in REMARK_COLUMNS}

    def solution(project, s, answers=None) -> dict:
        return row(project, "solution", s.text, s.count, s.start, s.end, answers=answers,
                   owner=s.owner if pub.shows("owners") else None,
                   due_date=s.due.isoformat() if s.due else None)

    for p in analyse(plan, start, as_of).projects:
        for o in p.obstacles:
            if pub.shows("obstacles"):
                rows.append(row(p.project, "obstacle", o.text, o.count, o.start, o.end,
                                category=o.category))
            if pub.shows("solutions"):
                rows += [solution(p.project, s, o.text if pub.shows("obstacles") else None)
                         for s in o.solutions]
        if pub.shows("solutions"):
            rows += [solution(p.project, s) for s in p.solutions]
        if pub.shows("risks"):
            rows += [row(p.project, "risk", r.text, r.count, r.start, r.end,
                         likelihood=r.likelihood, impact=r.impact) for r in p.risks]
    return rows


def _columns(name: str, rows: list[dict], pub) -> list[str]:
    """A table's columns: its rows' keys, or for an empty table the columns it would have."""
    if rows:
        return list(rows[0])
    known = {**COLUMNS, "remarks": REMARK_COLUMNS, "nodes": NODE_COLUMNS,
             "progress": PROGRESS_COLUMNS, "cards": _card_columns(pub)}
    return list(known.get(name, ()))


def field_type(column: str) -> str:
    if column in NUMBER or column.startswith(("target_", "budget_")):
        return "number"
    if column in INTEGER:
        return "integer"
    if column in BOOLEAN:
        return "boolean"
    if column in DATE:
        return "date"
    return "string"


JSON_TABLES = ("plan", "progress")  # also as JSON (arrays of row objects)
KEYS = {  # table -> (primary key, [(fields, table, its fields)])
    "plan": (["action"], []),
    "nodes": (["id"], []),
    "progress": (["action"], [(["action"], "plan", ["action"])]),
    "cards": ([], [(["action"], "plan", ["action"])]),
}


def schema_of(name: str, columns: list[str]) -> dict:
    schema = {"fields": [{"name": c, "type": field_type(c)} for c in columns],
              "missingValues": [""]}
    primary, foreign = KEYS.get(name, ([], []))
    if primary:
        schema["primaryKey"] = primary
    if foreign:
        schema["foreignKeys"] = [{"fields": f, "reference": {"resource": table, "fields": t}}
                                 for f, table, t in foreign]
    return schema


def to_csv(rows: list[dict], columns: list[str]) -> str:
    """The rows as CSV with a byte-order mark (texts neutralized, formulas defused)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return BOM + buf.getvalue()


def to_json_rows(rows: list[dict], columns: list[str]) -> str:
    """The rows as a JSON array of objects (texts neutralized; the same data as the CSV)."""
    clean = [{c: (neutralize(v) if isinstance(v, str) else v) for c, v in
              ((c, row.get(c)) for c in columns)} for row in rows]
    return json.dumps(clean, ensure_ascii=False, indent=1) + "\n"


def datapackage(plan: Plan, as_of: dt.date, tables: dict[str, list[dict]]) -> dict:
    """The Data Package descriptor: one CSV and one JSON resource per table."""
    from pam.site.public import publication

    pub = publication(plan)
    prog = plan.loaded_program
    name = prog.id.lower()
    resources = []
    for table, rows in tables.items():
        columns = _columns(table, rows, pub)
        schema = schema_of(table, columns)
        resources.append({"name": table, "path": f"{table}.csv", "profile":
                          "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8-sig", "description": DESCRIPTIONS[table],
                          "schema": schema})
        if table not in JSON_TABLES:
            continue
        json_schema = {k: v for k, v in schema.items() if k != "foreignKeys"}
        resources.append({"name": f"{table}-json", "path": f"{table}.json", "profile":
                          "tabular-data-resource", "format": "json",
                          "mediatype": "application/json", "encoding": "utf-8",
                          "description": DESCRIPTIONS[table] + " (the same rows as "
                                                               f"{table}.csv)",
                          "schema": json_schema})
    package = {
        "profile": "tabular-data-package",
        "name": name,
        "title": prog.name.fr or prog.name.ar,
        "description": f"{prog.name.ar} — {prog.commune.ar}. Data as of {as_of.isoformat()}, "
                       f"made by pam {__version__} from the plan and its monitoring cards.",
        "version": as_of.isoformat(),
        "created": f"{as_of.isoformat()}T00:00:00Z",
        "keywords": ["PAC", "برنامج عمل الجماعة", "programme d'action de la commune",
                     "Morocco"],
        "contributors": [{"title": pub.publisher.fr or pub.publisher.ar, "role": "publisher"}],
        "resources": resources,
    }
    if pub.license:
        package["licenses"] = [{"path": pub.license, "title": pub.license}]
    if pub.site:
        package["homepage"] = pub.site
    return package


def package_files(plan: Plan, as_of: dt.date) -> dict[str, bytes]:
    """{file name: bytes}: datapackage.json and each table as CSV and JSON."""
    from pam.site.public import publication

    tables = public_tables(plan, as_of)
    pub = publication(plan)
    files = {}
    for table, rows in tables.items():
        columns = _columns(table, rows, pub)
        files[f"{table}.csv"] = to_csv(rows, columns).encode("utf-8")
        if table in JSON_TABLES:
            files[f"{table}.json"] = to_json_rows(rows, columns).encode("utf-8")
    descriptor = datapackage(plan, as_of, tables)
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=2)
                                 + "\n").encode("utf-8")
    return files
