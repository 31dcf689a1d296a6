"""Spreadsheets for the import tests, written with openpyxl from the shipped Dakhla plan."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import SHIPPED_PLAN

YEARS_RTL = [2022, 2021, 2020, 2019, 2018, 2017]
ORD = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع"]


def shipped():
    from pam.load import load_plan

    plan, problems = load_plan(SHIPPED_PLAN, cards=False)
    assert not [p for p in problems if p.severity == "error"]
    return plan


def pct(value) -> str:
    return f"{value:g}%"


def seed_shape_workbook(path: Path, *, names_at: str = "first", total: bool = True,
                        percent_as_text: bool = True):
    """The Dakhla tables in the seed's own shape: a heading row per domain and per axis, a
    two-row table header per axis (years right to left 2022 ... 2017, then the cost, the
    action, the project), the project name on one row of its group, '%' signs, the cost
    markers, and a total row at the end."""
    from openpyxl import Workbook

    plan = shipped()
    wb = Workbook()
    ws = wb.active
    ws.title = "PAC"
    ws.sheet_view.rightToLeft = True
    ws.append(["برنامج عمل الجماعة الترابية للداخلة 2017-2022"])
    for di, d in enumerate(plan.domains):
        ws.append([])
        ws.append([f"المجال {ORD[di]} {d.name.ar}"])
        for ai, a in enumerate(d.axes):
            ws.append([])
            ws.append([f"المحور {ORD[ai]} {a.name.ar}"])
            ws.append(["مؤشرات الفعالية حسب سنوات الانجاز", None, None, None, None, None,
                       "الكلفة الإجمالية", "الأهداف المراد بلوغها", "المشروع"])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row,
                           end_column=6)
            ws.append([*YEARS_RTL, "بمليون درهم"])
            for p in a.projects:
                n = len(p.actions)
                at = 0 if names_at == "first" else (n - 1) // 2
                for i, x in enumerate(p.actions):
                    targets = [x.targets.get(y) for y in YEARS_RTL]
                    cells = [(pct(v) if percent_as_text else v / 100) if v is not None else None
                             for v in targets]
                    cost = x.cost if x.cost is not None else None
                    ws.append([*cells, cost, x.text, p.name.ar if i == at else None])
                    if not percent_as_text:
                        for c in range(1, 7):
                            ws.cell(ws.max_row, c).number_format = "0%"
    if total:
        ws.append([])
        ws.append([None] * 6 + [round(sum(x.cost_value or 0 for x in plan.actions()), 2),
                                "المجموع"])
    wb.save(path)
    return plan


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, fmt: str, out_dir: Path) -> Path:
    """LibreOffice headless: 'ods', 'xlsx', or 'csv' (UTF-8, ',' separated)."""
    target = {"csv": 'csv:Text - txt - csv (StarCalc):44,34,76,1', "ods": "ods",
              "xlsx": 'xlsx:Calc MS Excel 2007 XML'}[fmt]
    out_dir.mkdir(parents=True, exist_ok=True)
    r = subprocess.run([soffice(), "--headless", "--norestore",
                        f"-env:UserInstallation=file://{out_dir}/.lo-profile",
                        "--convert-to", target, "--outdir", str(out_dir), str(src)],
                       capture_output=True, text=True, timeout=240)
    result = out_dir / (src.stem + "." + fmt)
    assert result.exists(), (r.stdout, r.stderr)
    return result
