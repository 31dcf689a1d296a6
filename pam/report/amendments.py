"""Plan amendments (التحيين, decree 2.16.301 art. 16) as the annual report lists them.

The hook for a later issue: today the plan holds no amendment records, so every report says
"none recorded". When amendments exist (e.g. `plan.amendments`, a list of records with a
`date`, a `decision` reference, a `summary` and the ids they `changes`), `amendments_in` is the
one place to read them; the annual template already renders the rows it returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..plan import Plan


@dataclass(frozen=True)
class Amendment:
    date: dt.date
    decision: str  # the council's deliberation / the governor's approval reference
    summary: str
    changes: tuple[str, ...] = ()  # ids of the domains, projects or actions it touched


def amendments_in(plan: Plan, start: dt.date, end: dt.date) -> list[Amendment]:
    """The amendments adopted between `start` and `end` (inclusive), oldest first."""
    found = []
    for item in getattr(plan, "amendments", None) or []:
        day = getattr(item, "date", None)
        if isinstance(day, dt.date) and start <= day <= end:
            found.append(Amendment(day, str(getattr(item, "decision", "") or ""),
                                   str(getattr(item, "summary", "") or ""),
                                   tuple(getattr(item, "changes", ()) or ())))
    return sorted(found, key=lambda a: (a.date, a.decision, a.summary))
