"""Checks of the plan itself: program period, ids, targets, texts, declared counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pam.plan import Plan
from pam.problems import Problem

if TYPE_CHECKING:
    from pam.model import Node

PERSIAN = {"ی": "ي", "ک": "ك", "ە": "ه", "ۀ": "ة"}


def check_program_period(plan: Plan) -> list[Problem]:
    p = plan.program
    if p is None or p.period.start <= p.period.end:
        return []
    return [plan.problem(p, ("period",), "error", "bad-period",
                         f"the period starts in {p.period.start} but ends in {p.period.end}; "
                         "swap them")]


def check_ids_unique(plan: Plan) -> list[Problem]:
    seen: dict[str, Node] = {}
    out = []
    for kind, node in _nodes(plan):
        first = seen.setdefault(node.id.lower(), node)
        if first is not node:
            f, line, _ = plan.where(first)
            out.append(plan.problem(node, ("id",), "error", "duplicate-id",
                                    f"{kind} id '{node.id}' is already used at {f}:{line}; "
                                    "ids must be unique: give this one the next free number"))
    return out


def check_id_parent(plan: Plan) -> list[Problem]:
    out = []
    for d in plan.domains:
        for parent, kind, children in [(d, "axis", d.axes)] + [
                (a, "project", a.projects) for a in d.axes] + [
                (p, "action", p.actions) for a in d.axes for p in a.projects]:
            for child in children:
                if not child.id.startswith(parent.id + "."):
                    out.append(plan.problem(child, ("id",), "error", "id-parent",
                                            f"{kind} id '{child.id}' does not start with its "
                                            f"parent's id '{parent.id}.'; expected something "
                                            f"like '{parent.id}.{child.id.split('.')[-1]}'"))
    return out


def check_targets(plan: Plan) -> list[Problem]:
    """Targets are cumulative percents (0-100), non-decreasing, inside the program period."""
    out = []
    years = plan.program.years if plan.program and plan.program.years else None
    for x in plan.actions():
        previous = None
        for year in sorted(x.targets):
            value = x.targets[year]
            if not 0 <= value <= 100:
                out.append(plan.problem(x, ("targets", year), "error", "target-range",
                                        f"the {year} target is {value:g}%: a target is a share "
                                        "done, from 0 to 100; correct it"))
            if years is not None and year not in years:
                out.append(plan.problem(x, ("targets", year), "error", "target-year",
                                        f"target year {year} is outside the program period "
                                        f"{years.start}-{years.stop - 1}; fix the year"))
            if previous is not None and value < previous[1]:
                out.append(plan.problem(
                    x, ("targets", year), "error", "target-not-cumulative",
                    f"the {year} target {value:g}% is below the {previous[0]} target "
                    f"{previous[1]:g}%: targets are cumulative (share done by 31 December); "
                    f"did you mean {previous[1]:g}% or more?"))
            previous = (year, value)
    return out


def check_targets_complete(plan: Plan) -> list[Problem]:
    out = []
    for x in plan.actions():
        if not x.targets:
            out.append(plan.problem(x, ("id",), "warning", "no-target",
                                    "this action has no yearly target at all, so its progress "
                                    "cannot be measured; add targets when they are set"))
            continue
        last = max(x.targets)
        if x.targets[last] < 100:
            out.append(plan.problem(x, ("targets", last), "warning", "target-below-100",
                                    f"the last target ({last}) is {x.targets[last]:g}%: the action "
                                    "is never planned to be complete; check the seed or the "
                                    "decision behind it"))
    return out


def check_text(plan: Plan) -> list[Problem]:
    out = []
    for kind, node in _nodes(plan):
        text = node.text if kind == "action" else node.name.ar
        key = ("text",) if kind == "action" else ("name", "ar")
        if not text.strip():
            out.append(plan.problem(node, key, "error", "empty-text",
                                    f"the {kind} '{node.id}' has an empty "
                                    f"{'text' if kind == 'action' else 'Arabic name'}; write it"))
        letters = sorted({ch for ch in text if ch in PERSIAN})
        if letters:
            fix = ", ".join(f"{ch} -> {PERSIAN[ch]}" for ch in letters)
            out.append(plan.problem(node, key, "warning", "persian-letters",
                                    f"Persian letters in Arabic text ({fix}); they look alike "
                                    "but break search and sorting: replace them"))
    return out


def check_declared_counts(plan: Plan) -> list[Problem]:
    """The summary table the program declares vs what the domain files hold (warnings)."""
    prog = plan.program
    if prog is None or prog.declared is None or not plan.domains:
        return []
    out = []
    by_id = {d.id: d for d in plan.domains}
    for row in prog.declared.domains:
        d = by_id.get(row.domain or "")
        if d is None:
            continue
        found = _counts([d])
        out += _compare(plan, row, found, f"domain {d.id}")
    if prog.declared.total is not None:
        out += _compare(plan, prog.declared.total, _counts(plan.domains), "the program")
    return out


def _counts(domains) -> dict[str, int]:
    axes = [a for d in domains for a in d.axes]
    projects = [p for a in axes for p in a.projects]
    return {"axes": len(axes), "projects": len(projects),
            "actions": sum(len(p.actions) for p in projects)}


def _compare(plan, row, found, label) -> list[Problem]:
    out = []
    for what in ("axes", "projects", "actions"):
        declared = getattr(row, what)
        if declared != found[what]:
            out.append(plan.problem(row, (what,), "warning", "declared-count-mismatch",
                                    f"the summary table declares {declared} {what} for {label}, "
                                    f"the files hold {found[what]} ({found[what] - declared:+d}); "
                                    "the seed's tables disagree with its summary: keep both "
                                    "as printed, or correct the one that is wrong"))
    return out


def _nodes(plan: Plan):
    for d in plan.domains:
        yield "domain", d
        for a in d.axes:
            yield "axis", a
            for p in a.projects:
                yield "project", p
                for x in p.actions:
                    yield "action", x


def check_thresholds(plan: Plan) -> list[Problem]:
    """The status thresholds agree with each other (their ranges are in the model)."""
    p = plan.program
    if p is None:
        return []
    t = p.thresholds
    if t.late <= t.at_risk:
        return []
    return [plan.problem(t, ("late",), "error", "thresholds-contradict",
                         f"late ({t.late:g}) is above at_risk ({t.at_risk:g}): an action "
                         "would be late before it is at risk; late is the larger gap, so the "
                         f"lower number, e.g. at_risk: {min(t.at_risk, t.late):g} and late: "
                         f"{max(min(t.at_risk, t.late) - 15, -100):g}")]


def check_empty_nodes(plan: Plan) -> list[Problem]:
    """A domain without axes, an axis without projects, a project without actions."""
    out = []
    for kind, node in _nodes(plan):
        if kind == "action":
            continue
        children = {"domain": "axes", "axis": "projects", "project": "actions"}[kind]
        if not getattr(node, children):
            out.append(plan.problem(node, ("id",), "warning", "empty-node",
                                    f"the {kind} '{node.id}' has no {children}: it counts for "
                                    "nothing in the status and the reports; add its "
                                    f"{children}, or remove it"))
    return out


def check_id_collisions(plan: Plan) -> list[Problem]:
    """Ids that differ only by case or punctuation (D1.A1.P1.0_1 and D1.A1.P1.0.1): people
    read them as one, and a TaskJuggler export, whose ids are letters, digits and '_', makes
    them one task (pam export tjp renames the second)."""
    import re

    seen: dict[str, Node] = {}
    out = []
    for kind, node in _nodes(plan):
        key = re.sub(r"[^a-z0-9]+", "_", node.id.lower())
        first = seen.setdefault(key, node)
        if first is not node and first.id.lower() != node.id.lower():
            f, line, _ = plan.where(first)
            out.append(plan.problem(node, ("id",), "warning", "id-collision",
                                    f"{kind} id '{node.id}' differs from '{first.id}' "
                                    f"({f}:{line}) only by its punctuation: they read as one id "
                                    "and become one task in pam export tjp; renumber one"))
    return out


def check_amounts(plan: Plan) -> list[Problem]:
    """Costs are in million MAD: an action costing 10,000 or more was most likely typed in
    dirhams."""
    from pam.checks.cards import MAD_LIKE

    out = []
    for x in plan.actions():
        cost = x.cost_value
        if cost is not None and cost >= MAD_LIKE:
            out.append(plan.problem(x, ("cost",), "warning", "amount-in-mad",
                                    f"cost {cost:g} million MAD is {cost / 1000:g} billion "
                                    "dirhams for one action: was it typed in dirhams? Costs "
                                    f"are in million MAD ({cost:g} MAD is {cost / 1e6:g})"))
    return out


def check_indicators(plan: Plan) -> list[Problem]:
    """Indicator targets inside the program period; partner shares at most 100% in all."""
    years = plan.program.years if plan.program and plan.program.years else None
    out = []
    for kind, node in _nodes(plan):
        for i, ind in enumerate(getattr(node, "indicators", [])):
            for year in sorted(ind.targets):
                if years is not None and year not in years:
                    out.append(plan.problem(node, ("indicators", i, "targets", year), "error",
                                            "target-year",
                                            f"indicator target year {year} is outside the "
                                            f"program period {years.start}-{years.stop - 1}; "
                                            "fix the year"))
        if kind == "project":
            total = sum(p.share or 0 for p in node.partners)
            if total > 100.0001:
                out.append(plan.problem(node, ("partners",), "warning", "partner-shares",
                                        f"the partners' shares add up to {total:g}% of the "
                                        f"funding of {node.id}, more than 100%; correct the "
                                        "shares"))
    return out
