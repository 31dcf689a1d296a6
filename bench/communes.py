"""Synthetic communes for the roll-up benchmark: bundles of varied plans with six years of cards.

Usage: python -m bench.communes COUNT OUT_DIR [--seed N]

What they are, against real bundles:
- **the same files**: each is a bundle of the current schema version, its Parquet written by pyarrow with
  the schema of pam/rollup/schema.py and packed by pam.rollup.bundle.pack, exactly as `pam
  export bundle` packs a commune's; `pam rollup` reads and checks them like any other (they
  say `simulated: true`);
- **varied plans, not copies of one**: sizes drawn from a log-normal (median 120 actions,
  clipped to 50-4,000) with six large cities of 1,200-4,000 actions; a set of 150 is every
  tenth commune of the 1,500 (each commune drawn from its own seed), 3 to 10 domains
  named from a list shared across communes (so domains meet across communes), 1 to 5 axes
  each, projects of 1.5 to 8 actions on average depending on the commune, about 1 in 20 PACs
  without domains (levels: implicit); costs a number, `-`, `*` or blank; cumulative targets
  over 2022-2027 with 1 to 6 target years, some never reaching 100; a few actions dropped
  or added by an amendment; 12 regions, 75 provinces with official-looking codes;
- **six years of cards** (2022-2027, half-monthly) whose progress is made by a formula, not
  typed by a project head: each action progresses linearly from its first target year at its
  own pace, a few are cancelled, each project reports a half month with the probability of
  its commune's discipline (20% to 80%), a card is committed 0 to 3 days after its date (15%:
  6 to 25 days, late), 3% are never committed; about 10 million card entries for 1,500 communes, the national scale of
  issue 19;
- **money and indicators** (issue 15): most costed actions have credits by year and funding
  lines (own resources, often a partner under an agreement signed, negotiated or planned),
  every line with a cost reports its commitments and payments; a quarter of the actions and
  a few projects carry a physical indicator (km, classrooms, beneficiaries per year, days
  going down ...) with a baseline or not, measured on about 60% of their card lines. Texts are short placeholders: real card notes and action texts are longer, which
  changes the files' size, not the work of the figures.

The plans are made in Python; cards and entries in DuckDB (hash-based draws: the same seed
gives the same bundles with the same DuckDB), split by commune with Arrow slices.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys
from pathlib import Path

DOMAINS = ["المالية و الجبايات و الأملاك الجماعية", "المرافق و التجهيزات العمومية المحلية",
           "التنمية الاقتصادية", "التنمية الاجتماعية و الثقافية و الرياضية",
           "التعمير و البناء و إعداد التراب", "حفظ الصحة و النظافة و حماية البيئة",
           "الحكامة المحلية الجيدة", "الشراكة و التعاون", "الماء و التطهير السائل",
           "النقل و التنقل الحضري", "الإنارة العمومية", "المساحات الخضراء",
           "التربية و التكوين", "الصحة"]
START, END = 2022, 2027
PERIODS = (END - START + 1) * 24  # half months of the mandate
NATION = 1500  # communes of the country: smaller sets are a sample of it
BIG = {5: 4000, 255: 3000, 505: 2500, 755: 2000, 1005: 1500, 1255: 1200}  # large cities


def sizes(rng: random.Random) -> list[int]:
    """Each commune of the country's number of actions: a log-normal (median 120, clipped to
    50-4,000), and six large cities of 1,200 to 4,000 actions."""
    out = [max(50, min(4000, round(math.exp(rng.gauss(math.log(120), 0.8)))))
           for _ in range(NATION)]
    for i, n in BIG.items():
        out[i] = n
    return out


def sample(count: int) -> list[int]:
    """Which communes of the country a set of `count` holds: every (1500 / count)-th, so that
    150 communes are a tenth of the country (the large cities are not in that tenth)."""
    if count >= NATION:
        return list(range(count))
    step = NATION // count
    return list(range(0, step * count, step))


def plan_rows(i: int, n: int, rng: random.Random, as_of: dt.date) -> dict[str, list]:
    """One commune's plan as rows of the bundle's tables (program, nodes, actions, targets,
    amendments) and its simulation parameters (`sim`: per action; `projects`: per project)."""
    from pam import __version__

    region = i % 12 + 1
    province = i % 75 + 1
    key = f"{region:02d}.{province:03d}.{i:04d}"
    rows: dict[str, list] = {k: [] for k in ("program", "nodes", "actions", "targets",
                                             "budget", "funding", "indicators",
                                             "indicator_targets", "amendments", "sim",
                                             "projects", "ind_sim")}
    rows["program"].append({
        "commune": key, "commune_code": key, "program_id": f"pac-{key}",
        "program_ar": f"برنامج عمل الجماعة {key} {START}-{END}", "program_fr": None,
        "commune_ar": f"الجماعة التجريبية {i}", "commune_fr": f"Commune synthétique {i}",
        "province_ar": f"الإقليم التجريبي {province}", "province_fr": None,
        "province_code": f"{region:02d}.{province:03d}",
        "region_ar": f"الجهة التجريبية {region}", "region_fr": None,
        "region_code": f"{region:02d}", "site": f"https://pac.example.org/{key}"
        if i % 3 == 0 else None, "period_start": START, "period_end": END, "as_of": as_of,
        "simulated": True, "at_risk": -10.0, "late": -25.0, "late_share": 25.0,
        "unreported_share": 50.0, "divergence": 25.0, "stale_days": 31,
        "card_grace_days": 5,
        "arrival_unknown": None, "plan_commit": None, "pam_version": __version__})
    per_project = rng.choice([1.5, 3, 5, 8])
    n_projects = max(1, round(n / per_project))
    n_domains = rng.randint(3, 10)
    hidden = rng.random() < 0.05
    names = rng.sample(DOMAINS, min(n_domains, len(DOMAINS)))
    axes = [(d, a) for d in range(n_domains) for a in range(rng.randint(1, 5))]
    owner = [rng.randrange(len(axes)) for _ in range(n_projects)]
    counts = [1] * n_projects  # every project one action, the rest spread at random
    for _ in range(n - n_projects):
        counts[rng.randrange(n_projects)] += 1
    discipline = rng.uniform(0.2, 0.8)
    seq = 0
    action_seq = 0
    amended = False
    for d in range(n_domains):
        did = f"D{d + 1}"
        rows["nodes"].append(_node(key, did, "domain", None, seq, names[d % len(names)]
                                   if not hidden else "—", hidden))
        seq += 1
        for a_index, (dd, a) in enumerate(axes):
            if dd != d:
                continue
            aid = f"{did}.A{a + 1}"
            rows["nodes"].append(_node(key, aid, "axis", did, seq, f"محور {aid}", False))
            seq += 1
            for p_index in [p for p in range(n_projects) if owner[p] == a_index]:
                pid = f"{aid}.P{p_index + 1}"
                rows["nodes"].append(_node(key, pid, "project", aid, seq, f"مشروع {pid}",
                                           False))
                seq += 1
                rows["projects"].append({"commune": key, "project": pid, "seq": seq,
                                         "p": min(0.95, discipline * rng.uniform(0.6, 1.4))})
                for x in range(counts[p_index]):
                    fate = rng.random()
                    xid = f"{pid}.{x + 1:02d}"
                    dropped = "AMD-1" if fate < 0.01 else None
                    added = "AMD-1" if 0.01 <= fate < 0.02 else None
                    amended = amended or bool(dropped or added)
                    action = _action(key, xid, pid, action_seq, rng, dropped, added)
                    rows["actions"].append(action)
                    action_seq += 1
                    targets = _targets(rng)
                    rows["targets"] += [{"commune": key, "action": xid, "year": y,
                                         "value": float(v)} for y, v in targets.items()]
                    rows["sim"].append(_simulated(key, xid, pid, targets, rng))
                    _money(rows, key, action, targets, rng)
                    if rng.random() < 0.25:
                        _indicator(rows, key, "action", xid, 0, targets, rng)
                if rng.random() < 0.05:
                    _indicator(rows, key, "project", pid, 0, {}, rng)
    if amended:
        rows["amendments"].append({"commune": key, "id": "AMD-1", "date": dt.date(2024, 10, 8),
                                   "approved": dt.date(2024, 11, 20)})
        for x in rows["actions"]:
            x["dropped_on"] = dt.date(2024, 10, 8) if x["dropped_by"] else None
    return rows


def _node(key, node_id, kind, parent, seq, name, hidden) -> dict:
    return {"commune": key, "id": node_id, "kind": kind, "parent": parent, "seq": seq,
            "name_ar": name, "name_fr": None, "hidden": hidden}


def _action(key, xid, pid, seq, rng, dropped, added) -> dict:
    kind = rng.choices(["costed", "no_cost", "not_fixed", "blank"], [70, 10, 10, 10])[0]
    cost = round(math.exp(rng.gauss(0, 1.5)), 2) if kind == "costed" else None
    return {"commune": key, "id": xid, "project": pid, "seq": seq,
            "text": f"إجراء تجريبي {xid}", "text_fr": None, "cost": cost, "cost_kind": kind,
            "added_by": added, "dropped_by": dropped, "dropped_on": None}


PARTNERS = ["الجهة", "العمالة", "المديرية الإقليمية للتجهيز", "المبادرة الوطنية للتنمية البشرية",
            "صندوق التجهيز الجماعي", "وكالة تنمية الأقاليم الجنوبية", "المكتب الوطني للكهرباء والماء"]
UNITS = [("km", "up", True), ("salles", "up", True), ("points lumineux", "up", True),
         ("bénéficiaires", "up", False), ("jours", "down", True), ("%", "up", True)]


def _money(rows, key, action, targets, rng) -> None:
    """Credits by year (most costed actions), funding lines (own resources, a partner with an
    agreement in some state), as issue 15's plans hold them."""
    cost = action["cost"]
    if cost is None or rng.random() < 0.2:
        return
    years = sorted(targets) or [START + rng.randint(0, 3)]
    share = round(cost / len(years), 3)
    rows["budget"] += [{"commune": key, "action": action["id"], "line": n, "year": y,
                        "amount": share} for n, y in enumerate(years)]
    own = round(cost * rng.choice([1, 1, 0.5, 0.3]), 3)
    lines = [{"source": "own", "partner": None, "amount": own, "agreement_ref": None,
              "agreement_signed": None, "agreement_status": None}]
    if own < cost:
        status = rng.choice(["signed", "signed", "negotiating", "planned"])
        lines.append({"source": "partner", "partner": rng.choice(PARTNERS),
                      "amount": round(cost - own, 3) if rng.random() < 0.9 else None,
                      "agreement_ref": f"CONV-{action['id']}",
                      "agreement_signed": dt.date(years[0], rng.randint(1, 12), 1)
                      if status == "signed" else None, "agreement_status": status})
    rows["funding"] += [{"commune": key, "action": action["id"], "line": n, **f}
                        for n, f in enumerate(lines)]


def _indicator(rows, key, level, node, position, targets, rng) -> None:
    """A physical indicator of one of a few units and kinds, with yearly targets; what the
    cards measure of it is a formula of the progress (ind_sim)."""
    unit, direction, cumulative = rng.choice(UNITS)
    years = sorted(targets) or sorted(rng.sample(range(START, END + 1), rng.randint(1, 4)))
    top = float(rng.randint(2, 400))
    base = None if rng.random() < 0.4 else float(rng.randint(0, 50))
    if direction == "down":
        base = top + float(rng.randint(5, 60))
    iid = f"{node}.I{position + 1}"
    if cumulative:
        start = base or 0.0
        values = {y: round(start + (top - start) * (k + 1) / len(years), 2)
                  for k, y in enumerate(years)}
    else:
        values = {y: round(top * rng.uniform(0.5, 1.5), 1) for y in years}
    rows["indicators"].append({
        "commune": key, "level": level, "node": node, "indicator": position, "id": iid,
        "name_ar": f"مؤشر {iid}", "name_fr": None, "unit": unit, "baseline": base,
        "baseline_year": years[0] - 1 if base is not None and rng.random() < 0.5 else None,
        "cumulative": cumulative, "direction": direction})
    rows["indicator_targets"] += [{"commune": key, "level": level, "node": node,
                                   "indicator": position, "year": y, "value": v}
                                  for y, v in values.items()]
    if level == "action":
        rows["ind_sim"].append({"commune": key, "action": node, "id": iid,
                                "start": base or 0.0, "top": top, "cumulative": cumulative,
                                "pace": rng.uniform(0.4, 1.1)})


def _targets(rng) -> dict[int, float]:
    if rng.random() < 0.03:
        return {}
    first = rng.randint(START, END)
    last = rng.randint(first, END)
    years = list(range(first, last + 1))
    top = 100 if rng.random() < 0.9 else rng.choice([50, 60, 80])
    steps = sorted(rng.sample(range(5, top), len(years) - 1)) if top > len(years) else []
    values = steps[:len(years) - 1] + [top]
    return dict(zip(years, values, strict=True))


def _simulated(key, xid, pid, targets, rng) -> dict:
    """When an action starts (half month), finishes at its own pace, or is cancelled."""
    first = min(targets) if targets else START + rng.randint(0, 3)
    last = max(targets) if targets else first + 1
    start = (first - START) * 24 + rng.randint(0, 11)
    span = max(1, (last - START) * 24 + 23 - start)
    finish = start + round(span / rng.uniform(0.45, 1.15))
    cancel = start + rng.randint(0, span) if rng.random() < 0.02 else None
    return {"commune": key, "action": xid, "project": pid, "start": start, "finish": finish,
            "cancel": cancel, "spend": rng.uniform(0.5, 1.1)}


CARDS_SQL = """
CREATE OR REPLACE TABLE g_cards AS
WITH p AS (
    SELECT pr.commune, pr.project, pr.seq, pr.p, min(s.start) AS first_k,
           max(s.finish) + 2 AS last_k
    FROM g_projects pr JOIN g_sim s USING (commune, project) GROUP BY ALL),
k AS (SELECT p.*, r.k FROM p, range(0, {periods}) r(k)
      WHERE r.k BETWEEN p.first_k AND p.last_k
        AND hash(p.commune, p.project, r.k, {seed}) % 1000000 < p.p * 1000000),
dated AS (
    SELECT *, {start} + k // 24 AS y, (k % 24) // 2 + 1 AS m, k % 2 AS half FROM k)
SELECT commune, project, seq, k,
       strftime(make_date(y, m, 1), '%Y-%m') || CASE half WHEN 0 THEN 'a' ELSE 'b' END
           AS period,
       CASE half WHEN 0 THEN make_date(y, m, 15) ELSE last_day(make_date(y, m, 1)) END
           - CAST(hash(commune, project, k, 'day') % 5 AS INTEGER) AS date
FROM dated;

CREATE OR REPLACE TABLE g_cards_n AS
SELECT *, CAST(row_number() OVER (PARTITION BY commune ORDER BY seq, k) - 1 AS INTEGER)
           AS card,
       CASE WHEN hash(commune, project, k, 'git') % 100 < 3 THEN NULL
            WHEN hash(commune, project, k, 'late') % 100 < 85
                THEN date + CAST(hash(commune, project, k, 'day') % 4 AS INTEGER)
            ELSE date + 6 + CAST(hash(commune, project, k, 'day') % 20 AS INTEGER) END
           AS arrived
FROM g_cards WHERE date <= DATE '{as_of}';

CREATE OR REPLACE TABLE g_entries AS
SELECT c.commune, c.card, CAST(row_number() OVER (PARTITION BY c.commune, c.card
                                                 ORDER BY x.seq) - 1 AS INTEGER) AS line,
       x.id AS action, c.date,
       least(100.0, round(100.0 * (least(c.k, coalesce(s.cancel, c.k)) - s.start + 1)
                          / (s.finish - s.start + 1))) AS progress,
       x.cost, s.spend, s.cancel IS NOT NULL AND c.k >= s.cancel AS cancelled
FROM g_cards_n c
JOIN g_sim s ON s.commune = c.commune AND s.project = c.project AND c.k >= s.start
JOIN g_actions x ON x.commune = s.commune AND x.id = s.action;
"""


_EMPTY = {"ind_sim": {"commune": "", "action": "", "id": "", "start": 0.0, "top": 0.0,
                      "cumulative": True, "pace": 0.0}}


def generate(count: int, out: Path, seed: int = 2022, as_of: dt.date = dt.date(2027, 12, 31),
             ) -> dict:
    """Write `count` bundles into `out` (cleared first); returns what they hold."""
    import duckdb
    import pyarrow as pa

    from pam.rollup.bundle import arrow_schema, arrow_table, pack, write_parquet
    from pam.rollup.schema import BY_NAME, TABLES

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.zip"):
        old.unlink()
    country = sizes(rng)
    country += [120] * (count - len(country))  # more communes than the country: median size
    plans = [plan_rows(i, country[i], random.Random(seed * 100_003 + i), as_of)
             for i in sample(count)]
    con = duckdb.connect()
    for name in ("sim", "projects", "ind_sim"):
        con.register(f"g_{name}_arrow", pa.Table.from_pylist(
            [r for p in plans for r in p[name]] or [_EMPTY[name]]))
        con.execute(f"CREATE TABLE g_{name} AS SELECT * FROM g_{name}_arrow"
                    + (" WHERE false" if not any(p[name] for p in plans) else ""))
    con.register("g_actions", arrow_table(BY_NAME["actions"],
                                          [r for p in plans for r in p["actions"]]))
    con.execute(CARDS_SQL.format(periods=PERIODS, seed=int(seed), start=START,
                                 as_of=as_of.isoformat()))
    queries = {
        "cards": "SELECT commune, card, project, period, date, NULL AS reporter, "
                 "'progress/' || project || '/' || period || '.yaml' AS file, arrived, "
                 "true AS example FROM g_cards_n ORDER BY commune, card",
        "entries": "SELECT commune, card, line, action, date, progress, "
                   "CASE WHEN cost IS NOT NULL THEN round(cost * progress / 100 * spend, 3) "
                   "END AS paid, CASE WHEN cost IS NOT NULL THEN "
                   "round(cost * least(100, progress * 1.3) / 100, 3) END AS committed, "
                   "CASE WHEN cancelled THEN 'cancelled' "
                   "WHEN progress >= 100 THEN 'done' ELSE 'ongoing' END AS state, "
                   "NULL AS note, NULL AS correction FROM g_entries ORDER BY commune, card, line",
        "measures": "SELECT e.commune, e.card, e.line, i.id AS indicator, "
                    "round(CASE WHEN i.cumulative THEN i.start + (i.top - i.start) "
                    "* e.progress / 100 * i.pace ELSE i.top * i.pace * (1 + e.card % 12) / 12 "
                    "END, 1) AS value FROM g_entries e JOIN g_ind_sim i "
                    "ON i.commune = e.commune AND i.action = e.action "
                    "WHERE hash(e.commune, e.card, e.line, 'measure') % 100 < 60 "
                    "ORDER BY e.commune, e.card, e.line, i.id",
        "remarks": "SELECT commune, card, 'obstacle' AS kind, 0 AS line, "
                   "['land', 'funding', 'procurement', 'studies', 'contractor'][1 + "
                   "CAST(hash(commune, card, 'cat') % 5 AS INTEGER)] AS category, "
                   "'صعوبة تجريبية' AS text FROM g_cards_n "
                   "WHERE hash(commune, card, 'obstacle') % 100 < 5 ORDER BY commune, card",
    }
    generated = {}
    for name, query in queries.items():
        schema = arrow_schema(BY_NAME[name])
        result = con.sql(query)
        table = (result.to_arrow_table() if hasattr(result, "to_arrow_table")  # DuckDB 2
                 else result.arrow())
        generated[name] = (pa.Table.from_arrays([table[c].cast(schema.field(c).type)
                                                 for c in schema.names], schema=schema),
                           dict(con.execute(f"SELECT commune, count(*) FROM ({query}) "
                                            "GROUP BY commune").fetchall()))
    offsets = {name: 0 for name in generated}
    entries = 0
    for p in sorted(plans, key=lambda p: p["program"][0]["commune"]):  # the queries' order
        key = p["program"][0]["commune"]
        files, counts = {}, {}
        for t in TABLES:
            if t.name in generated:
                table, per = generated[t.name]
                n = per.get(key, 0)
                part = table.slice(offsets[t.name], n)
                offsets[t.name] += n
            else:
                part = arrow_table(t, p.get(t.name, []))
            files[t.name], counts[t.name] = write_parquet(part), part.num_rows
        entries += counts["entries"]
        (out / f"{key}.zip").write_bytes(pack(files, counts, p["program"][0]))
    return {"communes": count, "actions": sum(len(p["actions"]) for p in plans),
            "projects": sum(len(p["projects"]) for p in plans),
            "cards": sum(generated["cards"][1].values()), "entries": entries,
            "largest": max(len(p["actions"]) for p in plans),
            "smallest": min(len(p["actions"]) for p in plans),
            "bytes": sum(f.stat().st_size for f in out.glob("*.zip"))}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=2022)
    args = ap.parse_args(argv)
    print(json.dumps(generate(args.count, args.out, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
