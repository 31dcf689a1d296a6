"""pam import --update: an edited sheet applied to an existing plan. Nodes are matched by id
(pam's export carries them) or by their names; the changes are shown in pam diff's words,
then written into the domain files in place (ids, notes and comments kept). An action missing
from the sheet is never dropped: dropping one is an amendment."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pam.problems import Problem
from pam.sheets.build import Facts
from pam.sheets.headers import norm
from pam.sheets.run import read_plan

if TYPE_CHECKING:
    from pam.model import Domain, Node


@dataclass
class Updated:
    problems: list[Problem] = field(default_factory=list)
    diff_text: str = ""
    summary: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def ok(self) -> bool:
        return self.errors == 0


def _key(text: str) -> str:
    return norm(text)


def update_plan(file: Path, plan_dir: Path, facts: Facts, columns=None, sheets=None,
                dry_run: bool = False) -> Updated:
    from pam.diff.compare import Version, compute_diff
    from pam.load import load_plan
    from pam.render.diff import render_text

    old, found = load_plan(plan_dir, cards=False, locate_warnings=False)
    errors = [p for p in found if p.severity == "error"]
    if errors:
        return Updated(errors + [Problem(str(plan_dir), 1, 1, "error", "plan-has-errors",
                                         "fix the plan's errors first (pam validate)")])
    prog = old.program
    facts.start = facts.start or prog.period.start
    facts.end = facts.end or prog.period.end
    facts.commune = facts.commune or prog.commune.ar
    sheet = read_plan(file, facts, columns, sheets)
    result = Updated([p for p in sheet.problems if p.code != "commune-unknown"])
    if not sheet.ok:
        return result
    new = copy.copy(old)
    new.domains, changes, missing = merge(old, sheet.domains)
    for x in missing:
        result.problems.append(Problem(
            str(file), 1, 1, "error", "action-not-in-sheet",
            f"the plan's action {x.id} ('{x.text[:50]}') is not in the sheet: pam never drops "
            "an action silently. Put its row back, or drop it by an amendment (an "
            "amendments/ file with 'change: dropped', and dropped_by on the action)"))
    if not result.ok:
        return result
    diff = compute_diff(old, new, (Version(f"plan ({plan_dir})"), Version(f"sheet ({file})")))
    result.diff_text = render_text(diff)
    if not diff.changed:
        result.summary = "pam: the sheet holds the plan as it is: nothing to change"
        return result
    if dry_run:
        result.summary = "pam: --dry-run: nothing written"
        return result
    written = apply(old, changes)
    result.summary = (f"pam: updated {len(written)} file(s): {', '.join(map(str, written))}. "
                      "Review with git diff, then commit (an amendment of the program needs its "
                      "record in amendments/)")
    return result


@dataclass
class Changes:
    """What to write: fields of existing nodes, and new nodes under their parent's id."""

    fields: dict[str, dict] = field(default_factory=dict)  # id -> {key: value}
    added: list[tuple[str | None, str, Node]] = field(default_factory=list)  # parent, kind


def merge(old, new_domains) -> tuple[list, Changes, list]:
    """The plan with the sheet's values: (domains, changes to write, actions missing)."""
    changes = Changes()
    by_id = old.index()
    ids_given = all(x.id in by_id for d in new_domains for a in d.axes for p in a.projects
                    for x in p.actions) and any(True for _ in new_domains)
    domains = [d.model_copy(deep=True) for d in old.domains]
    seen: set[str] = set()

    def children(node, kind):
        return {"domain": lambda: domains, "axis": lambda: node.axes,
                "project": lambda: node.projects, "action": lambda: node.actions}[kind]()

    def find(siblings, new, kind):
        if ids_given:
            return next((s for s in siblings if s.id == new.id), None)
        text = new.text if kind == "action" else new.name.ar
        same = [s for s in siblings if _key(s.text if kind == "action" else s.name.ar)
                == _key(text)]
        return same[0] if len(same) == 1 else None

    def next_id(parent_id, siblings, kind):
        used = {s.id for s in siblings}
        n = len(siblings) + 1
        while True:
            cand = (f"{parent_id}.{n:02d}" if kind == "action" else
                    (f"{parent_id}." if parent_id else "") + {"domain": "D", "axis": "A",
                                                               "project": "P"}[kind] + str(n))
            if cand not in used and cand not in by_id:
                return cand
            n += 1

    def walk(parent, new_nodes, kind, parent_id):
        kinds = ("domain", "axis", "project", "action")
        below = kinds[kinds.index(kind) + 1] if kind != "action" else None
        siblings = children(parent, kind)
        for n in new_nodes:
            match = find(siblings, n, kind)
            if match is None:
                node = _renumber(n, next_id(parent_id, siblings, kind))
                siblings.append(node)
                changes.added.append((parent_id, kind, node))
                _mark_seen(node, seen)
                continue
            seen.add(match.id)
            if kind == "action":
                diff = {k: getattr(n, k) for k in ("text", "cost", "targets")
                        if getattr(n, k) != getattr(match, k)}
                if diff:
                    for k, v in diff.items():
                        object.__setattr__(match, k, v)
                    changes.fields[match.id] = diff
                continue
            if n.name.ar != match.name.ar and ids_given:
                match.name = n.name.model_copy()
                changes.fields[match.id] = {"name": n.name}
            walk(match, getattr(n, {"domain": "axes", "axis": "projects",
                                    "project": "actions"}[kind]), below, match.id)

    walk(None, new_domains, "domain", "")
    missing = [x for d in domains for a in d.axes for p in a.projects for x in p.actions
               if x.id not in seen and not x.dropped_by]
    return domains, changes, missing


def _mark_seen(node, seen):
    seen.add(node.id)
    for key in ("axes", "projects", "actions"):
        for child in getattr(node, key, []) or []:
            _mark_seen(child, seen)


def _renumber(node, new_id: str):
    """A new node under its new id, its children renumbered below it."""
    node = node.model_copy(deep=True)
    old_id = node.id

    def fix(n):
        object.__setattr__(n, "id", new_id + n.id[len(old_id):])
        for key in ("axes", "projects", "actions"):
            for child in getattr(n, key, []) or []:
                fix(child)
    fix(node)
    return node


def apply(old, changes: Changes) -> list[Path]:
    """Write the changes into the domain files with a round-trip YAML (comments kept)."""
    from ruamel.yaml import YAML

    from pam.fsio import write_atomic
    from pam.sheets.write import domain_text

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    files = {d.id: Path(d._file) for d in old.domains}
    docs: dict[str, object] = {}
    written: list[Path] = []

    def doc_of(node_id):
        did = node_id.split(".")[0]
        if did not in docs:
            docs[did] = yaml.load(files[did].read_text(encoding="utf-8-sig"))
        return docs[did]

    def locate(doc, node_id):
        if doc["id"] == node_id:
            return doc
        for key in ("axes", "projects", "actions"):
            for child in doc.get(key) or []:
                if node_id == child["id"] or node_id.startswith(str(child["id"]) + "."):
                    return locate(child, node_id)
        return None

    for node_id, values in changes.fields.items():
        target = locate(doc_of(node_id), node_id)
        for k, v in values.items():
            if k == "targets":
                target[k] = _flow({int(y): _n(t) for y, t in sorted(v.items())})
            elif k == "name":
                target["name"]["ar"] = v.ar
            else:
                target[k] = _n(v)
    for parent_id, kind, node in changes.added:
        if kind == "domain":
            path = Path(old.root) / "domains" / f"{node.id.lower()}.yaml"
            write_atomic(path, domain_text(cast("Domain", node), "the sheet"))  # kind: domain
            written.append(path)
            continue
        parent = locate(doc_of(parent_id), parent_id)
        key = {"axis": "axes", "project": "projects", "action": "actions"}[kind]
        data = yaml.load(io.StringIO(domain_text(_wrap(node, kind), "the sheet")))
        for item in _unwrap(data, kind):
            if parent.get(key) is None:
                parent[key] = []
            parent[key].append(item)
    for did, doc in docs.items():
        out = io.StringIO()
        yaml.dump(doc, out)
        write_atomic(files[did], out.getvalue())
        written.append(files[did])
    return written


def _n(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _flow(mapping):
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap(mapping)
    m.fa.set_flow_style()
    return m


def _wrap(node, kind):
    """A throwaway domain holding `node`, to write it as pam writes domain files."""
    from pam.model import Axis, Domain, Name, Project

    if kind == "action":
        node = Project.model_construct(id="P", name=Name.model_construct(ar="x"), actions=[node],
                                       notes=[], source=None)
        kind = "project"
    if kind == "project":
        node = Axis.model_construct(id="A", name=Name.model_construct(ar="x"), projects=[node],
                                    notes=[], source=None)
    return Domain.model_construct(id="D", name=Name.model_construct(ar="x"), axes=[node],
                                  notes=[], source=None)


def _unwrap(data, kind):
    axes = data["axes"]
    if kind == "axis":
        return axes
    projects = axes[0]["projects"]
    return projects if kind == "project" else projects[0]["actions"]
