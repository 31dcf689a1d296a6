"""The roll-up as a document: one self-contained HTML page (Arabic right to left, or French)
through the one Jinja environment and pam/report/svg.py's charts, its JSON, and CSV tables."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from markupsafe import Markup

from pam import __version__
from pam.monitor import results
from pam.monitor.results import GRADES, shown

TEMPLATE = "rollup.html.j2"
MAX_BARS = 40  # past this many communes, the chart shows their distribution instead
MAX_DOMAINS = 15  # domains across communes drawn in the chart (the table has them all)


def grade(variance: float | None) -> str | None:
    """The word for a variance as shown, as the reports grade it, at the default thresholds
    (the communes' own may differ: the roll-up compares them alike)."""
    return None if variance is None else results.grade(shown(variance), _defaults())


@lru_cache(maxsize=1)
def _defaults():
    from pam.model import Thresholds

    return Thresholds()


def render_json(data: dict) -> str:
    from pam.render.text import json_text

    return json_text(data, default=str) + "\n"


def render_html(data: dict, lang: str = "ar") -> str:
    """The comparison page in `lang` (ar: right to left)."""
    from pam.i18n import DIRECTION, load_messages
    from pam.report.render import shared_env, tidy

    L = load_messages(lang)
    page = dict(data, meta={"version": __version__,
                            "as_of": dt.date.fromisoformat(data["as_of"]),
                            "simulated": any(c["simulated"] for c in data["communes"])},
                shared_domains=[g for g in data["domains"] if len(g["communes"]) > 1],
                own_domains=sum(1 for g in data["domains"] if len(g["communes"]) == 1))
    template = shared_env("html", lang).get_template(TEMPLATE)
    text = template.render(d=page, L=L, dir=DIRECTION[lang], charts=charts(page, L, lang))
    return tidy(text, "html")


def charts(data: dict, L: dict, lang: str) -> dict[str, Markup]:
    """The page's charts, from the figures already in its data."""
    from pam.i18n import DIRECTION
    from pam.render.jinja import pct, pick_name
    from pam.report import svg

    rtl = DIRECTION[lang] == "rtl"
    c, r = L["chart"], L["rollup"]
    series = [(c["planned"], svg.COLORS["planned"]), (c["actual"], svg.COLORS["actual"])]

    def fmt(v):
        return pct(v, lang=lang)

    out = {}
    if data["groups"]:
        rows = [(pick_name(g["name"], lang=lang) or r["none"],
                 [g["node"]["planned"], g["node"]["actual"]]) for g in data["groups"]]
        out["groups"] = svg.bar_chart(r["chart_groups"].format(by=r["by"][data["by"]]), rows,
                                      series, fmt, rtl=rtl, scale=100)
    communes = data["communes"]
    if len(communes) <= MAX_BARS:
        rows = [(pick_name(x["name"], lang=lang), [x["program"]["planned"],
                                                    x["program"]["actual"]]) for x in communes]
        out["communes"] = svg.bar_chart(r["chart_communes"], rows, series, fmt, rtl=rtl,
                                        scale=100)
    else:
        counts = {g: 0 for g in GRADES}
        for x in communes:
            found = grade(x["program"]["variance"])
            if found:
                counts[found] += 1
        rows = [(L["grade"][g], [float(counts[g])]) for g in GRADES]
        out["communes"] = svg.bar_chart(r["chart_grades"], rows,
                                        [(r["chart_count"], svg.COLORS["actual"])],
                                        lambda v: f"{v:.0f}", rtl=rtl)
    shared = data["shared_domains"][:MAX_DOMAINS]
    if shared:
        rows = [(f"{pick_name(g['name'], lang=lang)} ({len(g['communes'])})",
                 [g["node"]["planned"], g["node"]["actual"]]) for g in shared]
        out["domains"] = svg.bar_chart(r["chart_domains"], rows, series, fmt, rtl=rtl,
                                       scale=100)
    return out


def csv_tables(data: dict) -> dict[str, list[dict]]:
    """communes.csv (one row per commune, ranked), domains.csv (one row per commune and
    domain), indicators.csv (one row per commune and group of indicators of one unit,
    direction and kind) and, with --by, groups.csv: flat rows of the JSON's figures."""
    communes = []
    for c in data["communes"]:
        p = c["program"]
        communes.append({
            "rank": c["rank"]["simple"], "rank_cost_weighted": c["rank"]["cost_weighted"],
            "commune": c["commune"], "code": c["code"], "name_ar": c["name"]["ar"],
            "name_fr": c["name"]["fr"], **_place(c, "province"), **_place(c, "region"),
            "bundle": c["bundle"], "bundle_as_of": c["bundle_as_of"],
            "simulated": c["simulated"], **_node_columns(p),
            "late_share": c["late_share"], "unreported_share": c["unreported_share"],
            **_discipline_columns(c["discipline"]), "paid_share": c["paid_share"],
            "site": c["site"]})
    domains = [{"commune": c["commune"], "domain": d["id"], "name_ar": d["name"],
                "name_fr": d["name_fr"], **_node_columns(d)}
               for c in data["communes"] for d in c["domains"]]
    indicators = [{"commune": c["commune"], **{k: g[k] for k in INDICATOR_COLUMNS}}
                  for c in data["communes"] for g in c["program"]["indicators"]]
    tables = {"communes": communes, "domains": domains, "indicators": indicators}
    if data["groups"]:
        tables["groups"] = [{"kind": g["kind"], "key": g["key"], "name_ar": g["name"]["ar"],
                             "name_fr": g["name"]["fr"], "communes": len(g["communes"]),
                             **_node_columns(g["node"]), "late_share": g["late_share"],
                             "unreported_share": g["unreported_share"],
                             **_discipline_columns(g["discipline"]),
                             "paid_share": g["paid_share"]} for g in data["groups"]]
    return tables


def _place(c: dict, kind: str) -> dict:
    place = c[kind] or {}
    return {f"{kind}_code": place.get("code"), f"{kind}_ar": place.get("ar"),
            f"{kind}_fr": place.get("fr")}


INDICATOR_COLUMNS = ("unit", "direction", "cumulative", "indicators", "measured", "reported",
                     "planned", "actual", "variance", "start")
# a table's header when it has no row (the others always have one)
EMPTY_HEADERS = {"indicators": ("commune",) + INDICATOR_COLUMNS}
MONEY_COLUMNS = ("allocated", "committed", "paid_of_allocated", "committed_of_cost", "own",
                 "partner", "partner_signed", "own_share", "partner_share", "signed_share",
                 "coverage", "budgeted", "committed_known", "funded")


def _node_columns(n: dict) -> dict:
    m = n["money"]
    return {"actions": n["actions"], "measured": n["measured"], "due": n["due"],
            "planned": n["planned"], "actual": n["actual"], "variance": n["variance"],
            "status": n["status"], "rule": n["rule"],
            "planned_cost_weighted": n["planned_cost_weighted"],
            "actual_cost_weighted": n["actual_cost_weighted"],
            "late": n["counts"]["late"], "at_risk": n["counts"]["at_risk"],
            "unreported": n["counts"]["unreported"], "done": n["counts"]["done"],
            "cost": n["cost"], "paid": n["ac"], "pv": n["pv"], "ev": n["ev"],
            **{k: m[k] for k in MONEY_COLUMNS},
            **{f"alarm_{k}": v for k, v in n["alarms"].items()}}


def _discipline_columns(d: dict) -> dict:
    return {"cards_expected": d["expected"], "cards_received": d["received"],
            "cards_late": d["late"], "cards_unknown": d["unknown"],
            "cards_missing": d["missing"], "cards_rate": d["rate"]}
