"""Checks of the amendments (التحيين): dates, ids, the domain files holding the amended values,
and reports on actions after the amendment that dropped them."""

from __future__ import annotations

import datetime as dt

from pam.monitor.baseline import FIELDS, dropped_since
from pam.plan import Plan
from pam.problems import Problem, did_you_mean


def check_amendments(plan: Plan) -> list[Problem]:
    out = []
    if plan.program is None:
        return out
    idx = plan.index()
    actions = plan.ids("action")
    ids = {a.id for a in plan.amendments}
    earliest = dt.date(plan.program.period.start + 2, 1, 1)
    for a in plan.amendments:
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
    for x in plan.actions():
        for key in ("added_by", "dropped_by"):
            ref = getattr(x, key)
            if ref and ref not in ids:
                out.append(plan.problem(x, (key,), "error", "unknown-amendment",
                                        f"{key}: '{ref}' names no amendment in amendments/."
                                        f"{did_you_mean(ref, ids)}"))
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
