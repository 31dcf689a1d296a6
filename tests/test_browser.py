"""The HTML reports in a real browser: headless Chromium draws every kind in both languages,
on a phone (420 px) and on a desktop screen (1280 px), and as an A4 window.

What a reader would meet is measured in the page (tests/browsertools.py): the page never
scrolls sideways (a wide table scrolls in its own box, the public summary's table stacks),
no word is drawn over two lines, the direction and language are the report's. Every page is
kept as a PNG screenshot in the test's tmp folder (pytest keeps the last three runs:
`ls /tmp/pytest-of-$USER/pytest-current/`).

Needs the Debian packages `chromium` and `fonts-noto-core`; tests/setup_browser.sh (run by
`make test`) installs them when missing. Without Chromium these tests skip and say why.
The reports themselves have no script: the probe runs in the browser's own page.

Refresh the README screenshot (from the example workspace) with:
    make example && .venv/bin/pam report annual --plan build/example/plan --format html \
        --out build/annual.html && PAM_SCREENSHOT=docs/annual-report.png \
        .venv/bin/python -m pytest tests/test_browser.py -k readme
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pngtools import read_png
from reports_workspace import (
    EXAMPLE_REPORTS,
    LANGS,
    NO_GIT,
    example_workspace,
    load,
    write_workspace,
)

from pam.report.pdf import chromium_path
from pam.report.run import build, render_as

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found: run tests/setup_browser.sh (make test does) or "
           "apt-get install -y chromium fonts-noto-core")
A4 = (794, 1123)  # CSS px at 96 dpi
MARGIN = 40  # px of page margin that must stay background (the body padding is 14 mm = 53 px)
WIDTHS = (420, 1280)  # a phone, a desktop screen
KINDS = [k for k, _p, _c in EXAMPLE_REPORTS]


@pytest.fixture(scope="module")
def browser():
    from browsertools import Browser

    with Browser() as b:
        yield b


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Every kind in both languages as HTML: from the small test workspace and from the
    example workspace (the Dakhla plan with simulated cards: long names, full tables)."""
    root = tmp_path_factory.mktemp("browser")
    small = load(write_workspace(root / "ws"))
    example = example_workspace(root)
    out = {}
    for name, plan in (("small", small), ("example", example)):
        for kind, period, project in EXAMPLE_REPORTS:
            if name == "small":
                period, project = ("2020-06b", "D1.A1.P1") if kind == "card" else (None, None)
            data = build(plan, kind, period=period, project=project, commit=NO_GIT)
            for lang in LANGS:
                out[(name, kind, lang)] = render_as(data, "html", lang)
    return out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("workspace", ["small", "example"])
def test_no_sideways_scroll_and_no_word_broken(browser, pages, tmp_path, workspace, kind, lang,
                                               width):
    html = pages[(workspace, kind, lang)]
    assert "<script" not in html
    shot = tmp_path / f"{workspace}-{kind}.{lang}.{width}.png"
    got = browser.inspect(html, width, shot)
    assert got.lang == lang
    assert got.dir == ("rtl" if lang == "ar" else "ltr")
    assert not got.overflows, (got.scroll_width, got.client_width, got.outside)
    assert got.broken == (), got.broken
    assert png_width(shot.read_bytes()) == width  # drawn at the phone's or the screen's width


def png_width(data: bytes) -> int:
    """The width in a PNG's header (reading the pixels of a long page would take seconds)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_a4_window_is_drawn_and_stays_inside_the_page(browser, pages, tmp_path, kind, lang):
    shot = tmp_path / f"{kind}.{lang}.a4.png"
    browser.inspect(pages[("small", kind, lang)], A4[0], shot, shot_height=A4[1])
    width, height, rows = read_png(shot.read_bytes())
    assert width == A4[0] and height >= A4[1] // 2
    rows = rows[:A4[1]]
    background = rows[-1][-1]
    inked = sum(1 for row in rows[::4] for px in row[::4] if px != background)
    assert inked > 0.02 * (width // 4) * (len(rows) // 4), "the page is (nearly) blank"
    for y, row in enumerate(rows):
        margins = row[:MARGIN] + row[-MARGIN:]
        assert all(px == background for px in margins), f"something is drawn in the margin, row {y}"


def test_the_public_summary_stacks_its_domains_on_a_phone(browser, pages):
    """On a phone each domain is a block (its name on its own line, every figure under its
    label), so nothing is squeezed into a column a few letters wide."""
    html = pages[("example", "public", "fr")]
    probe = """
    (() => { const rows = [...document.querySelectorAll('table.public tbody tr')];
      return JSON.stringify(rows.map(r => [getComputedStyle(r).display,
        r.querySelector('td.domain').getBoundingClientRect().width,
        getComputedStyle(r.querySelector('td[data-label]'), '::before').content])); })()"""
    import json

    browser.inspect(html, 420)
    rows = json.loads(browser._call("Runtime.evaluate", {"expression": probe,
                                                         "returnByValue": True})["result"]["value"])
    assert len(rows) == 7
    for display, name_width, label in rows:
        assert display == "grid" and name_width > 300 and label == '"Projets achevés"'


def test_chromium_prints_a4_and_the_public_summary_on_two_pages_at_most(pages, tmp_path):
    """The browser's own print (not pam's): A4, and the public summary fits two pages."""
    for lang in LANGS:
        page = tmp_path / f"public.{lang}.html"
        page.write_text(pages[("example", "public", lang)], encoding="utf-8")
        pdf = tmp_path / f"public.{lang}.pdf"
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
                        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                       capture_output=True, timeout=120)
        boxes = re.findall(rb"/MediaBox ?\[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
        assert boxes, "no page in the PDF"
        for w, h in boxes:  # A4 is 595 x 842 points
            assert abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2
        assert len(boxes) <= 2, (lang, len(boxes))


@pytest.mark.skipif(not os.environ.get("PAM_SCREENSHOT"),
                    reason="set PAM_SCREENSHOT=docs/annual-report.png to refresh the README image")
def test_readme_screenshot(tmp_path):
    source = Path(os.environ.get("PAM_SCREENSHOT_SOURCE", "build/annual.html")).resolve()
    target = Path(os.environ["PAM_SCREENSHOT"]).resolve()
    subprocess.run([shutil.which("chromium") or CHROMIUM, "--headless", "--no-sandbox",
                    "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'p'}",
                    f"--screenshot={target}", f"--window-size={A4[0]},{A4[1]}",
                    source.as_uri()], capture_output=True, timeout=120)
    assert target.exists()
