"""Validators: small check_* functions (plan) -> list[Problem], run in order by run_checks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .periods import period_bounds
from .plan import Plan
from .problems import Problem, did_you_mean

PERSIAN = {"ی": "ي", "ک": "ك", "ە": "ه", "ۀ": "ة"}


def check_program_period(plan: Plan) -> list[Problem]:
    p = plan.program
    if p is None or p.period.start <= p.period.end:
        return []
    return [plan.problem(p, ("period",), "error", "bad-period",
                         f"the period starts in {p.period.start} but ends in {p.period.end}; "
                         "swap them")]


def check_ids_unique(plan: Plan) -> list[Problem]:
    seen: dict[str, object] = {}
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


# --- progress cards ------------------------------------------------------------------------

def check_card_refs(plan: Plan) -> list[Problem]:
    out = []
    idx = plan.index()
    projects = plan.ids("project")
    for card in plan.cards:
        found = idx.get(card.project)
        if found is None or found[0] != "project":
            out.append(plan.problem(card, ("project",), "error", "unknown-project",
                                    f"no project '{card.project}' in the plan."
                                    f"{did_you_mean(card.project, projects)}"))
            continue
        actions = [x.id for x in found[1].actions]
        seen = set()
        for i, entry in enumerate(card.actions):
            if entry.action in seen:
                out.append(plan.problem(card, ("actions", i, "action"), "error",
                                        "duplicate-entry", f"action '{entry.action}' appears "
                                        "twice on this card; keep one line per action"))
            seen.add(entry.action)
            if entry.action not in actions:
                other = idx.get(entry.action)
                why = (f"it belongs to project '{plan.project_of(entry.action).id}'"
                       if other and other[0] == "action" else "no such action in the plan")
                out.append(plan.problem(card, ("actions", i, "action"), "error",
                                        "unknown-action",
                                        f"action '{entry.action}' is not an action of project "
                                        f"'{card.project}' ({why}).{did_you_mean(entry.action, actions)}"))
    return out


def check_card_dates(plan: Plan) -> list[Problem]:
    out = []
    years = plan.program.years if plan.program and plan.program.years else None
    today = dt.date.today()
    for card in plan.cards:
        start, end = period_bounds(card.period)
        stem = card._file.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem != card.period or f"/{card.project}/" not in card._file.replace("\\", "/"):
            out.append(plan.problem(card, ("period",), "warning", "card-misplaced",
                                    f"a card for {card.project}, {card.period} is expected at "
                                    f"progress/{card.project}/{card.period}.yaml; move it there "
                                    "so two cards never share a file"))
        dates = [(("date",), card.date)] + [
            (("actions", i, "date"), e.date) for i, e in enumerate(card.actions) if e.date]
        for key, when in dates:
            if years is not None and when.year not in years:
                out.append(plan.problem(card, key, "error", "date-outside-program",
                                        f"{when} is outside the program period "
                                        f"{years.start}-{years.stop - 1}; correct the date"))
            elif when > today:
                out.append(plan.problem(card, key, "error", "date-in-future",
                                        f"{when} is in the future (today is {today}); "
                                        "a card reports what was done: correct the date"))
            if when < start:
                out.append(plan.problem(card, key, "error", "date-before-period",
                                        f"{when} is before the card's period {card.period} "
                                        f"({start} to {end}); fix the date or the period"))
    return out


def check_progress(plan: Plan) -> list[Problem]:
    """Per action over time: progress never decreases without a correction; spent vs cost."""
    out = []
    history = defaultdict(list)
    for card in plan.cards:
        for i, entry in enumerate(card.actions):
            history[entry.action].append((card.measured_on(entry), card.period, card, i, entry))
    idx = plan.index()
    for action_id, rows in history.items():
        rows.sort(key=lambda r: (r[0], r[1]))
        found = idx.get(action_id)
        cost = found[1].cost_value if found and found[0] == "action" else None
        previous = None
        for when, _period, card, i, entry in rows:
            if previous and entry.progress < previous[1] and not entry.correction:
                out.append(plan.problem(
                    card, ("actions", i, "progress"), "error", "progress-decreased",
                    f"progress of {action_id} is {entry.progress:g}% on {when}, lower than the "
                    f"{previous[1]:g}% reported on {previous[0]}: progress is cumulative; if the "
                    "earlier figure was wrong, add 'correction: \"<reason>\"' to this line"))
            if entry.spent is not None and cost is not None and entry.spent > cost:
                out.append(plan.problem(
                    card, ("actions", i, "spent"), "warning", "spent-over-cost",
                    f"spent {entry.spent:g} million MAD on {action_id}, above its cost of "
                    f"{cost:g}; check the amount or record the overrun in the notes"))
            if entry.state == "done" and entry.progress < 100:
                out.append(plan.problem(
                    card, ("actions", i, "state"), "warning", "state-progress-mismatch",
                    f"state is 'done' but progress is {entry.progress:g}%; set progress to 100 "
                    "or the state to 'ongoing'"))
            previous = (when, entry.progress)
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


def check_amendments(plan: Plan) -> list[Problem]:
    from .amend import check_amendments as check

    return check(plan)


def check_dropped_reports(plan: Plan) -> list[Problem]:
    from .amend import check_dropped_reports as check

    return check(plan)


def check_frozen(plan: Plan) -> list[Problem]:
    from .freeze import check_frozen as check

    return check(plan)


CHECKS = [
    check_program_period,
    check_ids_unique,
    check_id_parent,
    check_targets,
    check_targets_complete,
    check_text,
    check_declared_counts,
    check_card_refs,
    check_card_dates,
    check_progress,
    check_amendments,
    check_dropped_reports,
    check_frozen,
]


def run_checks(plan: Plan) -> list[Problem]:
    """Run every check; a check that crashes becomes a problem, not a traceback."""
    out: list[Problem] = []
    for check in CHECKS:
        try:
            out.extend(check(plan))
        except Exception as exc:  # noqa: BLE001 - reported, never raised
            out.append(Problem(str(plan.root), 1, 1, "error", "internal-check-error",
                               f"{check.__name__} failed ({type(exc).__name__}: {exc}); "
                               "please report this with the plan attached"))
    return out
