"""The site's pages as HTML: each page's data (pam/site/pages.py) through its template
(templates/site/KIND.html.j2) in the one Jinja environment (pam.render.jinja.make_env), with its
charts (pam.report.svg) and links relative to the page, so the folder works anywhere: on
GitHub or GitLab Pages, on a USB key, opened from the disk.

Arabic pages are at the root of the site (index.html, plan/D1.html), French ones under fr/
(fr/index.html, fr/plan/D1.html); assets, open data and reports are shared (assets/, data/,
reports/)."""

from __future__ import annotations

import posixpath
from pathlib import Path

from markupsafe import Markup

from pam.i18n import DIRECTION, LANGS, load_messages
from pam.render.jinja import pct, pick_name
from pam.render.words import longdate
from pam.report import svg
from pam.site.pages import Site

PREFIX = {"ar": "", "fr": "fr/"}  # where each language's pages live in the site
TEMPLATE = {"home": "home", "domain": "node", "axis": "node", "project": "node",
            "action": "action", "list": "list", "data": "data"}
# the site's chart colours: the planned line darker than the reports' grey, so that it keeps
# a 3:1 contrast with the white background (WCAG 1.4.11, non-text contrast)
PLANNED, ACTUAL = "#5f6b78", svg.COLORS["actual"]


def relative(target: str, here: str) -> str:
    """The link from the page `here` to the site path `target` (both relative to the site's
    root); '' as target is the root folder itself."""
    rel = posixpath.relpath(target or ".", posixpath.dirname(here) or ".")
    return rel + "/" if target in ("", "fr/") or target.endswith("/") else rel


def page_path(path: str, lang: str) -> str:
    """The site path of a page in a language: 'plan/D1.html' -> 'fr/plan/D1.html'."""
    return PREFIX[lang] + path


def render_site(site: Site, lang: str, *, reports: dict, data_files: list[dict],
                override: Path | None = None) -> dict[str, str]:
    """{site path: HTML} of every page in one language."""
    from pam.report.render import shared_env, tidy, user_templates

    env = shared_env("html", lang, override)
    L = load_messages(lang)
    other = next(x for x in LANGS if x != lang)
    out = {}
    with user_templates(override):
        templates = {name: env.get_template(f"site/{name}.html.j2")
                     for name in set(TEMPLATE.values())}
        for page in site.pages:
            here = page_path(page["path"], lang)

            def page_url(p: str, here=here) -> str:
                return relative(PREFIX[lang] + p, here)

            def file_url(p: str, here=here) -> str:
                return relative(p, here)

            html = templates[TEMPLATE[page["kind"]]].render(
                d=page, L=L, dir=DIRECTION[lang], charts=page_charts(page, L, lang),
                page_url=page_url, file_url=file_url,
                alt=relative(page_path(page["path"], other), here), other_lang=other,
                other_dir=DIRECTION[other], alternates=alternates(site, page["path"], here),
                canonical=absolute(site, page_path(page["path"], lang)),
                reports=reports.get(lang, {}), data_files=data_files,
                public_obstacles=site.publication.shows("obstacles"),
                license=site.publication.license)
            out[here] = tidy(html, "html")
    return out


def absolute(site: Site, path: str) -> str | None:
    """The page's address on the published site (public.site), None when not known."""
    base = site.publication.site
    if not base:
        return None
    return base.rstrip("/") + "/" + path


def alternates(site: Site, path: str, here: str) -> list[dict]:
    """The page in each language, for <link rel="alternate" hreflang>: absolute addresses
    when the site's address is known, else relative links; Arabic is the x-default."""
    out = []
    for lang in LANGS:
        target = page_path(path, lang)
        out.append({"lang": lang, "href": absolute(site, target) or relative(target, here)})
    out.append({"lang": "x-default", "href": out[0]["href"]})
    return out


def page_charts(page: dict, L: dict, lang: str) -> dict[str, Markup]:
    """The SVG charts of a page, from the figures already in its data."""
    rtl = DIRECTION[lang] == "rtl"
    c, out = L["chart"], {}
    name = {"home": lambda: page["program"]["name"], "action": lambda: page["action"]["name"]}
    if page["kind"] == "home":
        rows = [(f"{r['id']} · {pick_name(r['name'], lang=lang)}", [r["planned"], r["actual"]])
                for r in page["domains"]]
        out["domains"] = svg.bar_chart(c["domains_title"], rows, [(c["planned"], PLANNED),
                                                                   (c["actual"], ACTUAL)],
                                       lambda v: pct(v, lang=lang), rtl=rtl, scale=100)
    if "points" in page:
        node_name = name[page["kind"]]() if page["kind"] in name else page["node"]["name"]
        points = page["points"]
        last = points[-1] if points else {"planned": None, "actual": None}
        title = L["site"]["chart_alt"].format(
            name=pick_name(node_name, lang=lang), planned=pct(last["planned"], lang=lang),
            actual=pct(last["actual"], lang=lang), date=longdate(page["meta"]["as_of"], lang=lang))
        lines = ((c["planned"], PLANNED, True, tuple((p["date"], p["planned"]) for p in points)),
                 (c["actual"], ACTUAL, False, tuple((p["date"], p["actual"]) for p in points)))
        out["over_time"] = svg.line_chart(title, lines, rtl=rtl)
        # the same chart drawn half as wide, for phones: its labels stay legible at 420 px
        out["over_time_small"] = svg.line_chart(title, lines, rtl=rtl, small=True, height=190)
    return out
