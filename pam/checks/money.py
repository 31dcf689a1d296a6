"""Checks of an action's money in the plan: credits allocated by budget year, funding sources
and partnership agreements (the amounts the cards report are checked in cards.py)."""

from __future__ import annotations

from pam.checks.cards import MAD_LIKE
from pam.model import NO_COST
from pam.plan import Plan
from pam.problems import Problem


def check_budget(plan: Plan) -> list[Problem]:
    """Budget years inside the program; credits allocated within the cost, and only to an
    action that has one."""
    years = plan.program.years if plan.program and plan.program.years else None
    out = []
    for x in plan.actions():
        if not x.budget:
            continue
        for year in sorted(x.budget):
            if years is not None and year not in years:
                out.append(plan.problem(x, ("budget", year), "error", "budget-year",
                                        f"budget year {year} is outside the program period "
                                        f"{years.start}-{years.stop - 1}; fix the year"))
            if x.budget[year] >= MAD_LIKE:
                out.append(plan.problem(x, ("budget", year), "warning", "amount-in-mad",
                                        f"{x.budget[year]:g} million MAD allocated in {year} to "
                                        "one action: was it typed in dirhams? Amounts are in "
                                        "million MAD"))
        total = sum(x.budget.values())
        cost = x.cost_value
        if x.cost == NO_COST or cost == 0:
            out.append(plan.problem(x, ("budget",), "warning", "budget-without-cost",
                                    f"{total:g} million MAD allocated to {x.id}, which has no "
                                    "cost of its own (cost '-' or 0): give its cost, or put "
                                    "the credits on the action that carries it"))
        elif cost is not None and total > cost + 1e-9:
            out.append(plan.problem(x, ("budget",), "warning", "budget-over-cost",
                                    f"the credits allocated to {x.id} add up to {total:g} "
                                    f"million MAD, more than its cost of {cost:g}: check the "
                                    "amounts, or amend the cost"))
    return out


def _end_year(x) -> int | None:
    """The year an action is planned to end: its last target year."""
    return max(x.targets) if x.targets else None


def check_funding(plan: Plan) -> list[Problem]:
    """Each funding line names its partner (a partner source), the amounts stay within the
    cost (shares over 100%), a partner pays only for an action that costs something, and an
    agreement's date agrees with its status and comes before the action ends."""
    out = []
    for x in plan.actions():
        for i, f in enumerate(x.funding):
            at = ("funding", i)
            if f.source == "partner" and not (f.partner or "").strip():
                out.append(plan.problem(x, at + ("source",), "error", "funding-no-partner",
                                        f"funding line {i + 1} of {x.id} is a partner's, but "
                                        "names no partner; add partner: \"<who>\" (the State, "
                                        "the region, a public body)"))
            if f.source == "own" and f.partner:
                out.append(plan.problem(x, at + ("partner",), "warning", "funding-own-partner",
                                        f"funding line {i + 1} of {x.id} is the commune's own "
                                        f"resources but names the partner '{f.partner}': say "
                                        "source: partner, or remove the partner"))
            if f.amount is not None and f.amount >= MAD_LIKE:
                out.append(plan.problem(x, at + ("amount",), "warning", "amount-in-mad",
                                        f"{f.amount:g} million MAD from one source for one "
                                        "action: was it typed in dirhams? Amounts are in "
                                        "million MAD"))
            if f.source == "partner" and f.amount and (x.cost == NO_COST or x.cost == 0):
                out.append(plan.problem(x, at + ("amount",), "warning", "funding-without-cost",
                                        f"a partner pays {f.amount:g} million MAD for {x.id}, "
                                        "which has no cost of its own (cost '-' or 0): give "
                                        "the action its cost, or move the line to the action "
                                        "that carries the expense"))
            out += _agreement(plan, x, i, f)
        total = sum(f.amount or 0.0 for f in x.funding)
        cost = x.cost_value
        if cost and total > cost + 1e-9:
            out.append(plan.problem(x, ("funding",), "warning", "funding-over-cost",
                                    f"the funding of {x.id} adds up to {total:g} million MAD, "
                                    f"{100 * total / cost:.0f}% of its cost of {cost:g}: the "
                                    "shares are over 100%; check the amounts, or amend the "
                                    "cost"))
    return out


def _agreement(plan: Plan, x, i: int, f) -> list[Problem]:
    a = f.agreement
    if a is None:
        return []
    out = []
    at = ("funding", i, "agreement")
    end = _end_year(x)
    what = f"the agreement {a.ref}" if a.ref else "the agreement"
    if a.signed is not None and end is not None and a.signed.year > end:
        out.append(plan.problem(x, at + ("signed",), "warning", "agreement-after-end",
                                f"{what} funding {x.id} is signed on "
                                f"{a.signed}, after the action is planned to end ({end}, its "
                                "last target): money that comes after the work cannot pay "
                                "for it; check the date, or amend the targets"))
    if a.status == "signed" and a.signed is None:
        out.append(plan.problem(x, at + ("status",), "warning", "agreement-undated",
                                f"{what} funding {x.id} is signed but "
                                "gives no date: pam counts it signed on every date; add "
                                "signed: YYYY-MM-DD"))
    if a.signed is not None and a.status in ("planned", "negotiating"):
        out.append(plan.problem(x, at + ("status",), "warning", "agreement-status",
                                f"{what} funding {x.id} has a signing "
                                f"date ({a.signed}) but its status is '{a.status}': say "
                                "status: signed, or remove the date"))
    return out
