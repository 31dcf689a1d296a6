"""Money in stages and funding (pure): what an action has allocated, committed and paid at a
date, who pays for it, the rates and coverage of a node, and the divergence alarms.

The stages are those of the Treasury's expenditure system (GID): the **programmed cost** (the
plan's `cost`), credits **allocated** (`budget: {YEAR: amount}` on the action, summed over the
budget years up to the date's: the budget year is the calendar year), **committed** and **paid**
(the last card's cumulative `committed` and `paid`; `spent` is paid's older name). Earned value's
AC is what was paid.

Rates, each over the actions where both figures are known (so an action without a card does
not read as 0% executed): paid / allocated (`paid_of_allocated`, the execution of the credits)
and committed / cost (`committed_of_cost`).

Funding: each action's `funding` lines (own resources or a partner, an amount, an agreement).
A partner's amount is **signed** when its agreement's status is `signed` and its date (if
given) is on or before the date. For a node: `own_share` and `partner_share` are shares of the
funding declared (own + partners), `signed_share` the share of partner money under signed
agreements, `coverage` the funding declared for the costed actions over their cost.

Alarms (threshold `divergence` in program.yaml, in points): `spending_ahead` when the paid
share of the cost runs ahead of the progress by more than the threshold; `indicator_stalled`
when the progress runs ahead of a cumulative indicator's share of its way (baseline to last
target) by more than the threshold: money or work reported without the physical result.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from pam.monitor.indicators import share_done
from pam.monitor.results import ActionResult, IndicatorResult, rate


def allocated_at(budget: dict, day: dt.date) -> float | None:
    """Credits allocated up to the budget year of `day`; None when none is declared."""
    if not budget:
        return None
    return sum(float(v) for y, v in budget.items() if y <= day.year) + 0.0


def is_signed(agreement, day: dt.date) -> bool:
    return agreement is not None and agreement.status == "signed" and (
        agreement.signed is None or agreement.signed <= day)


def funding_lines(funding: list, day: dt.date) -> tuple[tuple[str, str, float, bool], ...]:
    """(source, partner, amount, signed at `day`) for each funding line with an amount."""
    return tuple((f.source, f.partner or "", float(f.amount),
                  f.source == "partner" and is_signed(f.agreement, day))
                 for f in funding if f.amount is not None)


def alarms_of(progress: float | None, cost: float | None, paid: float | None,
              indicators: tuple, t, cancelled: bool = False) -> tuple[str, ...]:
    """The divergence alarms of one action (see the module's docstring); none when the action
    is cancelled."""
    if cancelled:
        return ()
    limit = getattr(t, "divergence", 25.0)
    out = []
    if cost and paid is not None and 100 * paid / cost - (progress or 0.0) > limit:
        out.append("spending_ahead")
    if any(indicator_stalls(progress, r, limit) for r in indicators):
        out.append("indicator_stalled")
    return tuple(out)


def indicator_stalls(progress: float | None, r: IndicatorResult, limit: float,
                     cancelled: bool = False) -> bool:
    """The indicator_stalled rule for one indicator of an action (alarms_of raises the alarm
    when one of them stalls; pam explain shows each): the action is not cancelled, the
    indicator is cumulative with a share of its way known (share_done) and not cancelled, and
    the action's progress runs ahead of that share by more than `limit` points."""
    if cancelled or r.status == "cancelled":
        return False
    share = share_done(r)
    return share is not None and (progress or 0.0) - share > limit


MONEY_KEYS = ("cost", "allocated", "committed", "paid", "paid_of_allocated",
              "committed_of_cost", "rated", "budgeted", "committed_known", "own", "partner",
              "partner_signed", "own_share", "partner_share", "signed_share", "coverage",
              "funded", "sources")


def money_of(results: list[ActionResult]) -> dict:
    """A node's money (MONEY_KEYS): the stages summed, the rates over the actions where both
    figures are known (`rated` says how many), how many actions have credits (`budgeted`)
    and a commitment reported (`committed_known`), the funding declared by how many
    (`funded`), its shares, and the sources by name."""
    with_alloc = [r for r in results if r.allocated and r.spent is not None]
    with_commit = [r for r in results if r.cost and r.committed is not None]
    funded = [r for r in results if r.funding]
    own = sum((r.own or 0.0 for r in funded), 0.0)
    partner = sum((r.partner or 0.0 for r in funded), 0.0)
    signed = sum((r.partner_signed or 0.0 for r in funded), 0.0)
    costed = [r for r in results if r.cost]
    covered = sum((r.own or 0.0) + (r.partner or 0.0) for r in costed if r.funding)
    sources: dict[str, list[float]] = {}
    for r in funded:
        for src, name, amount, ok in r.funding:
            key = "" if src == "own" else name
            got = sources.setdefault(key, [0.0, 0.0])
            got[0] += amount
            got[1] += amount if ok else 0.0
    total = own + partner
    # the filters above: with_alloc has credits and a payment, with_commit a cost and a
    # commitment, costed a cost; cast(float, ...) says so where a figure is float | None
    return {
        "cost": sum((r.cost or 0.0 for r in results), 0.0),
        "allocated": sum((r.allocated or 0.0 for r in results), 0.0),
        "committed": sum((r.committed or 0.0 for r in results), 0.0),
        "paid": sum((r.spent or 0.0 for r in results), 0.0),
        "paid_of_allocated": rate(sum(cast(float, r.spent) for r in with_alloc),
                                  sum(cast(float, r.allocated) for r in with_alloc)),
        "committed_of_cost": rate(sum(cast(float, r.committed) for r in with_commit),
                                  sum(cast(float, r.cost) for r in with_commit)),
        "rated": {"paid_of_allocated": len(with_alloc), "committed_of_cost": len(with_commit)},
        "budgeted": sum(1 for r in results if r.allocated is not None),
        "committed_known": sum(1 for r in results if r.committed is not None),
        "own": own, "partner": partner, "partner_signed": signed,
        "own_share": rate(own, total), "partner_share": rate(partner, total),
        "signed_share": rate(signed, partner),
        "coverage": rate(covered, sum(cast(float, r.cost) for r in costed)) if funded else None,
        "funded": len(funded),
        "sources": [{"source": "own" if not k else "partner", "partner": k or None,
                     "amount": v[0], "signed": v[1] if k else None,
                     "share": rate(v[0], total)}
                    for k, v in sorted(sources.items(), key=lambda kv: (kv[0] != "", -kv[1][0],
                                                                        kv[0]))],
    }
