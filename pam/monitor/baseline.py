"""The plan seen as adopted (baseline) or as amended (current), and when an action was dropped.

The domain files hold the current plan. An action added by an amendment (التحيين) carries
`added_by`; a dropped one stays in its file with `dropped_by`, so the baseline can still be
measured. Cost, target and text changes are recorded in the amendment with their `before` and
`after` values; the baseline is rebuilt by putting the `before` values back (newest first).
"""

from __future__ import annotations

import datetime as dt

from pam.plan import Plan

FIELDS = {"cost": "cost", "targets": "targets", "text": "text"}


def dropped_since(plan: Plan, action) -> tuple[str, dt.date] | None:
    """(amendment id, its deliberation date) when the action was dropped, else None."""
    if not action.dropped_by:
        return None
    found = next((a for a in plan.amendments if a.id == action.dropped_by), None)
    return (found.id, found.date) if found else None


def view(plan: Plan, against: str = "current") -> Plan:
    """The plan to measure against: 'current' (as amended) or 'baseline' (as adopted)."""
    if plan.__dict__.get("_view") == against:  # already this view
        return plan
    if not plan.amendments and not any(x.added_by or x.dropped_by for x in plan.actions()):
        return plan
    # one view per plan, its cards and `against`: the reports, the site's pages and the open
    # data all ask for it, and each view keeps its own memo of statuses (pam.report.shared)
    views = plan.__dict__.setdefault("_views", {})
    # kept with what it was made from, compared by identity when asked again: a shallow copy
    # of the plan (pam record's plan over a staging folder) shares this dict, and may have
    # other cards, domains or root
    made_of = (plan.program, plan.domains, plan.amendments, plan.cards, plan.root)
    found = views.get(against)
    if found is None or any(a is not b for a, b in zip(found[0], made_of, strict=True)):
        found = views[against] = (made_of, _view(plan, against))
    return found[1]


def _view(plan: Plan, against: str) -> Plan:
    before: dict[tuple[str, str], object] = {}
    for a in sorted(plan.amendments, key=lambda a: a.date, reverse=True):
        for c in a.changes:
            if c.change in FIELDS:
                before[(c.action, FIELDS[c.change])] = c.before

    def keep(x) -> bool:
        return not x.added_by if against == "baseline" else not x.dropped_by

    def adopted(x):
        update = {f: v for (aid, f), v in before.items() if aid == x.id}
        return x.model_copy(update=update) if against == "baseline" and update else x

    reason = "added" if against == "baseline" else "dropped"
    left_out: dict[str, dict[str, int]] = {}
    domains = []
    for d in plan.domains:
        axes = []
        for ax in d.axes:
            projects = [p.model_copy(update={"actions": [adopted(x) for x in p.actions if keep(x)]})
                        for p in ax.projects]
            for before_view, after_view in zip(ax.projects, projects, strict=True):
                gone = len(before_view.actions) - len(after_view.actions)
                if gone:
                    left_out[after_view.id] = {reason: gone}
            axes.append(ax.model_copy(update={"projects": projects}))
        domains.append(d.model_copy(update={"axes": axes}))
    out = Plan(root=plan.root, program=plan.program, domains=domains, cards=plan.cards,
               amendments=plan.amendments, locators=plan.locators,
               locate_warnings=plan.locate_warnings, card_files=plan.card_files,
               left_out=left_out, meetings=plan.meetings, council=plan.council)
    out.__dict__["_view"] = against
    return out
