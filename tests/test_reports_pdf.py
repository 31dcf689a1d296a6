"""PDF of every report kind in both languages through headless Chromium (pam/report/pdf.py):
same bytes for the same HTML, A4, Arabic text that extracts in logical order, pages filled
and headings kept with what follows, the public summary on two pages at most; the pages are
kept as PNG screenshots in the test's tmp folder.

Needs Debian's chromium, fonts-noto-core and poppler-utils (tests/setup_browser.sh installs
them); without them these tests skip and say why."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from pdftools import PDFTOTEXT, page_text, pages
from reports_workspace import (
    EXAMPLE_REPORTS,
    LANGS,
    NO_GIT,
    example_workspace,
    fictional_workspace,
    load,
    write_workspace,
)

from pam.report.pdf import chromium_path, render_pdfs
from pam.report.registry import KINDS
from pam.report.render import render
from pam.report.run import build, render_as

pytestmark = pytest.mark.skipif(
    chromium_path() is None or PDFTOTEXT is None,
    reason="PDF tests need chromium and pdftotext: run tests/setup_browser.sh "
           "(apt-get install -y chromium fonts-noto-core poppler-utils)")
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SMALL = [("card", "2020-06b", "D1.A1.P1"), ("semiannual", "2020-H1", None),
         ("annual", "2019", None), ("public", "2019", None), ("steering", "2020-Q2", None)]
CASES = [(kind, lang) for kind, _p, _c in EXAMPLE_REPORTS for lang in LANGS]


def _print(plan, reports, folder, prefix="") -> dict:
    """Every (kind, period, project) in both languages printed by one browser: {(kind,
    lang): path}; each PDF's pages are kept beside it as PNG."""
    jobs = []
    for kind, period, project in reports:
        data = build(plan, kind, period=period, project=project, commit=NO_GIT)
        jobs += [((kind, lang), render(data, "html", lang)) for lang in LANGS]
    out = {}
    for (key, _html), pdf in zip(jobs, render_pdfs([h for _k, h in jobs]), strict=True):
        path = folder / f"{prefix}{key[0]}.{key[1]}.pdf"
        path.write_bytes(pdf)
        shots = folder / "pages"
        shots.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(path),
                        str(shots / f"{prefix}{key[0]}.{key[1]}")], check=True)
        out[key] = path
    return out


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return load(write_workspace(tmp_path_factory.mktemp("ws")))


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example workspace (the Dakhla plan, simulated cards up to 2020-06-30)."""
    return example_workspace(tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def example_pdfs(example, tmp_path_factory):
    return _print(example, EXAMPLE_REPORTS, tmp_path_factory.mktemp("example-pdf"))


@pytest.fixture(scope="module")
def small_pdfs(plan, tmp_path_factory):
    return _print(plan, SMALL, tmp_path_factory.mktemp("small-pdf"))


def test_every_kind_has_a_pdf():
    assert all("pdf" in k.formats for k in KINDS.values())


@pytest.mark.parametrize("kind,lang", CASES)
def test_pdf_is_deterministic_a4_and_extracts_arabic_in_logical_order(plan, small_pdfs, kind,
                                                                      lang):
    path = small_pdfs[(kind, lang)]
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF-")
    period, project = next((p, c) for k, p, c in SMALL if k == kind)
    data = build(plan, kind, period=period, project=project, commit=NO_GIT)
    if lang == "ar":  # same inputs, same bytes (one more browser run per kind: Arabic only)
        assert render_as(data, "pdf", lang) == pdf
    boxes = re.findall(rb"/MediaBox ?\[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
    text = BIDI_MARKS.sub("", "\n".join(page_text(path)))
    if lang == "ar":  # the example banner, letters in reading order
        assert "بيانات مثال محاكاة" in text
        assert "هذه الوثيقة لا تعكس التقدم الحقيقي لإنجاز برنامج الجماعة" in text
    else:
        assert "DONNÉES D'EXEMPLE SIMULÉES" in text
    shots = path.parent / "pages"
    assert len(list(shots.glob(f"{kind}.{lang}-*.png"))) == len(page_text(path))


def test_the_summary_extracts_in_logical_order(example_pdfs):
    """A sentence of the summary, as pdftotext reads it from the Arabic PDFs (annual and
    public): the same words in the same order as the catalog wrote them (pdftotext itself
    sets a percent sign before its digits, '%5', glues a number to the next word and a
    comma to the word after it: the words are checked, not the figures and commas)."""
    for kind in ("annual", "public"):
        text = " ".join(BIDI_MARKS.sub("", t) for t in page_text(example_pdfs[(kind, "ar")]))
        text = " ".join(text.split())
        assert "أنجز مشروعان من أصل" in text, kind
        assert "أي أن نسبة إنجاز المشاريع المبرمجة تبلغ" in text, kind


def test_french_pdf_has_french_action_texts(example, example_pdfs):
    text = " ".join(BIDI_MARKS.sub("", t) for t in page_text(example_pdfs[("annual", "fr")]))
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


@pytest.mark.parametrize("kind,lang", CASES)
def test_no_page_less_than_a_quarter_filled_but_a_sections_last(example_pdfs, kind, lang):
    ps = pages(example_pdfs[(kind, lang)])
    thin = [(p.number, round(p.fill, 2)) for i, p in enumerate(ps)
            if p.fill < 0.25 and not _section_last(ps, i)]
    assert thin == [], (kind, lang, [round(p.fill, 2) for p in ps])


@pytest.mark.parametrize("kind,lang", CASES)
def test_no_heading_ends_a_page(example, example_pdfs, kind, lang):
    period, project = next((p, c) for k, p, c in EXAMPLE_REPORTS if k == kind)
    html = render_as(build(example, kind, period=period, project=project, commit=NO_GIT),
                     "html", lang)
    headings = {BIDI_MARKS.sub("", " ".join(re.sub(r"<[^>]+>", " ", h).split()))
                for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)}
    for number, text in enumerate(page_text(example_pdfs[(kind, lang)])[:-1], 1):
        lines = [BIDI_MARKS.sub("", " ".join(line.split())) for line in text.splitlines()]
        lines = [line for line in lines if line and not re.fullmatch(r"\d+ / \d+", line)]
        assert lines[-1] not in headings, (number, lines[-1])


def test_the_public_summary_fits_two_pages_in_both_languages(example_pdfs, tmp_path):
    """Art. 15's summary is posted at the commune's seat: one or two A4 pages, in Arabic and
    in French, for the Dakhla plan (7 domains) and for the fictional commune (money stages,
    partners)."""
    fictional = fictional_workspace(tmp_path)
    fictional_pdfs = _print(fictional, [("public", None, None)], tmp_path, "fictional-")
    for lang in LANGS:
        for pdfs in (example_pdfs, fictional_pdfs):
            ps = pages(pdfs[("public", lang)])
            assert len(ps) <= 2, (lang, [round(p.fill, 2) for p in ps])
    text = " ".join(page_text(fictional_pdfs[("public", "fr")]))
    assert "Crédits ouverts" in text and "sous convention signée" in text


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


def test_pam_knows_the_pdfs_it_printed_and_writes_them_again(small_pdfs, tmp_path):
    """A PDF Chromium printed carries pam's mark (an incremental update: /Producer pam,
    /Keywords pam-report, the title kept), so a second `pam report all --format pdf` into
    the same folder replaces it instead of refusing; poppler reads the updated file."""
    from pam.outputs import written_by_pam

    pdf = small_pdfs[("annual", "ar")]
    assert written_by_pam(pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "pam-report" in info.stdout and "Producer:        pam " in info.stdout
    assert "التقرير السنوي" in info.stdout and not info.stderr  # title kept, no syntax error
    other = tmp_path / "other.pdf"
    other.write_bytes(pdf.read_bytes().replace(b"pam-report", b"xxx-xxxxxx"))
    assert not written_by_pam(other)
    root = write_workspace(tmp_path / "ws")
    for _ in range(2):
        r = subprocess.run([sys.executable, "-m", "pam", "report", "all", "--format", "pdf",
                            "--plan", str(root), "--out", str(tmp_path / "out")],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
