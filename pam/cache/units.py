"""The result of one unit of files, computed by the same functions as the full pipeline.

A unit is the plan's structure (program, domains, amendments: read and checked with
PLAN_CHECKS) or one folder of progress/ (its cards read, then checked with CARD_CHECKS against
the structure; its project's actions measured). The full pipeline's problems and figures are
the union of the units' when every card lies in the folder of the project it names and names
only that project's actions: a unit says whether it is so (`clean`); if one is not, the
commands use the full pipeline instead.
Results are JSON data (see pam.monitor.results.to_data).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pam.problems import Problem, split_card_errors

if TYPE_CHECKING:
    from pam.plan import Plan


@dataclass
class Structure:
    """The plan without cards, as read and checked; `ok` when it has no error (then its
    units can be checked one by one)."""

    plan: Plan
    problems: list[Problem]
    files: int

    @property
    def ok(self) -> bool:
        return self.plan.program is not None and not any(
            p.severity == "error" for p in self.problems)


def load_structure(root: Path, locate_warnings: bool, checked: bool = True,
                   domain_files: list[str] | None = None) -> Structure:
    """The structure read, and checked with PLAN_CHECKS unless `checked` is False (when its
    problems are already known: only the plan is needed, to check cards against).

    With `domain_files` (a structure already known to be valid, its files unchanged), only
    those domain files are read, with program.yaml, the amendments and the records: enough to
    check the cards of the projects they hold, since a unit whose cards name an action of
    another project is not clean (read_unit); the other domains are not built again."""
    from pam.checks import PLAN_CHECKS, run_checks
    from pam.load.pipeline import load_structure as read

    plan, problems = read(root, locate_warnings, domain_files)
    files = len(plan.locators)
    if plan.program is not None and checked and domain_files is None:
        problems = problems + run_checks(plan, PLAN_CHECKS)
    return Structure(plan, problems, files)


def domain_of(structure: Structure) -> dict[str, str]:
    """project id -> the domain file it is read from (as load_structure's `domain_files`)."""
    plan = structure.plan
    return {p.id: str(plan.locators[plan.file_of(d)].path)
            for d in plan.domains for a in d.axes for p in a.projects}


def problem_data(p: Problem) -> list:
    return [p.file, p.line, p.column, p.severity, p.code, p.message, p.where]


def problem_from(data: list) -> Problem:
    return Problem(*data)


def read_unit(structure: Structure, root: Path, unit: str) -> tuple[Plan, list[Problem], bool]:
    """The unit's cards read and checked: (the plan with only these cards, the problems,
    clean: the folder is a project of the plan, and every card names it and only its
    actions). A unit that is not clean is not checked: its cards' checks may need other
    folders' cards (an action's reports over time) or other domains (a structure read in
    part: load_structure), so the commands use the full pipeline."""
    from pam.checks import CARD_CHECKS, run_checks
    from pam.load.files import unit_files
    from pam.load.pipeline import load_cards

    plan = structure.plan.with_cards()
    problems = load_cards(plan, unit_files(root, unit))  # paths as text: no pathlib per card
    clean = bool(unit) and all(card.project == unit for card in plan.cards) and \
        _local(plan, unit)
    if clean:
        problems += run_checks(plan, CARD_CHECKS)
    return plan, problems, clean


def _local(plan: Plan, unit: str) -> bool:
    """True when the unit has no card, or is a project of the plan whose cards name only its
    actions."""
    if not plan.cards:
        return True
    from pam.model import Project

    found = plan.index().get(unit)
    if found is None or not isinstance(found[1], Project):
        return False
    actions = {x.id for x in found[1].actions}
    return all(entry.action in actions for card in plan.cards for entry in card.actions)


def validate_unit(structure: Structure, root: Path, unit: str) -> dict:
    """A unit's part of `pam validate`: its problems (located) and how many files were read."""
    plan, problems, clean = read_unit(structure, root, unit)
    return {"problems": [problem_data(p) for p in problems],
            "files": len(plan.locators) - structure.files, "clean": clean}


@dataclass(frozen=True)
class Measure:
    """What `pam status` measures against: the plan as amended or adopted, at a date, with
    the half year of reporting discipline that the terminal view shows."""

    plan: Plan
    as_of: dt.date
    since: dt.date


def measure(structure: Structure, day: dt.date | None, against: str) -> Measure:
    from pam.monitor.baseline import view

    viewed = view(structure.plan, against)
    as_of = as_of_date(viewed, day)
    return Measure(viewed, as_of, dt.date(as_of.year, 1 if as_of.month <= 6 else 7, 1))


def as_of_date(plan: Plan, day: dt.date | None) -> dt.date:
    """The date a status is measured at: `day` (capped to the program's last day), else the
    default (today capped, or an example workspace's own date)."""
    from pam.monitor.status import default_as_of

    if day is None:
        return default_as_of(plan)
    return min(day, dt.date(plan.loaded_program.period.end, 12, 31))


def heads_of(plan: Plan) -> dict:
    """project id -> [head, service], for the projects whose head or service the plan names."""
    return {p.id: [p.head, p.service] for p in plan.projects() if p.head or p.service}


def project_part(m: Measure, project, cards: list, source: Plan | None = None) -> dict:
    """One project's action results, its own indicators measured, and its
    reporting-discipline row, from its cards."""
    from pam.monitor.discipline import reporting_discipline
    from pam.monitor.results import to_data
    from pam.monitor.status import project_indicators, project_results
    from pam.monitor.variance import reports_by_action

    plan = m.plan.with_cards(cards, source)
    t = m.plan.loaded_program.thresholds
    reports = reports_by_action(cards)
    results = project_results(project, reports, m.as_of, t)
    own = project_indicators(project, reports, m.as_of, t, results)
    row = reporting_discipline(plan, m.since, m.as_of, [project])[0]
    return {"results": [to_data(r) for r in results], "indicators": [to_data(i) for i in own],
            "discipline": discipline_data(row)}


def status_unit(structure: Structure, m: Measure, root: Path, unit: str) -> dict:
    """A unit's part of `pam status`: the errors that block the status, the errors of its
    cards (those cards are left out, the others count), and its project's part (when the
    plan has a project of that name and the unit is clean)."""
    from pam.load.files import unit_files
    from pam.load.positions import relpath

    plan, problems, clean = read_unit(structure, root, unit)
    files = {relpath(Path(f)) for f in unit_files(root, unit)}
    blocking, of_cards = split_card_errors([p for p in problems if p.severity == "error"],
                                           files)
    bad = {p.file for p in of_cards}
    kept = [c for c in plan.cards if plan.file_of(c) not in bad]
    found = m.plan.index().get(unit) if clean else None
    part = project_part(m, found[1], kept, plan) if found and found[0] == "project" else None
    return {"errors": [problem_data(p) for p in blocking],
            "card_errors": [problem_data(p) for p in of_cards],
            "clean": clean and (part is not None or not plan.cards), "project": part}


DISCIPLINE_KEYS = ("project", "name", "expected", "received", "on_time", "late", "unknown",
                   "unknown_reason", "missing", "last_card")


def discipline_data(row: dict) -> dict:
    out: dict[str, Any] = {k: str(row[k]) if k == "name" else row[k] for k in DISCIPLINE_KEYS}
    out["last_card"] = out["last_card"].isoformat() if out["last_card"] else None
    return out


def discipline_from(data: dict) -> dict:
    out = dict(data)
    out["last_card"] = dt.date.fromisoformat(out["last_card"]) if out["last_card"] else None
    return out
