"""pam export: flat tables of actions and card entries as csv, json and xlsx."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
from reports_workspace import AS_OF, load, write_workspace

from pam import export as ex
from pam.monitor.status import compute_status, status_json


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return load(write_workspace(tmp_path_factory.mktemp("ws")))


@pytest.fixture
def cli():
    from typer.testing import CliRunner

    from pam.cli import app

    return lambda *args: CliRunner().invoke(app, list(args))


def test_actions_table_agrees_with_status(plan):
    tables = ex.export_tables(plan, AS_OF)
    status = {a["id"]: a for a in status_json(compute_status(plan, AS_OF))["actions"]}
    assert [r["action"] for r in tables["actions"]] == list(status)
    for row in tables["actions"]:
        s = status[row["action"]]
        assert (row["planned"], row["actual"], row["variance"], row["status"]) == (
            s["planned"], s["actual"], s["variance"], s["status"])
    first = tables["actions"][0]
    assert first["target_2018"] == 50 and first["target_2017"] is None
    assert {r["cost_status"] for r in tables["actions"]} == {"costed", "no_cost", "not_fixed",
                                                             "blank"}


def test_cards_table_has_one_row_per_entry(plan):
    rows = ex.export_tables(plan, AS_OF)["cards"]
    assert len(rows) == sum(len(c.actions) for c in plan.cards)
    assert rows[0]["project"] == "D1.A1.P1" and rows[0]["period"] == "2018-12b"
    assert rows == sorted(rows, key=lambda r: (r["project"], r["period"]))


def test_csv_neutralizes_formulas():
    text = ex.to_csv([{"a": "=HYPERLINK(\"x\")", "b": "-1", "c": 2.5, "d": None, "e": True}])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row == {"a": "'=HYPERLINK(\"x\")", "b": "'-1", "c": "2.5", "d": "", "e": "true"}


def test_cli_json_and_csv(cli, plan, tmp_path):
    r = cli("export", "json", "--plan", str(plan.root))
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["as_of"] == "2020-06-30" and set(data) == {"as_of", "actions", "cards",
                                                            "indicators", "measures", "funding"}
    r = cli("export", "csv", "--plan", str(plan.root), "--table", "cards")
    assert r.exit_code == 0 and r.stdout.startswith("project,period,date,reporter,")
    r = cli("export", "csv", "--plan", str(plan.root), "--out", str(tmp_path / "t"))
    assert r.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == [
        "actions.csv", "cards.csv", "funding.csv", "indicators.csv", "measures.csv"]
    assert (tmp_path / "t" / "funding.csv").read_text(encoding="utf-8-sig").startswith(
        "domain,project,action,source,partner,amount,")  # a plan without funding: the header
    r = cli("export", "csv", "--plan", str(plan.root), "--table", "nope")
    assert r.exit_code == 2 and r.stderr == ("pam: --table must be one of: actions, cards, "
                                             "indicators, measures, funding\n")


def test_xlsx_is_deterministic_and_keeps_text_as_text(plan, tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl not installed (pam[xlsx])")
    tables = ex.export_tables(plan, AS_OF)
    tables["cards"][0]["note"] = "=1+1"
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    ex.write_xlsx(tables, a, AS_OF)
    ex.write_xlsx(tables, b, AS_OF)
    assert a.read_bytes() == b.read_bytes()
    wb = openpyxl.load_workbook(a)
    assert wb.sheetnames == ["actions", "cards", "indicators", "measures", "funding"]
    ws = wb["cards"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("note") + 1)
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_xlsx_without_openpyxl_says_how_to_install(cli, plan, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    r = cli("export", "xlsx", "--plan", str(plan.root), "--out", str(tmp_path / "x.xlsx"))
    assert r.exit_code == 1
    assert r.stderr == "pam: xlsx needs openpyxl: pip install 'pam-pac[xlsx]'\n"


def test_tjp_export_is_a_taskjuggler_project(tmp_path):
    """The TaskJuggler export nests domain > axis > project > action with start, end, complete;
    when tj3 is installed, it must accept the file and write its CSV report."""
    import shutil
    import subprocess

    from conftest import run_pam, write_plan

    plan = write_plan(tmp_path)
    assert run_pam("record", "D1.A1.P1.01", "--date", "2018-06-30", "--progress", "30",
                   "--plan", str(plan)).returncode == 0
    out = tmp_path / "pam.tjp"
    r = run_pam("export", "tjp", "--plan", str(plan), "--as-of", "2018-12-31", "--out", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert 'project pac "Programme de test" 2017-01-01 - 2023-01-01' in text
    assert "task t_D1_A1_P1_01" in text and "complete 30" in text
    assert "start 2018-01-01" in text and "end 2020-01-01" in text   # 100% in 2019
    if shutil.which("tj3"):
        tj = subprocess.run(["tj3", "--silent", "--output-dir", str(tmp_path), str(out)],
                            capture_output=True, text=True, timeout=120)
        assert tj.returncode == 0, tj.stderr[-2000:]
        assert (tmp_path / "pam-overview.csv").exists()


def test_tjp_gantt_scale(tmp_path):
    """--gantt-scale month gives tj3 a monthly chart (tj3 accepts it when installed); a wrong
    scale, or the option with another format, is refused with the choices."""
    import shutil
    import subprocess

    from conftest import run_pam, write_plan

    plan = write_plan(tmp_path)
    out = tmp_path / "m.tjp"
    r = run_pam("export", "tjp", "--plan", str(plan), "--as-of", "2018-12-31", "--out", str(out),
                "--gantt-scale", "month")
    assert r.returncode == 0, r.stderr
    assert "columns bsi, name, start, end, complete, chart { scale month }" in \
        out.read_text(encoding="utf-8")
    bad = run_pam("export", "tjp", "--plan", str(plan), "--gantt-scale", "fortnight")
    assert bad.returncode == 2 and "day, week, month, quarter, year" in bad.stderr
    other = run_pam("export", "json", "--plan", str(plan), "--gantt-scale", "month")
    assert other.returncode == 2 and "is for 'pam export tjp'" in other.stderr
    if shutil.which("tj3"):
        tj = subprocess.run(["tj3", "--silent", "--output-dir", str(tmp_path), str(out)],
                            capture_output=True, text=True, timeout=120)
        assert tj.returncode == 0, tj.stderr[-2000:]
