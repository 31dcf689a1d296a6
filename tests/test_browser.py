"""The HTML reports in a real browser: headless Chromium draws them, prints them, measures them.

Needs the Debian packages `chromium` and `fonts-noto-core`; tests/setup_browser.sh (run by
`make test`) installs them when missing. Without Chromium these tests skip and say why.
The reports themselves have no script: the layout probe is added to a copy of each file.

Refresh the README screenshot (from the example workspace) with:
    make example && .venv/bin/pam report annual --plan build/example/plan --format html \
        --out build/annual.html && PAM_SCREENSHOT=docs/annual-report.png \
        .venv/bin/python -m pytest tests/test_browser.py -k readme
"""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pngtools import read_png
from reports_workspace import NO_GIT, load, write_workspace

from pam.report.run import build, render_as

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found: run tests/setup_browser.sh (make test does) or "
           "apt-get install -y chromium fonts-noto-core")
A4 = (794, 1123)  # CSS px at 96 dpi
MARGIN = 40  # px of page margin that must stay background (the body padding is 14 mm = 53 px)
REPORTS = [("card", "ar"), ("semiannual", "ar"), ("annual", "ar"), ("annual", "fr"),
           ("public", "ar"), ("public", "fr"), ("steering", "ar")]
PROBE = """<script>
document.fonts.ready.then(function () {
  var de = document.documentElement, bad = [];
  document.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width && (r.right > de.clientWidth + 0.5 || r.left < -0.5))
      bad.push(e.tagName + "." + (typeof e.className === "string" ? e.className : ""));
  });
  var out = document.createElement("pre");
  out.id = "pam-probe";
  out.textContent = JSON.stringify({dir: getComputedStyle(document.body).direction,
    lang: de.lang, scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, bad: bad});
  document.body.appendChild(out);
});
</script>"""


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--hide-scrollbars", f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Every report kind as one HTML file (Arabic, and French for two), from the workspace."""
    root = tmp_path_factory.mktemp("browser")
    plan = load(write_workspace(root / "ws"))
    out = {}
    for kind, lang in REPORTS:
        data = build(plan, kind, project="D1.A1.P1" if kind == "card" else None,
                     period="2020-06b" if kind == "card" else None, commit=NO_GIT)
        path = root / f"{kind}.{lang}.html"
        path.write_text(render_as(data, "html", lang), encoding="utf-8")
        out[(kind, lang)] = path
    return out


@pytest.mark.parametrize("kind,lang", REPORTS)
def test_screenshot_is_drawn_and_stays_inside_the_page(pages, tmp_path, kind, lang):
    png = tmp_path / "shot.png"
    done = chromium(tmp_path, f"--screenshot={png}", f"--window-size={A4[0]},{A4[1]}",
                    pages[(kind, lang)].as_uri())
    assert png.exists(), done.stderr[-2000:]
    width, height, rows = read_png(png.read_bytes())
    assert (width, height) == A4
    background = rows[-1][-1]
    inked = sum(1 for row in rows[::4] for px in row[::4] if px != background)
    assert inked > 0.02 * (width // 4) * (height // 4), "the page is (nearly) blank"
    for y, row in enumerate(rows):
        margins = row[:MARGIN] + row[-MARGIN:]
        assert all(px == background for px in margins), f"something is drawn in the margin, row {y}"


@pytest.mark.parametrize("kind,lang", REPORTS)
def test_layout_direction_and_no_horizontal_overflow(pages, tmp_path, kind, lang):
    probe = tmp_path / "probe.html"
    text = pages[(kind, lang)].read_text(encoding="utf-8")
    assert "<script" not in text
    probe.write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = chromium(tmp_path, "--dump-dom", "--virtual-time-budget=5000",
                    f"--window-size={A4[0]},{A4[1]}", probe.as_uri())
    found = re.search(r'<pre id="pam-probe">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    result = json.loads(htmllib.unescape(found.group(1)))
    assert result["lang"] == lang
    assert result["dir"] == ("rtl" if lang == "ar" else "ltr")
    assert result["scrollWidth"] <= result["clientWidth"], result
    assert result["bad"] == [], result


def test_print_is_a4(pages, tmp_path):
    pdf = tmp_path / "public.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
             pages[("public", "ar")].as_uri())
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox ?\[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert boxes, "no page in the PDF"
    for w, h in boxes:  # A4 is 595 x 842 points
        assert abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2
    assert len(boxes) <= 2, "the public summary should fit on one or two pages"


@pytest.mark.skipif(not os.environ.get("PAM_SCREENSHOT"),
                    reason="set PAM_SCREENSHOT=docs/annual-report.png to refresh the README image")
def test_readme_screenshot(tmp_path):
    source = Path(os.environ.get("PAM_SCREENSHOT_SOURCE", "build/annual.html")).resolve()
    target = Path(os.environ["PAM_SCREENSHOT"]).resolve()
    chromium(tmp_path, f"--screenshot={target}", f"--window-size={A4[0]},{A4[1]}",
             source.as_uri())
    assert target.exists()
