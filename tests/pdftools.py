"""Reading PDFs in tests with poppler's pdftotext (Debian's poppler-utils): the text of each
page in logical order, and how much of each page is filled."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

PDFTOTEXT = shutil.which("pdftotext")
TOP, BOTTOM = 45.0, 791.0  # A4 points: the page box less the @page margins (16 mm, 18 mm)


@dataclass(frozen=True)
class Page:
    number: int
    fill: float  # share of the page's text area from its top to its lowest word
    words: tuple[str, ...]
    opens_with_heading: bool = False  # a word in the page's top fifth set larger than the text

    @property
    def text(self) -> str:
        return " ".join(self.words)


def page_text(pdf: Path) -> list[str]:
    """The text of each page (pdftotext orders right-to-left runs logically)."""
    out = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")[:-1]


def pages(pdf: Path) -> list[Page]:
    """Each page's fill and words (inside the text area: running headers and page numbers in
    the margins are left out)."""
    html = subprocess.run([PDFTOTEXT, "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    out = []
    for i, body in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", html, re.S), 1):
        words = [(float(y0), float(y1), unescape(w)) for y0, y1, w in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>',
            body)]
        inside = [w for w in words if w[0] >= TOP - 2 and w[1] <= BOTTOM + 2]
        low = max((w[1] for w in inside), default=TOP)
        heights = sorted(y1 - y0 for y0, y1, _w in inside)
        body = heights[len(heights) // 2] if heights else 0
        top = TOP + (BOTTOM - TOP) / 5
        heading = any(y0 <= top and y1 - y0 >= 1.3 * body for y0, y1, _w in inside)
        out.append(Page(i, (low - TOP) / (BOTTOM - TOP), tuple(w[2] for w in inside),
                        heading))
    return out
