"""Validators: small check_* functions (plan) -> list[Problem], registered in CHECKS and run in
order by run_checks. plan.py checks the plan, cards.py the progress cards, amendments.py the
updates of the program, indicators.py the physical indicators (plan and cards), money.py
budgets, funding and agreements, freeze.py the cards of published periods, governance.py the steering
committee's meetings and the council's reviews, texts.py every text (control, bidi and
invisible characters), files.py the files themselves (what is not read, two cards for one half
month). A YAML merge key is refused by the reader itself (pam.load.yaml.merge_keys)."""

from __future__ import annotations

from pam.checks.amendments import (
    check_amendment_ids,
    check_amendment_values,
    check_amendments,
    check_dropped_reports,
)
from pam.checks.cards import (
    check_card_dates,
    check_card_refs,
    check_card_reporter,
    check_progress,
    check_remarks,
)
from pam.checks.files import (
    check_duplicate_cards,
    check_plan_tree,
)
from pam.checks.freeze import check_frozen
from pam.checks.governance import check_council, check_meetings
from pam.checks.indicators import check_indicator_defs, check_indicator_values
from pam.checks.money import check_budget, check_funding
from pam.checks.plan import (
    check_amounts,
    check_declared_counts,
    check_empty_nodes,
    check_id_collisions,
    check_id_parent,
    check_ids_unique,
    check_indicators,
    check_program_period,
    check_targets,
    check_targets_complete,
    check_text,
    check_thresholds,
)
from pam.checks.public import check_public
from pam.checks.texts import check_card_texts, check_plan_texts
from pam.plan import Plan
from pam.problems import Problem

# Checks of the plan itself: they never look at the cards.
PLAN_CHECKS = [
    check_program_period,
    check_thresholds,
    check_ids_unique,
    check_id_collisions,
    check_id_parent,
    check_empty_nodes,
    check_targets,
    check_targets_complete,
    check_indicators,
    check_indicator_defs,
    check_budget,
    check_funding,
    check_amounts,
    check_text,
    check_plan_texts,
    check_declared_counts,
    check_amendments,
    check_amendment_ids,
    check_amendment_values,
    check_meetings,
    check_council,
    check_public,
]
# Checks of the cards: each looks at one card, or at the cards of one project (an action's
# reports over time), given the plan; so the cards of each project folder can be checked on
# their own (pam/cache/units.py relies on it) and give the same problems as all together.
# (No money check looks across projects: a check of a total over several projects' cards,
# say a domain's payments against its credits, would break this and belongs in the reports.)
# (check_frozen also asks git for the published tags and the files at them: a cache keys its
# answer on the repository's state, pam.git.state.)
CARD_CHECKS = [
    check_card_refs,
    check_card_reporter,
    check_card_dates,
    check_progress,
    check_indicator_values,
    check_duplicate_cards,
    check_card_texts,
    check_remarks,
    check_dropped_reports,
    check_frozen,
]
# Checks of the plan folder's listing: they look neither at the plan's models nor at the
# cards, but at which files and folders exist (a file that is not read, a project folder that
# is a link), so their answer changes when the listing does (pam.load.files.unread_entries),
# whatever the files hold. Cheap: one scandir per folder.
TREE_CHECKS = [
    check_plan_tree,
]
CHECKS = PLAN_CHECKS + CARD_CHECKS + TREE_CHECKS


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
