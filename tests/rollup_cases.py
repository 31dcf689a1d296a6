"""Helpers of the roll-up tests: bundles made in memory or on disk, rolled up, and each
commune's figures set beside its own `pam status`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import run_pam

from pam.monitor.results import NODE_KEYS
from pam.rollup.bundle import arrow_table, bundle_rows
from pam.rollup.figures import rollup_data, shares_of
from pam.rollup.load import Bundle, Loaded, connect
from pam.rollup.schema import TABLES


def tables_of(plan, as_of: dt.date, **options) -> dict:
    """A loaded plan's bundle tables as Arrow tables (no file), as read from a bundle."""
    rows = bundle_rows(plan, as_of, **options)
    return {t.name: arrow_table(t, rows[t.name]) for t in TABLES}


def roll_tables(parts: list[dict], as_of: dt.date, by: str | None = None, keep: bool = False):
    """rollup_data over bundle tables given in memory (one dict of tables per commune); with
    keep, (the data, the connection holding figures.sql's tables)."""
    bundles = [Bundle(Path(f"{p['program']['commune'][0].as_py()}.zip"),
                      {"commune": p["program"]["commune"][0].as_py(),
                       "as_of": p["program"]["as_of"][0].as_py().isoformat()}, p)
               for p in parts]
    loaded = Loaded(bundles, connect(parts))
    data = rollup_data(loaded, as_of, by)
    return (data, loaded.con) if keep else data


def status_json(plan_dir: Path, as_of: str) -> dict:
    """`pam status --format json` of a plan folder at a date, run as a user runs it."""
    done = run_pam("status", "--plan", str(plan_dir), "--as-of", as_of, "--format", "json",
                   env={"PAM_NO_CACHE": "0"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def differences(expected: dict, got: dict, where: str) -> list[str]:
    """Every key of a pam status node whose value the roll-up prints otherwise."""
    return [f"{where} {expected.get('id')} {k}: status {expected[k]!r}, rollup {got.get(k)!r}"
            for k in NODE_KEYS if expected[k] != got.get(k)]


def commune_differences(commune: dict, status: dict, discipline: dict | None = None) -> list:
    """The differences between a commune of the roll-up and its own pam status: every key of
    its program and of every domain in order (money, indicators and alarms included), the
    shares the comparison adds (computed from pam status's own figures), and the discipline
    totals when given."""
    out = differences(status["program"], commune["program"], "program")
    ids = [d["id"] for d in status["domains"]]
    got = [d["id"] for d in commune["domains"]]
    if ids != got:
        out.append(f"domains: status {ids}, rollup {got}")
    for s, r in zip(status["domains"], commune["domains"], strict=False):
        out += differences(s, r, "domain")
    out += [f"{k}: status gives {v!r}, rollup {commune[k]!r}"
            for k, v in shares_of(status["program"]).items() if commune[k] != v]
    if discipline is not None:
        out += [f"discipline {k}: status {discipline[k]!r}, rollup {commune['discipline'][k]!r}"
                for k in discipline if discipline[k] != commune["discipline"][k]]
    return out


RAW = ("planned", "actual", "planned_cost_weighted", "actual_cost_weighted", "pv", "ev", "ac",
       "cost", "weight", "planned_reported", "actual_reported")


def raw_differences(con, status, commune: str) -> list[str]:
    """Every node's unrounded figures from figures.sql (r_nodes) against pam's NodeResult, bit
    for bit: the same operations in the same order, not only the same printed decimals."""
    rows = {(r[0], r[1]): r[2:] for r in con.execute(
        f"SELECT kind, node, {', '.join(RAW)} FROM r_nodes WHERE owner = ?",
        [commune]).fetchall()}
    out = []
    nodes = [("program", commune, status.program)] + [
        (n.kind, n.id, n) for n in status.domains + status.axes + status.projects]
    for kind, node_id, n in nodes:
        got = rows.get((kind, node_id))
        if got is None:
            out.append(f"{kind} {node_id}: not in r_nodes")
            continue
        for name, value in zip(RAW, got, strict=True):
            mine = getattr(n, name)
            if not (mine == value or (mine in (None, 0) and value in (None, 0))):
                out.append(f"{kind} {node_id} {name}: pam {mine!r}, sql {value!r}")
    return out
