"""Plan amendments (التحيين, decree 2.16.301 art. 16) as the annual report lists them.

Amendments are data in plan/amendments/ (see pam/amend.py and pam.model.Amendment); this
module turns those decided in a period into rows for the templates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pam.plan import Plan


@dataclass(frozen=True)
class Amendment:
    date: dt.date
    decision: str  # the council's deliberation and the governor's approval
    summary: str  # the reason
    changes: tuple[str, ...] = ()  # one line per change, e.g. "D2.A2.P2.01: cost 44.8 → 50"


def _change(c) -> str:
    if c.change in ("added", "dropped"):
        return f"{c.action}: {c.change}"
    return f"{c.action}: {c.change} {_value(c.before)} → {_value(c.after)}"


def _value(v) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{y}: {p:g}%" for y, p in sorted(v.items())) + "}"
    if v is None:
        return "blank"
    return f"{v:g}" if isinstance(v, (int, float)) else str(v)


def amendments_in(plan: Plan, start: dt.date, end: dt.date) -> list[Amendment]:
    """The amendments decided between `start` and `end` (inclusive), oldest first."""
    rows = []
    for a in plan.amendments:
        if start <= a.date <= end:
            parts = [p for p in (a.session, f"n° {a.deliberation}" if a.deliberation else None,
                                 f"{a.date.isoformat()}") if p]
            if a.approved:
                parts.append(f"visa {a.approved.isoformat()}")
            rows.append(Amendment(a.date, " · ".join(parts), a.reason,
                                  tuple(_change(c) for c in a.changes)))
    return sorted(rows, key=lambda r: (r.date, r.decision))
