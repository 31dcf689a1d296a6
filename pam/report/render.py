"""Rendering: a report's data -> Markdown, HTML (one self-contained file) or PDF bytes."""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from pam.errors import Refused
from pam.i18n import DIRECTION, load_messages
from pam.render.jinja import make_env, pct, pick_name
from pam.report import svg


@lru_cache(maxsize=16)
def shared_env(fmt: str, lang: str, override: Path | None = None):
    """One environment per format, language and override folder, reused (templates compile
    once per process)."""
    return make_env(fmt, lang, override)


def render(data: dict, fmt: str, lang: str = "ar", override: Path | None = None,
           env=None) -> str:
    """The text of a report in 'md' or 'html' (the same HTML for screen, print and PDF)."""
    env = env or shared_env(fmt, lang, override)
    messages = load_messages(lang)
    charts = build_charts(data, messages, lang) if fmt == "html" else {}
    from pam.report.registry import KINDS

    with user_templates(override):
        template = env.get_template(KINDS[data["kind"]].template)
        text = template.render(d=data, L=messages, dir=DIRECTION[lang], charts=charts)
    return tidy(text, fmt)


@contextmanager
def user_templates(override: Path | None):
    """With --templates, an error while compiling or running a template is the templates'
    (a syntax error, an unknown value): said with the template's name and line, exit 1."""
    if override is None:
        yield
        return
    import jinja2

    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise Refused(f"the template {where} (from --templates {override}) has a syntax "
                      f"error: {exc.message}; fix it, or run without --templates") from None
    except jinja2.TemplateError as exc:
        raise Refused(f"a template from --templates {override} failed: "
                      f"{type(exc).__name__}: {exc}; fix it, or run without --templates "
                      "(the shipped templates show which values exist)") from None
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError) as exc:
        raise Refused(f"a template from --templates {override} failed while rendering: "
                      f"{type(exc).__name__}: {exc}; fix it, or run without --templates") \
            from None


def tidy(text: str, fmt: str) -> str:
    """Trailing spaces dropped, runs of blank lines collapsed to one; ends with one newline."""
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def render_pdf(html: str) -> bytes:
    """PDF bytes from a rendered HTML report (pam/report/pdf.py chooses the engine)."""
    from pam.report.pdf import render_pdfs

    return render_pdfs([html])[0]


def build_charts(data: dict, L: dict, lang: str) -> dict:
    """The SVG charts a report shows, from the numbers already in its data. `nodes` (the
    small multiples) maps a node to its caption and its chart, None for a node without
    targets (there is nothing to draw: the template says so under the caption)."""
    rtl = DIRECTION[lang] == "rtl"
    svg_bar = svg.bar_chart
    svg_line = _line_chart
    c = L["chart"]
    out: dict[str, Markup | dict[str, dict[str, str | None]]] = {}  # 'nodes': by node

    def label(node) -> str:
        return f"{node['id']} · {pick_name(node['name'], lang=lang)}"

    def fmt_pct(v):
        return pct(v, lang=lang)

    def fmt_money(v):
        return "—" if v is None else f"{v:.1f}"

    if "domains" in data and data["kind"] != "public":
        rows = [(label(d), [d["planned"], d["actual"]]) for d in data["domains"]]
        series = [(c["planned"], svg.COLORS["planned"]), (c["actual"], svg.COLORS["actual"])]
        if data["kind"] == "steering":
            rows = [(label(d), [d["planned"], d["actual_prev"], d["actual"]])
                    for d in data["domains"]]
            series = [(c["planned"], svg.COLORS["planned"]),
                      (c["actual_prev"], svg.COLORS["previous"]),
                      (c["actual"], svg.COLORS["actual"])]
        out["domains"] = svg_bar(c["domains_title"], rows, series, fmt_pct, rtl=rtl,
                                       scale=100)
    if data["kind"] == "public":
        rows = [(pick_name(d["name"], lang=lang), [d["actual"]]) for d in data["domains"]]
        out["domains"] = svg_bar(c["public_title"], rows,
                                       [(c["actual"], svg.COLORS["actual"])], fmt_pct,
                                       rtl=rtl, scale=100)
    if "budget" in data:
        names = {d["id"]: d for d in data["domains"]}
        rows = [(label(names[b["id"]]), [b["cost"], b["spent"]]) for b in data["budget"]]
        out["budget"] = svg_bar(
            c["budget_title"], rows, [(c["allocated"], svg.COLORS["allocated"]),
                                      (c["spent"], svg.COLORS["spent"])], fmt_money, rtl=rtl)
    if "series" in data:
        program_id = data["meta"]["program_id"]
        points = data["series"].get(program_id, [])
        out["program"] = svg_line(c["program_title"], _lines(points, c), rtl=rtl)
        names = {r["id"]: r for r in data.get("projects", []) + data.get("domains", [])}
        out["nodes"] = {
            node: {"caption": label(names[node]),
                   "svg": svg_line(f"{c['node_title']} {node}", _lines(pts, c), rtl=rtl,
                                   height=120, small=True)
                   if any(p is not None for _d, p, _a in pts) else None}
            for node, pts in data["series"].items() if node != program_id and node in names}
    return out


def _lines(points, c) -> tuple:
    """The planned and actual lines of a chart (tuples: the chart's drawing is memoized)."""
    return ((c["planned"], svg.COLORS["planned"], True, tuple((d, p) for d, p, _a in points)),
            (c["actual"], svg.COLORS["actual"], False, tuple((d, a) for d, _p, a in points)))


@lru_cache(maxsize=1024)
def _line_chart(title: str, lines: tuple, **options) -> Markup:
    """svg.line_chart drawn once per process for the same title, lines and options: the
    annual and semi-annual reports of one `pam report all` at the same date show the same
    43 progress charts. The result depends on nothing else (svg.line_chart is pure)."""
    return svg.line_chart(title, lines, **options)
