"""The steering committee's decisions and the council's word on an annual report, for
reports (pure): each decision's state at a date, the follow-up list, the council review.

A decision is `done` once its meeting file says state: done (on `done_on`, when given, if
that is not after the date asked); until then it is `due`, and `overdue` once its due date
has passed. An overdue decision is a fact to show the committee, not an error in the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pam.model import CouncilReview, Decision
from pam.plan import Plan

DECISION_STATES = ("done", "due", "overdue")


def decision_state(decision: Decision, day: dt.date) -> str:
    """'done', 'due' or 'overdue' on `day`."""
    if decision.state == "done" and (decision.done_on is None or decision.done_on <= day):
        return "done"
    if decision.due is not None and decision.due < day:
        return "overdue"
    return "due"


@dataclass(frozen=True)
class DecisionRow:
    meeting: dt.date
    text: str
    owner: str | None
    due: dt.date | None
    project: str | None
    state: str  # done | due | overdue, at the report's date
    done_on: dt.date | None


def follow_up(plan: Plan, start: dt.date, day: dt.date) -> list[DecisionRow]:
    """The decisions of the meetings held up to `day` that still concern the period from
    `start`: every one not done before `start`; the overdue first, then the due, then the done,
    each by due date."""
    rows = []
    for meeting in plan.meetings:
        if meeting.date > day:
            continue
        for d in meeting.decisions:
            state = decision_state(d, day)
            if state == "done" and d.done_on is not None and d.done_on < start:
                continue
            rows.append(DecisionRow(meeting.date, d.text, d.owner, d.due, d.project, state,
                                    d.done_on if state == "done" else None))
    rank = {"overdue": 0, "due": 1, "done": 2}
    return sorted(rows, key=lambda r: (rank[r.state], r.due or dt.date.max, r.meeting, r.text))


def council_review(plan: Plan, year: int) -> CouncilReview | None:
    """The committees' opinions and the council's deliberation on the annual report of `year`
    (plan/council/YEAR.yaml), None when none is recorded yet."""
    return next((r for r in plan.council if r.year == year), None)
