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
    p = plan.loaded_program

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


def summary_line(node) -> str:
    """Counts, cost and target years of a domain, axis or project, in the run's language."""
    from pam.i18n.terminal import n, t

    acts = actions_of(node)
    tot = totals(acts)
    uncosted = tot["actions"] - tot["costed"]
    years = sorted({y for x in acts for y in x.targets})
    span = (str(years[0]) if len(years) == 1 else
            f"{years[0]}–{years[-1]}") if years else t("tree.no_targets")
    parts = []
    if isinstance(node, Domain):
        parts.append(n(len(node.axes), "axes"))
    axes = node.axes if isinstance(node, Domain) else [node] if isinstance(node, Axis) else []
    if axes:
        parts.append(n(sum(len(a.projects) for a in axes), "projects"))
    parts.append(n(tot["actions"], "actions"))
    parts.append(t("tree.cost", cost=fmt_num(tot["cost"]))
                 + (" " + t("tree.without_cost", count=uncosted) if uncosted else ""))
    parts.append(span)
    return " · ".join(parts)


def render_tree(plan: Plan, root, depth: int | None, term) -> None:
    """The plan (or one node) as a tree into `term`, down to `depth` levels: ids, names
    (shaped each on its own, wrapped in reading order under their guides), counts, costs and
    target years."""
    from pam.i18n.terminal import t
    from pam.render.term import Styled

    def label(n) -> Styled:
        out = Styled(f"{n.id} ", "bold")
        if isinstance(n, Action):
            targets = " ".join(f"{y}:{v:g}" for y, v in sorted(n.targets.items()))
            cost = {"costed": t("tree.cost_short", cost=fmt_num(n.cost_value)),
                    "no_cost": t("tree.no_cost"), "not_fixed": t("tree.not_fixed"),
                    "blank": t("tree.blank")}[n.cost_status]
            out.append(n.text, None, join=False)
            return out.append(f" · {cost} · {targets or t('tree.no_targets')}", "dim")
        out.append(n.name.ar, None, join=False)
        return out.append(f" · {summary_line(n)}", "dim")

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

    def grow(n, level, guide):
        if depth is not None and level >= depth:
            return
        found = children(n)
        for i, c in enumerate(found):
            last = i == len(found) - 1
            term.print(label(c), by_part=True, first=guide + ("└── " if last else "├── "),
                       indent=guide + ("    " if last else "│   ") + "    ")
            grow(c, level + 1, guide + ("    " if last else "│   "))

    if root is None:
        p = plan.loaded_program
        head = Styled(p.name.ar, "bold")
        if p.name.fr:
            head.append(f" · {neutralize(p.name.fr)}", "dim")
        head.append(f" · {summary_line_program(plan)}", "dim")
        term.print(head, by_part=True, indent="    ")
        if depth is None or depth >= 1:
            top = [c for d in plan.domains for c in (children(d) if "domain" in hidden else [d])]
            for i, d in enumerate(top):
                last = i == len(top) - 1
                term.print(label(d), by_part=True, first="└── " if last else "├── ",
                           indent=("    " if last else "│   ") + "    ")
                grow(d, 1, "    " if last else "│   ")
        return
    term.print(label(root), by_part=True, indent="    ")
    grow(root, 0, "")


def summary_line_program(plan: Plan) -> str:
    from pam.i18n.terminal import n, t

    tot = totals(plan.actions())
    return " · ".join([n(len(plan.domains), "domains"), n(len(plan.axes()), "axes"),
                       n(len(plan.projects()), "projects"), n(tot["actions"], "actions"),
                       t("tree.cost", cost=fmt_num(tot["cost"])) + " "
                       + t("tree.without_cost", count=tot["actions"] - tot["costed"])])
