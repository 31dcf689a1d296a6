"""The plan as a tree: rich for the terminal, plain data for JSON (keys kept stable)."""

from __future__ import annotations

from pam.model import Action, Axis, Domain, Project
from pam.plan import Plan
from pam.render.text import fmt_num, neutralize


def action_json(x: Action, years) -> dict:
    return {
        "id": x.id,
        "text": x.text,
        "cost": x.cost_value,
        "cost_status": x.cost_status,
        "targets": {str(y): x.targets.get(y) for y in years},
    }


def tree_json(plan: Plan, years) -> dict:
    p = plan.program

    def node(n, children_key=None, children=()):
        out = {"id": n.id, "name": n.name.ar, "name_fr": n.name.fr}
        if children_key:
            out[children_key] = list(children)
        return out

    return {
        "program": {
            "id": p.id, "name": p.name.ar, "name_fr": p.name.fr, "commune": p.commune.ar,
            "period": {"start": p.period.start, "end": p.period.end},
            "currency": p.currency, "cost_unit": p.cost_unit,
            **totals(plan.actions()),
        },
        "domains": [
            node(d, "axes", [
                node(a, "projects", [
                    node(pr, "actions", [action_json(x, years) for x in pr.actions])
                    for pr in a.projects])
                for a in d.axes])
            for d in plan.domains
        ],
    }


def totals(actions) -> dict:
    costs = [x.cost_value for x in actions if x.cost_value is not None]
    statuses = [x.cost_status for x in actions]
    return {
        "actions": len(actions),
        "cost": round(sum(costs), 4),
        "costed": len(costs),
        "no_cost": statuses.count("no_cost"),
        "not_fixed": statuses.count("not_fixed"),
        "blank": statuses.count("blank"),
    }


def actions_of(node) -> list[Action]:
    if isinstance(node, Action):
        return [node]
    if isinstance(node, Project):
        return list(node.actions)
    if isinstance(node, Axis):
        return [x for p in node.projects for x in p.actions]
    if isinstance(node, Domain):
        return [x for a in node.axes for p in a.projects for x in p.actions]
    return []


def summary_line(node, shape) -> str:
    acts = actions_of(node)
    t = totals(acts)
    uncosted = t["actions"] - t["costed"]
    years = sorted({y for x in acts for y in x.targets})
    span = f"{years[0]}–{years[-1]}" if years else "no targets"
    parts = []
    if isinstance(node, Domain):
        parts.append(f"{len(node.axes)} axes")
    axes = node.axes if isinstance(node, Domain) else [node] if isinstance(node, Axis) else []
    if axes:
        parts.append(f"{sum(len(a.projects) for a in axes)} projects")
    parts.append(f"{t['actions']} actions")
    parts.append(f"{fmt_num(t['cost'])} M MAD" + (f" ({uncosted} without cost)" if uncosted else ""))
    parts.append(span)
    return " · ".join(parts)


def render_tree(plan: Plan, root, depth: int | None, shape):
    """A rich Tree of the plan (or of one node) down to `depth` levels."""
    from rich.markup import escape
    from rich.tree import Tree

    def label(n) -> str:
        if isinstance(n, Action):
            targets = " ".join(f"{y}:{v:g}" for y, v in sorted(n.targets.items()))
            cost = {"costed": f"{fmt_num(n.cost_value)} M", "no_cost": "no cost (-)",
                    "not_fixed": "cost not fixed (*)", "blank": "cost blank"}[n.cost_status]
            return (f"[bold]{n.id}[/] {escape(shape(n.text))} [dim]· {cost} · "
                    f"{targets or 'no targets'}[/]")
        return f"[bold]{n.id}[/] {escape(shape(n.name.ar))} [dim]· {summary_line(n, shape)}[/]"

    hidden = plan.program.implicit_kinds() if plan.program else frozenset()
    kinds = {Domain: "domain", Axis: "axis", Project: "project"}

    def children(n):
        if isinstance(n, Domain):
            found = n.axes
        elif isinstance(n, Axis):
            found = n.projects
        elif isinstance(n, Project):
            found = n.actions
        else:
            return []
        # a level the commune's PAC does not have (levels: implicit): its children instead
        return [g for c in found for g in
                (children(c) if kinds.get(type(c)) in hidden else [c])]

    def grow(tree, n, level):
        if depth is not None and level >= depth:
            return
        for c in children(n):
            grow(tree.add(label(c)), c, level + 1)

    if root is None:
        p = plan.program
        tree = Tree(f"[bold]{escape(shape(p.name.ar))}[/] [dim]· {escape(neutralize(p.name.fr or ''))} · "
                    f"{summary_line_program(plan)}[/]")
        top = [c for d in plan.domains for c in (children(d) if "domain" in hidden else [d])]
        for d in top:
            if depth is None or depth >= 1:
                grow(tree.add(label(d)), d, 1)
        return tree
    tree = Tree(label(root))
    grow(tree, root, 0)
    return tree


def summary_line_program(plan: Plan) -> str:
    t = totals(plan.actions())
    return (f"{len(plan.domains)} domains · {len(plan.axes())} axes · "
            f"{len(plan.projects())} projects · {t['actions']} actions · "
            f"{fmt_num(t['cost'])} M MAD ({t['actions'] - t['costed']} without cost)")
