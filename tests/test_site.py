"""pam site: the public website of the example workspace builds; every internal link and asset
resolves; every page declares its language and direction and links to its other language;
headings, tables and charts are accessible; the figures are those of `pam status`; what
`public:` keeps internal never appears; the same data give the same bytes; the folder is
guarded like pam report all's. (Drawn by a real browser: tests/test_site_browser.py.)"""

from __future__ import annotations

import html
import html.parser
import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from conftest import run_pam, write_plan
from reports_workspace import write_workspace

from pam.i18n import load_messages
from pam.monitor.results import shown
from pam.render.jinja import gap, pct

EXAMPLE_AS_OF = "2020-06-30"


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> dict:
    """The example workspace (pam demo: the Dakhla plan, simulated cards), its reports in both
    languages (as the scaffold's `make reports` writes them) and its site."""
    root = tmp_path_factory.mktemp("site")
    assert run_pam("demo", str(root / "ws")).returncode == 0
    plan = root / "ws" / "plan"
    for lang in ("ar", "fr"):
        r = run_pam("report", "all", "--plan", str(plan), "--out", str(root / "reports"),
                    "--lang", lang, "--format", "html")
        assert r.returncode == 0, r.stderr
    r = run_pam("site", "--plan", str(plan), "--out", str(root / "site"), "--reports",
                str(root / "reports"))
    assert r.returncode == 0, r.stderr
    status = json.loads(run_pam("status", "--plan", str(plan), "-f", "json").stdout)
    return {"root": root, "plan": plan, "site": root / "site", "message": r.stderr,
            "status": status}


class Page(html.parser.HTMLParser):
    """What the tests read from a page: its root attributes, links, ids, headings, tables."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root: dict = {}
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.alternates: dict[str, str] = {}
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.tables: list[dict] = []
        self.svgs: list[dict] = []
        self._svg = None
        self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.root = a
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src", "action"):
            if key in a and tag != "html":
                self.links.append((tag, a[key]))
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates[a["hreflang"]] = a["href"]
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables.append({"th": 0, "scoped": 0, "caption": False, "thead": False})
        if self.tables and tag == "th":
            self.tables[-1]["th"] += 1
            self.tables[-1]["scoped"] += "scope" in a
        if self.tables and tag in ("caption", "thead"):
            self.tables[-1][tag] = True
        if tag == "svg":
            self._svg = {"role": a.get("role"), "title": ""}
            self.svgs.append(self._svg)
        if tag == "title" and self._svg is not None:
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title and self._svg is not None:
            self._svg["title"] += data


def pages_of(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html")) if not p.relative_to(site).as_posix()
            .startswith("reports/")}


def test_the_site_of_the_example_workspace_builds(example):
    site = example["site"]
    assert "pages in Arabic and French" in example["message"]
    plan_ids = [a["id"] for a in example["status"]["actions"]] + \
        [n["id"] for k in ("domains", "axes", "projects") for n in example["status"][k]]
    for node in plan_ids:
        assert (site / "plan" / f"{node}.html").is_file(), node
        assert (site / "fr" / "plan" / f"{node}.html").is_file(), node
    for rel in ("index.html", "fr/index.html", "actions.html", "data.html", "assets/site.css",
                "assets/search.js", "assets/search-index.js", "data/datapackage.json",
                "data/plan.csv", "data/plan.json", "data/progress.csv", "data/progress.json",
                "data/iati-activities.xml", "data/oc4ids-projects.json",
                "data/decidim-results.csv", "reports/index.html", "reports/index.fr.html"):
        assert (site / rel).is_file(), rel


def test_every_internal_link_and_asset_resolves(example):
    site = example["site"]
    checked = 0
    for rel, text in pages_of(site).items():
        page = Page(text)
        for tag, url in page.links:
            if re.match(r"^[a-z]+:", url):  # http(s):, mailto: ... (the licence)
                continue
            path, _, fragment = url.partition("#")
            path = path.partition("?")[0]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path)) \
                if path else rel
            assert not target.startswith(".."), (rel, url)
            full = site / target
            assert full.is_file() or (full / "index.html").is_file(), (rel, tag, url)
            if fragment:
                other = page if target == rel else Page((site / target).read_text("utf-8"))
                assert fragment in other.ids, (rel, url)
            checked += 1
    assert checked > 5000


def test_every_page_declares_language_direction_and_its_other_language(example):
    site = example["site"]
    pages = pages_of(site)
    for rel, text in pages.items():
        page = Page(text)
        lang = "fr" if rel.startswith("fr/") else "ar"
        assert page.root == {"lang": lang, "dir": "ltr" if lang == "fr" else "rtl"}, rel
        same = rel.removeprefix("fr/")
        expected = {"ar": same, "fr": f"fr/{same}", "x-default": same}
        assert set(page.alternates) == set(expected), rel
        for hreflang, href in page.alternates.items():
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
            assert target == expected[hreflang], (rel, hreflang, href)
        # the visible switch to the other language
        other = expected["ar" if lang == "fr" else "fr"]
        assert any(url == posixpath.relpath(other, posixpath.dirname(rel) or ".")
                   for tag, url in page.links if tag == "a"), rel


def test_headings_in_order_tables_with_headers_charts_with_text(example):
    for rel, text in pages_of(example["site"]).items():
        page = Page(text)
        assert page.headings.count(1) == 1 and page.headings[0] == 1, rel
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{rel}: h{before} then h{after}"
        for t in page.tables:
            assert t["th"] and (t["thead"] or t["caption"]), rel
            assert t["scoped"] == t["th"], f"{rel}: a table header without scope"
        for svg in page.svgs:
            assert svg["role"] == "img" and svg["title"].strip(), rel
        if page.svgs:
            assert "chart-data" in text or "chart-domains" in text, rel


def _figure(text: str, label: str) -> str:
    """The value shown beside a label in a page's figures."""
    found = re.search(r"<dt>" + re.escape(label) + r"</dt><dd>(.*?)</dd>", text, re.S)
    assert found, label
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def test_the_figures_are_those_of_pam_status(example):
    """Home, a domain, a project and an action page print `pam status`'s figures."""
    site, status = example["site"], example["status"]
    L = load_messages("ar")["col"]
    for rel, node in [("index.html", status["program"]),
                      ("plan/D2.html", status["domains"][1]),
                      ("plan/D2.A2.P2.html", next(p for p in status["projects"]
                                                  if p["id"] == "D2.A2.P2")),
                      ("plan/D3.A3.html", next(a for a in status["axes"] if a["id"] == "D3.A3"))]:
        text = (site / rel).read_text(encoding="utf-8")
        assert _figure(text, L["planned"]) == pct(node["planned"]), rel
        assert _figure(text, L["actual"]) == pct(node["actual"]), rel
        assert _figure(text, L["variance"]) == gap(node["actual"], node["planned"]), rel
    action = next(a for a in status["actions"] if a["id"] == "D2.A2.P2.01")
    text = (site / "plan/D2.A2.P2.01.html").read_text(encoding="utf-8")
    assert _figure(text, L["actual"]) == pct(action["actual"])
    assert _figure(text, L["planned"]) == pct(action["planned"])
    fr = (site / "fr/index.html").read_text(encoding="utf-8")
    assert _figure(fr, load_messages("fr")["col"]["planned"]) == \
        pct(status["program"]["planned"], lang="fr")
    # the home page's domain table: each domain's shown actual
    home = (site / "index.html").read_text(encoding="utf-8")
    for d in status["domains"]:
        row = re.search(r'href="plan/' + re.escape(d["id"]) + r'\.html".*?</tr>', home, re.S)
        assert row and f"{shown(d['actual']):g}%" in row.group(0), d["id"]


def test_the_home_page_links_the_latest_annual_report_and_public_summary(example):
    site = example["site"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="reports/annual-2019.ar.html"' in home
    assert 'href="reports/public-2019.ar.html"' in home
    assert 'href="reports/index.html"' in home
    fr = (site / "fr/index.html").read_text(encoding="utf-8")
    assert 'href="../reports/annual-2019.fr.html"' in fr
    # the reports are copied byte for byte, never rendered again
    for name in ("annual-2019.ar.html", "public-2019.fr.html"):
        assert (site / "reports" / name).read_bytes() == \
            (example["root"] / "reports" / name).read_bytes()


def test_the_example_banner_is_on_every_page(example):
    banner = load_messages("ar")["meta"]["example_banner"]
    banner_fr = load_messages("fr")["meta"]["example_banner"]
    for rel, text in pages_of(example["site"]).items():
        assert (banner_fr if rel.startswith("fr/") else banner) in html.unescape(text), rel


def test_usable_without_script_the_search_form_opens_the_list(example):
    site = example["site"]
    page = Page((site / "plan" / "D1.A1.P1.html").read_text(encoding="utf-8"))
    assert ("form", "../actions.html") in page.links
    listing = (site / "actions.html").read_text(encoding="utf-8")
    for a in example["status"]["actions"]:
        assert f'href="plan/{a["id"]}.html"' in listing
    index = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    rows = json.loads(index.split("window.PAM_INDEX=", 1)[1].rstrip().rstrip(";"))
    assert len(rows) == len(example["status"]["actions"]) + sum(
        len(example["status"][k]) for k in ("domains", "axes", "projects"))
    for node_id, path, ar, _fr in rows:
        assert (site / path).is_file() and (site / "fr" / path).is_file() and ar, node_id
    assert len(index.encode()) < 120_000, "the search index should stay small"
    script = (site / "assets" / "search.js").read_text(encoding="utf-8")
    assert len(script.splitlines()) < 40


def test_the_same_data_give_the_same_bytes(example, tmp_path):
    again = tmp_path / "again"
    r = run_pam("site", "--plan", str(example["plan"]), "--out", str(again), "--reports",
                str(example["root"] / "reports"))
    assert r.returncode == 0, r.stderr
    first = {p.relative_to(example["site"]): p.read_bytes()
             for p in example["site"].rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    r = run_pam("site", "--plan", str(example["plan"]), "--out", str(again), "--reports",
                str(example["root"] / "reports"))
    assert "; 0 changed)" in r.stderr


def test_the_folder_is_guarded(example, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(example["site"], out)
    r = run_pam("site", "--plan", str(example["plan"]), "--out", str(out))
    assert r.returncode == 0, r.stderr  # what pam wrote there it may write again
    (out / "plan" / "D1.html").write_text("the commune's own page", encoding="utf-8")
    r = run_pam("site", "--plan", str(example["plan"]), "--out", str(out))
    assert r.returncode == 1 and "pam did not write it" in r.stderr
    assert (out / "plan" / "D1.html").read_text(encoding="utf-8") == "the commune's own page"
    r = run_pam("site", "--plan", str(example["plan"]), "--out", str(example["plan"] / "x"))
    assert r.returncode == 1 and "inside the plan folder" in r.stderr
    r = run_pam("site", "--plan", str(example["plan"]), "--out", str(out), "--reports",
                str(tmp_path / "none"))
    assert r.returncode == 2 and "--reports" in r.stderr


SECRET_REPORTER = "Secret Reporter Name"
SECRET_NOTE = "internal note not for the public"


def _public_workspace(root: Path, public: str) -> Path:
    """The report tests' workspace with a reporter, notes, a project head and owners to hide,
    and a `public:` section."""
    plan = write_workspace(root)
    program = plan / "program.yaml"
    program.write_text(program.read_text(encoding="utf-8") + public, encoding="utf-8")
    card = plan / "progress" / "D1.A1.P1" / "2020-06b.yaml"
    text = card.read_text(encoding="utf-8")
    text = re.sub(r"^reporter: .*$", f'reporter: "{SECRET_REPORTER}"', text, flags=re.M)
    text += f'notes: ["{SECRET_NOTE}"]\n'
    card.write_text(text, encoding="utf-8")
    return plan


def _all_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in folder.rglob("*") if p.is_file())


def test_what_public_keeps_internal_is_never_shown(tmp_path):
    plan = _public_workspace(tmp_path / "ws", "")
    out = tmp_path / "site"
    r = run_pam("site", "--plan", str(plan), "--out", str(out))
    assert r.returncode == 0, r.stderr
    everything = _all_text(out)
    for secret in (SECRET_REPORTER, SECRET_NOTE, "رئيس مصلحة الجبايات", "ارتفاع الأسعار",
                   "إطلاق طلب العروض"):  # reporter, card note, head, risk, next step
        assert secret not in everything, secret
    assert "تأخر في إبرام الصفقة" in everything  # obstacles are public by default
    assert "إعادة برمجة الاعتمادات" in everything  # and so are the solutions


def test_a_commune_may_publish_more_or_less(tmp_path):
    plan = _public_workspace(tmp_path / "ws", "public:\n  internal: [obstacles]\n")
    out = tmp_path / "site"
    r = run_pam("site", "--plan", str(plan), "--out", str(out))
    assert r.returncode == 0, r.stderr
    page = (out / "plan" / "D1.A1.P1.html").read_text(encoding="utf-8")
    assert SECRET_REPORTER in page and SECRET_NOTE in page and "رئيس مصلحة الجبايات" in page
    assert "ارتفاع الأسعار" in page and "إطلاق طلب العروض" in page
    everything = _all_text(out)
    assert "تأخر في إبرام الصفقة" not in everything
    assert load_messages("ar")["site"]["obstacles_internal"] in page


def test_hostile_text_stays_text(tmp_path):
    """Markup, template syntax, bidi overrides and control characters in every text (which
    pam validate refuses, so built through the library as the report tests do) come out as
    visible text, everything published (public.internal: [])."""
    from reports_workspace import AS_OF, NO_GIT, load

    from pam.site.write import build_files, write_files

    plan = write_workspace(tmp_path / "ws", hostile=True)
    program = plan / "program.yaml"
    program.write_text(program.read_text(encoding="utf-8")
                       + "public:\n  internal: []\n", encoding="utf-8")
    out = tmp_path / "site"
    loaded = load(plan, allow=("control-character", "bidi-control"))
    write_files(out, build_files(loaded, AS_OF, commit=NO_GIT).files)
    for rel, text in pages_of(out).items():
        assert "<script>alert" not in text and "<img src=x" not in text, rel
        assert "\u202e" not in text and "\x1b" not in text, rel
        assert text.count("<script") == 2, rel  # the index and the search, nothing else
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (out / "plan" / "D1.A1.P1.html") \
        .read_text(encoding="utf-8")
    index = (out / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert "</script" not in index and "\u202e" not in index


def test_unknown_infrastructure_ids_are_refused_with_a_suggestion(tmp_path):
    program = ("id: t\nname: {ar: ب}\ncommune: {ar: ج}\nperiod: {start: 2017, end: 2022}\n"
               "public:\n  infrastructure:\n    D1.A1.P9: {sector: transport.road}\n"
               "    D1.A1: {type: construction}\n")
    plan = write_plan(tmp_path, program=program)
    r = run_pam("validate", "--plan", str(plan))
    assert r.returncode == 1
    assert "error[unknown-infrastructure-id]" in r.stdout and "Did you mean 'D1.A1.P1'?" in r.stdout
    assert "error[infrastructure-not-project]" in r.stdout


def test_a_plan_without_cards_or_public_section_builds(tiny_plan, tmp_path):
    out = tmp_path / "site"
    r = run_pam("site", "--plan", str(tiny_plan), "--out", str(out), "--as-of", "2019-06-30")
    assert r.returncode == 0, r.stderr
    home = (out / "index.html").read_text(encoding="utf-8")
    assert load_messages("ar")["site"]["no_reports"] in home
    assert load_messages("ar")["meta"]["example_banner"] not in home
    assert not (out / "data" / "oc4ids-projects.json").exists()  # no infrastructure declared


def test_the_timeline_shows_the_amendments_of_a_project(tmp_path):
    """An amendment that changes one of a project's actions is on the project's and the
    action's timeline, with its decision, reason and change."""
    import datetime as dt

    from reports_workspace import AS_OF, NO_GIT, load

    from pam.model import Amendment
    from pam.site.pages import build_site

    plan = load(write_workspace(tmp_path / "ws"))
    plan.amendments = [Amendment(id="AMD-1", date=dt.date(2019, 5, 3), deliberation="12/2019",
                                 reason="مراجعة الكلفة", changes=[
                                     {"action": "D1.A1.P1.01", "change": "cost", "before": 1,
                                      "after": 2}])]
    pages = {p["path"]: p for p in build_site(plan, AS_OF, commit=NO_GIT).pages}
    for path in ("plan/D1.A1.P1.html", "plan/D1.A1.P1.01.html"):
        events = [e for e in pages[path]["timeline"] if e["type"] == "amendment"]
        assert [(e["reason"], e["deliberation"],
                 [(c.action, c.change, c.before, c.after) for c in e["changes"]])
                for e in events] == \
            [("مراجعة الكلفة", "12/2019", [("D1.A1.P1.01", "cost", 1, 2)])], path
    assert not [e for e in pages["plan/D2.A1.P1.html"]["timeline"] if e["type"] == "amendment"]
    from pam.site.render import render_site

    site = build_site(plan, AS_OF, commit=NO_GIT)
    page = html.unescape(render_site(site, "fr", reports={}, data_files=[])[
        "fr/plan/D1.A1.P1.01.html"])
    assert "délibération n° 12/2019" in page and "D1.A1.P1.01: coût 1 → 2" in page


def test_keep_ranges_keeps_number_ranges_on_one_line():
    from pam.render.jinja import keep_ranges

    assert str(keep_ranges("برنامج 2017-2022 <b>")) == \
        'برنامج <span class="nw">2017-2022</span> &lt;b&gt;'
    assert str(keep_ranges("1er–15 janvier")) == '<span class="nw">1er–15</span> janvier'
    assert str(keep_ranges("ronds-points \u202e")) == "ronds-points [U+202E]"
