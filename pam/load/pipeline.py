"""The loading pipeline, pure: files -> YAML data -> pydantic models -> checks -> (plan, problems).

Nothing here is cached or printed; pam/cache/ keeps results between commands, at one edge.
The steps are also offered one by one (the plan's structure, a group of cards, the checks) so
that the cache can recompute only the files that changed, with the same code.
"""

from __future__ import annotations

from pathlib import Path

from pam.load.files import plan_files, record_files
from pam.load.models import to_model
from pam.load.positions import Locator, relpath
from pam.load.yaml import parse, read_text
from pam.model import Amendment, Card, CouncilReview, Data, Domain, Meeting, Program
from pam.plan import Plan
from pam.problems import Problem, error, order, split_card_errors  # noqa: F401 (order: re-exported)


def load_plan(root: Path, *, cards: bool = True,
              locate_warnings: bool = True) -> tuple[Plan, list[Problem]]:
    """Read program.yaml, domains/*.yaml, amendments/ and (optionally) the progress cards
    under `root`, check them, and return the plan with every problem, sorted.

    With locate_warnings=False (commands that only show errors) warnings are not given a
    line and column, which spares composing those files to find positions.
    """
    program_file, domain_files, amendment_files, card_files = plan_files(root, cards)
    plan, problems = load_structure(root, locate_warnings)
    if plan.program is None and not root.is_dir():
        return plan, problems
    problems += load_cards(plan, card_files)
    return plan, finish(plan, problems, len(domain_files))


def load_structure(root: Path, locate_warnings: bool = True,
                   only_domains: list[str] | None = None) -> tuple[Plan, list[Problem]]:
    """The plan without its cards: program, domains, amendments and the governance records
    (steering/ meetings, council/ reviews), with the problems of reading them (not yet the
    checks). With `only_domains`, only those domain files are read (part of a plan whose
    whole structure is known to be valid: pam/cache/units.py checks one project's cards
    against its own domain without building every other one)."""
    plan = Plan(root=root, locate_warnings=locate_warnings)
    if not root.is_dir():
        rel = relpath(root)
        found = "a file" if root.exists() else "nothing"
        return plan, [error(rel, 1, 1, "plan-not-found",
                            f"expected a plan folder at '{rel}', found {found}; pass --plan DIR "
                            "or set PAM_PLAN (the folder that holds program.yaml and domains/)")]
    program_file, every_domain, amendment_files, _ = plan_files(root, False)
    domain_files = every_domain if only_domains is None else [Path(f) for f in only_domains]
    problems: list[Problem] = []
    if program_file.exists() or program_file.is_symlink():
        plan.program = read_model(plan, program_file, Program, problems)
    else:
        problems.append(error(relpath(program_file), 1, 1, "missing-file",
                              "program.yaml is missing: every plan folder needs one "
                              "(commune, period, governance); see docs/plan-format.md"))
    if not every_domain:
        problems.append(error(relpath(root / "domains"), 1, 1, "missing-file",
                              "no domain files found in domains/: add one YAML file per domain"))
    for path in domain_files:
        domain = read_model(plan, path, Domain, problems)
        if domain is not None:
            plan.domains.append(domain)
    for path in amendment_files:
        amendment = read_model(plan, path, Amendment, problems)
        if amendment is not None:
            plan.amendments.append(amendment)
    meeting_files, council_files = record_files(root)
    for path in meeting_files:
        meeting = read_model(plan, path, Meeting, problems)
        if meeting is not None:
            plan.meetings.append(meeting)
    for path in council_files:
        review = read_model(plan, path, CouncilReview, problems)
        if review is not None:
            plan.council.append(review)
    return plan, problems


def load_cards(plan: Plan, paths: list[Path] | list[str]) -> list[Problem]:
    """Read card files into plan.cards; the problems of reading them."""
    problems: list[Problem] = []
    for path in paths:
        card = read_model(plan, path, Card, problems)
        if card is not None:
            plan.cards.append(card)
    return problems


def without_cards(plan: Plan, files: set[str]) -> Plan:
    """The plan without the cards read from `files` (cards with an error: left out of the
    views and reports, which name them; every other card still counts)."""
    if not files:
        return plan
    return plan.with_cards([c for c in plan.cards if plan.file_of(c) not in files])


def load_for_views(root: Path, *, cards: bool = True) -> tuple[Plan, list[Problem], list]:
    """The plan for a view or a report: (the plan without its broken cards, the errors that
    block everything, the errors of the cards left out). One broken card blocks no one
    else: only errors outside the card files (program, domains, amendments, the folders)
    stop a view; a card with an error is left out and named."""
    plan, problems = load_plan(root, cards=cards, locate_warnings=False)
    errors = [p for p in problems if p.severity == "error"]
    # the card files as problems name them: listed again only when there is an error to sort
    card_files = {relpath(path) for path in plan_files(root, cards)[3]} if errors else set()
    blocking, of_cards = split_card_errors(errors, card_files)
    kept = without_cards(plan, {p.file for p in of_cards})
    kept.left_out_cards = sorted(set(of_cards), key=order)
    return kept, blocking, of_cards


def finish(plan: Plan, problems: list[Problem], domain_files: int) -> list[Problem]:
    """Run the checks and return every problem, sorted and without duplicates."""
    from pam.checks import run_checks

    checked = run_checks(plan)
    if len(plan.domains) < domain_files or not domain_files:
        # a domain file could not be read: cards naming its projects and actions are not
        # wrong, the plan is incomplete; the domain's own problems say what to fix first
        checked = [p for p in checked if p.code not in ("unknown-project", "unknown-action")]
    return sorted(set(problems + checked), key=order)


def read_model(plan: Plan, path: Path | str, model: type[Data], problems: list[Problem]):
    """One file read, parsed and built into `model` (None when it cannot be); its problems
    are added to `problems`, and the plan learns where to find positions in it."""
    rel = relpath(path)
    text, found = read_text(path, rel)
    problems.extend(found)
    if text is None:
        return None
    data, found = parse(text, rel)
    problems.extend(found)
    if found:
        return None
    locator = plan.locators[rel] = Locator(path=path)
    invalid: list[Problem] = []
    obj = to_model(data, model, rel, locator, invalid)
    if isinstance(obj, Card):
        plan.card_files[id(obj)] = rel
    if invalid:
        # the fast reader reads a few things the reference does not (numbers of thousands of
        # digits): when its data does not fit, the reference reader's reading decides
        again, refused = parse(text, rel, fast=False)
        if refused:
            invalid = refused
        elif again != data:
            invalid = []
            obj = to_model(again, model, rel, locator, invalid)
            if isinstance(obj, Card):
                plan.card_files[id(obj)] = rel
    problems.extend(invalid)
    return obj
