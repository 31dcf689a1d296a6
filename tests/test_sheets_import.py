"""pam import: real files in each shape (openpyxl, and LibreOffice's own conversions), located
problems, nothing written on error, the round trip through pam export xlsx."""

from __future__ import annotations

import pytest
from conftest import ROOT, run_pam
from sheets_data import convert, seed_shape_workbook, shipped, soffice

openpyxl = pytest.importorskip("openpyxl")
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not "
                                   "installed: make test installs it (tests/setup_libreoffice.sh)")


def flat(plan) -> dict:
    out = {}
    for d in plan.domains:
        out[d.id] = (d.name.ar, d.name.fr)
        for a in d.axes:
            out[a.id] = (a.name.ar, a.name.fr)
            for p in a.projects:
                out[p.id] = (p.name.ar, p.name.fr)
                for x in p.actions:
                    out[x.id] = (x.text, x.cost, dict(x.targets))
    return out


def loaded(folder):
    from pam.load import load_plan

    plan, problems = load_plan(folder, cards=False)
    assert not [p.render() for p in problems if p.severity == "error"]
    return plan


def imported(src, out, *args):
    r = run_pam("import", str(src), "--out", str(out), *args)
    assert r.returncode == 0, r.stderr
    return loaded(out), r


def arabic_only(flat_plan: dict) -> dict:
    return {k: (v[0],) if len(v) == 2 else v for k, v in flat_plan.items()}


@pytest.fixture(scope="module")
def seed_xlsx(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "dakhla.xlsx"
    seed_shape_workbook(path)
    return path


def test_seed_shape_gives_the_shipped_plan(seed_xlsx, tmp_path):
    plan, r = imported(seed_xlsx, tmp_path / "plan", "--commune", "الجماعة الترابية للداخلة")
    assert arabic_only(flat(plan)) == arabic_only(flat(shipped()))
    assert "151 actions" in r.stderr and "error" not in r.stderr
    assert (plan.program.period.start, plan.program.period.end) == (2017, 2022)
    p = plan.find("D1.A1.P1")[1]
    assert p.source.row == 8 and p.source.sheet == "PAC"
    assert any("filled down from its first row" in n for n in p.notes)
    assert plan.program.levels.action.ar == "الأهداف المراد بلوغها"


def test_percent_formatted_numbers_and_merged_project_cells(tmp_path):
    path = tmp_path / "merged.xlsx"
    seed_shape_workbook(path, percent_as_text=False)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    # merge each project's name cell over its rows, as Word or Excel tables have them
    rows = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 8).value and
            ws.cell(r, 7).value != "بمليون درهم" and ws.cell(r, 8).value != "المجموع"
            and ws.cell(r, 8).value != "الأهداف المراد بلوغها"]
    starts = [r for r in rows if ws.cell(r, 9).value]
    for s in starts:
        end = s
        while end + 1 in rows and end + 1 not in starts:
            end += 1
        if end > s:
            ws.merge_cells(start_row=s, start_column=9, end_row=end, end_column=9)
    wb.save(path)
    plan, _ = imported(path, tmp_path / "plan")
    assert arabic_only(flat(plan)) == arabic_only(flat(shipped()))
    assert any("a merged cell" in n for n in plan.find("D1.A1.P1")[1].notes)


@needs_soffice
@pytest.mark.parametrize("fmt", ["ods", "csv", "xlsx"])
def test_files_as_libreoffice_writes_them(seed_xlsx, tmp_path, fmt):
    src = convert(seed_xlsx, "ods", tmp_path / "ods")
    if fmt != "ods":
        src = convert(src, fmt, tmp_path / fmt)  # ods -> csv, ods -> xlsx (LibreOffice's)
    plan, _ = imported(src, tmp_path / "plan")
    assert arabic_only(flat(plan)) == arabic_only(flat(shipped()))


def test_round_trip_through_export_is_byte_identical(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run_pam("export", "xlsx", "--plan", str(ROOT / "plan"), "--as-of", "2020-06-30",
                   "--out", str(a)).returncode == 0
    plan, _ = imported(a, tmp_path / "plan")
    assert flat(plan) == flat(shipped())
    assert plan.program.id == shipped().program.id
    assert run_pam("export", "xlsx", "--plan", str(tmp_path / "plan"), "--as-of", "2020-06-30",
                   "--out", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()


def sheet(tmp_path, rows, name="pac.xlsx", title="Feuil1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


HEAD = ["المجال", "المحور", "المشروع", "الإجراء", "الكلفة (بمليون درهم)", 2022, 2023, 2024]


def test_every_problem_located_and_nothing_written(tmp_path):
    path = sheet(tmp_path, [
        HEAD,
        ["م1", "مح1", "مش1", "إجراء أ", "abc", "40%", "30%", "100%"],
        [None, None, None, "إجراء ب", 1, "x", 200, None],
        [None, None, None, None, 2, "10%", None, None],
    ])
    out = tmp_path / "plan"
    r = run_pam("import", str(path), "--out", str(out))
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert any(line.startswith(f"{path}:Feuil1!E2: error[bad-cost]: expected a cost") for line in lines)
    assert any(line.startswith(f"{path}:Feuil1!G2: error[target-not-cumulative]: the 2023 target 30%")
               for line in lines)
    assert any(line.startswith(f"{path}:Feuil1!F3: error[bad-target]") for line in lines)
    assert any(line.startswith(f"{path}:Feuil1!G3: error[target-range]") for line in lines)
    assert any(line.startswith(f"{path}:Feuil1!D4: error[empty-text]") for line in lines)
    assert "nothing was written" in lines[-1]
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".pam")]


def test_unknown_header_did_you_mean_and_cost_unit_question(tmp_path):
    path = sheet(tmp_path, [["المشروع", "الإجراءت", "الكلفة", "Remarque bizarre", 2022],
                            ["مش", "إجراء", 5, "", "100%"]])
    r = run_pam("import", str(path), "--out", str(tmp_path / "plan"))
    assert r.returncode == 1
    assert "Feuil1!D1: warning[unknown-column]" in r.stderr
    assert "Feuil1!C1: error[cost-unit-unclear]" in r.stderr and "--cost-unit" in r.stderr
    path = sheet(tmp_path, [["المشروع", "الإجراءا", "الكلفة", 2022],
                            ["مش", "إجراء", 5, "100%"]], name="b.xlsx")
    r = run_pam("import", str(path), "--out", str(tmp_path / "p2"), "--cost-unit", "million")
    assert "Did you mean 'الاجراء'?" in r.stderr or "Did you mean" in r.stderr


def test_csv_semicolons_bom_decimal_commas_arabic_digits_dirhams(tmp_path):
    text = ("Domaine;Axe;Projet;Action;Coût (DH);٢٠٢٣;٢٠٢٢\n"
            "Voirie;Routes;Route A;Paver 2 km;1 500 000;١٠٠ ٪;٤٠٪\n"
            ";;;Éclairage;-;100;\n"
            ";;Route B;Étude;*;;50,5%\n"
            ";;;Total;1500000;;\n")
    path = tmp_path / "pac.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    plan, r = imported(path, tmp_path / "plan", "--commune", "جماعة", "--start", "2022")
    acts = {x.text: x for x in plan.actions()}
    assert acts["Paver 2 km"].cost == 1.5 and acts["Paver 2 km"].targets == {2022: 40, 2023: 100}
    assert acts["Éclairage"].cost == "-" and acts["Étude"].cost == "*"
    assert acts["Étude"].targets == {2022: 50.5}
    assert plan.find("D1.A1.P2")[1].name.ar == "Route B"
    assert "Total" not in acts and "warning" not in r.stderr
    assert any("converted to 1.5 million MAD" in n for n in acts["Paver 2 km"].notes)
    bad = tmp_path / "bad.csv"
    bad.write_text("Projet,Action,Coût (MDH),2022\nA,B,1,x\n", encoding="utf-8")
    r = run_pam("import", str(bad), "--out", str(tmp_path / "p3"))
    assert f"{bad}:2:4: error[bad-target]" in r.stderr


def test_total_row_that_disagrees_is_a_warning(tmp_path):
    path = sheet(tmp_path, [["المشروع", "الإجراء", "الكلفة بمليون درهم", 2022],
                            ["مش", "أ", 1, "100%"], [None, "ب", 2, "100%"],
                            [None, "المجموع", 4, None]])
    plan, r = imported(path, tmp_path / "plan", "--start", "2022")
    assert "Feuil1!C4: warning[total-mismatch]" in r.stderr
    assert len(plan.actions()) == 2


def test_three_levels_and_the_communes_names(tmp_path):
    """Casablanca's shape: axes -> programmes -> projects, the projects carrying the costs."""
    path = sheet(tmp_path, [["المحور / Axe", "البرنامج / Programme", "المشروع / Projet",
                             "الكلفة بمليون درهم", 2023, 2028],
                            ["محور 1", "برنامج 1", "مشروع أ", 10, "20%", "100%"],
                            [None, None, "مشروع ب", 5, None, "100%"],
                            [None, "برنامج 2", "مشروع ج", "*", None, None]])
    plan, _ = imported(path, tmp_path / "plan", "--start", "2023")
    levels = plan.program.levels
    assert levels.domain.implicit and not levels.axis.implicit
    assert (levels.axis.ar, levels.project.ar, levels.action.ar) == \
        ("المحور", "البرنامج", "المشروع")
    assert [x.id for x in plan.actions()] == ["D1.A1.P1.01", "D1.A1.P1.02", "D1.A1.P2.01"]
    assert plan.program.implicit_kinds() == {"domain"}
    tree = run_pam("tree", "--plan", str(tmp_path / "plan"))
    assert tree.returncode == 0 and "D1 " not in tree.stdout and "D1.A1 " in tree.stdout


def test_column_map_and_id_columns(tmp_path):
    path = sheet(tmp_path, [["Code", "Intitulé du projet", "Libellé", "Montant", "Cible 2022"],
                            ["X1.A1.P1.01", "Projet", "Faire", 3, 100]])
    cmap = tmp_path / "map.yaml"
    cmap.write_text("columns:\n  Intitulé du projet: project\n  Libellé: action\n"
                    "  D: cost\n  Code: action_id\ncost_unit: million\n", encoding="utf-8")
    plan, _ = imported(path, tmp_path / "plan", "--columns", str(cmap), "--start", "2022")
    (x,) = plan.actions()
    assert (x.id, x.text, x.cost, x.targets) == ("X1.A1.P1.01", "Faire", 3, {2022: 100})


def test_refused_id_taken_from_the_actions_ids_is_located_at_the_action_id(tmp_path):
    """A level without an id column takes its id from its actions' ids; when that id is
    refused, the error is at the action id's cell and says where the id came from (it was an
    internal error: TypeError, the level having no cell of its own)."""
    wrong_parent = tmp_path / "parent.csv"
    wrong_parent.write_text("domain_id,Domaine,Axe,Projet,id,Action,Coût (MDH),2022\n"
                            "X,Voirie,Routes,Route A,D1.A1.P1.01,Paver,1,100\n", encoding="utf-8")
    r = run_pam("import", str(wrong_parent), "--out", str(tmp_path / "p1"), "--commune", "X",
                "--start", "2022")
    assert r.returncode == 1 and "Traceback" not in r.stderr and "internal error" not in r.stderr
    (line,) = [x for x in r.stderr.splitlines() if "error[" in x]
    assert line.startswith(f"{wrong_parent}:2:5: error[id-parent]: the axis id 'D1.A1' does not "
                           "start with its parent's id 'X.'")
    assert "'D1.A1' was taken from its actions' ids" in line
    assert "add a column axis_id" in line and "or correct the action ids" in line
    assert not (tmp_path / "p1").exists()

    # the same in a workbook: located as SHEET!CELL; a level the sheet does not have (here the
    # axis) can only be fixed in the action ids
    path = sheet(tmp_path, [["المجال", "domain_id", "المشروع", "id", "الإجراء",
                             "الكلفة (بمليون درهم)", 2022],
                            ["م1", "X", "مش1", "D1.A1.P1.01", "إجراء", 1, "100%"]],
                 name="parent.xlsx")
    r = run_pam("import", str(path), "--out", str(tmp_path / "p2"), "--start", "2022")
    assert r.returncode == 1 and "internal error" not in r.stderr
    (line,) = [x for x in r.stderr.splitlines() if "error[" in x]
    assert line.startswith(f"{path}:Feuil1!D2: error[id-parent]: the axis id 'D1.A1'")
    assert "correct the action ids (the sheet has no axis level" in line

    # ids that differ only in case: the second domain's id, taken from its action's id, is
    # refused at that action id (and so are its axis's and project's)
    case = tmp_path / "case.csv"
    case.write_text("Domaine,Axe,Projet,id,Action,Coût (MDH),2022\n"
                    "Voirie,Routes,Route A,D1.A1.P1.01,Paver,1,100\n"
                    "Eau,Puits,Puits A,d1.A1.P1.02,Creuser,1,100\n", encoding="utf-8")
    r = run_pam("import", str(case), "--out", str(tmp_path / "p3"), "--start", "2022")
    assert r.returncode == 1 and "internal error" not in r.stderr
    lines = [x for x in r.stderr.splitlines() if "error[" in x]
    assert [x.split(": ")[0] for x in lines] == [f"{case}:3:4"] * 3
    assert lines[0].startswith(f"{case}:3:4: error[duplicate-id]: domain id 'd1' is already used")
    assert "'d1' was taken from its actions' ids" in lines[0]
    assert "add a column domain_id" in lines[0]
    assert "axis id 'd1.A1'" in lines[1] and "project id 'd1.A1.P1'" in lines[2]

    # ids taken from the actions' ids that are accepted still import as before
    ok = tmp_path / "ok.csv"
    ok.write_text("Domaine,Axe,Projet,id,Action,Coût (MDH),2022\n"
                  "Voirie,Routes,Route A,X1.B2.C3.04,Paver,1,100\n", encoding="utf-8")
    plan, _ = imported(ok, tmp_path / "p4", "--start", "2022")
    assert list(flat(plan)) == ["X1", "X1.B2", "X1.B2.C3", "X1.B2.C3.04"]


def test_out_must_be_new(tmp_path, seed_xlsx):
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "x").write_text("")
    r = run_pam("import", str(seed_xlsx), "--out", str(tmp_path / "plan"))
    assert r.returncode == 1 and "error[out-not-empty]" in r.stderr


def test_template_filled_in_imports(tmp_path):
    path = tmp_path / "pac.xlsx"
    r = run_pam("template", "xlsx", str(path), "--start", "2022")
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(path)
    ws = wb["plan"]
    assert ws.sheet_view.rightToLeft and ws.data_validations.dataValidation
    assert "instructions" in wb.sheetnames
    ws.append(["المالية", "الموارد", "الجبايات", "فاطمة", "إحصاء الملزمين", 0.3, 0.5, 1])
    ws.append([None, None, None, None, "رقمنة التحصيل", "*", None, 0.4])
    wb.save(path)
    plan, _ = imported(path, tmp_path / "plan", "--commune", "جماعة")
    a, b = plan.actions()
    assert (a.cost, a.targets, b.cost, b.targets) == (0.3, {2022: 50, 2023: 100}, "*",
                                                       {2023: 40})
    assert plan.find("D1.A1.P1")[1].head == "فاطمة"
    assert any("shares from 0 to 1" in n for n in plan.program.notes)
