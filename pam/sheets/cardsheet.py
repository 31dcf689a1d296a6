"""Project cards on a spreadsheet: a pre-filled card sheet whose only editable cells are the
ones to fill (pam card --format xlsx), and recording every row of filled sheets with the
checks of pam record, all or nothing (pam record --from FILE.xlsx)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pam.problems import Problem

MARK = "pam-card"
COLUMNS = ["رمز الإجراء / action", "الإجراء / texte", "المتوقع / prévu %",
           "آخر تقرير / dernier %", "الإنجاز / progress %", "المصروف / spent (MDH)",
           "الحالة / state", "ملاحظة / note", "تصحيح / correction"]
EDITABLE = (4, 5, 6, 7, 8)  # 0-based columns a project head fills
FIRST_ROW = 8  # 1-based row of the first action


def write_card_sheet(plan, project, period: str, day: dt.date, entries: list[dict],
                     reporter: str | None, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from pam.export.tables import fixed_zip as _fixed_zip
    from pam.fsio import write_atomic
    from pam.monitor.schedule import planned_at
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
               "تراكمي (0-100) — progress cumulé"])
    ws.append(COLUMNS)
    for cell in ws[7]:
        cell.font = Font(bold=True)
    for c in ("B4", "B5"):
        ws[c].protection, ws[c].fill = open_cell, fill
    ws["B4"].number_format = "yyyy-mm-dd"
    for e in entries:
        x = plan.find(e["action"])[1]
        planned = planned_at(x.targets, day)
        ws.append([x.id, x.text, None if planned is None else round(planned, 1),
                   e.get("progress"), e.get("progress"), e.get("spent"),
                   e.get("state") or "ongoing", "", ""])
        for column in EDITABLE:
            cell = ws.cell(ws.max_row, column + 1)
            cell.protection, cell.fill = open_cell, fill
    last = ws.max_row
    checks = [DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                             allow_blank=True, showErrorMessage=True, error="0-100"),
              DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                             allow_blank=True, showErrorMessage=True),
              DataValidation(type="list", formula1='"ongoing,done,suspended,cancelled"',
                             allow_blank=True, showErrorMessage=True)]
    for dv, col in zip(checks, "EFG", strict=True):
        dv.add(f"{col}{FIRST_ROW}:{col}{max(last, FIRST_ROW)}")
        ws.add_data_validation(dv)
    ws.column_dimensions["B"].width = 60
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
            _record_sheet(book, sheet, shadow, plan, out, record, Refused, problem, today)
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


def _shadow(plan, root: Path):
    import copy

    shadow = copy.copy(plan)
    shadow.root = root
    return shadow


def _record_sheet(book, sheet, shadow, plan, out: Recorded, record, Refused, problem, today):
    day = sheet.cell(3, 1).value
    if not isinstance(day, dt.date):
        try:
            day = dt.date.fromisoformat(str(day).strip()[:10])
        except ValueError:
            out.problems.append(problem(book, sheet, 3, 1, "error", "bad-date",
                                        f"expected the card's date written YYYY-MM-DD, found "
                                        f"'{day}'"))
            return
    reporter = str(sheet.cell(4, 1).value or "").strip() or None
    for r in range(FIRST_ROW - 1, len(sheet.rows)):
        action = sheet.cell(r, 0).value
        if action is None:
            continue
        progress = sheet.cell(r, 4).value
        spent = sheet.cell(r, 5).value
        values = {}
        for c, v, what in ((4, progress, "progress"), (5, spent, "spent")):
            if v is None or isinstance(v, (int, float)):
                values[what] = v
            else:
                out.problems.append(problem(book, sheet, r, c, "error", "bad-value",
                                            f"{what}: expected a number, found '{v}'"))
        if "progress" not in values or values["progress"] is None:
            continue
        before = sheet.cell(r, 3).value
        state = sheet.cell(r, 6).value
        note = sheet.cell(r, 7).value
        correction = sheet.cell(r, 8).value
        if before is not None and values["progress"] == before and not note and not correction \
                and values.get("spent") == _last_spent(plan, str(action), day):
            continue  # unchanged from the last report: nothing to record
        try:
            record(shadow, str(action), day, values["progress"], spent=values.get("spent"),
                   state=str(state) if state else None, note=str(note) if note else None,
                   reporter=reporter, correction=str(correction) if correction else None,
                   today=today)
        except Refused as exc:
            out.problems.append(problem(book, sheet, r, 4, "error", "refused", str(exc)))
            continue
        was = f"{before:g}%" if isinstance(before, (int, float)) else "no report"
        out.changes.append(f"{action}: {was} → {values['progress']:g}% on {day}"
                           + (f", spent {values['spent']:g}" if values.get("spent") is not None
                              else ""))


def _last_spent(plan, action_id: str, day):
    from pam.monitor.variance import latest_on, reports_by_action

    last = latest_on(reports_by_action(plan.cards).get(action_id, []), day)
    return last.spent if last else None
