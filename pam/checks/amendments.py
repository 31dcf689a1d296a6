"""Checks of the amendments (التحيين): dates, ids, the domain files holding the amended values,
and reports on actions after the amendment that dropped them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from pam.monitor.baseline import FIELDS, dropped_since
from pam.plan import Plan
from pam.problems import Problem, did_you_mean

if TYPE_CHECKING:
    from pam.model import Amendment


def check_amendments(plan: Plan) -> list[Problem]:
    out: list[Problem] = []
    if plan.program is None:
        return out
    idx = plan.index()
    actions = plan.ids("action")
    ids = {a.id for a in plan.amendments}
    earliest = dt.date(plan.program.period.start + 2, 1, 1)
    last = dt.date(plan.program.period.end, 12, 31)
    for a in plan.amendments:
        if a.date > last:
            out.append(plan.problem(a, ("date",), "error", "amendment-after-end",
                                    f"this amendment is dated {a.date}, after the program "
                                    f"ended ({last}): an ended program is not updated; check "
                                    "the date, or the program period in program.yaml"))
        if a.date < earliest:
            out.append(plan.problem(a, ("date",), "error", "amendment-too-early",
                                    f"the program may be updated only from its third year "
                                    f"({earliest.year}; law 113-14 art. 80, decree 2.16.301 "
                                    f"art. 16); this amendment is dated {a.date}"))
        if a.approved and a.approved < a.date:
            out.append(plan.problem(a, ("approved",), "error", "amendment-approval-date",
                                    f"the governor's approval ({a.approved}) is before the "
                                    f"council's deliberation ({a.date}); check both dates"))
        for i, c in enumerate(a.changes):
            found = idx.get(c.action)
            if found is None or found[0] != "action":
                out.append(plan.problem(a, ("changes", i, "action"), "error",
                                        "amendment-unknown-action",
                                        f"no action '{c.action}' in the plan."
                                        f"{did_you_mean(c.action, actions)} An added action "
                                        "must be written in its domain file with "
                                        f"added_by: {a.id}"))
                continue
            x = found[1]
            out += _check_change(plan, a, i, c, x)
    by_id = {a.id: a for a in plan.amendments}
    for x in plan.actions():
        for key, kind in (("added_by", "added"), ("dropped_by", "dropped")):
            ref = getattr(x, key)
            if ref and ref not in ids:
                out.append(plan.problem(x, (key,), "error", "unknown-amendment",
                                        f"{key}: '{ref}' names no amendment in amendments/."
                                        f"{did_you_mean(ref, ids)}"))
            elif ref and not any(c.action == x.id and c.change == kind
                                 for c in by_id[ref].changes):
                out.append(plan.problem(x, (key,), "error", "amendment-mismatch",
                                        f"{key}: '{ref}', but amendment {ref} does not list "
                                        f"this action; add {{action: {x.id}, change: {kind}}} "
                                        f"to its changes, or correct {key}"))
    return out


def check_amendment_ids(plan: Plan) -> list[Problem]:
    """Each amendment has an id of its own."""
    seen: dict[str, Amendment] = {}
    out = []
    for a in sorted(plan.amendments, key=lambda a: plan.file_of(a)):
        first = seen.setdefault(a.id, a)
        if first is not a:
            out.append(plan.problem(a, ("id",), "error", "duplicate-amendment",
                                    f"amendment id '{a.id}' is already used by {plan.file_of(first)}; "
                                    "give each amendment its own id (e.g. AMD-2019-02)"))
    return out


def check_amendment_values(plan: Plan) -> list[Problem]:
    """Each change's before/after fit its kind, targets are cumulative percents inside the
    program, and the changes of one action connect: each `before` is the `after` of the
    amendment before it (the baseline is rebuilt from them)."""
    out = []
    years = plan.program.years if plan.program else None
    chains: dict[tuple, list] = {}
    for a in sorted(plan.amendments, key=lambda a: (a.date, a.id)):
        for i, c in enumerate(a.changes):
            for side in ("before", "after"):
                out += _value_problems(plan, a, i, c, side, getattr(c, side), years)
            if c.change in FIELDS:
                chains.setdefault((c.action, c.change), []).append((a, i, c))
    for (action, kind), steps in chains.items():
        for (pa, _pi, pc), (a, i, c) in zip(steps, steps[1:], strict=False):
            if "before" in c.model_fields_set and _norm(c.before) != _norm(pc.after):
                out.append(plan.problem(a, ("changes", i, "before"), "error", "amendment-chain",
                                        f"this {kind} change of {action} starts from "
                                        f"{c.before!r}, but amendment {pa.id} ({pa.date}) left "
                                        f"it at {pc.after!r}; each update starts where the one "
                                        "before it ended: correct 'before' (or that 'after')"))
    return out


def _value_problems(plan, a, i, c, side, value, years) -> list[Problem]:
    where = ("changes", i, side)
    if value is None:
        return []
    if c.change in ("added", "dropped"):
        return [plan.problem(a, where, "warning", "amendment-value",
                             f"a change '{c.change}' has no {side} value (the action's "
                             f"{'added_by' if c.change == 'added' else 'dropped_by'} says it "
                             f"all); remove '{side}'")]
    fits = {"cost": lambda v: isinstance(v, (int, float)) or v in ("-", "*"),
            "targets": lambda v: isinstance(v, dict),
            "text": lambda v: isinstance(v, str) and v not in ("-", "*")}[c.change]
    if not fits(value):
        want = {"cost": 'a cost (a number of million MAD, "-" or "*")',
                "targets": "targets (a mapping of year to cumulative percent)",
                "text": "a text"}[c.change]
        return [plan.problem(a, where, "error", "amendment-value",
                             f"a '{c.change}' change needs {want} as its {side}, found "
                             f"{value!r}; correct it")]
    if c.change != "targets":
        return []
    out: list[Problem] = []
    previous: tuple[int, float] | None = None
    for year in sorted(value):
        target = value[year]
        if not 0 <= target <= 100 or (years and year not in years) or (
                previous is not None and target < previous[1]):
            last = cast("tuple[int, float]", previous)  # set when the last test is the one
            why = ("a target is a share done, from 0 to 100" if not 0 <= target <= 100 else
                   f"the year is outside the program {years.start}-{years.stop - 1}"
                   if years and year not in years else
                   f"below the {last[0]} target {last[1]:g}%: targets are cumulative")
            out.append(plan.problem(a, where + (year,), "error", "amendment-targets",
                                    f"the {side} target {year}: {target:g}% ({why}); correct "
                                    "it as the council decided"))
            break
        previous = (year, target)
    return out


def check_dropped_reports(plan: Plan) -> list[Problem]:
    """A card entry on an action after the amendment that dropped it: not counted in the
    current plan, so the project head is told (a warning: the data is kept)."""
    out: list[Problem] = []
    dropped = plan.derived("dropped", lambda: {
        x.id: since for x in plan.actions() if (since := dropped_since(plan, x))})
    if not dropped:
        return out
    for card in plan.cards:
        for i, entry in enumerate(card.actions):
            since = dropped.get(entry.action)
            day = card.measured_on(entry)
            if since and day > since[1]:
                out.append(plan.problem(
                    card, ("actions", i, "action"), "warning", "report-on-dropped-action",
                    f"{entry.action} was dropped by amendment {since[0]} on {since[1]}: this "
                    f"report of {day} is not counted in the current plan (only in pam status "
                    "--against baseline); remove the entry, or check the amendment"))
    return out


def _check_change(plan, a, i, c, x) -> list[Problem]:
    where = ("changes", i)
    if c.change == "added" and x.added_by != a.id:
        return [plan.problem(a, where, "error", "amendment-mismatch",
                             f"this amendment adds {x.id}, but the action does not say "
                             f"added_by: {a.id}; add it to the action")]
    if c.change == "dropped" and x.dropped_by != a.id:
        return [plan.problem(a, where, "error", "amendment-mismatch",
                             f"this amendment drops {x.id}, but the action does not say "
                             f"dropped_by: {a.id}; add it to the action (keep the action)")]
    if c.change in FIELDS and _later_change(plan, a, c) is None:
        current = getattr(x, FIELDS[c.change])
        if _norm(current) != _norm(c.after):
            return [plan.problem(a, where + ("after",), "error", "amendment-mismatch",
                                 f"the amendment sets {c.change} of {x.id} to {c.after!r}, "
                                 f"but the plan says {current!r}; the domain file must hold "
                                 "the amended value")]
    return []


def _later_change(plan, a, c):
    for b in plan.amendments:
        if b.date > a.date:
            for d in b.changes:
                if d.action == c.action and d.change == c.change:
                    return d
    return None


def _norm(value):
    if isinstance(value, dict):
        return {int(k): float(v) for k, v in value.items()}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value
