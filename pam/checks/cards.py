"""Checks of the progress cards: what they refer to, their dates, progress over time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, cast

from pam.periods import period_bounds, period_of
from pam.plan import Plan
from pam.problems import Problem, did_you_mean

if TYPE_CHECKING:
    from pam.model import Action, Project

# an amount of million MAD this large (10 billion dirhams for one action: a quarter of
# Casablanca's whole 2023-2028 program) was most likely typed in dirhams
MAD_LIKE = 10_000


def check_card_refs(plan: Plan) -> list[Problem]:
    out = []
    idx = plan.index()
    projects = plan.ids("project")
    for card in plan.cards:
        found = idx.get(card.project)
        if found is None or found[0] != "project":
            out.append(plan.problem(card, ("project",), "error", "unknown-project",
                                    f"no project '{card.project}' in the plan."
                                    f"{did_you_mean(card.project, projects)}"))
            continue
        actions = [x.id for x in cast("Project", found[1]).actions]  # kind: project
        seen = set()
        for i, entry in enumerate(card.actions):
            if entry.action in seen:
                out.append(plan.problem(card, ("actions", i, "action"), "error",
                                        "duplicate-entry", f"action '{entry.action}' appears "
                                        "twice on this card; keep one line per action"))
            seen.add(entry.action)
            if entry.action not in actions:
                other = idx.get(entry.action)
                # an action of the plan: its project is known
                why = (f"it belongs to project '{cast('Project', plan.project_of(entry.action)).id}'"
                       if other and other[0] == "action" else "no such action in the plan")
                out.append(plan.problem(card, ("actions", i, "action"), "error",
                                        "unknown-action",
                                        f"action '{entry.action}' is not an action of project "
                                        f"'{card.project}' ({why}).{did_you_mean(entry.action, actions)}"))
    return out


def check_card_reporter(plan: Plan) -> list[Problem]:
    """A report says who made it: an empty reporter is a card not filled in (an error, as
    `pam card` leaves it for the project head); a card without the key at all (written
    before pam asked for it) is a warning."""
    out = []
    for card in plan.cards:
        if "reporter" not in card.model_fields_set:
            out.append(plan.problem(card, ("project",), "warning", "reporter-missing",
                                    "the card does not say who reports: add 'reporter: "
                                    "\"<name>\"' (the project head, or who fills it in)"))
        elif not (card.reporter or "").strip():
            out.append(plan.problem(card, ("reporter",), "error", "card-not-filled",
                                    "the card is not filled in: 'reporter' is empty; write "
                                    "who reports (the project head, or who fills the card in)"))
    return out


def check_card_dates(plan: Plan) -> list[Problem]:
    out = []
    years = plan.program.years if plan.program and plan.program.years else None
    today = dt.date.today()
    for card in plan.cards:
        start, end = period_bounds(card.period)
        file = plan.file_of(card).replace("\\", "/")
        stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem != card.period or f"/{card.project}/" not in file:
            out.append(plan.problem(card, ("period",), "warning", "card-misplaced",
                                    f"a card for {card.project}, {card.period} is expected at "
                                    f"progress/{card.project}/{card.period}.yaml; move it there "
                                    "so two cards never share a file"))
        dates = [(("date",), card.date)] + [
            (("actions", i, "date"), e.date) for i, e in enumerate(card.actions) if e.date]
        for key, when in dates:
            if years is not None and when.year not in years:
                out.append(plan.problem(card, key, "error", "date-outside-program",
                                        f"{when} is outside the program period "
                                        f"{years.start}-{years.stop - 1}; correct the date"))
            elif when > today:
                out.append(plan.problem(card, key, "error", "date-in-future",
                                        f"{when} is in the future (today is {today}); "
                                        "a card reports what was done: correct the date"))
            if when < start:
                out.append(plan.problem(card, key, "error", "date-before-period",
                                        f"{when} is before the card's period {card.period} "
                                        f"({start} to {end}); fix the date or the period"))
            elif when > end:
                out.append(plan.problem(
                    card, key, "error", "date-after-period",
                    f"{when} is after the card's period {card.period} ({start} to {end}): a "
                    "card reports the figures of its half month, measured on a day of it; "
                    f"fix the date, or put the figures on the card of {period_of(when)}"))
    return out


def check_progress(plan: Plan) -> list[Problem]:
    """Per action over time: progress never decreases without a correction; the amounts
    (committed, paid or its older name spent) are cumulative too, paid within committed,
    both within the cost."""
    out = []
    history = defaultdict(list)
    for card in plan.cards:
        for i, entry in enumerate(card.actions):
            history[entry.action].append((card.measured_on(entry), card.period, card, i, entry))
    idx = plan.index()
    for action_id, rows in history.items():
        rows.sort(key=lambda r: (r[0], r[1]))
        found = idx.get(action_id)
        action = cast("Action", found[1]) if found and found[0] == "action" else None
        cost = action.cost_value if action is not None else None
        previous = None
        before: dict[str, tuple] = {}
        for when, _period, card, i, entry in rows:
            out += _amounts(plan, card, i, entry, action_id, when, cost, before)
            if action is not None and action.budget and entry.paid_value is not None:
                out += _within_credits(plan, card, i, entry, action, when)
            if entry.progress >= 100 and entry.state == "ongoing":
                out.append(plan.problem(
                    card, ("actions", i, "state"), "warning", "state-progress-mismatch",
                    f"progress is {entry.progress:g}% but the state is 'ongoing'; set the "
                    "state to 'done', or the progress below 100"))
            if previous and entry.progress < previous[1] and not entry.correction:
                out.append(plan.problem(
                    card, ("actions", i, "progress"), "error", "progress-decreased",
                    f"progress of {action_id} is {entry.progress:g}% on {when}, lower than the "
                    f"{previous[1]:g}% reported on {previous[0]}: progress is cumulative; if the "
                    "earlier figure was wrong, add 'correction: \"<reason>\"' to this line"))
            if entry.state == "done" and entry.progress < 100:
                out.append(plan.problem(
                    card, ("actions", i, "state"), "warning", "state-progress-mismatch",
                    f"state is 'done' but progress is {entry.progress:g}%; set progress to 100 "
                    "or the state to 'ongoing'"))
            previous = (when, entry.progress)
    return out


def _within_credits(plan: Plan, card, i: int, entry, action, when) -> list[Problem]:
    """Paid within the credits allocated up to the line's budget year (the GID pays nothing
    beyond the credits opened)."""
    from pam.monitor.money import allocated_at

    allocated = allocated_at(action.budget, when)
    paid = entry.paid_value
    if allocated is None or paid <= allocated + 1e-9:
        return []
    key = "paid" if entry.paid is not None else "spent"
    return [plan.problem(card, ("actions", i, key), "warning", "paid-over-allocated",
                         f"{key} {paid:g} million MAD on {action.id} by {when}, more than the "
                         f"{allocated:g} allocated up to {when.year} (budget: in the plan): no "
                         "payment goes beyond the credits opened; check the amount, or the "
                         "action's budget")]


def _amounts(plan: Plan, card, i: int, entry, action_id: str, when, cost, before: dict
             ) -> list[Problem]:
    """One line's amounts: cumulative (never lower than the last one without a correction),
    plausible (not typed in dirhams), paid within committed and both within the cost.
    `before`: stage ('committed', 'paid') -> (date, amount) of the last line that gave it."""
    out = []
    if entry.paid is not None and entry.spent is not None and entry.paid != entry.spent:
        out.append(plan.problem(card, ("actions", i, "spent"), "error", "spent-and-paid",
                                f"this line gives paid {entry.paid:g} and spent "
                                f"{entry.spent:g}: spent is the older name of paid, they are "
                                "one figure; keep paid and remove spent"))
    paid_key = "paid" if entry.paid is not None else "spent"
    for stage, key, value in (("committed", "committed", entry.committed),
                              ("paid", paid_key, entry.paid_value)):
        if value is None:
            continue
        last = before.get(stage)
        if last and value < last[1] and not entry.correction:
            out.append(plan.problem(
                card, ("actions", i, key), "warning", f"{key}-decreased",
                f"{key} on {action_id} is {value:g} million MAD on {when}, less than the "
                f"{last[1]:g} reported on {last[0]}: {key} is cumulative; if the earlier "
                "figure was wrong, add 'correction: \"<reason>\"' to this line"))
        before[stage] = (when, value)
        if value >= MAD_LIKE:
            out.append(plan.problem(
                card, ("actions", i, key), "warning", "amount-in-mad",
                f"{key} {value:g} million MAD on {action_id}, that is {value / 1000:g} billion "
                f"dirhams: was it typed in dirhams? Amounts are in million MAD ({value:g} MAD "
                f"is {value / 1e6:g})"))
        if cost is not None and value > cost:
            out.append(plan.problem(
                card, ("actions", i, key), "warning", f"{key}-over-cost",
                f"{key} {value:g} million MAD on {action_id}, above its cost of {cost:g}; "
                "check the amount or record the overrun in the notes (and in an amendment "
                "of the cost)"))
    paid = entry.paid_value
    if paid is not None and entry.committed is not None and paid > entry.committed:
        out.append(plan.problem(
            card, ("actions", i, paid_key), "warning", "paid-over-committed",
            f"{paid_key} {paid:g} million MAD on {action_id} is more than the {entry.committed:g} "
            "committed: a payment follows a commitment (GID: committed, then paid); check "
            "both figures"))
    return out


def check_remarks(plan: Plan) -> list[Problem]:
    """Per card: obstacle ids unique, each solution's `answers:` names an obstacle of the
    same card, due dates not before the card's half month, no blank remark."""
    out = []
    for card in plan.cards:
        ids: dict[str, int] = {}
        for i, o in enumerate(card.obstacles):
            if o.id is None:
                continue
            if o.id in ids:
                out.append(plan.problem(card, ("obstacles", i, "id"), "error",
                                        "duplicate-obstacle-id",
                                        f"obstacle id '{o.id}' is used twice on this card "
                                        f"(obstacles {ids[o.id] + 1} and {i + 1}); give each "
                                        "obstacle its own id"))
            ids.setdefault(o.id, i)
        count = len(card.obstacles)
        start, _end = period_bounds(card.period)
        for i, s in enumerate(card.solutions):
            ref = s.answers
            if isinstance(ref, int) and not 1 <= ref <= count:
                out.append(plan.problem(
                    card, ("solutions", i, "answers"), "error", "solution-unknown-obstacle",
                    f"this solution answers obstacle {ref}, but the card lists "
                    f"{count} obstacle(s); write the obstacle's number (1 to {count}) or "
                    "its id" if count else
                    f"this solution answers obstacle {ref}, but the card lists no obstacle; "
                    "add the obstacle under 'obstacles:' or remove 'answers:'"))
            elif isinstance(ref, str) and ref not in ids:
                known = ", ".join(ids) or "none"
                out.append(plan.problem(
                    card, ("solutions", i, "answers"), "error", "solution-unknown-obstacle",
                    f"this solution answers obstacle '{ref}', which this card does not have "
                    f"(obstacle ids on the card: {known}).{did_you_mean(ref, ids)} A solution "
                    "answers an obstacle of its own card"))
            if s.due is not None and s.due < start:
                out.append(plan.problem(
                    card, ("solutions", i, "due"), "warning", "solution-due-before-card",
                    f"due {s.due}, before this card's half month {card.period} began "
                    f"({start}): a proposed solution is due later than it is proposed; "
                    "correct the date"))
        for key in ("obstacles", "solutions", "risks"):
            for i, item in enumerate(getattr(card, key)):
                if not item.text.strip():
                    out.append(plan.problem(card, (key, i), "warning", "empty-remark",
                                            f"{key} item {i + 1} is blank; write it or "
                                            "remove the line"))
    return out
