"""Reports: golden files per kind and format, determinism, hostile text, the CLI.

Golden files live in tests/golden/; refresh them only on purpose:
    PAM_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_reports.py
then read the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from reports_workspace import AS_OF, NO_GIT, load, write_workspace

from pam.errors import UsageError
from pam.report.run import build, render_as

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PAM_UPDATE_GOLDEN") == "1"

CASES = [  # (kind, period, project, lang)
    ("card", "2020-06b", "D1.A1.P1", "ar"),
    ("semiannual", "2020-H1", None, "ar"),
    ("annual", "2019", None, "ar"),
    ("annual", "2019", None, "fr"),
    ("public", "2019", None, "ar"),
    ("public", "2019", None, "fr"),
    ("steering", "2020-Q2", None, "ar"),
]
KINDS = ("card", "semiannual", "annual", "public", "steering")


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return load(write_workspace(tmp_path_factory.mktemp("ws")))


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory):
    return load(write_workspace(tmp_path_factory.mktemp("hostile"), hostile=True),
                allow=("bidi-control", "control-character"))


def _render(plan, kind, period, project, lang, fmt):
    data = build(plan, kind, period=period, project=project, commit=NO_GIT)
    return render_as(data, fmt, lang)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind,period,project,lang", CASES)
def test_golden(plan, kind, period, project, lang, fmt):
    text = _render(plan, kind, period, project, lang, fmt)
    path = GOLDEN / f"{kind}-{period or 'asof'}.{lang}.{fmt}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with PAM_UPDATE_GOLDEN=1 to write it"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if the change is intended: PAM_UPDATE_GOLDEN=1 pytest "
        "tests/test_reports.py, then review the diff")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind", KINDS)
def test_render_twice_gives_the_same_bytes(plan, kind, fmt):
    period = {"card": "2020-06b"}.get(kind)
    project = "D1.A1.P1" if kind == "card" else None
    first = _render(plan, kind, period, project, "ar", fmt)
    again = build(load(plan.root), kind, period=period, project=project, commit=NO_GIT)
    assert first.encode() == render_as(again, fmt, "ar").encode()


# --- hostile text ----------------------------------------------------------------------------

class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs |= {name for name, _v in attrs}


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "div", "header", "main",
                "footer", "h1", "h2", "h3", "span", "p", "table", "thead", "tbody", "tr", "th",
                "td", "bdi", "ul", "li", "br", "strong", "figure", "svg", "text", "rect", "line",
                "polyline", "a", "figcaption"}


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_stays_text_in_html(hostile_plan, kind, lang):
    project = "D1.A1.P1" if kind == "card" else None
    html = _render(hostile_plan, kind, "2020-06b" if kind == "card" else None, project, lang,
                   "html")
    parser = Tags()
    parser.feed(html)
    assert parser.tags <= ALLOWED_TAGS, parser.tags - ALLOWED_TAGS
    assert not {a for a in parser.attrs if a.startswith("on")}
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{{ 7*7 }}" in html and "{% raw %}" in html  # printed, never evaluated
    assert "\u202e" not in html and "[U+202E]" in html
    assert "\x1b" not in html and "\x07" not in html and "[U+001B][2J[U+0007]" in html
    if kind != "public":
        assert "it&#39;s &#34;quoted&#34;" in html


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_is_neutralized_in_markdown(hostile_plan, kind, lang):
    project = "D1.A1.P1" if kind == "card" else None
    md = _render(hostile_plan, kind, "2020-06b" if kind == "card" else None, project, lang, "md")
    assert not re.search(r"(?<!\\)<", md), "an unescaped '<' reached the Markdown"
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "\\[link\\](javascript:x)" in md
    assert "\u202e" not in md and "\\[U+202E\\]" in md
    assert "\x1b" not in md and "\x07" not in md and "\\[U+001B\\]\\[2J\\[U+0007\\]" in md
    for block in re.findall(r"(?:^\|.*\n)+", md, flags=re.M):  # every table keeps its shape
        rows = block.splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows


def test_hostile_texts_appear_in_every_place_they_were_written(hostile_plan):
    md = _render(hostile_plan, "card", "2020-06b", "D1.A1.P1", "ar", "md")
    # project name, head, reporter, action text, note, obstacle, solution, risk, next step
    assert md.count("\\<script\\>") >= 9


# --- contents --------------------------------------------------------------------------------

def test_example_data_is_marked_everywhere(plan):
    for kind in KINDS:
        for fmt in ("md", "html"):
            text = _render(plan, kind, "2020-06b" if kind == "card" else None,
                           "D1.A1.P1" if kind == "card" else None, "fr", fmt)
            assert "DONNÉES D'EXEMPLE SIMULÉES" in text.replace("&#39;", "'"), (kind, fmt)


def test_real_plan_has_no_example_banner(tiny_plan):
    plan = load(tiny_plan)
    for kind in ("public", "annual"):
        md = render_as(build(plan, kind, as_of=dt.date(2019, 6, 30), commit=NO_GIT), "md", "fr")
        assert "EXEMPLE" not in md
    assert "pas de git" in md  # the annual report names the plan's version; the public, not


def test_public_summary_has_no_staff_names_and_no_cost_per_action(plan):
    for lang in ("ar", "fr"):
        text = _render(plan, "public", None, None, lang, "html")
        assert "رئيس مصلحة الجبايات" not in text  # the project head
        assert "رئيس المشروع" not in text  # the card reporter
        assert "إجراء افتحاص داخلي" not in text  # no per-action rows at all


def test_annual_report_has_the_contents_of_article_14(plan):
    data = build(plan, "annual", period="2019", commit=NO_GIT)
    assert data["meta"]["as_of"] == dt.date(2019, 12, 31)
    assert data["amendments"] == []
    rows = {r["id"]: r for g in data["indicators"] for r in g["rows"]}
    assert rows["D1.A1.P1.01"]["target"] == 100 and rows["D1.A1.P1.01"]["actual"] == 90
    assert rows["D1.A1.P1.01"]["gap"] == -10
    assert rows["D2.A1.P1.01"]["target"] == 30 and rows["D2.A1.P1.01"]["target_kind"] == "printed"
    assert rows["D1.A1.P2.02"]["target_kind"] == "interpolated"
    assert rows["D1.A1.P1.03"]["target_kind"] == "none"
    spent = {r["id"]: r["spent_year"] for r in data["resources"]}
    assert spent["D1"] == pytest.approx(1.7 + 0.6 - 0.8)
    md = render_as(data, "md", "fr").replace("\\", "")
    headings = [line.split(" ", 2)[2] for line in md.splitlines() if line.startswith("## ")]
    assert headings == [  # decree 2.16.301 art. 14 and 15, in the order the report is read
        "Synthèse", "Réalisation des projets programmés", "Avancement en 2019 et avancement cumulé",
        "Indicateurs d'efficacité 2019 : cible et réalisation par action",
        "Moyens : crédits ouverts, engagés, payés, et financement",
        "Difficultés par cause et solutions proposées", "Mises à jour du programme dans l'année",
        "Avis des commissions permanentes et délibération du conseil",
        "Annexe : comment ces chiffres sont calculés",
    ], headings
    assert "Le programme n'a pas été mis à jour en 2019." in md
    assert "Aucune mise à jour du programme n'est enregistrée pour 2019." in md


def test_annual_as_of_is_capped_to_the_example_date(plan):
    data = build(plan, "annual", period="2020", commit=NO_GIT)
    assert data["meta"]["as_of"] == AS_OF and data["meta"]["partial"]


def test_amendments_hook_lists_the_year_amendments(plan):
    from pam.model import Amendment
    from pam.report.amendments import amendments_in

    saved = plan.amendments
    plan.amendments = [
        Amendment(id="AMD-1", date=dt.date(2019, 5, 3), deliberation="12/2019",
                  reason="إضافة إجراء", changes=[{"action": "D1.A1.P1.01", "change": "cost",
                                                 "before": 1, "after": 2}]),
        Amendment(id="AMD-2", date=dt.date(2020, 5, 3), reason="y")]
    try:
        found = amendments_in(plan, dt.date(2019, 1, 1), dt.date(2019, 12, 31))
        assert [(a.date, a.deliberation) for a in found] == [(dt.date(2019, 5, 3), "12/2019")]
        assert [(c.action, c.change, c.before, c.after) for c in found[0].changes] == [
            ("D1.A1.P1.01", "cost", 1, 2)]
        data = build(plan, "annual", period="2019", commit=NO_GIT)
        html = render_as(data, "html", "ar")
        assert "إضافة إجراء" in html and "3\u00a0ماي\u00a02019" in html  # dates in words
        assert "المقرر رقم 12/2019" in html and "D1.A1.P1.01: الكلفة 1 → 2" in html
        fr = render_as(data, "md", "fr")
        assert "délibération n° 12/2019" in fr and "D1.A1.P1.01: coût 1 → 2" in fr
        assert "Le programme a été mis à jour une fois en 2019." in fr
    finally:
        plan.amendments = saved


def test_reporting_discipline_counts_expected_received_missing(plan):
    data = build(plan, "semiannual", period="2020-H1", commit=NO_GIT)
    rows = {r["project"]: r for r in data["discipline"]}
    # 12 half months in H1 2020; D1.A1.P1 sent 2020-03b and 2020-06b
    assert (rows["D1.A1.P1"]["expected"], rows["D1.A1.P1"]["received"],
            rows["D1.A1.P1"]["missing"]) == (12, 2, 10)
    assert rows["D1.A1.P1"]["last_card"] == dt.date(2020, 6, 30)
    assert rows["D2.A1.P2"]["received"] == 0 and rows["D2.A1.P2"]["last_card"] is None
    remarks = {r.project: r for r in data["remarks"].projects}
    obstacle = remarks["D1.A1.P1"].obstacles[0]
    assert (obstacle.count, obstacle.start, obstacle.end) == (
        2, dt.date(2020, 3, 16), dt.date(2020, 6, 30))


def test_steering_compares_with_the_previous_quarter_end(plan):
    data = build(plan, "steering", period="2020-Q2", commit=NO_GIT)
    assert data["previous_as_of"] == dt.date(2020, 3, 31)
    d2 = next(d for d in data["domains"] if d["id"] == "D2")
    assert d2["delta"] > 0
    assert any(r["id"] == "D2.A1.P2" and r["unreported"] for r in data["decisions"])


def test_series_ends_on_the_status_roll_up(plan):
    from pam.monitor.status import compute_status
    from pam.report.series import progress_series, series_dates

    dates = series_dates(dt.date(2017, 1, 1), AS_OF)
    series = progress_series(plan, dates)
    status = compute_status(plan, AS_OF)
    last = series[plan.program.id][-1]
    assert last.date == AS_OF
    assert last.actual == pytest.approx(status.program.actual)
    assert last.planned == pytest.approx(status.program.planned)
    for p in status.projects:
        assert series[p.id][-1].actual == pytest.approx(p.actual or 0.0)


def test_spans_parse_and_explain():
    from pam.report import spans

    assert spans.half_year("2020-h2").end == dt.date(2020, 12, 31)
    assert spans.quarter("2020-Q1").end == dt.date(2020, 3, 31)
    assert spans.containing("quarter", dt.date(2020, 6, 30)).label == "2020-Q2"
    assert spans.last_complete_year(dt.date(2020, 6, 30)).label == "2019"
    assert spans.last_complete_year(dt.date(2020, 12, 31)).label == "2020"
    with pytest.raises(UsageError, match="write YYYY-H1"):
        spans.half_year("2020-S1")


# --- the command line ------------------------------------------------------------------------

@pytest.fixture
def cli():
    """Run pam in-process (fast); returns the result with exit_code, stdout and stderr."""
    from typer.testing import CliRunner

    from pam.cli import app

    def run(*args: str):
        return CliRunner().invoke(app, list(args))

    return run


def test_cli_report_to_stdout_and_file(cli, tmp_path):
    root = write_workspace(tmp_path)
    r = cli("report", "annual", "--plan", str(root), "--year", "2019", "--lang", "fr")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("> **DONNÉES D'EXEMPLE SIMULÉES")
    out = tmp_path / "a.html"
    r = cli("report", "semiannual", "--plan", str(root), "--half", "2020-H1", "--out", str(out))
    assert r.exit_code == 0 and r.stderr == f"pam: wrote {out}\n"
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html and "<script" not in html


def test_cli_refuses_bad_periods_and_options(cli, tmp_path):
    root = write_workspace(tmp_path)
    r = cli("report", "semiannual", "--plan", str(root), "--half", "2020-S1")
    assert r.exit_code == 2
    assert r.stderr == ("pam: '2020-S1' is not a half year: write YYYY-H1 (January-June) or "
                        "YYYY-H2 (July-December), e.g. 2020-H1\n")
    r = cli("report", "annual", "--plan", str(root), "--quarter", "2020-Q1")
    assert r.exit_code == 2 and "use --year" in r.stderr
    r = cli("report", "card", "--plan", str(root), "--project", "D9.A1.P1")
    assert r.exit_code == 1 and "no project 'D9.A1.P1'" in r.stderr
    r = cli("report", "semiannual", "--plan", str(root), "--half", "2021-H1")
    assert r.exit_code == 2 and "after the as-of date 2020-06-30" in r.stderr


def test_cli_pdf_without_a_pdf_engine_says_how_to_install(cli, tmp_path, monkeypatch):
    root = write_workspace(tmp_path)
    monkeypatch.setenv("PAM_CHROMIUM", str(tmp_path / "no-chromium"))
    r = cli("report", "public", "--plan", str(root), "--format", "pdf",
            "--out", str(tmp_path / "p.pdf"))
    assert r.exit_code == 1
    assert r.stderr.startswith("pam: PDF needs headless Chromium: on Debian or Ubuntu, "
                               "apt-get install chromium fonts-noto-core")
    assert not (tmp_path / "p.pdf").exists()


def test_cli_report_all_writes_every_report_and_an_index(cli, tmp_path):
    root = write_workspace(tmp_path)
    out1, out2 = tmp_path / "r1", tmp_path / "r2"
    for out in (out1, out2):
        r = cli("report", "all", "--plan", str(root), "--out", str(out))
        assert r.exit_code == 0, r.stderr
    names = sorted(str(p.relative_to(out1)) for p in out1.rglob("*") if p.is_file())
    assert "index.html" in names
    for expected in ("annual-2019.ar.html", "semiannual-2020-H1.ar.md",
                     "steering-2020-Q2.ar.html", "public-2019.ar.html",
                     "cards/card-D1.A1.P1-2020-06b.ar.html"):
        assert expected in names
    index = (out1 / "index.html").read_text(encoding="utf-8")
    for name in names:
        if name != "index.html":
            assert f'href="{name}"' in index, name
    for name in names:  # deterministic: the second run wrote the same bytes
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name


def test_the_installed_command_finds_its_templates_from_any_directory(pam, tmp_path):
    root = write_workspace(tmp_path)
    r = pam("report", "public", "--plan", str(root), "--format", "html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("<!DOCTYPE html>")


def test_user_templates_override_the_shipped_ones(plan, tmp_path):
    (tmp_path / "public.j2").write_text(
        '{% extends "layout." ~ fmt ~ ".j2" %}{% block body %}OVERRIDDEN {{ d.kind }}'
        '{% endblock %}', encoding="utf-8")
    data = build(plan, "public", commit=NO_GIT)
    assert "OVERRIDDEN public" in render_as(data, "md", "ar", override=tmp_path)
