"""Checks of the plan's files as files: what is not read (named, never silently skipped), two
cards for one half month (the folder listing itself: pam/load/tree.py).

The rules of a plan folder (pam.load.files): program.yaml; domains/*.yaml; amendments/ at any
depth; progress/PROJECT/*.yaml (and a card misplaced directly in progress/). YAML suffixes in
any case (.yaml, .yml, .YAML). Hidden files and folders (.git, an editor's .#lock) are skipped,
but a hidden YAML file is named. Symbolic links to folders are never followed.
"""

from __future__ import annotations

from collections import defaultdict

from pam.plan import Plan
from pam.problems import Problem


def check_plan_tree(plan: Plan) -> list[Problem]:
    """Every entry of the plan folder that is not read, named: an error when it holds data pam
    should count (a project folder that is a link, a file or unreadable; progress/ that is a
    file), a warning for what is merely out of place (a backup copy, a note, a stray file).

    Not a plan check nor a card check: it looks at the folder listing, not at the models
    (a new file beside the cards changes its answer, whatever the cards hold)."""
    from pam.load.tree import tree_problems

    return tree_problems(plan.root, set(plan.ids("project")))


def check_duplicate_cards(plan: Plan) -> list[Problem]:
    """One card per project and half month, whatever the files are called (a copy named
    2020-06a-old.yaml, or 2020-06a.yml beside 2020-06a.yaml, would count twice)."""
    seen: dict[tuple[str, str], list] = defaultdict(list)
    for card in plan.cards:
        seen[(card.project, card.period)].append(card)
    out = []
    for (project, period), cards in seen.items():
        if len(cards) < 2:
            continue
        # the card at its own place (progress/PROJECT/PERIOD.yaml) is the one; the others,
        # in name order, are the second ones
        cards = sorted(cards, key=lambda c: (not _at_home(plan, c), plan.file_of(c)))
        first = plan.file_of(cards[0])
        for card in cards[1:]:
            out.append(plan.problem(card, ("period",), "error", "duplicate-card",
                                    f"a second card for {project}, {period}: {first} is "
                                    "one already; a half month has one card per project, or "
                                    "its figures count twice. Merge them into "
                                    f"progress/{project}/{period}.yaml and delete the other"))
    return out


def _at_home(plan: Plan, card) -> bool:
    parts = plan.file_of(card).replace("\\", "/").rsplit("/", 2)
    return len(parts) == 3 and parts[1] == card.project and parts[2].lower() in (
        f"{card.period}.yaml", f"{card.period}.yml")
