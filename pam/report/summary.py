"""The annual report's summary and the public summary (decree 2.16.301 art. 14 and 15), as
data (pure): nothing here is worded or invented, every figure is one the annual report shows.

- `annual_summary(annual)`: the summary's sentences as data, in the order the report says
  them: [{'key': 'projects_rate', 'part': 'completion', ...figures}, ...] (the parts are its
  paragraphs: completion, progress, money, remarks). pam.render.sentences words them in
  Arabic or French (CLDR plurals), the same way in the annual report and in the public one.
- `public_summary(annual)`: the public summary of the same year from the annual report's
  data: the same summary, key numbers per domain, what was done, the main difficulties and
  what is proposed, the money. Another page (a website) can call it on `build(plan,
  'annual', period=...)` and get the figures the posted summary shows.

Both take the annual report's data (pam.report.kinds.build_annual), rounded or not: they copy
figures and count items, so rounding before or after gives the same values.
"""

from __future__ import annotations

from pam.monitor.results import gap

TOP_CATEGORIES = 3  # causes named in the summary's sentence about obstacles
PUBLIC_CATEGORIES = 3  # causes listed in the public summary, each with its solutions
PUBLIC_SOLUTIONS = 2  # solutions shown per cause in the public summary
PUBLIC_ACTIONS = 5  # actions completed during the year listed by name in the public summary


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _extremes(domains: list[dict]) -> dict | None:
    """The domain furthest ahead (highest actual as shown) and the one furthest behind its
    schedule (lowest variance as shown); None with fewer than two measured domains or when
    one domain is both. Ties go to the first in plan order."""
    measured = [d for d in domains if d.get("planned") is not None]
    if len(measured) < 2:
        return None
    ahead = max(measured, key=lambda d: gap(d["actual"], 0, 0) or 0.0)
    behind = min(measured, key=lambda d: gap(d["actual"], d["planned"], 0) or 0.0)
    if ahead["id"] == behind["id"]:
        return None

    def pick(d):
        return {"id": d["id"], "name": d["name"], "actual": d["actual"],
                "planned": d["planned"]}

    return {"ahead": pick(ahead), "behind": pick(behind)}


def annual_summary(annual: dict) -> list[dict]:
    """The summary of the annual report for its year, as sentences of figures."""
    meta, pg = annual["meta"], annual["program"]
    total = annual["completion"]["total"]
    pp, pa = total["projects"], total["actions"]
    hl = annual["headline"]
    out: list[dict] = []
    if pp.get("programmed"):
        out.append({"key": "projects_rate", "date": meta["as_of"],
                    "done": pp["programmed_done"], "programmed": pp["programmed"],
                    "rate": _share(pp["programmed_done"], pp["programmed"])})
    else:
        out.append({"key": "no_programmed", "date": meta["as_of"]})
    out.append({"key": "projects_stages", "total": pp["total"], "done": pp["done"],
                "in_progress": pp["in_progress"], "not_started": pp["not_started"],
                "late": pp["late"]})
    if pg.get("planned") is not None:
        out.append({"key": "progress", "actual": pg["actual"], "planned": pg["planned"],
                    "grade": hl["simple"]["grade"]})
    if pg.get("planned_cost_weighted") is not None:
        out.append({"key": "progress_cw", "actual": pg["actual_cost_weighted"],
                    "planned": pg["planned_cost_weighted"],
                    "grade": hl["cost_weighted"]["grade"]})
    start = pg.get("start") or {}
    out.append({"key": "year", "year": annual["year"], "actual": pg["actual"],
                "actual_start": start.get("actual"), "planned": pg["planned"],
                "planned_start": start.get("planned"),
                "actions_done": pa["done_in_period"], "projects_done": pp["done_in_period"]})
    extremes = _extremes(annual["domains"])
    if extremes:
        out.append({"key": "domains", **extremes})
    counts = pg["counts"]
    out.append({"key": "alerts", "late": counts["late"], "at_risk": counts["at_risk"],
                "unreported": counts["unreported"]})
    rows = [r for g in annual["physical"] for r in g["rows"]]
    if rows:
        out.append({"key": "indicators", "measured": len(rows),
                    "late": sum(1 for r in rows if r["status"] == "late"),
                    "at_risk": sum(1 for r in rows if r["status"] == "at_risk")})
    out += _money_sentences(annual)
    out.append(_obstacles_sentence(annual["remarks"]))
    out.append({"key": "amendments", "year": annual["year"], "n": len(annual["amendments"])})
    return [{"key": s["key"], "part": PARTS[s["key"]], **s} for s in out]


PARTS = {  # the paragraph each sentence belongs to
    "projects_rate": "completion", "no_programmed": "completion",
    "projects_stages": "completion", "progress": "progress", "progress_cw": "progress",
    "year": "progress", "domains": "progress", "alerts": "progress",
    "indicators": "progress", "money": "money", "money_allocated": "money",
    "money_committed": "money", "funding": "money", "obstacles": "remarks",
    "no_obstacles": "remarks", "amendments": "remarks"}


def _money_sentences(annual: dict) -> list[dict]:
    money = annual["money"]
    m, has = money["total"], money["has"]
    out = [{"key": "money", "year": annual["year"], "paid": m["paid"],
            "paid_year": m.get("paid_period"), "cost": m["cost"]}]
    if has["allocated"]:
        out.append({"key": "money_allocated", "allocated": m["allocated"],
                    "paid_of_allocated": m["paid_of_allocated"]})
    if has["committed"]:
        out.append({"key": "money_committed", "committed": m["committed"],
                    "committed_of_cost": m["committed_of_cost"]})
    if has["funding"]:
        out.append({"key": "funding", "own_share": m["own_share"],
                    "partner_share": m["partner_share"], "signed_share": m["signed_share"]})
    return out


def _obstacles_sentence(remarks) -> dict:
    if not remarks.categories:
        return {"key": "no_obstacles"}
    groups = [g for g in remarks.categories if g.category is not None] or list(
        remarks.categories)
    return {"key": "obstacles",
            "obstacles": sum(g.obstacles for g in remarks.categories),
            "projects": len({p.project for g in remarks.categories for p in g.projects}),
            "top": [{"category": g.category, "projects": len(g.projects)}
                    for g in groups[:TOP_CATEGORIES]],
            "answered": sum(g.answered for g in remarks.categories),
            "open": sum(g.still_open for g in remarks.categories)}


# --- the public summary (art. 15) ------------------------------------------------------------

DOMAIN_KEYS = ("id", "name", "planned", "actual", "variance", "status", "grade", "cost",
               "start", "progress", "planned_progress")


def public_summary(annual: dict) -> dict:
    """The summary posted at the commune's seat for the annual report's year (art. 15): the
    same summary and figures, in the few tables a resident reads. No staff names, no cost
    per action, no solution's owner."""
    completion = {r["id"]: r for r in annual["completion"]["domains"]}
    money = {r["id"]: r for r in annual["money"]["domains"]}
    domains = []
    for d in annual["domains"]:
        c, m = completion[d["id"]], money.get(d["id"], {})
        domains.append({**{k: d.get(k) for k in DOMAIN_KEYS},
                        "projects": c["projects"], "actions": c["actions"],
                        "paid": m.get("paid"), "paid_year": m.get("paid_period")})
    done = annual["completed"]
    return {
        "kind": "public",
        "meta": {**annual["meta"], "kind": "public"},
        "year": annual["year"],
        "program": annual["program"],
        "headline": annual["headline"],
        "summary": annual["summary"],
        "completion": annual["completion"]["total"],
        "domains": domains,
        "done": {"projects": done["projects"], "actions": done["actions"][:PUBLIC_ACTIONS],
                 "actions_total": len(done["actions"])},
        "difficulties": _difficulties(annual["remarks"]),
        "money": {k: annual["money"][k] for k in ("total", "has", "sources")},
        "council": annual["council"],
    }


def _difficulties(remarks) -> list[dict]:
    """The main causes of the year's obstacles, the most widespread first, each with how many
    projects report it, how many of its obstacles are still reported, and the solutions most
    often proposed for it (their text and state only)."""
    out = []
    for g in remarks.categories[:PUBLIC_CATEGORIES]:
        seen, solutions = set(), []
        for s in g.solutions:
            if s.text not in seen:
                seen.add(s.text)
                solutions.append({"text": s.text, "state": s.state})
        out.append({"category": g.category, "projects": len(g.projects),
                    "obstacles": g.obstacles, "open": g.still_open,
                    "solutions": solutions[:PUBLIC_SOLUTIONS],
                    "more_solutions": max(0, len(solutions) - PUBLIC_SOLUTIONS)})
    return out


__all__ = ["annual_summary", "public_summary"]
