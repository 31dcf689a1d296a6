"""Report data as JSON (issue 13): `pam report KIND --format json` carries `as_of` and a
`program` with the keys and figures of `pam status --format json` at that date, and the
numbers printed in the Markdown and HTML come from it (shown, and subtracted, as defined)."""

from __future__ import annotations

import json
import re

import pytest
from reports_workspace import NO_GIT, load, write_workspace

from pam.monitor.results import gap, shown
from pam.report.run import build, render_as

CASES = [("card", "2020-06b", "D1.A1.P1"), ("semiannual", "2020-H1", None),
         ("annual", "2019", None), ("public", "2019", None), ("steering", "2020-Q2", None)]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return write_workspace(tmp_path_factory.mktemp("ws"))


@pytest.fixture(scope="module")
def plan(ws):
    return load(ws)


def _json(plan, kind, period, project):
    data = build(plan, kind, period=period, project=project, commit=NO_GIT)
    return data, json.loads(render_as(data, "json", "fr"))


@pytest.mark.parametrize("kind,period,project", CASES)
def test_report_json_program_is_pam_status_at_its_date(ws, plan, pam, kind, period, project):
    _data, got = _json(plan, kind, period, project)
    assert list(got)[:3] == ["kind", "as_of", "program"]
    status = json.loads(pam("status", "--plan", str(ws), "--as-of", got["as_of"],
                            "--format", "json").stdout)
    expected = status["program"]
    assert set(expected) <= set(got["program"])
    for key, value in expected.items():
        assert (got["program"][key]["ar"] if key == "name" else got["program"][key]) == value


def test_the_cli_prints_the_report_json(ws, pam):
    r = pam("report", "annual", "--plan", str(ws), "--year", "2019", "--format", "json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    status = json.loads(pam("status", "--plan", str(ws), "--as-of", "2019-12-31",
                            "--format", "json").stdout)
    assert got["as_of"] == "2019-12-31"
    assert {k: got["program"][k] for k in status["program"] if k != "name"} == \
        {k: v for k, v in status["program"].items() if k != "name"}
    assert [d["actual"] for d in got["domains"]] == [d["actual"] for d in status["domains"]]


def _pct(v) -> str:
    return f"{shown(v):.0f}\u202f%"


def _pts(v) -> str:
    return "\u200e" + (f"{v:+.0f}" if v else "±0")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_tables_print_the_json_figures_and_their_difference(plan, fmt):
    """Each domain row of the semi-annual report: planned, actual and variance from the JSON,
    and the variance is the printed actual minus the printed planned."""
    data, got = _json(plan, "semiannual", "2020-H1", None)
    text = render_as(data, fmt, "fr")
    for d in got["domains"]:
        if fmt == "md":
            row = next(line for line in text.splitlines() if line.startswith(f"| {d['id']} |"))
            cells = [c.strip() for c in row.strip("|").split("|")]
        else:
            row = re.search(rf'<tr><td class="id"[^>]*>{re.escape(d["id"])}</td>(.*?)</tr>', text,
                            re.S).group(1)
            cells = [d["id"]] + [re.sub(r"<[^>]+>", "", c).strip()
                                 for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        planned, actual, variance = cells[4], cells[5], cells[6]
        assert planned == _pct(d["planned"]) and actual == _pct(d["actual"])
        assert variance == _pts(gap(d["actual"], d["planned"], 0))
        assert int(variance.strip("\u200e±")) == shown(d["actual"]) - shown(d["planned"])


def test_the_headlines_name_both_means_and_grade_the_figure_shown(plan):
    data, got = _json(plan, "public", None, None)
    text = render_as(data, "md", "fr")
    p, h = got["program"], got["headline"]
    assert h["simple"]["variance"] == shown(p["actual"]) - shown(p["planned"])
    assert "En moyenne simple (chaque action compte autant), le programme est réalisé à " \
           f"{_pct(p['actual'])}, pour {_pct(p['planned'])} prévus" in text
    assert "Pondéré par le coût (chaque action chiffrée pèse selon son coût) : " \
           f"{_pct(p['actual_cost_weighted'])} réalisés" in text
    words = {"ahead": "à l'heure ou en avance", "slight": "léger retard",
             "behind": "retard marqué", "far": "retard important"}
    for figure in ("simple", "cost_weighted"):
        v = h[figure]["variance"]
        grade = "ahead" if v >= 0 else "slight" if v >= -10 else "behind" if v >= -25 else "far"
        assert h[figure]["grade"] == grade
        assert f"{_pts(v)} points, {words[grade]}" in text


def test_every_report_has_the_annex(plan):
    for kind, period, project in CASES:
        data = build(plan, kind, period=period, project=project, commit=NO_GIT)
        for lang, title in (("fr", "comment ces chiffres sont calculés"),
                            ("ar", "كيف تحتسب هذه الأرقام")):
            assert title in render_as(data, "md", lang), (kind, lang)


def test_the_annual_report_states_declared_against_found(tmp_path, pam):
    from conftest import SHIPPED_PLAN

    r = pam("report", "annual", "--plan", str(SHIPPED_PLAN), "--year", "2019", "--lang", "fr",
            "--as-of", "2019-12-31")
    assert r.returncode == 0, r.stderr
    assert "déclare 18 axes, 45 projets et 169 actions ; le plan suivi en compte 18, 42 et " \
           "151" in r.stdout
    assert "Pourquoi : Les tableaux détaillés du document source ne concordent pas" in r.stdout
    assert "| D2 | Équipements et services publics locaux | 2 / 2 | 7 / 4 | 26 / 18 |" in r.stdout


def test_the_terminal_rows_subtract_and_name_the_means(ws, pam):
    r = pam("status", "--plan", str(ws), "--as-of", "2020-06-30", env={"NO_COLOR": "1"})
    rows = re.findall(r"^\s*(D[\w.]+)\s*│[^│]*│\s*(\d+)%\s*│\s*(\d+)%\s*│\s*([+-]\d+|±0)\s*│",
                      r.stdout, re.M)
    assert len(rows) >= 8
    for _id, plan_, done, var in rows:
        assert int(var.replace("±", "")) == int(done) - int(plan_)
    text = " ".join(r.stdout.split())
    assert "weighted by cost: planned" in text and "left out:" in text
    assert "counted as 0%" in text and "completion rate of the programmed projects" in text
