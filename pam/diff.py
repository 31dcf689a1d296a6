"""Compare two versions of a plan: what was added, removed, moved, renamed, re-costed, re-targeted.

compute_diff(before, after) is pure: two loaded plans in, a frozen PlanDiff out. Nodes are
matched by id; then a removed node and an added node of the same kind with the same text (an
action moved to another project takes a new id) are matched as a move when the match is unique.
Reading a plan at a git revision and rendering (text, JSON, Markdown) live below it.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from dataclasses import dataclass, replace
from pathlib import Path

from pam.plan import Plan
from pam.problems import Problem

KINDS = ("domain", "axis", "project", "action")
COST_WORDS = {"costed": "", "no_cost": "no cost of its own", "not_fixed": "not fixed",
              "blank": "blank"}


# --- the result ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    """A domain, axis, project or action as the comparison sees it."""

    kind: str
    id: str
    parent: str | None
    name: str  # the Arabic name; an action's text
    name_fr: str | None = None
    cost: float | str | None = None  # actions: a number, "-", "*" or None (blank)
    targets: tuple[tuple[int, float], ...] = ()
    added_by: str | None = None
    dropped_by: str | None = None

    @property
    def cost_status(self) -> str | None:
        return None if self.kind != "action" else cost_status(self.cost)


@dataclass(frozen=True)
class Moved:
    kind: str
    id_before: str
    id_after: str
    parent_before: str | None
    parent_after: str | None
    name: str


@dataclass(frozen=True)
class Renamed:
    kind: str
    id: str
    field: str  # "name" (Arabic), "name_fr" or "text" (an action)
    before: str | None
    after: str | None


@dataclass(frozen=True)
class CostChange:
    id: str
    before: float | str | None
    after: float | str | None
    status_before: str
    status_after: str
    difference: float | None  # only when both costs are numbers


@dataclass(frozen=True)
class TargetChange:
    id: str
    year: int
    before: float | None  # None: no target that year
    after: float | None


@dataclass(frozen=True)
class MarkChange:
    """An amendment mark set or removed on an action (added_by / dropped_by)."""

    id: str
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Totals:
    """Actions in force (not dropped_by an amendment) and their total numeric cost."""

    actions_before: int
    actions_after: int
    cost_before: float
    cost_after: float

    @property
    def actions_difference(self) -> int:
        return self.actions_after - self.actions_before

    @property
    def cost_difference(self) -> float:
        return round(self.cost_after - self.cost_before, 6)


@dataclass(frozen=True)
class Version:
    """One side of a comparison: a revision as named (with its commit), a folder, the tree."""

    label: str  # "HEAD~1", "working tree (plan)", "old/plan"
    commit: str | None = None  # the full commit id, for a git revision

    def __str__(self) -> str:
        return f"{self.label} ({self.commit[:10]})" if self.commit else self.label


@dataclass(frozen=True)
class PlanDiff:
    before: Version
    after: Version
    added: tuple[Node, ...]
    removed: tuple[Node, ...]
    moved: tuple[Moved, ...]
    renamed: tuple[Renamed, ...]
    costs: tuple[CostChange, ...]
    targets: tuple[TargetChange, ...]
    marks: tuple[MarkChange, ...]
    totals: Totals

    @property
    def changed(self) -> bool:
        return any((self.added, self.removed, self.moved, self.renamed, self.costs,
                    self.targets, self.marks))


def cost_status(cost) -> str:
    if cost is None:
        return "blank"
    if cost == "-":
        return "no_cost"
    if cost == "*":
        return "not_fixed"
    return "costed"


# --- the comparison (pure) -------------------------------------------------------------------

def compute_diff(before: Plan, after: Plan,
                 versions: tuple[Version, Version] = (Version("before"), Version("after"))
                 ) -> PlanDiff:
    """Everything that differs between two plans, in a stable order."""
    old, new = nodes_of(before), nodes_of(after)
    pairs = [(old[i], new[i]) for i in old if i in new and old[i].kind == new[i].kind]
    gone = [n for i, n in old.items() if i not in new or new[i].kind != n.kind]
    came = [n for i, n in new.items() if i not in old or old[i].kind != n.kind]
    by_text = match_by_text(gone, came)
    matched_old = {a.id for a, _ in by_text}
    matched_new = {b.id for _, b in by_text}
    pairs += by_text
    moved, renamed, costs, targets, marks = [], [], [], [], []
    for a, b in pairs:
        if a.id != b.id or a.parent != b.parent:
            moved.append(Moved(a.kind, a.id, b.id, a.parent, b.parent, b.name))
        renamed += _renamed(a, b)
        if a.kind == "action":
            costs += _cost_change(a, b)
            targets += _target_changes(a, b)
            marks += [MarkChange(b.id, f, getattr(a, f), getattr(b, f))
                      for f in ("added_by", "dropped_by") if getattr(a, f) != getattr(b, f)]
    return PlanDiff(
        before=versions[0], after=versions[1],
        added=tuple(sorted((n for n in came if n.id not in matched_new), key=_order)),
        removed=tuple(sorted((n for n in gone if n.id not in matched_old), key=_order)),
        moved=tuple(sorted(moved, key=lambda m: (KINDS.index(m.kind), m.id_after))),
        renamed=tuple(sorted(renamed, key=lambda r: (KINDS.index(r.kind), r.id, r.field))),
        costs=tuple(sorted(costs, key=lambda c: c.id)),
        targets=tuple(sorted(targets, key=lambda t: (t.id, t.year))),
        marks=tuple(sorted(marks, key=lambda m: (m.id, m.field))),
        totals=_totals(before, after),
    )


def nodes_of(plan: Plan) -> dict[str, Node]:
    """id -> Node for every domain, axis, project and action (the first of a duplicated id)."""
    out: dict[str, Node] = {}
    for d in plan.domains:
        out.setdefault(d.id, Node("domain", d.id, None, d.name.ar, d.name.fr))
        for ax in d.axes:
            out.setdefault(ax.id, Node("axis", ax.id, d.id, ax.name.ar, ax.name.fr))
            for p in ax.projects:
                out.setdefault(p.id, Node("project", p.id, ax.id, p.name.ar, p.name.fr))
                for x in p.actions:
                    out.setdefault(x.id, Node(
                        "action", x.id, p.id, x.text, None, x.cost,
                        tuple(sorted((int(y), float(v)) for y, v in x.targets.items())),
                        x.added_by, x.dropped_by))
    return out


def match_by_text(gone: list[Node], came: list[Node]) -> list[tuple[Node, Node]]:
    """Pairs (removed, added) of the same kind and text, when the text is unique on both sides."""
    def groups(nodes):
        out: dict[tuple, list[Node]] = {}
        for n in nodes:
            out.setdefault((n.kind, _norm_text(n.name)), []).append(n)
        return out

    old, new = groups(gone), groups(came)
    return [(old[k][0], new[k][0]) for k in old
            if k in new and len(old[k]) == 1 and len(new[k]) == 1 and k[1]]


def _norm_text(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _order(n: Node):
    return (KINDS.index(n.kind), n.id)


def _renamed(a: Node, b: Node) -> list[Renamed]:
    out = []
    if a.name != b.name:
        out.append(Renamed(a.kind, b.id, "text" if a.kind == "action" else "name", a.name,
                           b.name))
    if a.name_fr != b.name_fr:
        out.append(Renamed(a.kind, b.id, "name_fr", a.name_fr, b.name_fr))
    return out


def _cost_change(a: Node, b: Node) -> list[CostChange]:
    if a.cost == b.cost and cost_status(a.cost) == cost_status(b.cost):
        return []
    both = cost_status(a.cost) == cost_status(b.cost) == "costed"
    return [CostChange(b.id, a.cost, b.cost, cost_status(a.cost), cost_status(b.cost),
                       round(b.cost - a.cost, 6) if both else None)]


def _target_changes(a: Node, b: Node) -> list[TargetChange]:
    ta, tb = dict(a.targets), dict(b.targets)
    return [TargetChange(b.id, y, ta.get(y), tb.get(y))
            for y in sorted(set(ta) | set(tb)) if ta.get(y) != tb.get(y)]


def _in_force(plan: Plan) -> tuple[int, float]:
    actions = [x for x in plan.actions() if not x.dropped_by]
    return len(actions), round(sum(x.cost_value or 0.0 for x in actions), 6)


def _totals(before: Plan, after: Plan) -> Totals:
    (na, ca), (nb, cb) = _in_force(before), _in_force(after)
    return Totals(na, nb, ca, cb)


# --- reading a plan at a git revision --------------------------------------------------------

class RevisionError(Exception):
    """A name that is not a revision of the repository (the command exits 2)."""


class NoRepository(Exception):
    """The plan folder is not inside a git repository (the command exits 2)."""


class NoPlanAt(Exception):
    """The revision exists but holds no plan folder at that path (the command exits 1)."""


def _git(repo: Path, *args: str, text: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=text,
                          timeout=120)


def find_repository(plan_dir: Path) -> tuple[Path, str]:
    """(top folder of the git repository holding plan_dir, plan_dir relative to it, posix)."""
    target = plan_dir.resolve()
    existing = next((p for p in [target, *target.parents] if p.is_dir()), target)
    try:
        r = _git(existing, "rev-parse", "--show-toplevel")
    except (OSError, subprocess.SubprocessError) as exc:
        raise NoRepository(f"git could not be run ({exc}); install git") from None
    if r.returncode != 0:
        raise NoRepository(f"the plan folder '{plan_dir}' is not inside a git repository")
    top = Path(r.stdout.strip()).resolve()
    try:
        sub = target.relative_to(top).as_posix()
    except ValueError:
        raise NoRepository(f"the plan folder '{plan_dir}' is outside the repository at "
                           f"{top}") from None
    return top, "" if sub == "." else sub


def resolve_revision(repo: Path, rev: str) -> str:
    """The commit id a revision names (HEAD~1, a tag, a branch, a hash); RevisionError if none."""
    if not rev or rev.startswith("-"):
        raise RevisionError(rev)
    r = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if r.returncode != 0 or not r.stdout.strip():
        raise RevisionError(rev)
    return r.stdout.strip()


def extract_plan(repo: Path, commit: str, subpath: str, dest: Path) -> Path:
    """Write the plan folder as it is at `commit` under `dest` (git archive); its path there."""
    if subpath:
        kind = _git(repo, "cat-file", "-t", f"{commit}:{subpath}")
        if kind.returncode != 0 or kind.stdout.strip() != "tree":
            raise NoPlanAt(subpath)
    r = _git(repo, "archive", "--format=tar", commit, *(["--", subpath] if subpath else []),
             text=False)
    if r.returncode != 0:
        raise NoPlanAt(f"{subpath or '.'} ({r.stderr.decode(errors='replace').strip()})")
    dest.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(fileobj=io.BytesIO(r.stdout)) as tar:
            tar.extractall(dest, filter="data")  # refuses links that point outside
    except (tarfile.TarError, OSError) as exc:
        raise NoPlanAt(f"{subpath or '.'} could not be extracted ({exc})") from None
    return dest / subpath if subpath else dest


def load_for_diff(root: Path) -> tuple[Plan, list[Problem], int]:
    """Load a plan (without cards) to compare: (plan, blocking errors, other errors).

    Blocking: a program or domain file that could not be read into the models (the plan
    would be incomplete) or a duplicated id (the comparison matches ids). Other errors (a
    target below the previous year's, ...) do not stop a comparison.
    """
    from pam.load.pipeline import load_plan, plan_files

    plan, problems = load_plan(root, cards=False, locate_warnings=False)
    errors = [p for p in problems if p.severity == "error"]
    domain_files = plan_files(root, False)[1]
    incomplete = plan.program is None or not domain_files or len(plan.domains) < len(domain_files)
    blocking = errors if incomplete else [p for p in errors if p.code == "duplicate-id"]
    return plan, blocking, len(errors) - len(blocking)


def relabel(problems: list[Problem], root: Path, prefix: str) -> list[Problem]:
    """Show files of an extracted revision as REV:path instead of a temporary folder."""
    import os

    forms = sorted({str(root), os.path.relpath(root)}, key=len, reverse=True)
    out = []
    for p in problems:
        for form in forms:
            if p.file == form or p.file.startswith(form + os.sep):
                p = replace(p, file=prefix + p.file[len(form):].lstrip(os.sep))
                break
        out.append(p)
    return out


# --- rendering -------------------------------------------------------------------------------

def _num(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _node_json(n: Node) -> dict:
    return {"kind": n.kind, "id": n.id, "parent": n.parent, "name": n.name,
            "name_fr": n.name_fr, "cost": _num(n.cost), "cost_status": n.cost_status,
            "targets": {str(y): _num(v) for y, v in n.targets},
            "added_by": n.added_by, "dropped_by": n.dropped_by}


def diff_json(d: PlanDiff) -> dict:
    """The PlanDiff as JSON-ready data (stable keys)."""
    from dataclasses import asdict

    def rows(items):
        return [{k: _num(v) for k, v in asdict(i).items()} for i in items]

    t = d.totals
    return {
        "before": {"label": d.before.label, "commit": d.before.commit},
        "after": {"label": d.after.label, "commit": d.after.commit},
        "changed": d.changed,
        "totals": {
            "actions": {"before": t.actions_before, "after": t.actions_after,
                        "difference": t.actions_difference},
            "cost": {"before": _num(t.cost_before), "after": _num(t.cost_after),
                     "difference": _num(t.cost_difference)},
        },
        "added": [_node_json(n) for n in d.added],
        "removed": [_node_json(n) for n in d.removed],
        "moved": rows(d.moved), "renamed": rows(d.renamed), "costs": rows(d.costs),
        "targets": rows(d.targets), "marks": rows(d.marks),
    }


def fmt_cost(cost, code: bool = False) -> str:
    """0.5, '* (not fixed)', '- (no cost of its own)', 'blank'; code=True quotes the sign."""
    status = cost_status(cost)
    if status == "costed":
        return f"{cost:g}"
    sign = f"`{cost}`" if code else cost
    return "blank" if cost is None else f"{sign} ({COST_WORDS[status]})"


def _pct(value) -> str:
    return "—" if value is None else f"{value:g}%"


def _signed(value: float, digits: int = 2) -> str:
    return f"{value:+.{digits}f}" if digits else f"{value:+d}"


def _targets(targets) -> str:
    return ", ".join(f"{y}: {v:g}%" for y, v in targets) or "none"


def _short(text: str | None, width: int = 60) -> str:
    text = _norm_text(text or "")
    return text if len(text) <= width else text[:width - 1] + "…"


def render_text(d: PlanDiff, shape=lambda s: s) -> str:
    """The comparison for a terminal: totals, then one line per change."""
    t = d.totals
    lines = [f"pam diff: {d.before} → {d.after}",
             f"actions {t.actions_before} → {t.actions_after} "
             f"({_signed(t.actions_difference, 0)}); numeric cost {t.cost_before:.2f} → "
             f"{t.cost_after:.2f} M MAD ({_signed(t.cost_difference)})"]
    if not d.changed:
        return "\n".join(lines + ["no difference in the plan"]) + "\n"

    def section(title, items, line):
        if items:
            lines.extend(["", f"{title} ({len(items)})"])
            lines.extend("  " + line(i) for i in items)

    def node(n: Node) -> str:
        where = f" in {n.parent}" if n.parent else ""
        extra = (f"  cost {fmt_cost(n.cost)}; targets {_targets(n.targets)}"
                 if n.kind == "action" else "")
        return f"{n.kind:<8} {n.id}{where}  {shape(_short(n.name))}{extra}"

    section("added", d.added, lambda n: "+ " + node(n))
    section("removed", d.removed, lambda n: "- " + node(n))
    section("moved", d.moved, lambda m: (
        f"> {m.kind:<8} {m.id_before} (in {m.parent_before or '—'}) → {m.id_after} "
        f"(in {m.parent_after or '—'})  {shape(_short(m.name))}"))
    section("renamed", d.renamed, lambda r: (
        f"~ {r.kind:<8} {r.id} {r.field}: {shape(_short(r.before, 40))} → "
        f"{shape(_short(r.after, 40))}"))
    section("cost (million MAD)", d.costs, lambda c: (
        f"$ {c.id}  {fmt_cost(c.before)} → {fmt_cost(c.after)}"
        + (f" ({_signed(c.difference)})" if c.difference is not None else "")))
    section("targets (cumulative % at 31 December)", d.targets, lambda x: (
        f"% {x.id}  {x.year}: {_pct(x.before)} → {_pct(x.after)}"))
    section("amendment marks", d.marks, lambda m: (
        f"! {m.id}  {m.field}: {m.before or '—'} → {m.after or '—'}"))
    return "\n".join(lines) + "\n"


def _cell(value) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list]) -> list[str]:
    return (["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows])


def render_markdown(d: PlanDiff) -> str:
    """The comparison as Markdown (a pull-request comment, an amendment's record)."""
    t = d.totals
    out = [f"## Plan changes: {_cell(d.before)} → {_cell(d.after)}", ""]
    out += _table(["", "before", "after", "difference"], [
        ["actions", t.actions_before, t.actions_after, _signed(t.actions_difference, 0)],
        ["numeric cost (million MAD)", f"{t.cost_before:.2f}", f"{t.cost_after:.2f}",
         _signed(t.cost_difference)]])
    if not d.changed:
        return "\n".join(out + ["", "No difference in the plan."]) + "\n"

    def section(title, items, head, row):
        if items:
            out.extend(["", f"### {title} ({len(items)})", ""])
            out.extend(_table(head, [row(i) for i in items]))

    node_head = ["kind", "id", "parent", "name / text", "cost", "targets"]

    def node_row(n: Node):
        return [n.kind, f"`{n.id}`", n.parent, n.name,
                fmt_cost(n.cost, True) if n.kind == "action" else None,
                _targets(n.targets) if n.kind == "action" else None]

    section("Added", d.added, node_head, node_row)
    section("Removed", d.removed, node_head, node_row)
    section("Moved", d.moved, ["kind", "before", "after", "name / text"], lambda m: [
        m.kind, f"`{m.id_before}` in {m.parent_before or '—'}",
        f"`{m.id_after}` in {m.parent_after or '—'}", m.name])
    section("Renamed", d.renamed, ["kind", "id", "field", "before", "after"],
            lambda r: [r.kind, f"`{r.id}`", r.field, r.before, r.after])
    section("Cost changes (million MAD)", d.costs, ["action", "before", "after", "difference"],
            lambda c: [f"`{c.id}`", fmt_cost(c.before, True), fmt_cost(c.after, True),
                       _signed(c.difference) if c.difference is not None else None])
    section("Target changes (cumulative % at 31 December)", d.targets,
            ["action", "year", "before", "after"],
            lambda x: [f"`{x.id}`", x.year, _pct(x.before), _pct(x.after)])
    section("Amendment marks", d.marks, ["action", "field", "before", "after"],
            lambda m: [f"`{m.id}`", m.field, m.before, m.after])
    return "\n".join(out) + "\n"
