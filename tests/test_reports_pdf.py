"""PDF of every report kind through headless Chromium (pam/report/pdf.py): same bytes for the
same HTML, Arabic text that extracts in logical order, pages filled and headings kept with
what follows; the pages are kept as PNG screenshots in the test's tmp folder.

Needs Debian's chromium, fonts-noto-core and poppler-utils (tests/setup_browser.sh installs
them); without them these tests skip and say why."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pdftools import PDFTOTEXT, page_text, pages
from reports_workspace import NO_GIT, load, write_workspace

from pam.report.pdf import chromium_path
from pam.report.registry import KINDS
from pam.report.run import build, render_as

pytestmark = pytest.mark.skipif(
    chromium_path() is None or PDFTOTEXT is None,
    reason="PDF tests need chromium and pdftotext: run tests/setup_browser.sh "
           "(apt-get install -y chromium fonts-noto-core poppler-utils)")
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
CASES = [("card", "2020-06b", "D1.A1.P1"), ("semiannual", "2020-H1", None),
         ("annual", "2019", None), ("public", "2019", None), ("steering", "2020-Q2", None)]


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return load(write_workspace(tmp_path_factory.mktemp("ws")))


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example workspace (the Dakhla plan, simulated cards up to 2020-06-30)."""
    import datetime as dt

    from conftest import SHIPPED_PLAN

    from pam.load.pipeline import load_plan
    from pam.scaffold.demo import write_demo

    base, _ = load_plan(SHIPPED_PLAN, cards=False)
    out = tmp_path_factory.mktemp("example") / "ex"
    write_demo(base, out, seed=2017, as_of=dt.date(2020, 6, 30), force=False)
    return load(out / "plan")


def _pdf(plan, kind, period, project, lang, tmp_path):
    data = build(plan, kind, period=period, project=project, commit=NO_GIT)
    pdf = render_as(data, "pdf", lang)
    path = tmp_path / f"{kind}.{lang}.pdf"
    path.write_bytes(pdf)
    return path, pdf


def test_every_kind_has_a_pdf():
    assert all("pdf" in k.formats for k in KINDS.values())


@pytest.mark.parametrize("kind,period,project", CASES)
def test_pdf_is_deterministic_a4_and_extracts_arabic_in_logical_order(plan, tmp_path, kind,
                                                                      period, project):
    path, pdf = _pdf(plan, kind, period, project, "ar", tmp_path)
    assert pdf.startswith(b"%PDF-")
    data = build(plan, kind, period=period, project=project, commit=NO_GIT)
    assert render_as(data, "pdf", "ar") == pdf  # same inputs, same bytes
    boxes = re.findall(rb"/MediaBox ?\[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
    text = BIDI_MARKS.sub("", "\n".join(page_text(path)))
    assert "بيانات مثال محاكاة" in text  # the example banner, letters in reading order
    assert "هذه الوثيقة لا تعكس التقدم الحقيقي لإنجاز برنامج الجماعة" in text
    shots = tmp_path / "pages"
    shots.mkdir()
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(shots / kind)], check=True)
    assert len(list(shots.glob("*.png"))) == len(page_text(path))


def test_french_pdf_has_french_action_texts(example, tmp_path):
    path, _pdf_bytes = _pdf(example, "annual", "2019", None, "fr", tmp_path)
    text = " ".join(BIDI_MARKS.sub("", t) for t in page_text(path))
    assert "Rapport annuel d'évaluation" in text
    assert not re.search(r"[^\[]…", text)  # nothing cut ('[…]' is the plan's own elision)
    # the chart labels are real text: the engine shapes and orders them (no pre-reversal)
    html = render_as(build(example, "annual", period="2019", commit=NO_GIT), "html", "ar")
    assert "المالية و الجبايات" in html


def _section_last(ps, i) -> bool:
    """Page i is the last of its section: the document's last page, or the next page opens
    with a section (the h2's number first inside the text area, or a heading set larger than
    the text in the page's top fifth)."""
    if i == len(ps) - 1:
        return True
    first = BIDI_MARKS.sub("", ps[i + 1].words[0]) if ps[i + 1].words else ""
    return first.isdigit() or ps[i + 1].opens_with_heading


@pytest.mark.parametrize("kind,period,project", CASES)
def test_no_page_less_than_a_quarter_filled_but_a_sections_last(example, tmp_path, kind,
                                                                 period, project):
    project = "D2.A2.P2" if kind == "card" else None
    for lang in ("ar", "fr"):
        path, _ = _pdf(example, kind, period if kind != "card" else None, project, lang,
                       tmp_path)
        ps = pages(path)
        thin = [(p.number, round(p.fill, 2)) for i, p in enumerate(ps)
                if p.fill < 0.25 and not _section_last(ps, i)]
        assert thin == [], (kind, lang, [round(p.fill, 2) for p in ps])


@pytest.mark.parametrize("kind,period", [("annual", "2019"), ("semiannual", "2020-H1"),
                                         ("steering", "2020-Q2")])
def test_no_heading_ends_a_page(example, tmp_path, kind, period):
    html = render_as(build(example, kind, period=period, commit=NO_GIT), "html", "ar")
    headings = {BIDI_MARKS.sub("", " ".join(re.sub(r"<[^>]+>", " ", h).split()))
                for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)}
    path, _ = _pdf(example, kind, period, None, "ar", tmp_path)
    for number, text in enumerate(page_text(path)[:-1], 1):
        lines = [BIDI_MARKS.sub("", " ".join(line.split())) for line in text.splitlines()]
        lines = [line for line in lines if line and not re.fullmatch(r"\d+ / \d+", line)]
        assert lines[-1] not in headings, (number, lines[-1])


def test_missing_chromium_says_what_to_install(plan, monkeypatch):
    from pam.errors import Unavailable

    monkeypatch.setenv("PAM_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(Unavailable, match="apt-get install chromium fonts-noto-core"):
        render_as(build(plan, "public", commit=NO_GIT), "pdf", "ar")


def test_weasyprint_is_the_other_engine(plan, monkeypatch):
    pytest.importorskip("weasyprint")
    monkeypatch.setenv("PAM_PDF_ENGINE", "weasyprint")
    pdf = render_as(build(plan, "public", commit=NO_GIT), "pdf", "ar")
    assert pdf.startswith(b"%PDF-")
    monkeypatch.setenv("PAM_PDF_ENGINE", "prince")
    from pam.errors import Unavailable

    with pytest.raises(Unavailable, match="not one of: chromium, weasyprint"):
        render_as(build(plan, "public", commit=NO_GIT), "pdf", "ar")


def test_pdftoppm_is_there_for_the_screenshots():
    assert shutil.which("pdftoppm")
