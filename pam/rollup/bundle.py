"""pam export bundle: one commune's plan and every card entry as the Parquet tables of
pam/rollup/schema.py, in one ZIP file written deterministically (the same plan, cards, date
and pam version give the same bytes).

`bundle_rows` is pure (a loaded plan -> rows per table); `bundle_bytes` makes the file from
the rows (pyarrow writes the Parquet); `export_bundle` asks git when each card arrived and
writes the file atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pam import __version__
from pam.errors import Unavailable
from pam.plan import Plan
from pam.rollup.schema import FORMAT, MANIFEST, TABLES, VERSION

if TYPE_CHECKING:
    from pam.model import Obstacle, Risk, Solution

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # every member's date: the bytes do not depend on the clock


def commune_key(program) -> str:
    """The commune's key in every table: its official code, else the program's id."""
    return program.commune_code or program.id


def bundle_rows(plan: Plan, as_of: dt.date, *, arrived: dict[str, dt.date] | None = None,
                arrival_unknown: str | None = None, commit: str | None = None,
                simulated: bool = False) -> dict[str, list[dict]]:
    """The rows of every table for a loaded plan (as written in the domain files: dropped
    actions included, marked). `arrived`: card file (relative to the plan folder) -> the date
    it was first committed; `arrival_unknown`: why no card's arrival can be known."""
    prog = plan.program
    key = commune_key(prog)
    rows: dict[str, list[dict]] = {t.name: [] for t in TABLES}
    rows["program"].append(_program_row(prog, key, as_of, arrival_unknown, commit, simulated))
    _plan_rows(plan, key, rows)
    dropped_on = {a.id: a.date for a in plan.amendments}
    for x in rows["actions"]:
        x["dropped_on"] = dropped_on.get(x["dropped_by"]) if x["dropped_by"] else None
    rows["amendments"] = [{"commune": key, "id": a.id, "date": a.date, "approved": a.approved}
                          for a in plan.amendments]
    _card_rows(plan, key, arrived or {}, rows)
    return rows


def _program_row(prog, key: str, as_of: dt.date, arrival_unknown, commit, simulated) -> dict:
    t = prog.thresholds

    def part(place, attr):
        return getattr(place, attr) if place is not None else None

    return {
        "commune": key, "commune_code": prog.commune_code, "program_id": prog.id,
        "program_ar": prog.name.ar, "program_fr": prog.name.fr,
        "commune_ar": prog.commune.ar, "commune_fr": prog.commune.fr,
        "province_ar": part(prog.province, "ar"), "province_fr": part(prog.province, "fr"),
        "province_code": part(prog.province, "code"),
        "region_ar": part(prog.region, "ar"), "region_fr": part(prog.region, "fr"),
        "region_code": part(prog.region, "code"), "site": prog.site,
        "period_start": prog.period.start, "period_end": prog.period.end, "as_of": as_of,
        "simulated": simulated, "at_risk": float(t.at_risk), "late": float(t.late),
        "late_share": float(t.late_share), "unreported_share": float(t.unreported_share),
        "divergence": float(t.divergence), "stale_days": t.stale_days,
        "card_grace_days": t.card_grace_days,
        "arrival_unknown": arrival_unknown, "plan_commit": commit, "pam_version": __version__,
    }


def _plan_rows(plan: Plan, key: str, rows: dict) -> None:
    hidden = plan.loaded_program.implicit_kinds()
    seq = 0

    def node(n, kind: str, parent: str | None) -> None:
        nonlocal seq
        rows["nodes"].append({"commune": key, "id": n.id, "kind": kind, "parent": parent,
                              "seq": seq, "name_ar": n.name.ar, "name_fr": n.name.fr,
                              "hidden": kind in hidden})
        seq += 1

    for d in plan.domains:
        node(d, "domain", None)
        for a in d.axes:
            node(a, "axis", d.id)
            for p in a.projects:
                node(p, "project", a.id)
                _indicators(key, "project", p, rows)
                rows["partners"] += [{"commune": key, "project": p.id, "line": i,
                                      "partner": f.name, "share": _float(f.share)}
                                     for i, f in enumerate(p.partners)]
    pairs = [(p.id, x) for p in plan.projects() for x in p.actions]
    for i, (project_id, x) in enumerate(pairs):
        rows["actions"].append({
            "commune": key, "id": x.id, "project": project_id, "seq": i, "text": x.text,
            "text_fr": x.text_fr, "cost": _float(x.cost_value), "cost_kind": x.cost_status,
            "added_by": x.added_by, "dropped_by": x.dropped_by})
        rows["targets"] += [{"commune": key, "action": x.id, "year": y, "value": float(v)}
                            for y, v in sorted(x.targets.items())]
        # in the order of the action's `budget` and `funding`: the order pam sums them
        rows["budget"] += [{"commune": key, "action": x.id, "line": n, "year": y,
                            "amount": float(v)} for n, (y, v) in enumerate(x.budget.items())]
        rows["funding"] += [_funding_row(key, x.id, n, f) for n, f in enumerate(x.funding)]
        _indicators(key, "action", x, rows)


def _funding_row(key: str, action_id: str, line: int, f) -> dict:
    ag = f.agreement
    return {"commune": key, "action": action_id, "line": line, "source": f.source,
            "partner": f.partner, "amount": _float(f.amount),
            "agreement_ref": ag.ref if ag else None, "agreement_signed": ag.signed if ag else None,
            "agreement_status": ag.status if ag else None}


def _indicators(key: str, level: str, n, rows: dict) -> None:
    for i, ind in enumerate(n.indicators):
        base = ind.baseline
        rows["indicators"].append({
            "commune": key, "level": level, "node": n.id, "indicator": i, "id": ind.id,
            "name_ar": ind.name.ar, "name_fr": ind.name.fr, "unit": ind.unit,
            "baseline": _float(base.value) if base else None,
            "baseline_year": base.year if base else None, "cumulative": ind.cumulative,
            "direction": ind.direction})
        rows["indicator_targets"] += [{"commune": key, "level": level, "node": n.id,
                                       "indicator": i, "year": y, "value": float(v)}
                                      for y, v in sorted(ind.targets.items())]


def _card_rows(plan: Plan, key: str, arrived: dict, rows: dict) -> None:
    root = os.path.realpath(plan.root)
    for i, c in enumerate(plan.cards):
        file = _relative(plan.file_of(c), root)
        rows["cards"].append({"commune": key, "card": i, "project": c.project,
                              "period": c.period, "date": c.date, "reporter": c.reporter,
                              "file": file, "arrived": arrived.get(file),
                              "example": c.example})
        for line, e in enumerate(c.actions):
            rows["entries"].append({
                "commune": key, "card": i, "line": line, "action": e.action,
                "date": c.measured_on(e), "progress": float(e.progress),
                "paid": _float(e.paid_value), "committed": _float(e.committed),
                "state": e.state, "note": e.note,
                "correction": e.correction})
            rows["measures"] += [{"commune": key, "card": i, "line": line, "indicator": k,
                                  "value": float(v)}
                                 # read from a file: no empty values (model._measured_only)
                                 for k, v in cast("dict[str, float]", e.indicators).items()]
        remarks: tuple[tuple[str, Sequence[Obstacle | Solution | Risk]], ...] = (
            ("obstacle", c.obstacles), ("solution", c.solutions), ("risk", c.risks))
        for kind, items in remarks:
            rows["remarks"] += [{"commune": key, "card": i, "kind": kind, "line": n,
                                 "category": getattr(item, "category", None),
                                 "text": item.text} for n, item in enumerate(items)]


def _relative(file: str, root: str) -> str:
    """A card's file relative to the plan folder ('progress/D1.A1.P1/2020-06a.yaml')."""
    if not file:
        return ""
    real = os.path.realpath(file)
    rel = os.path.relpath(real, root)
    return Path(rel).as_posix() if not rel.startswith("..") else Path(file).name


def _float(value) -> float | None:
    return None if value is None else float(value)


# --- the file ----------------------------------------------------------------------------

def arrow_schema(table):
    """The Arrow schema of one table of pam/rollup/schema.py (with its name and version)."""
    import pyarrow as pa

    types = {"string": pa.string(), "bool": pa.bool_(), "int32": pa.int32(),
             "double": pa.float64(), "date": pa.date32()}
    return pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable)
                      for c in table.columns],
                     metadata={"pam.bundle.format": FORMAT, "pam.bundle.version": str(VERSION),
                               "pam.bundle.table": table.name})


def arrow_table(table, rows: list[dict]):
    """One table's rows as an Arrow table of its schema."""
    import pyarrow as pa

    schema = arrow_schema(table)
    return pa.table({c.name: pa.array([r[c.name] for r in rows], type=schema.field(c.name).type)
                     for c in table.columns}, schema=schema)


def parquet_bytes(table, rows: list[dict]) -> bytes:
    """One table's rows as a Parquet file."""
    return write_parquet(arrow_table(table, rows))


def write_parquet(data) -> bytes:
    """An Arrow table of a bundle table's schema as Parquet bytes (zstd pages, statistics, one
    row group per 1M rows: the same rows give the same bytes)."""
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(data, sink, compression="zstd", row_group_size=1 << 20)
    return sink.getvalue()


def bundle_bytes(rows: dict[str, list[dict]]) -> bytes:
    """The bundle file of the rows of every table (pack)."""
    _need_pyarrow()
    return pack({t.name: parquet_bytes(t, rows[t.name]) for t in TABLES},
                {t.name: len(rows[t.name]) for t in TABLES}, rows["program"][0])


def pack(files: dict[str, bytes], counts: dict[str, int], program: dict) -> bytes:
    """bundle.json then each table's Parquet file (`files`, by table name), as ZIP members
    with fixed dates. The benchmark's generator (bench/communes.py) writes its Parquet files
    itself and packs them here, so its bundles are made like any commune's."""
    manifest = {
        "format": FORMAT, "version": VERSION, "commune": program["commune"],
        "as_of": program["as_of"].isoformat(), "pam": program["pam_version"],
        "simulated": program["simulated"],
        "tables": {t.name: {"file": t.file, "rows": counts[t.name],
                            "sha256": hashlib.sha256(files[t.name]).hexdigest()}
                   for t in TABLES},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        _member(z, MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
                              + "\n").encode("utf-8"))
        for t in TABLES:
            _member(z, t.file, files[t.name])
    return out.getvalue()


def _member(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3  # unix, whatever the system writing it
    info.external_attr = 0o100644 << 16
    z.writestr(info, data)


def _need_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise Unavailable("bundles need pyarrow and duckdb: pip install 'pam-pac[rollup]'") \
            from None


def export_bundle(plan: Plan, out: Path, as_of: dt.date) -> dict:
    """Write the bundle of a loaded plan at `as_of` into `out` (atomically); returns the
    manifest's counts. Card arrival dates come from git, as reporting discipline reads them."""
    from pam.fsio import write_atomic
    from pam.git import head_state
    from pam.monitor.discipline import committed_on, resolved_file
    from pam.report.shared import is_example

    _need_pyarrow()
    commits, why = committed_on(plan)
    root = os.path.realpath(plan.root)
    arrived = {}
    for c in plan.cards:
        day = commits.get(resolved_file(plan, c))
        if day is not None:
            arrived[_relative(plan.file_of(c), root)] = day
    head = head_state(plan.root)
    commit = head["commit"] if head["state"] == "clean" else None
    rows = bundle_rows(plan, as_of, arrived=arrived, arrival_unknown=why, commit=commit,
                       simulated=is_example(plan))
    write_atomic(out, bundle_bytes(rows))
    return {name: len(r) for name, r in rows.items()}
