"""Charts as inline SVG strings, drawn by small pure functions.

Why a small helper and not pygal or matplotlib:
- no JavaScript: pygal's interactive charts need a script; reports must be one static file
  that opens offline and prints;
- deterministic bytes: the same numbers give the same SVG, byte for byte (matplotlib embeds
  dates, ids and font paths, and its text would need a pinned backend) so golden files and
  `git diff` of reports stay meaningful;
- right-to-left text: labels are real SVG <text> elements with `direction`, so the browser (or
  WeasyPrint) shapes and orders Arabic with the document's fonts; matplotlib draws glyphs
  itself and gets Arabic letter forms and order wrong without extra reshaping libraries;
- no heavy dependency for three chart types (grouped bars, lines over time).

One SVG serves screen and print: labels stay in logical order and the engine that draws the
page (a browser, headless Chromium for PDF) shapes and orders them. A chart's title for a
small multiple is HTML beside the SVG (it wraps instead of running into the next chart).

Colours are presentation attributes (not CSS classes) so the SVG is the same in a browser and
in WeasyPrint; every chart has a <title> and the numbers also appear in a table beside it.
Coordinates are written with one decimal. Text is XML-escaped here, and bidi overrides in
it are made visible, as everywhere in reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from markupsafe import Markup
from markupsafe import escape as _escape

from pam.render.jinja import neutralize_bidi

FONT = "'Noto Naskh Arabic', Amiri, 'Noto Sans Arabic', Tahoma, 'DejaVu Sans', sans-serif"
COLORS = {"planned": "#9aa5b1", "actual": "#1f5f8b", "previous": "#c3d7e6",
          "allocated": "#9aa5b1", "spent": "#b5651d", "grid": "#d8dde3", "text": "#1b1f24",
          "axis": "#5c6670"}
WIDTH = 680.0


def escape(text: str) -> Markup:
    """XML-escaped text with bidi overrides made visible (as in the rest of the report)."""
    return _escape(neutralize_bidi(str(text)))


def _n(v: float) -> str:
    """A coordinate with one decimal, without a trailing '.0' (12.0 -> '12', 12.34 -> '12.3')."""
    return f"{v:.1f}".removesuffix(".0")


def _t(x: float, y: float, text: str, *, rtl: bool, anchor: str = "start", size: int = 11,
       weight: str | None = None, fill: str | None = None) -> str:
    attrs = [f'x="{_n(x)}"', f'y="{_n(y)}"', f'font-size="{size}"',
             f'text-anchor="{anchor}"', f'direction="{"rtl" if rtl else "ltr"}"',
             f'fill="{fill or COLORS["text"]}"']
    if weight:
        attrs.append(f'font-weight="{weight}"')
    return f"<text {' '.join(attrs)}>{escape(text)}</text>"


def _svg(height: float, title: str, body: list[str], *, rtl: bool) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(WIDTH)} {_n(height)}" '
            f'width="100%" role="img" font-family="{FONT}" '
            f'direction="{"rtl" if rtl else "ltr"}" class="chart">'
            f"<title>{escape(title)}</title>")
    return Markup(head + "".join(body) + "</svg>")


def _legend(series: Sequence[tuple[str, str]], y: float, *, rtl: bool) -> list[str]:
    """Colour keys with their labels, laid out from the start side."""
    out, pos = [], 0.0
    for label, color in series:
        width = 26 + 6.5 * len(label)
        x = WIDTH - pos - 12 if rtl else pos
        out.append(f'<rect x="{_n(x)}" y="{_n(y - 9)}" width="12" height="10" fill="{color}"/>')
        tx = x - 5 if rtl else x + 17
        out.append(_t(tx, y, label, rtl=rtl))
        pos += width
    return out


def bar_chart(title: str, rows: Sequence[tuple[str, Sequence[float | None]]],
              series: Sequence[tuple[str, str]], fmt: Callable[[float | None], str], *,
              rtl: bool, scale: float | None = None) -> Markup:
    """Grouped horizontal bars: one group per row (label above its bars), one bar per series.

    `series` is [(label, colour)], `rows` [(label, [value per series])]; values are drawn
    against `scale` (100 for percents; the largest value when None). Right-to-left charts
    grow from the right edge.
    """
    values = [v for _, vals in rows for v in vals if v is not None]
    top = scale or max(values + [0.0]) or 1.0
    bar_h, gap, label_h = 11.0, 3.0, 16.0
    group_h = label_h + len(series) * (bar_h + gap) + 8
    value_w = 64.0
    track = WIDTH - value_w
    body = _legend(series, 14, rtl=rtl)
    y = 28.0
    for label, vals in rows:
        body.append(_t(WIDTH if rtl else 0, y + 11, label, rtl=rtl, weight="bold"))
        yb = y + label_h
        if scale:
            x_full = 0 if not rtl else value_w
            body.append(f'<rect x="{_n(x_full)}" y="{_n(yb - 1)}" width="{_n(track)}" '
                        f'height="{_n(len(series) * (bar_h + gap) - gap + 2)}" '
                        f'fill="none" stroke="{COLORS["grid"]}" stroke-width="0.8"/>')
        for (_slabel, color), v in zip(series, vals, strict=True):
            w = max(0.0, min(1.0, (v or 0.0) / top)) * track
            x = WIDTH - w if rtl else 0.0
            body.append(f'<rect x="{_n(x)}" y="{_n(yb)}" width="{_n(w)}" height="{_n(bar_h)}" '
                        f'fill="{color}"/>')
            tx = (x - 4) if rtl else (w + 4)
            body.append(_t(tx, yb + bar_h - 2, fmt(v), rtl=rtl, size=10))
            yb += bar_h + gap
        y += group_h
    return _svg(y + 4, title, body, rtl=rtl)


def line_chart(title: str, lines: Sequence[tuple[str, str, bool, Sequence[tuple[dt.date,
               float | None]]]], *, rtl: bool, height: float = 220.0, small: bool = False,
               caption: str | None = None) -> Markup:
    """Percent (0-100) over time: [(label, colour, dashed, [(date, value)])].

    Time runs left to right in both languages (as on a calendar); labels follow the document
    direction. A small chart (for one project) has no legend and fewer gridlines.
    """
    dates = sorted({d for *_x, pts in lines for d, _v in pts})
    width = WIDTH / 2 - 8 if small else WIDTH
    pad_l, pad_r = (30.0, 8.0)
    pad_t = 10.0 if small else 28.0
    pad_b = 18.0
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    body: list[str] = []
    if caption:
        body.append(_t(width if rtl else 0, 11, caption, rtl=rtl, size=11, weight="bold"))
        pad_t += 6
        plot_h -= 6
    if not small:
        body += _legend([(label, color) for label, color, _d, _p in lines], 14, rtl=rtl)
    if not dates:
        return _svg(height, title, body, rtl=rtl)
    d0, d1 = dates[0], dates[-1]
    span = max(1, (d1 - d0).days)

    def px(day: dt.date) -> float:
        return pad_l + plot_w * (day - d0).days / span

    def py(v: float) -> float:
        return pad_t + plot_h * (1 - max(0.0, min(100.0, v)) / 100)

    for v in ((0, 50, 100) if small else (0, 25, 50, 75, 100)):
        body.append(f'<line x1="{_n(pad_l)}" x2="{_n(pad_l + plot_w)}" y1="{_n(py(v))}" '
                    f'y2="{_n(py(v))}" stroke="{COLORS["grid"]}" stroke-width="0.8"/>')
        body.append(_t(pad_l - 3, py(v) + 3.5, f"{v}%", rtl=False, anchor="end", size=9,
                       fill=COLORS["axis"]))
    for year in range(d0.year + 1, d1.year + 1):
        x = px(dt.date(year, 1, 1))
        body.append(f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{_n(pad_t)}" '
                    f'y2="{_n(pad_t + plot_h)}" stroke="{COLORS["grid"]}" stroke-width="0.8"/>')
        body.append(_t(x, height - 5, str(year), rtl=False, anchor="middle", size=9,
                       fill=COLORS["axis"]))
    # each date and each value is placed once: lines share their dates and repeat values
    xs = {day: _n(px(day)) for day in dates}
    values = {v for *_x, pts in lines for _d, v in pts if v is not None}
    ys = {v: _n(py(v)) for v in values}
    for _label, color, dashed, points in lines:
        coords = [f"{xs[d]},{ys[v]}" for d, v in points if v is not None]
        if not coords:
            continue
        dash = ' stroke-dasharray="5 3"' if dashed else ""
        body.append(f'<polyline points="{" ".join(coords)}" fill="none" stroke="{color}" '
                    f'stroke-width="{1.4 if small else 2}"{dash}/>')
    svg = _svg(height, title, body, rtl=rtl)
    if small:
        svg = Markup(str(svg).replace(f'viewBox="0 0 {_n(WIDTH)} ', f'viewBox="0 0 {_n(width)} ',
                                      1))
    return svg
