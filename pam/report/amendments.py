"""Plan amendments (التحيين, decree 2.16.301 art. 16) as the annual report lists them.

Amendments are data in plan/amendments/ (see pam/amend.py and pam.model.Amendment); this
module turns those decided in a period into rows for the templates, which write the dates in
words and the kinds of change in the report's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pam.plan import Plan


@dataclass(frozen=True)
class Change:
    action: str
    change: str  # cost | targets | text | added | dropped ... (pam.model.Change)
    before: object = None
    after: object = None


@dataclass(frozen=True)
class Amendment:
    date: dt.date  # the council's deliberation
    session: str | None
    deliberation: str | None  # its number
    approved: dt.date | None  # the governor's approval
    summary: str  # the reason
    changes: tuple[Change, ...] = ()


def amendments_in(plan: Plan, start: dt.date, end: dt.date) -> list[Amendment]:
    """The amendments decided between `start` and `end` (inclusive), oldest first."""
    rows = [Amendment(a.date, a.session, a.deliberation, a.approved, a.reason,
                      tuple(Change(c.action, c.change, c.before, c.after) for c in a.changes))
            for a in plan.amendments if start <= a.date <= end]
    return sorted(rows, key=lambda r: (r.date, r.deliberation or "", r.session or ""))
