"""pam's own sheet: the template to fill in (pam template xlsx) and the 'plan' and 'program'
sheets of pam export xlsx, which pam import reads back to the same plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HEAD = {  # header of each column: Arabic / French (pam import recognises both)
    "domain_id": "رمز المجال / domain_id", "domain": "المجال / domaine",
    "domain_fr": "المجال بالفرنسية / domaine (fr)",
    "axis_id": "رمز المحور / axis_id", "axis": "المحور / axe",
    "axis_fr": "المحور بالفرنسية / axe (fr)",
    "project_id": "رمز المشروع / project_id", "project": "المشروع / projet",
    "project_fr": "المشروع بالفرنسية / projet (fr)", "head": "رئيس المشروع / chef de projet",
    "action_id": "رمز الإجراء / action_id", "action": "الإجراء / action",
    "cost": "الكلفة بمليون درهم / coût (MDH)",
}
TEMPLATE_COLUMNS = ("domain", "axis", "project", "action", "cost")
INSTRUCTIONS = [
    ("كيف تملأ هذا الجدول", "Comment remplir ce tableau"),
    ("سطر واحد لكل إجراء. اكتب المجال والمحور والمشروع في كل سطر (أو مرة واحدة في أول سطر "
     "من مجموعته: يملأ pam الأسطر التي تحته).",
     "Une ligne par action. Écrivez le domaine, l'axe et le projet sur chaque ligne (ou une "
     "fois, sur la première ligne de son groupe : pam remplit les lignes en dessous)."),
    ("الكلفة بمليون درهم: رقم (0,5 = 500 000 درهم)، أو - إذا لم تكن للإجراء كلفة خاصة به، أو "
     "* إذا لم تحدد الكلفة بعد، أو خانة فارغة.",
     "Coût en millions de dirhams : un nombre (0,5 = 500 000 DH), ou - si l'action n'a pas de "
     "coût propre, ou * si le coût n'est pas encore fixé, ou une case vide."),
    ("السنوات: النسبة التراكمية المنتظرة في 31 دجنبر من كل سنة (من 0 إلى 100، مثلا 40%)، ولا "
     "تتناقص من سنة إلى أخرى. اترك الخانة فارغة إن لم يكن هدف لتلك السنة.",
     "Années : le taux cumulé attendu au 31 décembre de chaque année (de 0 à 100, p. ex. 40 %), "
     "qui ne baisse jamais d'une année à l'autre. Laissez vide s'il n'y a pas de cible."),
    ("ثم: pam import هذا_الملف.xlsx --out plan --commune \"جماعة ...\"",
     "Puis : pam import ce_fichier.xlsx --out plan --commune \"Commune de ...\""),
]


def _sheet(wb, title: str, rtl: bool):
    ws = wb.create_sheet(title)
    ws.sheet_view.rightToLeft = rtl
    return ws


def _header(ws, keys: list, widths: dict) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.append([HEAD.get(k, k) if isinstance(k, str) else k for k in keys])
    for c, key in enumerate(keys, 1):
        cell = ws.cell(1, c)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        from openpyxl.utils import get_column_letter

        ws.column_dimensions[get_column_letter(c)].width = widths.get(key, 9 if isinstance(
            key, int) else 24)
    ws.freeze_panes = "A2"


def _validations(ws, keys: list, rows: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for c, key in enumerate(keys, 1):
        col = get_column_letter(c)
        area = f"{col}2:{col}{rows + 1}"
        if isinstance(key, int):
            dv = DataValidation(type="decimal", operator="between", formula1="0",
                                formula2="100", allow_blank=True, showErrorMessage=True,
                                errorTitle="0-100", error="نسبة تراكمية من 0 إلى 100 / un taux "
                                "cumulé de 0 à 100")
        elif key == "cost":
            dv = DataValidation(type="custom", allow_blank=True, showErrorMessage=True,
                                formula1=f'OR(AND(ISNUMBER({col}2),{col}2>=0),{col}2="-",'
                                         f'{col}2="*")',
                                errorTitle="الكلفة / coût", error="رقم بمليون درهم، أو - أو * "
                                "/ un nombre en MDH, ou - ou *")
        else:
            continue
        dv.add(area)
        ws.add_data_validation(dv)


def write_template(path: Path, years: range, lang: str = "ar") -> None:
    """An empty workbook in pam's shape with checked cells and an instructions sheet."""
    from openpyxl import Workbook

    from pam.export.tables import (
        fixed_zip as _fixed_zip,  # the same fixed dates: equal content, equal bytes
    )
    from pam.fsio import write_atomic

    wb = Workbook()
    wb.remove(wb.active)
    ws = _sheet(wb, "plan", lang == "ar")
    keys = [*TEMPLATE_COLUMNS[:3], "head", *TEMPLATE_COLUMNS[3:], *years]
    _header(ws, keys, {"action": 60, "cost": 14, "head": 18})
    _validations(ws, keys, 500)
    info = _sheet(wb, "instructions", lang == "ar")
    for ar, fr in INSTRUCTIONS:
        info.append([ar, fr] if lang == "ar" else [fr, ar])
    info.column_dimensions["A"].width = info.column_dimensions["B"].width = 90
    _save(wb, path, write_atomic, _fixed_zip)


def _save(wb, path: Path, write_atomic, fixed_zip) -> None:
    import io

    stamp = dt.datetime(2026, 1, 1)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "pam"
    buf = io.BytesIO()
    wb.save(buf)
    write_atomic(path, fixed_zip(buf.getvalue(), stamp))


def plan_rows(plan) -> tuple[list, list[list]]:
    """The plan as pam's sheet: (column keys, one row per action), implicit levels left out."""
    prog = plan.program
    skip = prog.implicit_kinds()
    keys = []
    for kind in ("domain", "axis", "project"):
        if kind not in skip:
            keys += [f"{kind}_id", kind, f"{kind}_fr"] + (["head"] if kind == "project" else [])
    keys += ["action_id", "action", "cost", *prog.years]
    rows = []
    for d in plan.domains:
        for a in d.axes:
            for p in a.projects:
                for x in p.actions:
                    values = {"domain_id": d.id, "domain": d.name.ar, "domain_fr": d.name.fr,
                              "axis_id": a.id, "axis": a.name.ar, "axis_fr": a.name.fr,
                              "project_id": p.id, "project": p.name.ar,
                              "project_fr": p.name.fr, "head": p.head, "action_id": x.id,
                              "action": x.text, "cost": x.cost}
                    rows.append([values[k] if isinstance(k, str) else x.targets.get(k)
                                 for k in keys])
    return keys, rows


def add_plan_sheets(wb, plan) -> None:
    """The 'plan' sheet (pam's shape: what pam import reads back) and the 'program' sheet."""
    keys, rows = plan_rows(plan)
    ws = _sheet(wb, "plan", True)
    _header(ws, keys, {"action": 60, "domain": 30, "axis": 30, "project": 30})
    for row in rows:
        ws.append([None if v is None else (int(v) if isinstance(v, float) and v.is_integer()
                                           else v) for v in row])
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    prog = plan.program
    info = _sheet(wb, "program", False)
    for key, value in (("id", prog.id), ("name", prog.name.ar), ("name_fr", prog.name.fr),
                       ("commune", prog.commune.ar), ("commune_fr", prog.commune.fr),
                       ("start", prog.period.start), ("end", prog.period.end)):
        info.append([key, value])
