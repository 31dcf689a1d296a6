"""Reporting discipline: which projects sent their half-monthly card on time, late, or not at all.

A project is expected to send a card for every half month that has ended by the as-of date,
from 1 January of its first target year (the program start when it has none) until every
action is reported done or cancelled. A received card is **late** when it reached the
repository (its first commit) more than `thresholds.card_grace_days` days after its period
ended, or when its own date is that late; cards not (yet) committed count as on time.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from pam import git
from pam.periods import period_bounds, periods_between

if TYPE_CHECKING:
    from pam.plan import Plan


def _first_target_year(project) -> int | None:
    years = [y for x in project.actions for y in x.targets]
    return min(years) if years else None


def _finished_on(project, cards) -> dt.date | None:
    """The date of the card on which every action of the project was done or cancelled."""
    ids = {x.id for x in project.actions}
    if not ids:
        return None
    state: dict[str, bool] = {}
    for c in cards:
        for e in c.actions:
            if e.action in ids:
                state[e.action] = e.progress >= 100 or e.state in ("done", "cancelled")
        if len(state) == len(ids) and all(state.values()):
            return c.date
    return None


def committed_on(plan: Plan) -> dict[str, dt.date]:
    """Resolved card path -> the date its file was first committed ({} without git)."""
    repo = git.work_tree(plan.root)
    progress = plan.root.resolve() / "progress"
    if repo is None or not progress.is_dir():
        return {}
    return git.first_added(repo, progress)


def reporting_discipline(plan: Plan, start: dt.date, as_of: dt.date,
                         projects: list | None = None) -> list[dict]:
    """Per project (every one, or those given): cards expected in [start, as_of], received
    (on time, late), missing."""
    grace = plan.program.thresholds.card_grace_days
    commits = committed_on(plan)
    bounds = {p: period_bounds(p) for p in periods_between(start, as_of)}
    periods = [p for p, (_first, last) in bounds.items() if last <= as_of]
    cards_by_project: dict[str, list] = {}
    for c in plan.cards:
        if c.date <= as_of:
            cards_by_project.setdefault(c.project, []).append(c)
    out = []
    for project in plan.projects() if projects is None else projects:
        cards = sorted(cards_by_project.get(project.id, []), key=lambda c: (c.date, c.period))
        first_year = _first_target_year(project) or plan.program.period.start
        active_from = dt.date(first_year, 1, 1)
        finished = _finished_on(project, cards)
        expected = [p for p in periods if bounds[p][1] >= active_from
                    and (finished is None or bounds[p][0] <= finished)]
        wanted = set(expected)
        late = set()
        for c in cards:
            if c.period not in wanted:
                continue
            end = bounds[c.period][1]
            reached = commits.get(_resolved(plan, c)) if commits else None
            if (c.date - end).days > grace or (reached and (reached - end).days > grace):
                late.add(c.period)
        received = {c.period for c in cards} & wanted
        missing = [p for p in expected if p not in received]
        last = cards[-1].date if cards else None
        out.append({
            "project": project.id, "name": project.name, "expected": len(expected),
            "received": len(received), "on_time": len(received - late), "late": len(late),
            "missing": len(missing), "missing_periods": missing,
            "rate": round(100 * len(received) / len(expected), 1) if expected else None,
            "last_card": last, "days_since": (as_of - last).days if last else None,
            "finished": finished,
        })
    return out


def _resolved(plan: Plan, card) -> str:
    file = plan.file_of(card)
    locator = plan.locators.get(file)
    return os.path.realpath(getattr(locator, "path", None) or file)


def totals(rows: list[dict]) -> dict:
    t = {k: sum(r[k] for r in rows) for k in ("expected", "received", "on_time", "late",
                                              "missing")}
    t["rate"] = round(100 * t["received"] / t["expected"], 1) if t["expected"] else None
    return t
