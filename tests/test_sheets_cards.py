"""Cards on a spreadsheet: pam card --format xlsx, pam record --from FILE.xlsx (all or nothing):
progress, committed, paid and indicator values; sheets of the first layout still read."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT, run_pam

openpyxl = pytest.importorskip("openpyxl")

LAYOUT1 = ROOT / "tests" / "data" / "card-sheet-layout1.xlsx"  # written by pam before layout 2


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    out = tmp_path_factory.mktemp("fictional") / "ws"
    r = run_pam("demo", "--fictional", str(out))  # cards up to 2025-06-30
    assert r.returncode == 0, r.stderr
    return out / "plan"


@pytest.fixture
def plan(fictional, tmp_path):
    shutil.copytree(fictional, tmp_path / "plan")
    return tmp_path / "plan"


def card_sheet(plan, project, tmp_path):
    sheet = tmp_path / f"{project}.xlsx"
    r = run_pam("card", project, "--period", "2025-07a", "--format", "xlsx", "--out",
                str(sheet), "--plan", str(plan))
    assert r.returncode == 0, r.stderr
    return sheet


def test_sheet_holds_money_and_indicators_and_records_them(plan, tmp_path):
    sheet = card_sheet(plan, "D1.A2.P1", tmp_path)
    (tmp_path / "again").mkdir()
    again = card_sheet(plan, "D1.A2.P1", tmp_path / "again")
    assert sheet.read_bytes() == again.read_bytes()  # the same bytes each time
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    assert ws.protection.sheet and ws.sheet_view.rightToLeft
    assert [c.value for c in ws[7]][5:8] == ["الإنجاز أو القيمة المقيسة / progress % ou valeur "
                                             "mesurée", "الالتزامات / engagé (MDH)",
                                             "الأداءات / payé (MDH)"]
    # the action, prefilled with its last card (2025-06-30): progress, committed, paid
    assert [c.value for c in ws[8]][:9] == ["D1.A2.P1.01", "بناء 12 قسما دراسيا", "%", 72.2,
                                            66, 66, 8.64, 5.51, "ongoing"]
    # its indicator, then (once per card, on the first action) the project's
    assert [c.value for c in ws[9]][:6] == ["D1.A2.P1.01.I1", "الأقسام المبنية", "salles", 8.3,
                                            0, None]
    assert ws["A10"].value == "D1.A2.P1.I1" and ws["C10"].value == "élèves"
    assert ws["A11"].value == "D1.A2.P1.02"
    for cell in ("F8", "G8", "H8", "I8", "J8", "K8", "F9", "F10", "B4", "B5"):
        assert not ws[cell].protection.locked, cell
    for cell in ("A8", "D8", "E8", "G9", "H9", "I9", "E9", "B9"):
        assert ws[cell].protection.locked, cell
    checks = {str(dv.sqref): (dv.type, dv.operator, dv.formula1)
              for dv in ws.data_validations.dataValidation}
    assert checks["G8 G11 H8 H11"] == ("decimal", "greaterThanOrEqual", "0")
    assert checks["F8 F11"][:2] == ("decimal", "between")
    ws["F8"], ws["G8"], ws["H8"], ws["F9"], ws["F10"] = 70, 9, 6.2, 9, 150
    wb.save(sheet)
    r = run_pam("record", "--from", str(sheet), "--plan", str(plan))
    assert r.returncode == 0, r.stderr
    assert "D1.A2.P1.01: 66% → 70% on 2025-07-15, committed 9, paid 6.2, D1.A2.P1.01.I1 = 9, " \
           "D1.A2.P1.I1 = 150" in r.stderr
    assert "recorded 1 row(s) into 1 card(s)" in r.stderr  # D1.A2.P1.02 unchanged: skipped
    card = (plan / "progress" / "D1.A2.P1" / "2025-07a.yaml").read_text(encoding="utf-8")
    assert "  progress: 70\n  committed: 9\n  paid: 6.2\n  indicators:\n" \
           "    D1.A2.P1.01.I1: 9  # الأقسام المبنية · salles" in card
    assert "    D1.A2.P1.I1: 150  #" in card and "D1.A2.P1.02" not in card
    assert run_pam("validate", "--plan", str(plan)).returncode == 0
    r = run_pam("status", "--plan", str(plan), "--as-of", "2025-07-15", "--format", "json")
    data = json.loads(r.stdout)
    line = next(a for a in data["actions"] if a["id"] == "D1.A2.P1.01")
    assert (line["actual"], line["committed"], line["paid"]) == (70, 9, 6.2)
    assert line["indicators"][0]["id"] == "D1.A2.P1.01.I1"
    assert line["indicators"][0]["actual"] == 9
    project = next(p for p in data["projects"] if p["id"] == "D1.A2.P1")
    assert {g["unit"]: g["actual"] for g in project["indicators"]}["élèves"] == 150
    # the same sheet recorded again: the same card, nothing new to write
    r = run_pam("record", "--from", str(sheet), "--plan", str(plan))
    assert r.returncode == 0 and "into 0 card(s)" in r.stderr, r.stderr


@pytest.mark.parametrize(("cells", "where", "message"), [
    ({"F10": "six"}, "F10", "error[bad-value]: indicator D1.A1.P1.02.I1: expected a number, "
                           "found 'six'"),
    ({"F10": -1}, "F10", "error[refused]: indicator D1.A1.P1.02.I1 -1 is lower than the 6.1 "
                         "measured on 2025-06-30"),
    ({"F10": 7, "H9": 2e9}, "H9", "error[refused]: paid 2e+09 must be a positive amount"),
    ({"G9": -3}, "G9", "error[refused]: committed -3 must be a positive amount"),
    ({"H9": "beaucoup"}, "H9", "error[bad-value]: paid: expected a number, found 'beaucoup'"),
    ({"F9": None, "F10": 7}, "F9", "error[no-progress]: D1.A1.P1.02: D1.A1.P1.02.I1 filled in "
                                   "but the progress is empty"),
])
def test_a_bad_value_is_refused_at_its_cell_and_nothing_is_written(plan, tmp_path, cells,
                                                                   where, message):
    sheet = card_sheet(plan, "D1.A1.P1", tmp_path)
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    assert ws["A9"].value == "D1.A1.P1.02" and ws["A10"].value == "D1.A1.P1.02.I1"
    ws["F9"] = 60
    for cell, value in cells.items():
        ws[cell] = value
    wb.save(sheet)
    r = run_pam("record", "--from", str(sheet), "--plan", str(plan))
    assert r.returncode == 1, r.stderr
    assert f"{sheet}:'D1.A1.P1'!{where}: {message}" in r.stderr
    assert "nothing was recorded" in r.stderr
    assert not (plan / "progress" / "D1.A1.P1" / "2025-07a.yaml").exists()


@pytest.mark.parametrize(("cells", "where", "code"), [
    ({"G9": -3}, "G9", "refused"), ({"F10": -1}, "F10", "refused"),
    ({"I9": "finished"}, "I9", "refused"), ({"B4": "2031-01-10"}, "B4", "refused")])
def test_a_refusal_points_at_its_cell_in_every_language(plan, tmp_path, cells, where, code):
    """pam record says which value it refuses (Refused.about): the sheet names that cell,
    whatever the language of the message."""
    sheet = card_sheet(plan, "D1.A1.P1", tmp_path)
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    ws["F9"] = 60
    for cell, value in cells.items():
        ws[cell] = value
    wb.save(sheet)
    for lang in ("ar", "fr", "en"):
        r = run_pam("record", "--from", str(sheet), "--plan", str(plan), "--lang", lang)
        assert r.returncode == 1, r.stderr
        assert f"{sheet}:'D1.A1.P1'!{where}: error[{code}]" in r.stderr, (lang, r.stderr)


def test_a_sheet_of_the_first_layout_records_as_before(tmp_path):
    """tests/data/card-sheet-layout1.xlsx: written by pam card --format xlsx before committed,
    paid and the indicator rows (progress in E, spent in F)."""
    shutil.copytree(ROOT / "plan", tmp_path / "plan")
    sheet = tmp_path / "card.xlsx"
    shutil.copy(LAYOUT1, sheet)
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    assert ws["F7"].value == "المصروف / spent (MDH)" and ws["A8"].value == "D2.A2.P2.01"
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
    assert "recorded 2 row(s) into 1 card(s)" in r.stderr
    card = (tmp_path / "plan/progress/D2.A2.P2/2019-06a.yaml").read_text(encoding="utf-8")
    assert "progress: 40" in card and "progress: 15" in card and "paid: 2.5" in card


def test_a_sheet_whose_header_row_is_not_a_card_s_is_refused(tmp_path):
    shutil.copytree(ROOT / "plan", tmp_path / "plan")
    sheet = tmp_path / "card.xlsx"
    wb = openpyxl.load_workbook(LAYOUT1)
    wb.active["E7"] = "something else"
    wb.save(sheet)
    r = run_pam("record", "--from", str(sheet), "--plan", str(tmp_path / "plan"))
    assert r.returncode == 1
    assert f"{sheet}:'D2.A2.P2'!7:7: error[not-a-card-sheet]: row 7 does not name" in r.stderr


def _recorded(plan, sheet, *extra):
    return run_pam("record", "--from", str(sheet), "--plan", str(plan), *extra)


def test_a_row_whose_id_is_no_action_nor_indicator_above_is_refused_at_its_id(plan,
                                                                            tmp_path):
    """An action renamed after the sheet was written, or an id typed over: the row is
    refused at its id's cell, never read as an indicator whose value then vanishes."""
    sheet = card_sheet(plan, "D1.A2.P1", tmp_path)
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    assert ws["A11"].value == "D1.A2.P1.02"
    ws["A11"], ws["F11"] = "D1.A2.P1.09", 44
    wb.save(sheet)
    r = _recorded(plan, sheet)
    assert r.returncode == 1, r.stderr
    assert f"{sheet}:'D1.A2.P1'!A11: error[unknown-id]: 'D1.A2.P1.09' is neither an action" \
        in r.stderr
    assert not (plan / "progress" / "D1.A2.P1" / "2025-07a.yaml").exists()


def test_a_date_with_a_time_and_a_progress_typed_as_a_percent(plan, tmp_path):
    import datetime as dt

    sheet = card_sheet(plan, "D1.A2.P1", tmp_path)
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    ws["B4"] = dt.datetime(2025, 7, 10, 14, 30)  # typed with a time of day
    ws["F8"] = 0.7  # typed 70%: held as 0.7, shown as 70%
    ws["F8"].number_format = "0%"
    wb.save(sheet)
    r = _recorded(plan, sheet)
    assert r.returncode == 0, r.stderr
    card = (plan / "progress" / "D1.A2.P1" / "2025-07a.yaml").read_text(encoding="utf-8")
    assert "date: 2025-07-10" in card and "  progress: 70\n" in card
    ws["G8"] = 0.5  # a percent in an amount's cell: refused
    ws["G8"].number_format = "0%"
    ws["F8"] = 75
    wb.save(sheet)
    r = _recorded(plan, sheet)
    assert r.returncode == 1 and "!G8: error[bad-value]: committed: expected an amount" \
        in r.stderr, r.stderr


def test_the_project_s_indicators_go_with_the_first_action_not_dropped(plan, tmp_path):
    """The first action dropped by an amendment: the project's own indicators are under the
    next action, on the sheet and on the card, and can be recorded."""
    domain = plan / "domains" / "d1.yaml"
    text = domain.read_text(encoding="utf-8")
    assert "    - id: D1.A2.P1.01\n" in text
    domain.write_text(text.replace("    - id: D1.A2.P1.01\n",
                                   "    - id: D1.A2.P1.01\n      dropped_by: AMD-2025-01\n", 1),
                      encoding="utf-8")
    (plan / "amendments").mkdir()
    (plan / "amendments" / "2025-01.yaml").write_text(
        "id: AMD-2025-01\ndate: 2025-03-08\nsession: \"دورة مارس 2025\"\n"
        "deliberation: \"5/2025\"\napproved: 2025-04-02\nreason: \"test\"\nchanges:\n"
        "- {action: D1.A2.P1.01, change: dropped}\n", encoding="utf-8")
    assert run_pam("validate", "--plan", str(plan)).returncode == 0
    sheet = card_sheet(plan, "D1.A2.P1", tmp_path)
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    rows = {ws.cell(r, 1).value: r for r in range(8, ws.max_row + 1)}
    assert rows["D1.A2.P1.I1"] > rows["D1.A2.P1.02"] > rows["D1.A2.P1.01"]
    ws.cell(rows["D1.A2.P1.I1"], 6).value = 150
    wb.save(sheet)
    r = _recorded(plan, sheet)
    assert r.returncode == 0, r.stderr
    card = (plan / "progress" / "D1.A2.P1" / "2025-07a.yaml").read_text(encoding="utf-8")
    assert "    D1.A2.P1.I1: 150  #" in card and "D1.A2.P1.01" not in card.split("actions:")[1]


def test_pam_record_keeps_a_project_indicator_on_any_line_and_refuses_an_unknown_one(plan):
    card = plan / "progress" / "D1.A2.P1" / "2025-07a.yaml"
    r = run_pam("record", "D1.A2.P1.01", "--date", "2025-07-10", "--progress", "70",
                "--plan", str(plan))  # the card's first line: D1.A2.P1.01
    assert r.returncode == 0, r.stderr
    r = run_pam("record", "D1.A2.P1.02", "--date", "2025-07-10", "--progress", "50",
                "--indicator", "D1.A2.P1.I1=150", "--plan", str(plan))
    assert r.returncode == 0, r.stderr
    second = card.read_text(encoding="utf-8").split("- action: D1.A2.P1.02")[1]
    assert "    D1.A2.P1.I1: 150" in second  # on the line it was given on
    assert run_pam("validate", "--plan", str(plan)).returncode == 0
    before = card.read_text(encoding="utf-8")
    r = run_pam("record", "D1.A2.P1.02", "--date", "2025-07-10", "--progress", "50",
                "--indicator", "D1.A2.P1.I9=5", "--plan", str(plan))
    assert r.returncode == 1 and "unknown-indicator" in r.stderr, r.stderr
    assert "'D1.A2.P1.I9' is not an indicator of D1.A2.P1.02 or of its project" in r.stderr
    assert card.read_text(encoding="utf-8") == before
    new = plan / "progress" / "D1.A1.P2" / "2025-07a.yaml"  # a new card: refused alike
    r = run_pam("record", "D1.A1.P2.01", "--date", "2025-07-10", "--progress", "100",
                "--indicator", "D1.A2.P1.I9=5", "--plan", str(plan))
    assert r.returncode == 1 and "unknown-indicator" in r.stderr, r.stderr
    assert not new.exists()
