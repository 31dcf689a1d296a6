"""Project cards on a spreadsheet: a pre-filled card sheet whose only editable cells are the
ones to fill (pam card --format xlsx), and recording every row of filled sheets with the
checks of pam record, all or nothing (pam record --from FILE.xlsx).

The sheet (layout 2): rows 1-6 say the project, period, date (B4) and reporter (B5); row 7
names the columns (COLUMNS); from row 8, one row per action, each followed by one row per
indicator of the action (the first action's rows also carry the project's own indicators):

    A id · B text or indicator name (ar) · C unit (% for an action) · D planned at the date
    · E last reported · F progress %, or the value measured this half month (empty: not
    measured) · G committed · H paid (cumulative million MAD) · I state · J note · K correction

The reader finds the columns by their names in row 7, so that the sheets written before
(OLD_COLUMNS: progress in E, the paid amount called spent in F, no indicator rows) record
exactly as they did."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pam.problems import Problem

MARK = "pam-card"
HEADER_ROW = 7  # 1-based row of the column names
FIRST_ROW = 8  # 1-based row of the first action
# (key, label) of each column, right to left on the screen
LAYOUT = [("id", "الرمز / id"), ("text", "الإجراء أو المؤشر / action ou indicateur"),
          ("unit", "الوحدة / unité"), ("planned", "المتوقع / prévu"),
          ("last", "آخر تقرير / dernier"),
          ("progress", "الإنجاز أو القيمة المقيسة / progress % ou valeur mesurée"),
          ("committed", "الالتزامات / engagé (MDH)"), ("paid", "الأداءات / payé (MDH)"),
          ("state", "الحالة / state"), ("note", "ملاحظة / note"),
          ("correction", "تصحيح / correction")]
COLUMNS = [label for _key, label in LAYOUT]
# the first layout (pam card --format xlsx before indicators and committed): still read
OLD_COLUMNS = ["رمز الإجراء / action", "الإجراء / texte", "المتوقع / prévu %",
               "آخر تقرير / dernier %", "الإنجاز / progress %", "المصروف / spent (MDH)",
               "الحالة / state", "ملاحظة / note", "تصحيح / correction"]
OLD_KEYS = ["id", "text", "planned", "last", "progress", "spent", "state", "note", "correction"]
EDITABLE = ("progress", "committed", "paid", "state", "note", "correction")
STATES = "ongoing,done,suspended,cancelled"


def _col(key: str) -> int:
    """The 0-based column of `key` in the layout pam writes."""
    return [k for k, _label in LAYOUT].index(key)


def _letter(key: str) -> str:
    from pam.sheets.cells import column_letter

    return column_letter(_col(key))


def write_card_sheet(plan, project, period: str, day: dt.date, entries: list[dict],
                     reporter: str | None, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from pam.export.tables import fixed_zip as _fixed_zip
    from pam.fsio import write_atomic
    from pam.monitor.indicators import planned_value
    from pam.monitor.schedule import planned_at
    from pam.monitor.variance import reports_by_action
    from pam.progress import _last_measures, project_carrier
    from pam.sheets.template import _save

    wb = Workbook()
    ws = wb.active
    ws.title = project.id[:31]
    ws.sheet_view.rightToLeft = True
    open_cell = Protection(locked=False)
    fill = PatternFill("solid", fgColor="FFF2CC")
    ws.append([MARK, "بطاقة تتبع المشروع / fiche de suivi du projet"])
    ws.append(["project", project.id, project.name.ar])
    ws.append(["period", period])
    ws.append(["date", day])
    ws.append(["reporter", reporter or ""])
    ws.append(["", "املأ الخانات الصفراء فقط — remplir les cases jaunes seulement; الإنجاز "
               "تراكمي (0-100)، المبالغ تراكمية بملايين الدراهم، المؤشر: القيمة المقيسة خلال "
               "نصف الشهر (فارغة: لم تقس) — progress et montants cumulés (millions MAD), "
               "indicateur: valeur mesurée ce demi-mois (vide: non mesuré)"])
    ws.append(COLUMNS)
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
    for c in ("B4", "B5"):
        ws[c].protection, ws[c].fill = open_cell, fill
    ws["B4"].number_format = "yyyy-mm-dd"
    last_of = _last_measures(project, reports_by_action(plan.cards), day)
    cells: dict[str, list[str]] = {"progress": [], "amount": [], "state": [], "measure": []}
    grey = Font(italic=True, color="595959")
    carrier = project_carrier(plan, [plan.find(e["action"])[1] for e in entries], day)
    for e in entries:
        x = plan.find(e["action"])[1]
        planned = planned_at(x.targets, day)
        ws.append([x.id, x.text, "%", None if planned is None else round(planned, 1),
                   e.get("progress"), e.get("progress"), e.get("committed"),
                   e.get("paid") if e.get("paid") is not None else e.get("spent"),
                   e.get("state") or "ongoing", "", ""])
        row = ws.max_row
        for key in EDITABLE:
            cell = ws.cell(row, _col(key) + 1)
            cell.protection, cell.fill = open_cell, fill
        cells["progress"].append(f"{_letter('progress')}{row}")
        cells["amount"] += [f"{_letter('committed')}{row}", f"{_letter('paid')}{row}"]
        cells["state"].append(f"{_letter('state')}{row}")
        owned = [(i, False) for i in x.indicators if i.id] + (
            [(i, True) for i in project.indicators if i.id] if x is carrier else [])
        for ind, projects in owned:
            value = planned_value(ind, day)
            last = last_of.get(ind.id)
            name = " ".join(ind.name.ar.split()) + (" (المشروع / du projet)" if projects else "") \
                + ("" if ind.cumulative else " (خلال السنة / de l'année)")
            ws.append([ind.id, name, ind.unit or "",
                       None if value is None else round(value, 2),
                       None if last is None else last[1], None])
            row = ws.max_row
            for col in range(1, 6):
                ws.cell(row, col).font = grey
            cell = ws.cell(row, _col("progress") + 1)
            cell.protection, cell.fill = open_cell, fill
            cells["measure"].append(f"{_letter('progress')}{row}")
    checks = [(DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                              allow_blank=True, showErrorMessage=True, error="0-100"),
               "progress"),
              (DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True, showErrorMessage=True, error=">= 0"), "amount"),
              (DataValidation(type="list", formula1=f'"{STATES}"', allow_blank=True,
                              showErrorMessage=True), "state"),
              (DataValidation(type="decimal", operator="between", formula1="-1E+12",
                              formula2="1E+12", allow_blank=True, showErrorMessage=True,
                              error="a number / رقم / un nombre"), "measure")]
    for dv, kind in checks:
        if cells[kind]:
            for ref in cells[kind]:
                dv.add(ref)
            ws.add_data_validation(dv)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 60
    for key in ("progress", "committed", "paid"):
        ws.column_dimensions[_letter(key)].width = 16
    ws.protection.sheet = True  # no password: a guard against slips, not a lock
    _save(wb, path, write_atomic, _fixed_zip)


@dataclass
class Recorded:
    problems: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def record_from(plan, path: Path, today: dt.date | None = None) -> Recorded:
    """Record every row of the card sheets in `path`; nothing is written unless all pass."""
    from pam.errors import Refused
    from pam.fsio import write_atomic
    from pam.progress import record
    from pam.sheets.cells import problem, read_book

    book, problems = read_book(path)
    out = Recorded(problems)
    if book is None:
        return out
    sheets = [s for s in book.sheets if s.rows and s.cell(0, 0).value == MARK]
    if not sheets:
        out.problems.append(Problem(book.file, 1, 1, "error", "not-a-card-sheet",
                                    "expected a card sheet written by pam card --format xlsx "
                                    f"(cell A1 says '{MARK}'), found none"))
        return out
    staging = Path(tempfile.mkdtemp(prefix=".pam-record-", dir=plan.root.parent))
    try:
        if (plan.root / "progress").is_dir():
            shutil.copytree(plan.root / "progress", staging / "progress")
        shadow = _shadow(plan, staging)
        for sheet in sheets:
            columns = _columns(sheet)
            if columns is None:
                out.problems.append(problem(
                    book, sheet, HEADER_ROW - 1, None, "error", "not-a-card-sheet",
                    f"row {HEADER_ROW} does not name the columns of a card sheet (expected "
                    f"'{COLUMNS[0]}' ... '{COLUMNS[-1]}'); write the sheet again with pam "
                    "card --format xlsx"))
                continue
            _record_sheet(book, sheet, columns, shadow, plan, out, record, Refused, problem,
                          today)
        if any(p.severity == "error" for p in out.problems):
            return out
        for new in sorted((staging / "progress").rglob("*.yaml")):
            rel = new.relative_to(staging)
            target = plan.root / rel
            data = new.read_bytes()
            if not target.exists() or target.read_bytes() != data:
                write_atomic(target, data)
                out.written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _columns(sheet) -> dict[str, int] | None:
    """key -> 0-based column, read from the names in the header row: the current layout, or
    the first one (its `spent` column is the amount paid). None when neither."""
    names = [str(sheet.cell(HEADER_ROW - 1, c).value or "").strip()
             for c in range(sheet.width)]
    for labels, keys in ((COLUMNS, [k for k, _label in LAYOUT]), (OLD_COLUMNS, OLD_KEYS)):
        found = {keys[labels.index(n)]: c for c, n in enumerate(names) if n in labels}
        if {"id", "progress"} <= set(found) and len(found) == len(labels):
            return found
    return None


def _shadow(plan, root: Path):
    import copy

    shadow = copy.copy(plan)
    shadow.root = root
    return shadow


@dataclass
class _Row:
    r: int  # 0-based row
    action: str
    measures: list[tuple[int, str, object]] = field(default_factory=list)  # (row, id, value)


def _groups(sheet, columns: dict[str, int], plan) -> tuple[list[_Row], list[tuple[int, str]]]:
    """The action rows, each with the indicator rows under it (layout 2: a row whose id is
    an indicator of the action above, or of its project, is that indicator's); and the rows
    whose id is neither an action of the plan nor such an indicator (row, id)."""
    from pam.model import Action

    out: list[_Row] = []
    unknown: list[tuple[int, str]] = []
    indicators = "unit" in columns
    for r in range(FIRST_ROW - 1, len(sheet.rows)):
        key = sheet.cell(r, columns["id"]).value
        if key is None or (isinstance(key, str) and not key.strip()):
            continue
        key = str(key).strip()
        found = plan.find(key) if indicators else None
        if not indicators or (found is not None and found[0] == "action"):
            out.append(_Row(r, key))
            continue
        above = plan.find(out[-1].action) if out else None
        owned = set()
        if above is not None and isinstance(above[1], Action):
            owned = {i.id for i in above[1].indicators} | \
                {i.id for i in above[2][2].indicators}  # the action's and its project's
        if key in owned:
            out[-1].measures.append((r, key, sheet.cell(r, columns["progress"]).value))
        else:
            unknown.append((r, key))
    return out, unknown


def _number(book, sheet, r, c, what, out: Recorded, problem):
    """(ok, value) of a cell that holds a number or nothing; a text is refused, located. A
    number typed as a percent (70% is held as 0.7) is read as the percent it shows (70) in
    a progress or an indicator cell, and refused in an amount's."""
    cell = sheet.cell(r, c)
    v = cell.value
    if v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)):
        if v is not None and cell.percent:
            if what in ("committed", "paid", "spent"):
                out.problems.append(problem(
                    book, sheet, r, c, "error", "bad-value",
                    f"{what}: expected an amount in million MAD, found a percent "
                    f"({v * 100:g}%); type the amount as a plain number"))
                return False, None
            from pam.numbers import written

            return True, float(written(round(v * 100, 10)))  # 0.7 -> 70, not 70.00000000000001
        return True, v
    out.problems.append(problem(book, sheet, r, c, "error", "bad-value",
                                f"{what}: expected a number, found '{v}'"))
    return False, None


def _record_sheet(book, sheet, columns, shadow, plan, out: Recorded, record, Refused, problem,
                  today):
    day = sheet.cell(3, 1).value
    if isinstance(day, dt.datetime):  # a date typed with a time of day
        day = day.date()
    if not isinstance(day, dt.date):
        try:
            day = dt.date.fromisoformat(str(day).strip()[:10])
        except ValueError:
            out.problems.append(problem(book, sheet, 3, 1, "error", "bad-date",
                                        f"expected the card's date written YYYY-MM-DD, found "
                                        f"'{day}'"))
            return
    reporter = str(sheet.cell(4, 1).value or "").strip() or None
    old = "unit" not in columns
    amounts = ("spent",) if old else ("committed", "paid")

    def text(key):
        v = sheet.cell(r, columns[key]).value
        return str(v) if v else None

    from pam.monitor.variance import latest_on, reports_by_action
    from pam.progress import _last_measures

    reports = reports_by_action(plan.cards)  # the plan as it was: records go to the shadow
    last_of: dict[str, dict] = {}  # project id -> its indicators' last values at the day

    def last_measure(action_id: str, key: str):
        """The indicator's last value measured on or before the day (a yearly amount only
        within the same year), None if never."""
        found = plan.find(action_id)
        if found is None or found[0] != "action":
            return None
        project = found[2][2]
        if project.id not in last_of:
            last_of[project.id] = _last_measures(project, reports, day)
        last = last_of[project.id].get(key)
        return last[1] if last else None

    groups, unknown = _groups(sheet, columns, plan)
    for r, key in unknown:
        out.problems.append(problem(
            book, sheet, r, columns["id"], "error", "unknown-id",
            f"'{key}' is neither an action of the plan nor an indicator of the action above "
            "(or of its project): the row cannot be recorded; write the sheet again with pam "
            "card --format xlsx, or correct the id"))
    for group in groups:
        r, action = group.r, group.action
        values, ok = {}, True
        for key in ("progress", *amounts):
            good, values[key] = _number(book, sheet, r, columns[key], key, out, problem)
            ok = ok and good
        measures = {}
        for mr, key, _v in group.measures:
            good, value = _number(book, sheet, mr, columns["progress"], f"indicator {key}",
                                  out, problem)
            ok = ok and good
            if value is not None:
                measures[key] = value
        if not ok:
            continue
        before = sheet.cell(r, columns["last"]).value
        note, correction = text("note"), text("correction")
        last = latest_on(reports.get(action, []), day)
        progress = values["progress"]
        changed = [k for k in amounts if values[k] is not None
                   and values[k] != _last_amount(last, k)]
        if progress is None:
            given = changed + list(measures)
            if given and not old:
                out.problems.append(problem(
                    book, sheet, r, columns["progress"], "error", "no-progress",
                    f"{action}: {', '.join(given)} filled in but the progress is empty: give "
                    "the cumulative progress too (the last one if it did not change)"))
            continue
        if old:  # exactly as the first layout was read: an empty spent differs from a value
            changed = [] if values["spent"] == (last.spent if last else None) else ["spent"]
        measured = [k for k, v in measures.items() if v != last_measure(action, k)]
        if before is not None and progress == before and not note and not correction \
                and not changed and not measured:
            continue  # unchanged from the last report: nothing to record
        state = sheet.cell(r, columns["state"]).value
        try:
            record(shadow, action, day, progress, spent=values.get("spent"),
                   committed=values.get("committed"), paid=values.get("paid"),
                   indicators=measures or None,
                   state=str(state) if state else None, note=note, reporter=reporter,
                   correction=correction, today=today)
        except Refused as exc:
            rr, cc = _where(exc.about, r, columns, group)
            out.problems.append(problem(book, sheet, rr, cc, "error", "refused", str(exc)))
            continue
        was = f"{before:g}%" if isinstance(before, (int, float)) else "no report"
        out.changes.append(f"{action}: {was} → {progress:g}% on {day}"
                           + "".join(f", {k} {values[k]:g}" for k in amounts
                                     if values[k] is not None)
                           + "".join(f", {k} = {v:g}" for k, v in measures.items()))


def _where(about: str | None, r: int, columns: dict[str, int],
           group: _Row) -> tuple[int, int]:
    """The cell a refusal of pam record is about (Refused.about): an indicator's value, an
    amount, the state, the card's date; else the progress."""
    if about and about.startswith("indicator:"):
        key = about.split(":", 1)[1]
        for mr, measured, _v in group.measures:
            if measured == key:
                return mr, columns["progress"]
    if about == "date":
        return 3, 1  # the card's date (B4)
    if about == "paid" and "paid" not in columns:
        about = "spent"  # the first layout's name of paid
    if about == "spent" and "spent" not in columns:
        about = "paid"
    return r, columns[about] if about in columns else columns["progress"]


def _last_amount(last, key: str):
    if last is None:
        return None
    return last.committed if key == "committed" else last.spent
