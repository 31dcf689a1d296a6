"""Compare two versions of a plan: what was added, removed, moved, renamed, re-costed, re-targeted.

compute_diff(before, after) is pure: two loaded plans in, a frozen PlanDiff out. Nodes are
matched by id; then a removed node and an added node of the same kind with the same text (an
action moved to another project takes a new id) are matched as a move when the match is unique.
Reading a plan at a git revision is in revisions.py; rendering in pam/render/diff.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from pam.model import cost_status
from pam.plan import Plan

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
    def groups(nodes: list[Node]) -> dict[tuple, list[Node]]:
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
                       # both costed: numbers
                       round(cast(float, b.cost) - cast(float, a.cost), 6) if both else None)]


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
