"""Reports for their readers (issue 17, part B): the annual report in the decree's order with
a summary written from its figures, the public summary of the same year (same figures, plain
words, nothing internal), the steering dashboard (decisions, difficulties, risks, follow-up),
period labels in words, counts that agree with their nouns."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from reports_workspace import NO_GIT, load, write_workspace

from pam.render.sentences import paragraphs, sentences
from pam.report.run import build, render_as
from pam.report.summary import annual_summary, public_summary


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return load(write_workspace(tmp_path_factory.mktemp("ws")))


@pytest.fixture(scope="module")
def annual(plan):
    return build(plan, "annual", period="2019", commit=NO_GIT)


# --- the summary: data, then words ----------------------------------------------------------

def test_the_summary_is_data_from_the_report_and_the_same_on_every_call(plan, annual):
    again = build(plan, "annual", period="2019", commit=NO_GIT)
    assert annual["summary"] == again["summary"]
    keys = [s["key"] for s in annual["summary"]]
    assert keys[:2] == ["projects_rate", "projects_stages"] and keys[-1] == "amendments"
    first = annual["summary"][0]
    total = annual["completion"]["total"]["projects"]
    assert (first["done"], first["programmed"]) == (total["programmed_done"],
                                                    total["programmed"])
    year = next(s for s in annual["summary"] if s["key"] == "year")
    assert year["actual"] == annual["program"]["actual"]
    assert year["actual_start"] == annual["program"]["start"]["actual"]


def test_the_summary_built_before_or_after_rounding_is_the_same(plan):
    from pam.monitor.baseline import view
    from pam.report import kinds, spans
    from pam.report.data import rounded

    raw = kinds.build_annual(view(plan, "current"), spans.year("2019"), dt.date(2019, 12, 31),
                             commit=NO_GIT)
    assert rounded(annual_summary(raw)) == rounded(annual_summary(rounded(raw)))


def _stages(**counts):
    return [{"key": "projects_stages", "total": 1, "done": 0, "in_progress": 0,
             "not_started": 0, "late": 0, **counts}]


@pytest.mark.parametrize("n,expected", [
    (0, "0 non commencé"), (1, "1 non commencé"), (2, "2 non commencés"),
    (15, "15 non commencés")])
def test_french_counts_agree_with_their_noun(n, expected):
    text = sentences(_stages(total=20, not_started=n), lang="fr")[0]
    assert expected in text and "1 non commencés" not in text


@pytest.mark.parametrize("n,expected", [
    (1, "مشروع واحد مبرمج"), (2, "مشروعين مبرمجين"), (3, "3 مشاريع مبرمجة"),
    (11, "11 مشروعا مبرمجا"), (100, "100 مشروع مبرمج")])
def test_arabic_counts_agree_with_their_noun(n, expected):
    item = {"key": "projects_rate", "date": dt.date(2019, 12, 31), "done": 0,
            "programmed": n, "rate": 0.0}
    assert f"من أصل {expected}" in sentences([item], lang="ar")[0]


@pytest.mark.parametrize("done,fr,ar", [
    (0, "aucun des", "لم ينجز أي مشروع"), (1, "1 des 39 projets programmés est achevé",
                                          "أنجز مشروع واحد"),
    (2, "2 des 39 projets programmés sont achevés", "أنجز مشروعان"),
    (5, "5 des 39", "أنجزت 5 مشاريع"), (12, "12 des 39", "أنجز 12 مشروعا")])
def test_the_verb_and_its_subject_agree_too(done, fr, ar):
    item = {"key": "projects_rate", "date": dt.date(2019, 12, 31), "done": done,
            "programmed": 39, "rate": 100 * done / 39}
    assert fr in sentences([item], lang="fr")[0]
    assert ar in sentences([item], lang="ar")[0]


def test_points_and_money_agree_with_the_figure_shown():
    item = [{"key": "progress", "actual": 50.0, "planned": 51.0, "grade": "slight"},
            {"key": "money", "year": 2019, "paid": 1.5, "paid_year": 0.25, "cost": 12.0}]
    fr = sentences(item, lang="fr")
    assert "‎-1 point, léger retard" in fr[0]
    assert "1,50 million de dirhams" in fr[1] and "12,00 millions de dirhams" in fr[1]
    ar = sentences(item, lang="ar")
    assert "فارق ‎-1 نقطة" in ar[0]
    two = sentences([{"key": "progress", "actual": 50.0, "planned": 52.0, "grade": "slight"}],
                    lang="ar")
    assert "فارق ‎-2 نقطتين" in two[0]


def test_every_summary_sentence_is_worded_in_both_languages(annual):
    for lang in ("ar", "fr"):
        said = paragraphs(annual["summary"], lang=lang)
        assert 3 <= len(said) <= 5 and all(text.strip() for text in said)
        assert not re.search(r"\{\w+\}", " ".join(said))  # no field left unfilled


# --- the annual report ----------------------------------------------------------------------

def test_completion_counts_add_up_by_domain_and_in_total(annual):
    total = annual["completion"]["total"]
    for row in annual["completion"]["domains"] + [total]:
        p, a = row["projects"], row["actions"]
        assert p["done"] + p["in_progress"] + p["not_started"] == p["total"]
        assert a["done"] + a["in_progress"] + a["not_started"] + a["cancelled"] == a["total"]
    for key in ("done", "in_progress", "not_started", "late", "done_in_period"):
        assert total["actions"][key] == sum(r["actions"][key]
                                            for r in annual["completion"]["domains"])
    assert total["projects"]["total"] == len(annual["projects"])


def test_the_years_progress_is_the_shown_figure_minus_the_shown_figure(annual):
    from pam.monitor.results import gap

    for row in annual["domains"] + [annual["program"]]:
        assert row["progress"] == gap(row["actual"], row["start"]["actual"])
        assert row["planned_progress"] == gap(row["planned"], row["start"]["planned"])
    md = render_as(annual, "md", "fr")
    d1 = next(r for r in annual["domains"] if r["id"] == "D1")
    line = next(x for x in md.splitlines() if x.startswith("| D1 | Finances | ‎"))
    cells = [c.strip() for c in line.strip("|").split("|")]
    assert cells[3] == "\u200e" + f"{gap(d1['actual'], d1['start']['actual'], 0):+.0f}"


def test_obstacles_carry_their_state_and_solutions_theirs(annual):
    rows = [o for g in annual["remarks"].categories for p in g.projects for o in p.obstacles]
    assert rows and all(isinstance(o.open, bool) for o in rows)
    states = {s.state for o in rows for s in o.solutions}
    assert states <= {"lifted", "overdue", "pending", "undated"}
    md = render_as(annual, "md", "fr")
    assert "Toujours signalées" in md and "toujours signalée" in md


# --- the public summary (art. 15) -----------------------------------------------------------

def test_the_public_summary_is_the_annual_reports_summary(plan, annual):
    public = build(plan, "public", period="2019", commit=NO_GIT)
    assert public["summary"] == annual["summary"]
    assert public["program"] == annual["program"]
    assert public["meta"]["as_of"] == annual["meta"]["as_of"] == dt.date(2019, 12, 31)
    by_id = {d["id"]: d for d in annual["domains"]}
    for d in public["domains"]:
        for key in ("actual", "planned", "progress", "grade", "start"):
            assert d[key] == by_id[d["id"]][key], (d["id"], key)
    assert public == build(plan, "public", commit=NO_GIT)  # the last complete year
    assert public_summary(annual)["summary"] == annual["summary"]  # the pure function
    for lang in ("ar", "fr"):  # the same sentences in both reports
        pub, ann = (render_as(x, "md", lang).replace("\\", "") for x in (public, annual))
        for text in paragraphs(annual["summary"], lang=lang):
            assert text in pub and text in ann


def test_the_public_summary_has_no_internal_words(plan):
    data = build(plan, "public", period="2019",
                 commit={"commit": "abc1234def5678", "state": "clean"})
    for lang in ("ar", "fr"):
        html = render_as(data, "html", lang)
        body = re.sub(r"<[^>]+>", " ", html.split("<main>")[1].split("</main>")[0])
        assert not re.search(r"git|commit|pam|0\.1\.0|abc1234", body, re.I), lang
        colophon = html.split('<footer class="colophon">')[1]
        assert "abc1234" in colophon and "abc1234def" not in colophon  # a short reference
        assert not re.search(r"git|commit|pam \d", colophon)
        assert "رئيس مصلحة الجبايات" not in html  # no staff names


def test_a_year_in_progress_is_a_provisional_summary_under_its_own_name(plan):
    data = build(plan, "public", period="2020", commit=NO_GIT)
    assert data["meta"]["partial"] and data["meta"]["as_of"] == dt.date(2020, 6, 30)
    from pam.report.run import file_name

    assert file_name(data, "fr", "html") == "public-2020.fr.html"
    assert "ce résumé donne la situation au 30\u00a0juin\u00a02020, provisoire" in \
        render_as(data, "md", "fr")


def test_cli_public_takes_a_year_and_report_all_posts_the_annual_reports_year(pam, tmp_path):
    root = write_workspace(tmp_path / "ws")
    r = pam("report", "public", "--plan", str(root), "--year", "2019", "--format", "json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert got["kind"] == "public" and got["as_of"] == "2019-12-31"
    r = pam("report", "all", "--plan", str(root), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "public-2019.ar.html" in names and "annual-2019.ar.html" in names
    assert not [n for n in names if n.startswith("public-2020")]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "30\u00a0يونيو\u00a02020" in index  # the index is dated at the as-of date


# --- the steering dashboard -----------------------------------------------------------------

def test_the_steering_dashboard_leads_with_what_the_committee_meets_for(plan):
    data = build(plan, "steering", period="2020-Q2", commit=NO_GIT)
    d = next(r for r in data["decisions"] if r["id"] == "D1.A1.P2")
    assert (d["head"], d["service"], d["at_risk"], d["stale_card"]) == (
        "مكلف بالأملاك", "مصلحة الممتلكات", 2, True)
    assert data["risks"]["total"] == 1 and data["risks"]["unrated"] == 1
    assert [p.project for p in data["remarks"].projects] == ["D1.A1.P1", "D2.A1.P1"]
    md = render_as(data, "md", "fr")
    headings = [line.split(" ", 2)[2] for line in md.splitlines() if line.startswith("## ")]
    assert headings[:4] == [
        "Points appelant une décision",
        "Difficultés et solutions proposées depuis le trimestre précédent",
        "Risques signalés : probabilité et impact",
        "Suivi des décisions du comité de pilotage"]
    row = next(line for line in md.splitlines() if line.startswith("| D1.A1.P2 ·"))
    assert "مكلف بالأملاك · مصلحة الممتلكات" in row and "(ancienne)" in row


def test_risks_are_counted_by_likelihood_and_impact():
    from pam.report.remarks import ProjectRemarks, Remarks, RiskRow, risk_matrix

    day = dt.date(2020, 1, 1)
    risks = (RiskRow("a", "high", "high", 1, day, day), RiskRow("b", "low", "high", 2, day, day),
             RiskRow("c", None, "high", 1, day, day))
    remarks = Remarks((), (ProjectRemarks("P1", None, risks=risks),))
    m = risk_matrix(remarks)
    assert m["cells"]["high"]["high"] == 1 and m["cells"]["low"]["high"] == 1
    assert m["unrated"] == 1 and m["total"] == 3
    assert [r.text for _p, r in remarks.risks] == ["a", "b", "c"]  # 9, then 3, then unrated


# --- period labels in words -------------------------------------------------------------------

def test_the_card_names_its_half_month_in_words(plan):
    data = build(plan, "card", period="2020-06b", project="D1.A1.P1", commit=NO_GIT)
    for lang, words in (("fr", "16–30\u00a0juin\u00a02020"), ("ar", "16–30\u00a0يونيو\u00a02020")):
        html = render_as(data, "html", lang)
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert words in title and "2020-06b" not in title
        header = html.split("</header>")[0]
        assert words in header and "2020-06b" not in header


@pytest.mark.parametrize("label,fr,ar", [
    ("2020-H1", "1er semestre 2020", "النصف الأول من سنة 2020"),
    ("2020-Q2", "2e trimestre 2020", "الفصل الثاني من سنة 2020"),
    ("2020-06a", "1er–15\u00a0juin\u00a02020", "1–15\u00a0يونيو\u00a02020"),
    ("2019", "2019", "2019"), ("2020-06-30", "30\u00a0juin\u00a02020", "30\u00a0يونيو\u00a02020")])
def test_period_labels_in_words(label, fr, ar):
    from pam.render.words import periodname

    assert periodname(label, lang="fr") == fr and periodname(label, lang="ar") == ar
