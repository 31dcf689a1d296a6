"""pam import --update: changes shown in pam diff's words, ids, notes and comments kept, and
never an action dropped silently."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, run_pam

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def exported(tmp_path):
    shutil.copytree(ROOT / "plan", tmp_path / "plan")
    out = tmp_path / "a.xlsx"
    assert run_pam("export", "xlsx", "--plan", str(tmp_path / "plan"), "--as-of", "2020-06-30",
                   "--out", str(out)).returncode == 0
    return tmp_path, out


def edit(path, change):
    wb = openpyxl.load_workbook(path)
    ws = wb["plan"]
    head = [c.value for c in ws[1]]
    change(ws, lambda name: head.index(name) + 1)
    wb.save(path)


def test_update_shows_then_writes_only_the_changed_lines(exported):
    tmp, sheet = exported
    before = (tmp / "plan/domains/d1.yaml").read_text(encoding="utf-8")

    def change(ws, col):
        ws.cell(2, col("الكلفة بمليون درهم / coût (MDH)")).value = 0.25
        ws.cell(2, col(2017)).value = 50
    edit(sheet, change)
    dry = run_pam("import", str(sheet), "--update", "--plan", str(tmp / "plan"), "--dry-run")
    assert dry.returncode == 0 and "$ D1.A1.P1.01  0.1 → 0.25" in dry.stdout
    assert "% D1.A1.P1.01  2017: — → 50%" in dry.stdout
    assert (tmp / "plan/domains/d1.yaml").read_text(encoding="utf-8") == before
    r = run_pam("import", str(sheet), "--update", "--plan", str(tmp / "plan"))
    assert r.returncode == 0, r.stderr
    after = (tmp / "plan/domains/d1.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert changed == [("      cost: 0.1", "      cost: 0.25"),
                       ("      targets: {2018: 100}", "      targets: {2017: 50, 2018: 100}")]
    assert after.startswith("# yaml-language-server")  # comments kept


def test_an_action_missing_from_the_sheet_is_refused(exported):
    tmp, sheet = exported
    edit(sheet, lambda ws, col: ws.delete_rows(3))
    r = run_pam("import", str(sheet), "--update", "--plan", str(tmp / "plan"))
    assert r.returncode == 1
    assert "error[action-not-in-sheet]: the plan's action D1.A1.P1.02" in r.stderr
    assert "amendment" in r.stderr and "not changed" in r.stderr
