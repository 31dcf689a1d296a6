"""The roll-up's figures: figures.sql run on a connection holding the bundles' tables, and its
rows shaped as pam status prints nodes (results.NODE_KEYS), communes ranked, groups and
domains across communes beside them. The JSON of `pam rollup` is `rollup_data`'s result."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from pam.monitor.money import MONEY_KEYS
from pam.monitor.results import ALARMS, EXCLUSIONS, STATUSES, r2
from pam.monitor.rollup import PROJECT_COUNTS

FORMAT = "pam-rollup"
VERSION = 1
GROUP_KINDS = ("province", "region")
RATED = ("paid_of_allocated", "committed_of_cost")
DISCIPLINE_KEYS = ("expected", "received", "on_time", "late", "unknown", "missing", "rate",
                   "unknown_reason")


@lru_cache(maxsize=1)
def figures_sql() -> str:
    """The SQL of every figure (pam/rollup/figures.sql)."""
    return Path(__file__).with_name("figures.sql").read_text(encoding="utf-8")


def helpers_sql() -> str:
    """figures.sql's macros alone (its section 0), for tests and other engines' checks."""
    return figures_sql().split("\n-- 1. ")[0]


def compute(con, as_of: dt.date) -> None:
    """Run figures.sql for the date: leaves r_out (every node's printed figures) and the
    steps before it as temporary tables of `con` (but the two of a row per card or line,
    dropped once read)."""
    con.execute("CREATE OR REPLACE TEMP TABLE params AS SELECT CAST(? AS DATE) AS as_of",
                [as_of])
    con.execute(figures_sql())


def _rows(con, query: str, params: list | None = None) -> list[dict]:
    cur = con.execute(query, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def node_json(row: dict, node_id: str | None = None) -> dict:
    """A row of r_out as results.node_json prints a node (the same keys, in the same order)."""
    out = {"id": node_id or row["node"], "name": row["name_ar"]}
    for key in ("planned", "actual", "variance", "status", "rule", "planned_cost_weighted",
                "actual_cost_weighted", "pv", "ev", "ac", "spi", "cpi", "cost"):
        out[key] = row[key]
    out["counts"] = {s: row[f"n_{s}"] for s in STATUSES}
    for key in ("actions", "measured", "due", "due_done", "reported", "counted_as_zero"):
        out[key] = row[key]
    for key in ("planned_reported", "actual_reported", "costed", "weight"):
        out[key] = row[key]
    out["excluded"] = {k: row[f"excluded_{k}"] for k in EXCLUSIONS}
    out["projects"] = {k: row[f"projects_{k}"] for k in PROJECT_COUNTS}
    out["stale"] = row["stale"]
    out["money"] = money_of(row)
    out["indicators"] = [dict(g) for g in row["indicators"]]
    out["alarms"] = {a: row[f"alarm_{a}"] for a in ALARMS}
    return out


def money_of(row: dict) -> dict:
    """A node's money as money.money_of gives it (MONEY_KEYS, in that order): the printed
    cost and paid are the node's cost and ac."""
    out = {}
    for key in MONEY_KEYS:
        if key == "cost":
            out[key] = row["cost"]
        elif key == "paid":
            out[key] = row["ac"]
        elif key == "rated":
            out[key] = {k: row[f"money_rated_{k}"] for k in RATED}
        elif key == "sources":
            out[key] = [dict(s) for s in row["money_sources"]]
        else:
            out[key] = row[f"money_{key}"]
    return out


def discipline_of(row: dict) -> dict:
    """A node's reporting discipline over the half year of the date (discipline.totals)."""
    out = {k: row[f"cards_{k}"] for k in DISCIPLINE_KEYS}
    for k in DISCIPLINE_KEYS[:6]:
        out[k] = out[k] or 0
    return out


def shares_of(node: dict) -> dict:
    """What the comparison adds to a node, from its figures as pam status prints them
    (node_json): late and unreported actions as a share of the due ones, and what was paid
    against the cost programmed (percent, 2 decimals; the same arithmetic on a commune's own
    `pam status --format json` gives the same figures)."""
    due, counts = node["due"], node["counts"]
    return {"late_share": r2(100 * counts["late"] / due) if due else None,
            "unreported_share": r2(100 * counts["unreported"] / due) if due else None,
            "paid_share": r2(100 * node["ac"] / node["cost"]) if node["cost"] else None}


def rollup_data(loaded, as_of: dt.date, by: str | None = None) -> dict:
    """Every commune's figures (program and domains as pam status prints them, discipline,
    money), ranked; the groups of `by` (province or region) and all communes together; the
    domains that carry the same name in several communes."""
    con = loaded.con
    compute(con, as_of)
    rows = _rows(con, "SELECT * FROM r_out WHERE kind NOT IN ('project', 'axis') "
                      "ORDER BY kind, owner, seq, node")
    programs = {r["owner"]: r for r in rows if r["kind"] == "program"}
    domains: dict[str, list[dict]] = {}
    for r in rows:
        if r["kind"] == "domain" and not r["hidden"]:
            domains.setdefault(r["owner"], []).append(r)
    info = {p["commune"]: p for p in _rows(con, "SELECT * FROM program")}
    dates = dict(con.execute("SELECT commune, as_of FROM r_dates").fetchall())
    files = {b.commune: b for b in loaded.bundles}
    older = {b.commune for b in loaded.older}
    communes = [_commune(info[k], programs[k], domains.get(k, []), files[k], k in older,
                         dates[k]) for k in sorted(programs)]
    rank(communes)
    groups = {kind: [_group(r, communes) for r in rows if r["kind"] == kind]
              for kind in GROUP_KINDS}
    total = next((_group(r, communes) for r in rows if r["kind"] == "total"), None)
    return {
        "format": FORMAT, "version": VERSION, "as_of": as_of.isoformat(), "by": by,
        "communes": sorted(communes, key=lambda c: (c["rank"]["simple"], c["commune"])),
        "groups": groups[by] if by else [],
        "total": total,
        "domains": _domain_groups(rows, communes, _rows(
            con, "SELECT key, commune, domain FROM r_domain_groups")),
    }


def _commune(info: dict, program: dict, domains: list[dict], bundle, older: bool,
             day: dt.date) -> dict:
    def place(prefix: str) -> dict | None:
        if info[f"{prefix}_ar"] is None and info[f"{prefix}_code"] is None:
            return None
        return {"ar": info[f"{prefix}_ar"], "fr": info[f"{prefix}_fr"],
                "code": info[f"{prefix}_code"]}

    node = node_json(program, info["program_id"])
    return {
        "commune": info["commune"], "code": info["commune_code"],
        "name": {"ar": info["commune_ar"], "fr": info["commune_fr"]},
        "program_name": {"ar": info["program_ar"], "fr": info["program_fr"]},
        "province": place("province"), "region": place("region"), "site": info["site"],
        "period": [info["period_start"], info["period_end"]],
        "as_of": day.isoformat(),  # the roll-up's date, capped to the end of the program
        "bundle": bundle.path.name, "bundle_as_of": info["as_of"].isoformat(),
        "older": older, "simulated": info["simulated"],
        "program": node,
        "domains": [{**node_json(d), "name_fr": d["name_fr"]} for d in domains],
        "discipline": discipline_of(program),
        **shares_of(node),
    }


def rank(communes: list[dict]) -> None:
    """Each commune's rank by completion, simple and cost-weighted (1 = furthest along, by the
    printed figure; equal figures share a rank; a commune without the figure comes last)."""
    for key, figure in (("simple", "actual"), ("cost_weighted", "actual_cost_weighted")):
        values = sorted((c["program"][figure] for c in communes
                         if c["program"][figure] is not None), reverse=True)
        first: dict[float, int] = {}
        for i, v in enumerate(values, 1):
            first.setdefault(v, i)
        for c in communes:
            c.setdefault("rank", {})[key] = first.get(c["program"][figure], len(values) + 1)


def _group(row: dict, communes: list[dict]) -> dict:
    key = row["node"]
    kind = row["kind"]
    members = [c["commune"] for c in sorted(communes, key=lambda c: (c["rank"]["simple"],
                                                                      c["commune"]))
               if kind == "total" or _group_key(c.get(kind)) == key]
    node = node_json(row)
    return {"kind": kind, "key": key, "name": {"ar": row["name_ar"], "fr": row["name_fr"]},
            "communes": members, "thresholds_shared": row["thresholds_shared"],
            "node": node, "discipline": discipline_of(row), **shares_of(node)}


def _group_key(place: dict | None) -> str:
    """The key figures.sql groups communes by: the official code, else the Arabic name."""
    if place is None:
        return ""
    return place["code"] or place["ar"] or ""


def _domain_groups(rows: list[dict], communes: list[dict], keys: list[dict]) -> list[dict]:
    """Domains that carry the same Arabic name (spaces and Persian letters aside: figures.sql's
    r_domain_groups) in several communes: their pooled figures by the same rules, and each
    commune's own domain."""
    found = {(c["commune"], d["id"]): (c, d) for c in communes for d in c["domains"]}
    norm: dict[str, list] = {}
    for k in keys:
        if (k["commune"], k["domain"]) in found:
            norm.setdefault(k["key"], []).append(found[(k["commune"], k["domain"])])
    out = []
    for r in rows:
        if r["kind"] != "domain_name":
            continue
        members = sorted(norm.get(r["node"], []), key=lambda cd: (
            -(cd[1]["actual"] if cd[1]["actual"] is not None else -1), cd[0]["commune"]))
        node = node_json(r)
        out.append({"key": r["node"], "name": {"ar": r["name_ar"], "fr": r["name_fr"]},
                    "node": node, **shares_of(node),
                    "communes": [{"commune": c["commune"], "name": c["name"],
                                  "domain": d} for c, d in members]})
    out.sort(key=lambda g: (-len(g["communes"]), g["key"]))
    return out

