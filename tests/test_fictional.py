"""The fictional commune (pam demo --fictional): labelled fictional in every file and view,
valid, its deliberate stories visible; and the Dakhla plan, which gains no invented indicator,
credit or partner."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import ROOT, run_pam

from pam.load.pipeline import load_plan

FICTIONAL = ROOT / "examples" / "fictional" / "plan"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fictional") / "ws"
    r = run_pam("demo", "--fictional", str(out))
    assert r.returncode == 0, r.stderr
    assert "FICTIONAL example workspace" in r.stderr
    return out


def test_every_file_says_it_is_fictional(workspace):
    files = [p for p in workspace.rglob("*") if p.is_file() and p.suffix in (".yaml", ".md")]
    assert len(files) > 300
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "FICTIONAL" in text, path
    for path in FICTIONAL.rglob("*.yaml"):  # the shipped plan itself
        assert "FICTIONAL" in path.read_text(encoding="utf-8"), path
    plan, problems = load_plan(workspace / "plan")
    assert problems == []
    ex = plan.program.example
    assert ex.fictional and ex.simulated and ex.as_of == dt.date(2025, 6, 30)
    assert "(commune fictive)" in plan.program.commune.fr


def test_every_view_says_it_is_fictional(workspace, tmp_path):
    plan = str(workspace / "plan")
    r = run_pam("status", "--plan", plan)
    assert r.returncode == 0 and "FICTIONAL COMMUNE" in r.stdout.splitlines()[0]
    for kind, extra in (("annual", ["--year", "2024"]), ("semiannual", []), ("public", []),
                        ("steering", []), ("card", ["--project", "D1.A1.P1"])):
        for fmt in ("md", "html"):
            out = tmp_path / f"{kind}.{fmt}"
            r = run_pam("report", kind, *extra, "--plan", plan, "--format", fmt, "--out",
                        str(out))
            assert r.returncode == 0, r.stderr
            text = out.read_text(encoding="utf-8")
            assert "جماعة خيالية" in text, (kind, fmt)  # the banner (Arabic report)
            assert "FICTIONAL COMMUNE" in text  # the program's notice


def test_the_stories_show_and_the_figures_are_the_status_s(workspace):
    r = run_pam("status", "--plan", str(workspace / "plan"), "--format", "json")
    data = json.loads(r.stdout)
    acts = {a["id"]: a for a in data["actions"]}
    assert acts["D1.A1.P1.02"]["alarms"] == ["spending_ahead"]
    paving = acts["D1.A1.P1.02"]
    assert 100 * paving["paid"] / paving["cost"] - paving["actual"] > 25
    assert acts["D1.A2.P1.01"]["alarms"] == ["indicator_stalled"]
    assert acts["D1.A2.P1.01"]["indicators"][0]["actual"] == 0
    assert acts["D3.A1.P1.01"]["status"] == "late"
    assert data["program"]["alarms"] == {"spending_ahead": 1, "indicator_stalled": 1}
    d1 = next(n for n in data["domains"] if n["id"] == "D1")
    rooms = next(g for g in d1["indicators"] if g["unit"] == "salles")
    assert rooms["indicators"] == 2  # two actions build classrooms: summed, unit by unit
    assert {g["unit"] for g in d1["indicators"]} >= {"km", "salles", "élèves"}
    m = data["program"]["money"]
    assert m["funded"] == 11 and m["coverage"] == 100
    assert m["own"] + m["partner"] == pytest.approx(sum(s["amount"] for s in m["sources"]))
    assert 0 < m["signed_share"] < 100  # two partners are not signed yet


def test_money_and_indicators_in_the_annual_report_come_from_its_json(workspace):
    r = run_pam("report", "annual", "--year", "2024", "--plan", str(workspace / "plan"),
                "--format", "json")
    data = json.loads(r.stdout)
    total = data["money"]["total"]
    status = json.loads(run_pam("status", "--plan", str(workspace / "plan"), "--as-of",
                                "2024-12-31", "--format", "json").stdout)["program"]["money"]
    for key in ("cost", "allocated", "committed", "paid", "own", "partner", "signed_share"):
        assert total[key] == status[key], key
    md = run_pam("report", "annual", "--year", "2024", "--plan", str(workspace / "plan"),
                 "--lang", "fr", "--format", "md", "--out", str(workspace / "a.md"))
    assert md.returncode == 0
    text = (workspace / "a.md").read_text(encoding="utf-8")
    assert "Indicateurs physiques mesurés" in text and "Financement par source" in text
    row = next(r for g in data["physical"] for r in g["rows"] if r["id"] == "D1.A1.P1.02.I1")
    line = next(x for x in text.splitlines() if x.startswith("| D1.A1.P1.02.I1 |"))
    assert f"| {row['planned']:g} |".replace(".", ",") in line


def test_exports_carry_the_new_tables(workspace, tmp_path):
    out = tmp_path / "t"
    r = run_pam("export", "csv", "--plan", str(workspace / "plan"), "--out", str(out))
    assert r.returncode == 0, r.stderr
    plan, _ = load_plan(workspace / "plan")
    indicators = (out / "indicators.csv").read_text(encoding="utf-8-sig").splitlines()
    nodes = plan.projects() + plan.actions()
    assert len(indicators) == 1 + sum(len(n.indicators) for n in nodes) == 1 + 14
    funding = (out / "funding.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(funding) == 1 + sum(len(x.funding) for x in plan.actions()) == 1 + 18
    assert (out / "measures.csv").stat().st_size > 1000


def test_the_dakhla_plan_gains_no_invented_indicator_credit_or_partner():
    plan, _ = load_plan(ROOT / "plan")
    assert not any(x.indicators or x.budget or x.funding for x in plan.actions())
    assert not any(p.indicators or p.partners for p in plan.projects())
    assert plan.program.example is None


def test_demo_refuses_fictional_with_another_plan(tmp_path):
    r = run_pam("demo", "--fictional", str(tmp_path / "x"), "--plan", str(FICTIONAL))
    assert r.returncode == 2 and "leave out --plan" in r.stderr
