"""The public site in a real browser: headless Chromium (Debian's `chromium`, with
fonts-noto-core; tests/setup_browser.sh installs them) draws the home page and a project page
in Arabic and French at 420 px (a phone) and 1280 px (a desktop).

- Screenshots are kept in the test output: build/test-output/site/ (or $PAM_TEST_OUTPUT),
  one PNG per page, language and width.
- A probe added to a copy of each page measures every element: nothing is wider than the
  viewport (no horizontal scroll), and no word is broken across two lines; the widths it
  measured are written beside the screenshots (widths.json).
- The search script finds an action as one types.
Without Chromium these tests skip and say why.

Refresh the README screenshot (docs/site-home.png) with:
    PAM_SITE_SCREENSHOT=docs/site-home.png .venv/bin/python -m pytest tests/test_site_browser.py -k readme
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
from conftest import ROOT, run_pam
from pngtools import read_png, write_png

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found: run tests/setup_browser.sh (make test does) or "
           "apt-get install -y chromium fonts-noto-core")
WIDTHS = (420, 1280)
PAGES = [("index.html", "ar"), ("fr/index.html", "fr"), ("plan/D2.A2.P2.html", "ar"),
         ("fr/plan/D2.A2.P2.html", "fr")]
# Every element's box inside the viewport; every word of every text on one line (a word is
# broken when its rectangles start on two different lines).
PROBE = """<script>
document.fonts.ready.then(function () {
  var de = document.documentElement, wide = [], broken = [], widest = 0;
  document.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (!r.width) return;
    widest = Math.max(widest, r.right - Math.min(r.left, 0));
    if (r.right > de.clientWidth + 0.5 || r.left < -0.5)
      wide.push(e.tagName + "." + (typeof e.className === "string" ? e.className : "") + " " + Math.round(r.left) + ".." + Math.round(r.right));
  });
  // a compound of letters (ronds-points) may break after its hyphen, as in print; each part
  // must stay whole, and a number range (2017-2022, 1-15) never breaks
  function atHyphen(node, m) {
    if (!/^[^0-9]+([-\u2010\u2013][^0-9]+)+$/.test(m[0])) return false;
    var at = m.index, ok = true;
    m[0].split(/[-\u2010\u2013]/).forEach(function (part) {
      var r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + part.length);
      var t = {}; Array.prototype.forEach.call(r.getClientRects(), function (x) { if (x.width) t[Math.round(x.top)] = 1; });
      var k = Object.keys(t).map(Number); if (k.length && Math.max.apply(null, k) - Math.min.apply(null, k) > 4) ok = false;
      at += part.length + 1;
    });
    return ok;
  }
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node, words = 0;
  while ((node = walker.nextNode())) {
    var p = node.parentElement;
    if (!p || !p.getClientRects().length || p.closest("script,style,svg,.skip")) continue;
    var re = /\\S+/g, m;
    while ((m = re.exec(node.data))) {
      var range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      var tops = {};
      Array.prototype.forEach.call(range.getClientRects(), function (r) { if (r.width) tops[Math.round(r.top)] = 1; });
      var lines = Object.keys(tops).sort(function (a, b) { return a - b; });
      if (lines.length > 1 && lines[lines.length - 1] - lines[0] > 4 && !atHyphen(node, m)) broken.push(m[0]);
      words++;
    }
  }
  parent.postMessage({id: "pam-probe", text: JSON.stringify({lang: de.lang,
    dir: getComputedStyle(document.body).direction, clientWidth: de.clientWidth,
    scrollWidth: de.scrollWidth, widest: Math.round(widest), wide: wide.slice(0, 20),
    broken: broken.slice(0, 20), words: words})}, "*");
});
</script>"""
SEARCH = """<script>
window.addEventListener("load", function () {
  var q = document.getElementById("q");
  q.value = "D2.A2.P2.0";
  q.dispatchEvent(new Event("input"));
  parent.postMessage({id: "pam-search", text: JSON.stringify(Array.prototype.map.call(
    document.querySelectorAll("#search-results a"), function (a) { return a.getAttribute("href"); }))}, "*");
});
</script>"""
# Headless Chromium lays a window out at least 500 px wide, whatever --window-size says: the
# page is drawn in an iframe of the exact width instead (its media queries see that width),
# and what the page's script measures comes back to this frame by postMessage.
FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>html, body { margin: 0;
padding: 0; background: #fff; } iframe { border: 0; display: block; }</style></head><body>
<iframe src="@SRC@" width="@WIDTH@" height="@HEIGHT@" scrolling="no" title="page"></iframe>
<script>window.addEventListener("message", function (e) {
  var out = document.createElement("pre"); out.id = e.data.id; out.textContent = e.data.text;
  document.body.appendChild(out); });</script></body></html>"""


def output_folder() -> Path:
    folder = Path(os.environ.get("PAM_TEST_OUTPUT", ROOT / "build" / "test-output")) / "site"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site of the example workspace (pam demo), with its reports."""
    root = tmp_path_factory.mktemp("site-browser")
    assert run_pam("demo", str(root / "ws")).returncode == 0
    plan = str(root / "ws" / "plan")
    assert run_pam("report", "all", "--plan", plan, "--out", str(root / "reports"),
                   "--format", "html").returncode == 0
    r = run_pam("site", "--plan", plan, "--out", str(root / "site"), "--reports",
                str(root / "reports"))
    assert r.returncode == 0, r.stderr
    return root / "site"


def framed(site: Path, rel: str, width: int, height: int, script: str = "") -> Path:
    """A frame holding the page at `width` px; with `script`, the page is a copy beside the
    original (so its links still resolve) with the script added."""
    page = site / rel
    if script:
        copy = page.with_name(page.stem + ".probe.html")
        copy.write_text(page.read_text(encoding="utf-8").replace("</body>", script + "</body>"),
                        encoding="utf-8")
        page = copy
    frame = site / f"frame-{page.stem}-{width}.html"
    frame.write_text(FRAME.replace("@SRC@", page.as_uri()).replace("@WIDTH@", str(width))
                     .replace("@HEIGHT@", str(height)), encoding="utf-8")
    return frame


def run_in_frame(site: Path, rel: str, width: int, script: str, key: str,
                 profile: Path) -> object:
    frame = framed(site, rel, width, 900, script)  # scrolling="no": no scrollbar takes width
    done = chromium(profile, "--dump-dom", "--virtual-time-budget=8000",
                    f"--window-size={max(width, 500) + 20},950", frame.as_uri())
    found = re.search(f'<pre id="{key}">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    return json.loads(htmllib.unescape(found.group(1)))


def screenshot(site: Path, rel: str, width: int, height: int, png: Path, profile: Path) -> None:
    """The page drawn at `width` px, cropped to it, as a PNG."""
    frame = framed(site, rel, width, height)
    shot = png.with_suffix(".full.png")
    done = chromium(profile, f"--screenshot={shot}", f"--window-size={max(width, 500)},{height}",
                    "--virtual-time-budget=5000", frame.as_uri())
    assert shot.is_file(), done.stderr[-2000:]
    _w, _h, rows = read_png(shot.read_bytes())
    png.write_bytes(write_png([row[:width] for row in rows]))
    shot.unlink()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("rel,lang", PAGES)
def test_drawn_at_phone_and_desktop_width_nothing_wider_than_the_viewport(site, tmp_path, rel,
                                                                          lang, width):
    result = run_in_frame(site, rel, width, PROBE, "pam-probe", tmp_path / "profile")
    folder = output_folder()
    name = rel.replace("/", "_").removesuffix(".html") + f"-{width}"
    widths = folder / "widths.json"
    known = json.loads(widths.read_text(encoding="utf-8")) if widths.is_file() else {}
    known[name] = {k: result[k] for k in ("clientWidth", "scrollWidth", "widest", "words")}
    widths.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert result["lang"] == lang
    assert result["dir"] == ("rtl" if lang == "ar" else "ltr")
    assert result["clientWidth"] == width
    assert result["scrollWidth"] <= result["clientWidth"], json.dumps(result, ensure_ascii=False)
    assert result["wide"] == [], json.dumps(result, ensure_ascii=False)
    assert result["broken"] == [], json.dumps(result, ensure_ascii=False)
    assert result["words"] > 200
    png = folder / f"{name}.png"
    screenshot(site, rel, width, 2200, png, tmp_path / "profile")
    w, h, rows = read_png(png.read_bytes())
    assert (w, h) == (width, 2200)
    background = rows[5][w // 2]
    inked = sum(1 for row in rows[::8] for px in row[::8] if px != background)
    assert inked > 0.03 * (w // 8) * (h // 8), "the page is (nearly) blank"


def test_the_search_script_finds_actions_as_one_types(site, tmp_path):
    links = run_in_frame(site, "plan/D1.html", 420, SEARCH, "pam-search", tmp_path / "p")
    assert links and all(link.startswith("../plan/D2.A2.P2.0") for link in links), links
    for link in links:
        assert (site / "plan" / link.removeprefix("../plan/")).is_file()


def test_print_keeps_the_content_without_navigation(site, tmp_path):
    pdf = tmp_path / "home.pdf"
    chromium(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
             (site / "plan" / "D2.A2.P2.html").as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", data)) >= 1
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert "@media print" in css and ".search" in css.split("@media print", 1)[1]


@pytest.mark.skipif(not os.environ.get("PAM_SITE_SCREENSHOT"),
                    reason="set PAM_SITE_SCREENSHOT=docs/site-home.png to refresh the README "
                           "image")
def test_readme_screenshot(site, tmp_path):
    target = Path(os.environ["PAM_SITE_SCREENSHOT"]).resolve()
    screenshot(site, "index.html", 1280, 1400, target, tmp_path / "profile")
    assert target.is_file()
