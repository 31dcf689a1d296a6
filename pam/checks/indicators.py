"""Checks of the physical indicators: how the plan defines them (ids, baseline, direction,
targets) and the values the cards measure (known ids, cumulative ones never going back)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, cast

from pam.plan import Plan
from pam.problems import Problem, did_you_mean

if TYPE_CHECKING:
    import datetime as dt

    from pam.model import Action, Project


def _owners(plan: Plan):
    """(project, node, indicator index, indicator) for every indicator of the plan, the
    project's own first, then its actions'."""
    for p in plan.projects():
        for i, ind in enumerate(p.indicators):
            yield p, p, i, ind
        for x in p.actions:
            for i, ind in enumerate(x.indicators):
                yield p, x, i, ind


def check_indicator_defs(plan: Plan) -> list[Problem]:
    """Each indicator: an id unique in its project (cards name it), a unit, targets, a
    baseline before them, targets that move the way its direction says."""
    out = []
    seen: dict[tuple[str, str], Project | Action] = {}
    for project, node, i, ind in _owners(plan):
        at = ("indicators", i)
        if not ind.id:
            out.append(plan.problem(node, at + ("name",), "warning", "indicator-no-id",
                                    f"the indicator '{ind.name.ar}' of {node.id} has no id, so "
                                    "no card can report it; give it one, e.g. id: "
                                    f"{node.id}.I{i + 1}"))
        else:
            key = (project.id, ind.id.lower())
            if key in seen:
                out.append(plan.problem(node, at + ("id",), "error", "duplicate-indicator",
                                        f"indicator id '{ind.id}' is used twice in project "
                                        f"{project.id} (also on {seen[key].id}): a card names "
                                        "an indicator by its id; give this one another id"))
            seen.setdefault(key, node)
        if not ind.unit:
            out.append(plan.problem(node, at + ("name",), "warning", "indicator-no-unit",
                                    f"the indicator '{ind.name.ar}' of {node.id} has no unit: "
                                    "it is measured, but never added to others; give its unit "
                                    "(km, classrooms, beneficiaries, %)"))
        if not ind.targets:
            out.append(plan.problem(node, at + ("name",), "warning", "indicator-no-target",
                                    f"the indicator '{ind.name.ar}' of {node.id} has no yearly "
                                    "target, so it cannot be measured against a plan; add "
                                    "targets: {YEAR: value}"))
            continue
        out += _baseline_and_direction(plan, node, at, ind)
    return out


def _baseline_and_direction(plan: Plan, node, at: tuple, ind) -> list[Problem]:
    out = []
    first = min(ind.targets)
    b = ind.baseline
    if b is not None and b.year is not None and b.year >= first:
        out.append(plan.problem(node, at + ("baseline", "year"), "warning",
                                "indicator-baseline-year",
                                f"the baseline of '{ind.name.ar}' is dated {b.year}, not before "
                                f"its first target ({first}): a baseline is the value before "
                                f"the program acts; pam starts the plan at the end of {first - 1}"
                                "; give the year the baseline was measured"))
    if not ind.cumulative:
        return out
    if b is None and ind.direction == "down":
        out.append(plan.problem(node, at + ("direction",), "warning", "indicator-no-baseline",
                                f"'{ind.name.ar}' goes down but has no baseline: pam cannot "
                                f"plan its way before its first target ({first}); add "
                                "baseline: {value: ..., year: ...}"))
    points = ([(f"the baseline ({b.year or 'no year'})", b.value)] if b is not None else []) + \
        [(str(y), ind.targets[y]) for y in sorted(ind.targets)]
    up = ind.direction == "up"
    for (was, v0), (now, v1) in zip(points, points[1:], strict=False):
        if (v1 < v0) if up else (v1 > v0):
            year = int(now)
            out.append(plan.problem(
                node, at + ("targets", year), "warning", "indicator-direction",
                f"the {now} target of '{ind.name.ar}' is {v1:g}, {'below' if up else 'above'} "
                f"{was} {v0:g}, but the indicator goes {ind.direction} and is cumulative (the "
                f"value reached by 31 December): check the target, or say direction: "
                f"{'down' if up else 'up'}, or cumulative: false for a yearly amount"))
            break
    return out


def _index(plan: Plan) -> dict[str, tuple[dict, dict]]:
    """action id -> ({indicator id: indicator} of the action, of its project)."""
    def make():
        out = {}
        for p in plan.projects():
            own = {i.id: i for i in p.indicators if i.id}
            for x in p.actions:
                out[x.id] = ({i.id: i for i in x.indicators if i.id}, own)
        return out
    return plan.derived("indicator index", make)


def check_indicator_values(plan: Plan) -> list[Problem]:
    """The values of a card's lines: an indicator of the line's action or of its project, a
    project's indicator once per card, and a cumulative indicator never moving back (down
    for `up`, up for `down`) without a correction."""
    out = []
    known = _index(plan)
    history = defaultdict(list)
    for card in plan.cards:
        once: dict[str, str] = {}
        for i, entry in enumerate(card.actions):
            if not entry.indicators:
                continue
            own, project = known.get(entry.action, ({}, {}))
            # read from a file: no empty values (pam.model._measured_only)
            for key, value in cast("dict[str, float]", entry.indicators).items():
                where = ("actions", i, "indicators", key)
                ind = own.get(key) or project.get(key)
                if ind is None:
                    names = sorted(own) + sorted(project)
                    listed = ", ".join(names) or "none"
                    out.append(plan.problem(card, where, "error", "unknown-indicator",
                                            f"'{key}' is not an indicator of {entry.action} or "
                                            f"of its project (their indicators: {listed})."
                                            f"{did_you_mean(key, names)}"))
                    continue
                if key in project and key not in own:
                    if key in once:
                        out.append(plan.problem(card, where, "error",
                                                "duplicate-indicator-value",
                                                f"the project's indicator '{key}' is already "
                                                f"measured on this card (line of {once[key]}); "
                                                "give it on one line only"))
                        continue
                    once[key] = entry.action
                    owner = "project"
                else:
                    owner = entry.action
                history[(owner if owner != "project" else card.project, key)].append(
                    (card.measured_on(entry), card.period, card, i, entry, value, ind))
    for (_owner, key), rows in history.items():
        rows.sort(key=lambda r: (r[0], r[1]))
        last: tuple[dt.date, float] | None = None
        for when, _period, card, i, entry, value, ind in rows:
            if ind.cumulative and last is not None and not entry.correction:
                back = value < last[1] if ind.direction == "up" else value > last[1]
                if back:
                    word = "decreased" if ind.direction == "up" else "increased"
                    out.append(plan.problem(
                        card, ("actions", i, "indicators", key), "error",
                        f"indicator-{word}",
                        f"indicator {key} is {value:g} on {when}, "
                        f"{'lower' if ind.direction == 'up' else 'higher'} than the "
                        f"{last[1]:g} measured on {last[0]}: it is cumulative and goes "
                        f"{ind.direction}; if the earlier value was wrong, add 'correction: "
                        "\"<reason>\"' to this line"))
            last = (when, value)
    return out
