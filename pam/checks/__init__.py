"""Validators: small check_* functions (plan) -> list[Problem], registered in CHECKS and run in
order by run_checks. plan.py checks the plan, cards.py the progress cards, amendments.py the
updates of the program, freeze.py the cards of published periods, governance.py the steering
committee's meetings and the council's reviews."""

from __future__ import annotations

from pam.checks.amendments import check_amendments, check_dropped_reports
from pam.checks.cards import check_card_dates, check_card_refs, check_progress, check_remarks
from pam.checks.freeze import check_frozen
from pam.checks.governance import check_council, check_meetings
from pam.checks.plan import (
    check_declared_counts,
    check_id_parent,
    check_ids_unique,
    check_program_period,
    check_targets,
    check_targets_complete,
    check_text,
)
from pam.plan import Plan
from pam.problems import Problem

# Checks of the plan itself: they never look at the cards.
PLAN_CHECKS = [
    check_program_period,
    check_ids_unique,
    check_id_parent,
    check_targets,
    check_targets_complete,
    check_text,
    check_declared_counts,
    check_amendments,
    check_meetings,
    check_council,
]
# Checks of the cards: each looks at one card, or at the cards of one project (an action's
# reports over time), given the plan; so the cards of each project folder can be checked on
# their own (pam/cache/units.py relies on it) and give the same problems as all together.
CARD_CHECKS = [
    check_card_refs,
    check_card_dates,
    check_progress,
    check_remarks,
    check_dropped_reports,
    check_frozen,
]
CHECKS = PLAN_CHECKS + CARD_CHECKS


def run_checks(plan: Plan, checks: list | None = None) -> list[Problem]:
    """Run the checks (every one by default); a check that crashes becomes a problem, not a
    traceback."""
    out: list[Problem] = []
    for check in CHECKS if checks is None else checks:
        try:
            out.extend(check(plan))
        except Exception as exc:  # noqa: BLE001 - reported, never raised
            out.append(Problem(str(plan.root), 1, 1, "error", "internal-check-error",
                               f"{check.__name__} failed ({type(exc).__name__}: {exc}); "
                               "please report this with the plan attached"))
    return out
