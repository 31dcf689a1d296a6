"""Obstacles, proposed solutions and risks from the cards, analysed for reports (pure).

- `analyse(plan, start, end)`: the cards dated in [start, end] -> obstacles grouped by
  category (the most widespread first: projects, then cards), each project once in a
  category, each obstacle once per project with the solutions proposed for it; the
  solutions that answer no obstacle, and the risks, per project.
- `card_remarks(card)`: the same for one card.

A solution answers an obstacle when it says so (`answers:` the obstacle's id, or its number on
the card), or when its card names exactly one obstacle (older cards: plain lists). Nothing
here is empty: a blank text is skipped, a project or category with nothing is left out.
Periods are dates (the first day of the first card's half month, the last day of the last
card's), never period codes: templates write them in words (pam.render.words).

States, at the end of the analysis (the report's date), read from the cards themselves:
an obstacle is `open` while the project's latest card of the period still reports it, else
it is lifted (no longer reported); a solution is `lifted` when the obstacle it answers is,
else `overdue` once its due date has passed, `pending` before, `undated` without one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from pam.model import OBSTACLE_CATEGORIES, Card
from pam.periods import period_bounds
from pam.plan import Plan

RATING_SCORE = {"low": 1, "medium": 2, "high": 3, None: 0}


def risk_score(likelihood: str | None, impact: str | None) -> int:
    """likelihood x impact on the 1-3 scale of each (1-9); 0 when either is not rated."""
    return RATING_SCORE.get(likelihood, 0) * RATING_SCORE.get(impact, 0)
RATINGS = ("low", "medium", "high")
SOLUTION_STATES = ("lifted", "overdue", "pending", "undated")


@dataclass(frozen=True)
class SolutionRow:
    text: str
    owner: str | None
    due: dt.date | None
    count: int  # cards that propose it
    start: dt.date
    end: dt.date
    state: str = "undated"  # lifted | overdue | pending | undated, at the analysis's end


@dataclass(frozen=True)
class ObstacleRow:
    text: str
    category: str | None
    count: int  # cards that report it
    start: dt.date
    end: dt.date
    solutions: tuple[SolutionRow, ...] = ()
    open: bool = True  # on the project's latest card of the period


@dataclass(frozen=True)
class RiskRow:
    text: str
    likelihood: str | None
    impact: str | None
    count: int
    start: dt.date
    end: dt.date

    @property
    def score(self) -> int:
        """likelihood x impact (1-9), 0 when not rated."""
        return risk_score(self.likelihood, self.impact)


@dataclass(frozen=True)
class ProjectRemarks:
    project: str
    name: object  # the project's Name
    obstacles: tuple[ObstacleRow, ...] = ()
    solutions: tuple[SolutionRow, ...] = ()  # answering no obstacle
    risks: tuple[RiskRow, ...] = ()


@dataclass(frozen=True)
class CategoryGroup:
    category: str | None  # None: obstacles given without a category
    projects: tuple[ProjectRemarks, ...]  # each project once, with this category's obstacles
    mentions: int  # cards x obstacles of the category

    @property
    def obstacles(self) -> int:
        return sum(len(p.obstacles) for p in self.projects)

    @property
    def still_open(self) -> int:
        """Obstacles of the category still reported on their project's latest card."""
        return sum(1 for p in self.projects for o in p.obstacles if o.open)

    @property
    def answered(self) -> int:
        """Obstacles of the category with at least one solution proposed for them."""
        return sum(1 for p in self.projects for o in p.obstacles if o.solutions)

    @property
    def solutions(self) -> tuple[SolutionRow, ...]:
        """The solutions proposed for the category's obstacles, the most proposed first."""
        rows = [s for p in self.projects for o in p.obstacles for s in o.solutions]
        return tuple(sorted(rows, key=lambda s: (-s.count, s.start, s.text)))


@dataclass(frozen=True)
class Remarks:
    categories: tuple[CategoryGroup, ...]
    projects: tuple[ProjectRemarks, ...]  # everything, per project in plan order

    @property
    def obstacles(self) -> int:
        return sum(len(p.obstacles) for p in self.projects)

    @property
    def unlinked(self) -> tuple[ProjectRemarks, ...]:
        return tuple(p for p in self.projects if p.solutions)

    @property
    def risky(self) -> tuple[ProjectRemarks, ...]:
        """Projects with risks, the highest rated first."""
        return tuple(sorted((p for p in self.projects if p.risks),
                            key=lambda p: -max(r.score for r in p.risks)))

    @property
    def risks(self) -> tuple[tuple[ProjectRemarks, RiskRow], ...]:
        """Every risk with its project, the highest likelihood x impact first (unrated
        last), then the most reported."""
        rows = [(p, r) for p in self.projects for r in p.risks]
        return tuple(sorted(rows, key=lambda pr: (-pr[1].score, -pr[1].count, pr[1].start,
                                                   pr[0].project, pr[1].text)))


def risk_matrix(remarks: Remarks) -> dict:
    """The risks counted by likelihood and impact (each risk once per project):
    {'cells': {likelihood: {impact: n}}, 'unrated': n, 'total': n}; a risk rated on one
    axis only counts as unrated."""
    cells = {lk: {im: 0 for im in RATINGS} for lk in RATINGS}
    unrated = 0
    for _p, r in remarks.risks:
        if r.likelihood in cells and r.impact in cells:
            cells[r.likelihood][r.impact] += 1
        else:
            unrated += 1
    return {"cells": cells, "unrated": unrated, "total": len(remarks.risks)}


def clean(text) -> str:
    """A remark's text on one line, spaces collapsed ('' when blank)."""
    return " ".join(str(text or "").split())


def answered(card: Card) -> list[int | None]:
    """For each solution of the card, the index of the obstacle it answers (None: none).
    An `answers:` that names no obstacle of the card gives None (check_remarks reports it)."""
    ids = {o.id: i for i, o in enumerate(card.obstacles) if o.id}
    out = []
    for s in card.solutions:
        if s.answers is None:
            out.append(0 if len(card.obstacles) == 1 else None)
        elif isinstance(s.answers, int) and not isinstance(s.answers, bool):
            out.append(s.answers - 1 if 1 <= s.answers <= len(card.obstacles) else None)
        else:
            out.append(ids.get(cast(str, s.answers)))  # an id: strict models read no bool
    return out


class _Tally:
    """Texts seen on cards: how many cards, from which half month to which."""

    def __init__(self) -> None:
        self.rows: dict[tuple, dict] = {}

    def add(self, key: tuple, period: str, **values) -> dict:
        start, end = period_bounds(period)
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = {"count": 0, "start": start, "end": end, "periods": set(),
                                    "order": len(self.rows)}
        if period not in row["periods"]:
            row["periods"].add(period)
            row["count"] += 1
        row["start"], row["end"] = min(row["start"], start), max(row["end"], end)
        # the latest card's owner, due date, rating, where it gives one
        row.update({k: v for k, v in values.items() if v is not None})
        return row


def solution_state(due: dt.date | None, lifted: bool, day: dt.date) -> str:
    """A proposed solution's state on `day` (see the module's docstring)."""
    if lifted:
        return "lifted"
    if due is None:
        return "undated"
    return "overdue" if due < day else "pending"


def _solution_row(key, row, day: dt.date, lifted: bool = False) -> SolutionRow:
    return SolutionRow(key[-1], row.get("owner"), row.get("due"), row["count"], row["start"],
                       row["end"], solution_state(row.get("due"), lifted, day))


def _project_remarks(project_id: str, name, cards: list[Card],
                     day: dt.date | None = None) -> ProjectRemarks:
    """One project's remarks from its cards; states on `day` (default: the latest card's)."""
    obstacles, solutions, risks = _Tally(), _Tally(), _Tally()
    tied: dict[tuple, list[tuple]] = {}  # obstacle key -> solution keys, in order
    ordered = sorted(cards, key=lambda c: (c.date, c.period))
    latest = ordered[-1] if ordered else None
    day = day or (latest.date if latest else dt.date.max)
    still = {(o.category, clean(o.text)) for o in latest.obstacles} if latest else set()
    for card in ordered:
        keys: list[tuple | None] = []
        for o in card.obstacles:
            text = clean(o.text)
            key = (o.category, text) if text else None
            if key:
                obstacles.add(key, card.period)
            keys.append(key)
        for s, index in zip(card.solutions, answered(card), strict=True):
            text = clean(s.text)
            if not text:
                continue
            target = keys[index] if index is not None else None
            solution = (target, text)
            solutions.add(solution, card.period, owner=clean(s.owner) or None, due=s.due)
            if target is not None and solution not in tied.setdefault(target, []):
                tied[target].append(solution)
        for r in card.risks:
            text = clean(r.text)
            if text:
                risks.add((text,), card.period, likelihood=r.likelihood, impact=r.impact)
    rows = sorted(obstacles.rows.items(), key=lambda kv: (-kv[1]["count"], kv[1]["start"],
                                                         kv[1]["order"]))
    obstacle_rows = tuple(
        ObstacleRow(key[1], key[0], row["count"], row["start"], row["end"],
                    tuple(_solution_row(k, solutions.rows[k], day, key not in still)
                          for k in tied.get(key, ())), key in still)
        for key, row in rows)
    loose = tuple(_solution_row(k, row, day) for k, row in solutions.rows.items()
                  if k[0] is None)
    risk_rows = tuple(sorted(
        (RiskRow(k[0], row.get("likelihood"), row.get("impact"), row["count"], row["start"],
                 row["end"]) for k, row in risks.rows.items()),
        key=lambda r: (-r.score, -r.count, r.start, r.text)))
    return ProjectRemarks(project_id, name, obstacle_rows, loose, risk_rows)


def card_remarks(card: Card, name=None) -> ProjectRemarks:
    """One card's obstacles (with their solutions), other solutions and risks."""
    return _project_remarks(card.project, name, [card])


def analyse(plan: Plan, start: dt.date, end: dt.date) -> Remarks:
    """The obstacles, solutions and risks of the cards dated in [start, end]."""
    by_project: dict[str, list[Card]] = {}
    for card in plan.cards:
        if start <= card.date <= end:
            by_project.setdefault(card.project, []).append(card)
    order = {p.id: i for i, p in enumerate(plan.projects())}
    projects = []
    for project_id in sorted(by_project, key=lambda pid: (order.get(pid, len(order)), pid)):
        found = plan.find(project_id)
        remarks = _project_remarks(project_id, found[1].name if found else project_id,
                                   by_project[project_id], end)
        if remarks.obstacles or remarks.solutions or remarks.risks:
            projects.append(remarks)
    return Remarks(group_by_category(projects), tuple(projects))


def group_by_category(projects: list[ProjectRemarks]) -> tuple[CategoryGroup, ...]:
    """The obstacles by category, each project once in each; the most widespread category
    first (projects, then mentions), then the documented order; uncategorised last."""
    groups: dict[str | None, list[ProjectRemarks]] = {}
    for p in projects:
        for category in dict.fromkeys(o.category for o in p.obstacles):
            rows = tuple(o for o in p.obstacles if o.category == category)
            groups.setdefault(category, []).append(ProjectRemarks(p.project, p.name, rows))
    rank = {c: i for i, c in enumerate(OBSTACLE_CATEGORIES)}

    def key(item):
        category, members = item
        mentions = sum(o.count for m in members for o in m.obstacles)
        return (category is None, -len(members), -mentions, rank.get(category, len(rank)))

    return tuple(CategoryGroup(category, tuple(members),
                               sum(o.count for m in members for o in m.obstacles))
                 for category, members in sorted(groups.items(), key=key))


__all__ = ["analyse", "card_remarks", "answered", "group_by_category", "risk_matrix",
           "solution_state", "Remarks", "CategoryGroup", "ProjectRemarks", "ObstacleRow",
           "SolutionRow", "RiskRow"]
