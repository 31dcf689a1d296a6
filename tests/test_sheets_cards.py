"""Cards on a spreadsheet: pam card --format xlsx, pam record --from FILE.xlsx (all or nothing)."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, run_pam

openpyxl = pytest.importorskip("openpyxl")


def test_card_sheet_filled_and_recorded_all_or_nothing(tmp_path):
    shutil.copytree(ROOT / "plan", tmp_path / "plan")
    sheet = tmp_path / "card.xlsx"
    r = run_pam("card", "D2.A2.P2", "--period", "2019-06a", "--format", "xlsx", "--out",
                str(sheet), "--plan", str(tmp_path / "plan"))
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    assert ws.protection.sheet and ws.sheet_view.rightToLeft
    assert not ws["E8"].protection.locked and ws["B8"].protection.locked
    ws["E8"], ws["F8"], ws["E9"] = 40, 2.5, 150
    wb.save(sheet)
    r = run_pam("record", "--from", str(sheet), "--plan", str(tmp_path / "plan"))
    assert r.returncode == 1
    assert f"{sheet}:'D2.A2.P2'!E9: error[refused]: progress 150 is outside 0-100" in r.stderr
    assert not (tmp_path / "plan" / "progress").exists()
    ws["E9"] = 15
    wb.save(sheet)
    r = run_pam("record", "--from", str(sheet), "--plan", str(tmp_path / "plan"))
    assert r.returncode == 0, r.stderr
    assert "D2.A2.P2.01: 0% → 40% on 2019-06-15, spent 2.5" in r.stderr
    card = (tmp_path / "plan/progress/D2.A2.P2/2019-06a.yaml").read_text(encoding="utf-8")
    assert "progress: 40" in card and "progress: 15" in card
