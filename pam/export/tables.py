"""Flat tables for spreadsheets (pam export): actions at a date (with their money), one row per
card entry, per indicator measured at the date, per indicator value on a card, per funding line.

csv and json use the standard library; xlsx needs openpyxl (the `xlsx` extra). Text cells that
a spreadsheet would run as a formula (starting with = + - @) are written as text: prefixed with
an apostrophe in CSV, typed as strings in xlsx. Control, bidi and invisible characters are
neutralized in CSV and xlsx cells (pam.render.text.neutralize) and written as \\u escapes in
JSON (the same data).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pam.errors import Unavailable
from pam.fsio import write_atomic
from pam.plan import Plan
from pam.render.text import neutralize

if TYPE_CHECKING:
    from pam.model import Action, Project

TABLES = ("actions", "cards", "indicators", "measures", "funding")
# the columns of the tables that may be empty (a plan without indicators or funding): their
# CSV files and sheets keep the header
COLUMNS = {
    "indicators": ("domain", "project", "owner", "indicator", "name", "name_fr", "unit",
                   "direction", "cumulative", "baseline", "baseline_year", "as_of", "start",
                   "target", "planned", "actual", "variance", "status", "measured_on"),
    "measures": ("project", "period", "date", "action", "indicator", "value", "correction",
                 "file"),
    "funding": ("domain", "project", "action", "source", "partner", "amount", "agreement_ref",
                "agreement_signed", "agreement_status", "signed_at_as_of"),
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _r(value):
    return round(value, 2) if isinstance(value, float) else value


def export_tables(plan: Plan, as_of: dt.date) -> dict[str, list[dict]]:
    """{'actions': rows, 'cards': rows}, each row a flat dict with the same keys, in plan order."""
    from pam.report.shared import status_at  # memoised: the site asks for it again

    status = status_at(plan, as_of)
    years = list(plan.loaded_program.years)
    results = {a.id: a for a in status.actions}
    actions = []
    for d in plan.domains:
        for a in d.axes:
            for p in a.projects:
                for x in p.actions:
                    r = results[x.id]
                    row = {"domain": d.id, "axis": a.id, "project": p.id, "action": x.id,
                           "text": x.text, "cost": x.cost_value, "cost_status": x.cost_status}
                    row.update({f"target_{y}": x.targets.get(y) for y in years})
                    row.update({"as_of": as_of.isoformat(), "planned": _r(r.planned),
                                "actual": _r(r.actual), "variance": _r(r.variance),
                                "status": r.status, "stale": r.stale,
                                "last_report": r.last_report.isoformat() if r.last_report
                                else None, "state": r.state, "spent": _r(r.spent),
                                "pv": _r(r.pv), "ev": _r(r.ev), "spi": _r(r.spi),
                                "cpi": _r(r.cpi), "allocated": _r(r.allocated),
                                "committed": _r(r.committed), "paid": _r(r.paid),
                                "own": _r(r.own), "partner": _r(r.partner),
                                "partner_signed": _r(r.partner_signed),
                                "alarms": " ".join(r.alarms) or None})
                    row.update({f"budget_{y}": x.budget.get(y) for y in years})
                    actions.append(row)
    cards = []
    for c in sorted(plan.cards, key=lambda c: (c.project, c.period, c.date, plan.file_of(c))):
        for e in c.actions:
            cards.append({"project": c.project, "period": c.period, "date": c.date.isoformat(),
                          "reporter": c.reporter, "example": c.example, "action": e.action,
                          "progress": e.progress, "spent": e.spent, "state": e.state,
                          "entry_date": e.date.isoformat() if e.date else None,
                          "note": e.note, "correction": e.correction, "file": plan.file_of(c),
                          "committed": e.committed, "paid": e.paid_value})
    return {"actions": actions, "cards": cards, "indicators": _indicators(plan, status, as_of),
            "measures": _measures(plan), "funding": _funding(plan, as_of)}


def _indicators(plan: Plan, status, as_of: dt.date) -> list[dict]:
    """One row per indicator measured at the date (the status's own figures; a project's
    own indicators are those of its node, so a PAC without a project level has none)."""
    results = {(i.owner, i.id): i for a in status.actions for i in a.indicators}
    results.update({(i.owner, i.id): i for p in status.projects for i in p.project_indicators})
    rows = []
    for d in plan.domains:
        for a in d.axes:
            for p in a.projects:
                owners: list[Project | Action] = [p, *p.actions]
                for node in owners:
                    for ind in node.indicators:
                        r = results.get((node.id, ind.id))
                        if r is None:
                            continue
                        rows.append(dict(zip(COLUMNS["indicators"], (
                            d.id, p.id, node.id, ind.id, ind.name.ar, ind.name.fr, ind.unit,
                            ind.direction, ind.cumulative,
                            ind.baseline.value if ind.baseline else None,
                            ind.baseline.year if ind.baseline else None, as_of.isoformat(),
                            _r(r.start), _r(r.target), _r(r.planned), _r(r.actual),
                            _r(r.variance), r.status,
                            r.measured_on.isoformat() if r.measured_on else None), strict=True)))
    return rows


def _measures(plan: Plan) -> list[dict]:
    """One row per indicator value on a card line."""
    rows = []
    for c in sorted(plan.cards, key=lambda c: (c.project, c.period, c.date, plan.file_of(c))):
        for e in c.actions:
            # read from a file: a dict without empty values (pam.model._measured_only)
            for key, value in cast("dict[str, float]", e.indicators).items():
                rows.append(dict(zip(COLUMNS["measures"], (
                    c.project, c.period, c.measured_on(e).isoformat(), e.action, key, value,
                    e.correction, plan.file_of(c)), strict=True)))
    return rows


def _funding(plan: Plan, as_of: dt.date) -> list[dict]:
    """One row per funding line of an action, with its agreement and whether it is signed
    at the date."""
    from pam.monitor.money import is_signed

    rows = []
    for d in plan.domains:
        for a in d.axes:
            for p in a.projects:
                for x in p.actions:
                    for f in x.funding:
                        ag = f.agreement
                        rows.append(dict(zip(COLUMNS["funding"], (
                            d.id, p.id, x.id, f.source, f.partner, f.amount,
                            ag.ref if ag else None,
                            ag.signed.isoformat() if ag and ag.signed else None,
                            ag.status if ag else None,
                            f.source == "partner" and is_signed(ag, as_of)), strict=True)))
    return rows


def to_json(tables: dict, as_of: dt.date) -> str:
    from pam.render.text import json_text

    return json_text({"as_of": as_of.isoformat(), **tables}) + "\n"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        value = neutralize(value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def to_csv(rows: list[dict], columns: tuple | None = None) -> str:
    """The rows as CSV; an empty table is its header (`columns`), or nothing."""
    buf = io.StringIO()
    if not rows and not columns:
        return ""
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(rows[0]) if rows else list(cast(tuple, columns)))  # columns: above
    for row in rows:
        writer.writerow([_cell(v) for v in row.values()])
    return buf.getvalue()


def write_text(path: Path, text: str) -> None:
    write_atomic(path, text)


BOM = "\ufeff"  # files start with it, so that Excel reads them as UTF-8 (Arabic intact)


def write_csv(tables: dict, out: Path, only: str | None = None) -> list[Path]:
    """A .csv path gets one table (actions unless `only`); a folder gets actions.csv, cards.csv.
    Files start with a UTF-8 byte-order mark (standard output does not)."""
    if out.suffix.lower() == ".csv":
        name = only or "actions"
        write_atomic(out, BOM + to_csv(tables[name], COLUMNS.get(name)))
        return [out]
    written = []
    for name in ([only] if only else TABLES):
        path = out / f"{name}.csv"
        write_atomic(path, BOM + to_csv(tables[name], COLUMNS.get(name)))
        written.append(path)
    return written


def write_xlsx(tables: dict, path: Path, as_of: dt.date, plan: Plan | None = None) -> None:
    """One sheet per table (right to left: the texts are Arabic); with `plan`, also pam's own
    'plan' and 'program' sheets, which pam import reads back to the same plan. Deterministic
    bytes (fixed document dates and zip times)."""
    try:
        from openpyxl import Workbook
    except ImportError:
        raise Unavailable("xlsx needs openpyxl: pip install 'pam-pac[xlsx]'") from None
    wb = Workbook()
    wb.remove(wb.active)
    for name in TABLES:
        ws = wb.create_sheet(name)
        ws.sheet_view.rightToLeft = True
        rows = tables[name]
        if not rows:
            if name in COLUMNS:
                ws.append(list(COLUMNS[name]))
            continue
        ws.append(list(rows[0]))
        for row in rows:
            ws.append([neutralize(v) if isinstance(v, str) else v for v in row.values()])
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
    if plan is not None:
        from pam.sheets.template import add_plan_sheets

        add_plan_sheets(wb, plan)
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "pam"
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl stamps 'modified' with the clock here; fixed_zip puts it back
    write_atomic(path, fixed_zip(buf.getvalue(), stamp))


def fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip with every entry dated 1980-01-01 and the document's modified date set to
    `stamp`, so equal content gives equal bytes."""
    import re

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                                 + rb"\g<2>", content)
            dst.writestr(fixed, content)
    return out.getvalue()
