"""The caching edge: what `pam validate` and `pam status` call.

Each function fingerprints the files (pam/cache/fingerprint.py), reads the stored result of
the same command and options (pam/cache/store.py), reuses the parts of units whose files did
not change, computes the others (pam/cache/units.py; in two processes when there are many),
assembles, and stores the result for next time. When the structure has errors, or a card lies
outside its project's folder, the full pipeline runs instead (pam.load.pipeline.load_plan),
and nothing is stored: the result is the same, only slower.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from pam.cache.fingerprint import STRUCTURE, Fingerprint, fingerprint
from pam.cache.parallel import map_json
from pam.cache.store import Store, environment


@dataclass
class _Previous:
    """The stored result whose key matched: its units' digests and payload."""

    units: dict
    payload: dict


def _previous(store: Store, key: str, fp: Fingerprint) -> _Previous | None:
    hit = store.read(key)
    if hit is None:
        return None
    header, payload = hit
    if header["units"].get(STRUCTURE) != fp.digest(STRUCTURE):
        return None  # the plan changed: every unit is checked against it again
    data = payload()
    if not (isinstance(data, dict) and isinstance(data.get("units"), dict)
            and isinstance(data.get("structure"), dict)):
        return None
    return _Previous(header["units"], data)


def _reusable(previous: _Previous | None, fp: Fingerprint) -> dict:
    """The stored payloads of the units whose files did not change."""
    if previous is None:
        return {}
    return {u: previous.payload["units"][u] for u in fp.progress_units
            if previous.units.get(u) == fp.digest(u) and u in previous.payload["units"]}


PARALLEL_FILES = 1000  # from this many card files to read, two processes share the work


def _compute(fn, units: list[str], fp: Fingerprint) -> dict:
    weights = {u: fp.units[u][1] + 1 for u in units}
    many = sum(weights.values()) >= PARALLEL_FILES
    return dict(zip(units, map_json(fn, units, weight=weights.get,
                                    min_items=2 if many else len(units) + 1), strict=True))


# --- pam validate ----------------------------------------------------------------------------

def cached_validate(root: Path) -> tuple[list, int]:
    """(every problem, sorted; how many files were read) for `pam validate`."""
    from pam.cache.units import problem_from

    fp = fingerprint(root)
    store = Store(root, "validate")
    key = environment(root, ("validate",))
    previous = _previous(store, key, fp)
    parts = _reusable(previous, fp)
    todo = [u for u in fp.progress_units if u not in parts]
    structure_part = previous.payload["structure"] if previous is not None else None
    if structure_part is None or todo:
        from pam.cache.units import domain_of, problem_data, validate_unit

        # the structure's own problems are known when it did not change: read it only
        structure = _structure(root, True, structure_part, todo)
        if not structure.ok:
            return _validate_fully(root)
        if structure_part is None:
            structure_part = {"problems": [problem_data(p) for p in structure.problems],
                              "files": structure.files,
                              "projects": structure.plan.ids("project"),
                              "domain_of": domain_of(structure)}
        parts.update(_compute(lambda u: validate_unit(structure, root, u), todo, fp))
        if not all(part["clean"] for part in parts.values()):
            return _validate_fully(root)
        store.write(key, {u: d for u, (d, _n) in fp.units.items()},
                    {"structure": structure_part, "units": parts})
    from pam.problems import order

    problems = [problem_from(p) for p in structure_part["problems"]]
    for part in parts.values():
        problems += [problem_from(p) for p in part["problems"]]
    problems += _tree(root, structure_part["projects"], fp)
    files = structure_part["files"] + sum(part["files"] for part in parts.values())
    return sorted(set(problems), key=order), files


def cached_validate_files(root: Path, files: list[Path]) -> tuple[list, int]:
    """(the problems of just these files, how many files were asked for) for `pam validate
    FILE`: only the units that hold them are checked (the structure, a project folder), with
    the results kept from the last full run when their files did not change; nothing is stored.
    Fast enough for an editor or a pre-commit hook: one card costs its structure and its
    project folder, never the whole progress/."""
    import os

    from pam.problems import order

    wanted = {os.path.realpath(f) for f in files}
    progress = os.path.realpath(os.path.join(root, "progress"))
    units: set[str] = set()
    for path in wanted:
        folder = os.path.dirname(path)
        if folder == progress:
            units.add("")
        elif os.path.dirname(folder) == progress:
            units.add(os.path.basename(folder))
    fp = fingerprint(root)
    units &= set(fp.progress_units)
    store = Store(root, "validate")
    previous = _previous(store, environment(root, ("validate",)), fp)
    parts = {u: d for u, d in _reusable(previous, fp).items() if u in units}
    todo = sorted(units - set(parts))
    structure_part = previous.payload["structure"] if previous is not None else None
    if structure_part is None or todo:
        from pam.cache.units import problem_data, validate_unit

        structure = _structure(root, True, structure_part, todo)
        if not structure.ok:
            return _only(_validate_fully(root)[0], wanted), len(wanted)
        if structure_part is None:
            structure_part = {"problems": [problem_data(p) for p in structure.problems],
                              "projects": structure.plan.ids("project")}
        for unit in todo:
            parts[unit] = validate_unit(structure, root, unit)
        if not all(parts[u]["clean"] for u in todo):
            return _only(_validate_fully(root)[0], wanted), len(wanted)
    from pam.cache.units import problem_from

    problems = [problem_from(p) for p in structure_part["problems"]]
    for part in parts.values():
        problems += [problem_from(p) for p in part["problems"]]
    problems += _tree(root, structure_part["projects"], fp)
    return sorted(set(_only(problems, wanted)), key=order), len(wanted)


def _structure(root: Path, locate_warnings: bool, part: dict | None, units: list[str]):
    """The structure to check `units` against. Read whole and checked when its result is not
    stored (`part` is None); when it is (its files did not change, it has no error), only
    its problems are known, so just the plan is read: and when the units are projects held
    by at most a quarter of the domain files, only those files (a big plan's other domains
    are not built again for one changed card; pam.cache.units.load_structure)."""
    from pam.cache.units import load_structure

    if part is None:
        return load_structure(root, locate_warnings)
    where = part.get("domain_of")
    files = {where.get(u) for u in units} if isinstance(where, dict) else {None}
    if where is None or None in files or 4 * len(files) > len(set(where.values())):
        return load_structure(root, locate_warnings, checked=False)
    return load_structure(root, locate_warnings, checked=False,
                          domain_files=sorted(f for f in files if f is not None))


def _only(problems: list, wanted: set[str]) -> list:
    """The problems located in one of the `wanted` files (real paths)."""
    import os

    return [p for p in problems if os.path.realpath(p.file) in wanted]


def _validate_fully(root: Path) -> tuple[list, int]:
    from pam.load.pipeline import load_plan

    plan, problems = load_plan(root)
    return problems, len(plan.locators)


# --- pam status ------------------------------------------------------------------------------

@dataclass(frozen=True)
class StatusResult:
    """What the status command shows: the status, the errors (if any, nothing else is
    valid), the terminal view's header, and the ids of the plan (to check --domain)."""

    status: object
    errors: list
    header: dict
    ids: dict


def cached_status(root: Path, day: dt.date | None, against: str) -> StatusResult:
    """The status of the plan at `day` (None: the default date), measured against the plan
    as amended ('current') or adopted ('baseline')."""
    fp = fingerprint(root)
    options = ("status", day.isoformat() if day else None, against)
    store = Store(root, "status-" + hashlib.sha256(repr(options).encode()).hexdigest()[:16])
    key = environment(root, options)
    previous = _previous(store, key, fp)
    parts = _reusable(previous, fp)
    todo = [u for u in fp.progress_units if u not in parts]
    base = previous.payload["structure"] if previous is not None else None
    if base is not None and _missing_projects(base, fp):
        base = None
    if base is None or todo:
        from pam.cache.units import measure, status_unit

        structure = _structure(root, False, base, todo)
        if not structure.ok:
            return _status_fully(root, day, against)
        m = measure(structure, day, against)
        if base is None:
            base = _structure_part(structure, m, fp, day)
        parts.update(_compute(lambda u: status_unit(structure, m, root, u), todo, fp))
        if not all(part["clean"] for part in parts.values()):
            return _status_fully(root, day, against)
        store.write(key, {u: d for u, (d, _n) in fp.units.items()},
                    {"structure": base, "units": parts})
    return _assemble(root, base, parts, fp)


def _missing_projects(base: dict, fp: Fingerprint) -> bool:
    """True when a project without a folder has no stored part (its folder was removed)."""
    have = set(fp.progress_units)
    return any(p not in have and p not in base["projects"] for p in base["ids"]["project"])


def _structure_part(structure, m, fp: Fingerprint, day: dt.date | None) -> dict:
    """What the status takes from the structure: the tree, the date, thresholds, header, ids,
    and the part of each project that has no folder of cards (measured with no report)."""
    from pam.cache.units import domain_of, heads_of, problem_data, project_part
    from pam.monitor.status import tree_of

    prog = m.plan.program
    asked = day.isoformat() if day is not None and day > m.as_of else None
    have = set(fp.progress_units)
    t = prog.thresholds
    return {
        "errors": [problem_data(p) for p in structure.problems if p.severity == "error"],
        "as_of": m.as_of.isoformat(), "since": m.since.isoformat(),
        "tree": tree_of(m.plan).to_data(),
        "left_out": m.plan.left_out,
        "thresholds": t.model_dump(mode="json"),
        "header": {"name": prog.name.ar, "name_fr": prog.name.fr,
                   "notice": prog.example.notice if prog.example else None,
                   "heads": heads_of(m.plan), "asked": asked},
        "ids": {kind: m.plan.ids(kind) for kind in ("domain", "axis", "project")},
        "projects": {p.id: project_part(m, p, []) for p in m.plan.projects() if p.id not in have},
        "domain_of": domain_of(structure),
    }


def _tree(root: Path, projects: list[str], fp: Fingerprint) -> list:
    """The plan folder's entries that are not read, as problems (pam.load.tree): the top of
    the plan scanned on every run (a few small folders), each project folder's from the
    fingerprint's own scan of it."""
    from pam.load.files import unread_top
    from pam.load.tree import tree_problems

    entries = unread_top(root) + [e for unit in fp.progress_units for e in fp.unread[unit]]
    return tree_problems(root, set(projects), entries)


def _assemble(root: Path, base: dict, parts: dict, fp: Fingerprint) -> StatusResult:
    from types import SimpleNamespace

    from pam.cache.units import discipline_from, problem_from
    from pam.monitor.results import ActionResult, IndicatorResult, from_data
    from pam.monitor.rollup import Tree, assemble

    errors = [problem_from(p) for p in base["errors"]]
    errors += [p for p in _tree(root, base["ids"]["project"], fp) if p.severity == "error"]
    projects = dict(base["projects"])
    card_errors = []
    for unit, part in parts.items():
        errors += [problem_from(p) for p in part["errors"]]
        card_errors += [problem_from(p) for p in part.get("card_errors", [])]
        if part["project"] is not None:
            projects[unit] = part["project"]
    if errors:  # nothing else is shown: the plan must be fixed first
        from pam.problems import order

        return StatusResult(None, sorted(set(errors), key=order), {}, {})
    tree = Tree.from_data(base["tree"])
    as_of = dt.date.fromisoformat(base["as_of"])
    results = {pid: [from_data(ActionResult, r) for r in part["results"]]
               for pid, part in projects.items()}
    own = {pid: tuple(from_data(IndicatorResult, i) for i in part["indicators"])
           for pid, part in projects.items() if part["indicators"]}
    status = assemble(tree, results, SimpleNamespace(**base["thresholds"]), as_of,
                      left_out=base["left_out"], project_indicators=own)
    rows = [discipline_from(projects[pid]["discipline"]) for pid in base["ids"]["project"]
            if pid in projects]
    header = dict(base["header"], since=dt.date.fromisoformat(base["since"]), rows=rows)
    return StatusResult(status, [], _with_left_out(header, card_errors), base["ids"])


def _with_left_out(header: dict, card_errors: list) -> dict:
    """The header with the cards left out (named, each with its first error) and their
    errors (printed by --strict)."""
    from pam.problems import left_out_cards, order

    header["heads"] = {k: tuple(v) for k, v in (header.get("heads") or {}).items()}
    header["left_out_cards"] = left_out_cards(card_errors)
    header["left_out_errors"] = sorted(set(card_errors), key=order)
    return header


def _status_fully(root: Path, day, against: str) -> StatusResult:
    """The full pipeline: load every file, check, measure (the cache's reference). Cards
    with an error are left out, as in the units."""
    from pam.cache.units import as_of_date, discipline_data, discipline_from, heads_of
    from pam.load.pipeline import load_for_views
    from pam.monitor.baseline import view
    from pam.monitor.discipline import reporting_discipline
    from pam.monitor.status import compute_status

    plan, errors, card_errors = load_for_views(root)
    if errors:
        return StatusResult(None, errors, {}, {})
    viewed = view(plan, against)
    as_of = as_of_date(viewed, day)
    since = dt.date(as_of.year, 1 if as_of.month <= 6 else 7, 1)
    rows = [discipline_from(discipline_data(r))
            for r in reporting_discipline(viewed, since, as_of)]
    prog = viewed.loaded_program
    header = {"name": prog.name.ar, "name_fr": prog.name.fr,
              "notice": prog.example.notice if prog.example else None,
              "since": since, "rows": rows, "heads": heads_of(viewed),
              "asked": day.isoformat() if day is not None and day > as_of else None}
    ids = {kind: viewed.ids(kind) for kind in ("domain", "axis", "project")}
    return StatusResult(compute_status(viewed, as_of), [], _with_left_out(header, card_errors),
                        ids)

