"""Reports in a real browser for tests: one headless Chromium (pam/report/pdf.py's DevTools
pipe) opens each HTML at a given width, measures its layout and keeps a screenshot.

`inspect(html, width)` answers what a reader on that screen would meet: the page's direction
and language, whether the page scrolls sideways (its width beyond the window, and the elements
that stick out of it, those inside a box that scrolls on its own aside), and every word drawn
on two lines (a word broken mid-word: its letters on more than one line box)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

from pam.report.pdf import Chromium

PROBE = r"""
(async () => {
  await document.fonts.ready;
  const de = document.documentElement, view = de.clientWidth;
  const scrolls = (e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === "auto" || s.overflowX === "scroll") return true;
    }
    return false;
  };
  const out = [];
  document.querySelectorAll("body *").forEach((e) => {
    const r = e.getBoundingClientRect();
    if (r.width && (r.right > view + 0.5 || r.left < -0.5) && !scrolls(e))
      out.push(e.tagName.toLowerCase() + "." + (typeof e.className === "string" ? e.className : ""));
  });
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent;
    const re = /[^\s\u00a0\u202f\u2013\u2014\-/]+/g;
    let m;
    while ((m = re.exec(text))) {
      if (m[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(n, m.index);
      range.setEnd(n, m.index + m[0].length);
      const tops = new Set();
      for (const r of range.getClientRects()) if (r.width > 0.5) tops.add(Math.round(r.top / 4));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return JSON.stringify({dir: getComputedStyle(document.body).direction, lang: de.lang,
    scrollWidth: de.scrollWidth, clientWidth: view, outside: out.slice(0, 20),
    broken: broken.slice(0, 20), height: de.scrollHeight});
})()
"""


@dataclass(frozen=True)
class Layout:
    width: int
    dir: str
    lang: str
    scroll_width: int
    client_width: int
    outside: tuple[str, ...]  # elements beyond the window's sides (not in a scroll box)
    broken: tuple[str, ...]  # words drawn over two lines
    height: int

    @property
    def overflows(self) -> bool:
        return self.scroll_width > self.client_width or bool(self.outside)


class Browser:
    """One Chromium for many pages: `with Browser() as b: b.inspect(html, 420, shot)`."""

    def __enter__(self) -> Browser:
        self._chromium = Chromium().__enter__()
        self._target, self._session = self._chromium._open()
        return self

    def __exit__(self, *exc) -> None:
        self._chromium.__exit__(*exc)

    def _call(self, method: str, params: dict | None = None) -> dict:
        return self._chromium.call(method, params, self._session)

    def inspect(self, html: str, width: int, screenshot: Path | None = None,
                shot_height: int = 6000) -> Layout:
        """The page at `width` CSS px (a phone below 600: touch, mobile viewport), and its
        screenshot from the top, `shot_height` px at most."""
        self._call("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
        self._call("Runtime.evaluate", {
            "expression": f"document.open();document.write({json.dumps(html)});"
                          "document.close();document.fonts.ready.then(() => true)",
            "awaitPromise": True, "returnByValue": True})
        got = self._call("Runtime.evaluate", {"expression": PROBE, "awaitPromise": True,
                                              "returnByValue": True})
        r = json.loads(got["result"]["value"])
        if screenshot is not None:
            shot = self._call("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": min(r["height"], shot_height),
                         "scale": 1}})
            screenshot.write_bytes(base64.b64decode(shot["data"]))
        return Layout(width, r["dir"], r["lang"], r["scrollWidth"], r["clientWidth"],
                      tuple(r["outside"]), tuple(r["broken"]), r["height"])
