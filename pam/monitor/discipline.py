"""Reporting discipline: which projects sent their half-monthly card on time, late, or not at all.

A project is expected to send a card for every half month that has ended by the as-of date,
from 1 January of its first target year (the program start when it has none) until every
action is reported done or cancelled: a finished project expects no more cards, and the cards
it still sends count as received. A received card is **late** when its own date is more than
`thresholds.card_grace_days` days after its period ended, or when it reached the repository
(its first commit) that late. When the arrival cannot be known (the plan is not in git, the
clone is shallow so first commits are unknown, or the card is not committed yet) the card is
counted as **unknown**, with the reason, never as on time: unknown is not zero.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

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


def committed_on(plan: Plan) -> tuple[dict[str, dt.date], str | None]:
    """(resolved card path -> the date its file was first committed, why arrival dates are
    unknown: None, 'no-git' (not in a git repository, or git cannot be run) or 'shallow')."""
    repo = git.work_tree(plan.root)
    progress = plan.root.resolve() / "progress"
    shallow = git.is_shallow(repo) if repo is not None else None
    if shallow is None:
        return {}, "no-git"
    if shallow:
        return {}, "shallow"
    if not progress.is_dir():
        return {}, None
    return git.first_added(cast(Path, repo), progress), None  # not None: shallow was known


def reporting_discipline(plan: Plan, start: dt.date, as_of: dt.date,
                         projects: list | None = None) -> list[dict]:
    """Per project (every one, or those given): cards expected in [start, as_of], received,
    on time, late, of unknown arrival (with `unknown_reason`), missing."""
    grace = plan.loaded_program.thresholds.card_grace_days
    commits, why_unknown = committed_on(plan)
    bounds = {p: period_bounds(p) for p in periods_between(start, as_of)}
    periods = [p for p, (_first, last) in bounds.items() if last <= as_of]
    cards_by_project: dict[str, list] = {}
    for c in plan.cards:
        if c.date <= as_of:
            cards_by_project.setdefault(c.project, []).append(c)
    out = []
    for project in plan.projects() if projects is None else projects:
        cards = sorted(cards_by_project.get(project.id, []), key=lambda c: (c.date, c.period))
        first_year = _first_target_year(project) or plan.loaded_program.period.start
        active_from = dt.date(first_year, 1, 1)
        finished = _finished_on(project, cards)
        expected = [p for p in periods if bounds[p][1] >= active_from
                    and (finished is None or bounds[p][0] <= finished)]
        ended = set(periods)
        late, unknown = set(), set()
        reasons: set[str] = set()
        for c in cards:
            if c.period not in ended:
                continue
            verdict, reason = card_arrival(c, bounds[c.period][1], grace,
                                           commits.get(resolved_file(plan, c)), why_unknown)
            if verdict == "late":
                late.add(c.period)
            elif verdict == "unknown":
                unknown.add(c.period)
                reasons.add(cast(str, reason))  # card_arrival: 'unknown' has its reason
        unknown -= late
        received = {c.period for c in cards} & ended
        missing = [p for p in expected if p not in received]
        last = cards[-1].date if cards else None
        got = len(expected) - len(missing)
        out.append({
            "project": project.id, "name": project.name, "expected": len(expected),
            "received": len(received), "on_time": len(received - late - unknown),
            "late": len(late), "unknown": len(unknown),
            "unknown_reason": ", ".join(sorted(reasons)) or None,
            "missing": len(missing), "missing_periods": missing,
            "rate": round(100 * got / len(expected), 1) if expected else None,
            "last_card": last, "days_since": (as_of - last).days if last else None,
            "finished": finished,
        })
    return out


def card_arrival(card, period_end: dt.date, grace: int, committed: dt.date | None,
                 why_unknown: str | None) -> tuple[str, str | None]:
    """('late' | 'on_time' | 'unknown', reason when unknown) for one received card: late when
    its own date or its first commit is more than `grace` days after its period's end."""
    if (card.date - period_end).days > grace:
        return "late", None
    if why_unknown:
        return "unknown", why_unknown
    if committed is None:
        return "unknown", "not-committed"
    return ("late", None) if (committed - period_end).days > grace else ("on_time", None)


def resolved_file(plan: Plan, card) -> str:
    """The real path of the file a card was read from (the key of committed_on's dates)."""
    file = plan.file_of(card)
    locator = plan.locators.get(file)
    return os.path.realpath(getattr(locator, "path", None) or file)


def totals(rows: list[dict]) -> dict:
    t = {k: sum(r[k] for r in rows) for k in ("expected", "received", "on_time", "late",
                                              "unknown", "missing")}
    got = t["expected"] - t["missing"]
    t["rate"] = round(100 * got / t["expected"], 1) if t["expected"] else None
    t["unknown_reason"] = ", ".join(sorted({x for r in rows if r["unknown_reason"]
                                            for x in r["unknown_reason"].split(", ")})) or None
    return t
