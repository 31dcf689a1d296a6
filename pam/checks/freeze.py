"""Freeze: once a period's report is published (git tag `report/2019-H1`), the cards of the half
months in or before that period may not change unless the change is recorded as a correction
with a reason. A card belongs to the half month it reports (its `period`, and its file name),
whatever dates it carries: its dates must lie in that half month anyway (check_card_dates).

Tag names: report/2019 (the year), report/2019-H1 / -H2, report/2019-Q1 … -Q4,
report/2019-06a / -06b (a half month). Anything else under report/ is ignored.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pam import git
from pam.load.positions import relpath
from pam.problems import Problem

if TYPE_CHECKING:
    from pam.plan import Plan

TAG = re.compile(r"^report/([0-9]{4})(?:-(H[12]|Q[1-4]|(0[1-9]|1[0-2])[ab]))?$")
PERIOD = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])([ab])$")


def period_end(tag: str) -> dt.date | None:
    m = TAG.match(tag)
    if not m:
        return None
    year, part = int(m.group(1)), m.group(2)
    if part is None or part == "H2" or part == "Q4":
        return dt.date(year, 12, 31)
    if part == "H1" or part == "Q2":
        return dt.date(year, 6, 30)
    if part == "Q1":
        return dt.date(year, 3, 31)
    if part == "Q3":
        return dt.date(year, 9, 30)
    month = int(part[:2])
    return dt.date(year, month, 15 if part[2] == "a" else calendar.monthrange(year, month)[1])


def check_frozen(plan: Plan) -> list[Problem]:
    """Cards of published periods, by the half month they report: the `period` of the card as
    it is now, as it was at the tag, and its file name (so moving a card's dates or period
    out of a published half year does not unfreeze it). In a frozen card, no entry's progress,
    amounts (committed, paid, spent), indicator values or state may change, and no entry or card may be added or removed, unless the line
    says why (correction:). Removed cards are seen for the project folders that still hold a
    card (this check looks at the cards of one project at a time)."""
    repo = git.work_tree(plan.root)
    if repo is None or not plan.cards:
        return []
    # the tags with a period end (the others are left out): (end, tag)
    frozen = cast("list[tuple[dt.date, str]]",
                  sorted(((period_end(t), t) for t in git.tags(repo, "report/*") if period_end(t)),
                         reverse=True))
    if not frozen:
        return []
    try:
        progress = (plan.root.resolve() / "progress").relative_to(repo).as_posix()
    except ValueError:
        return []
    pending = {p.relative_to(repo).as_posix() for p in plan.pending
               if p.is_relative_to(repo)}
    out: list[Problem] = []
    seen: set[tuple[str, int, int, str] | str] = set()  # problems' places, removed files
    for end, tag in frozen:
        changed = git.changed_since(repo, tag, progress) | pending
        before = git.files_at(repo, tag, progress)
        folders = set()
        for card in plan.cards:
            rel = _rel(plan, card, repo)
            if rel is None:
                continue
            folders.add(rel.rsplit("/", 1)[0])
            if rel in before and rel not in changed:
                continue
            old = _old_card(repo, tag, rel) if rel in before else {}
            periods = {card.period, _stem(rel), str(old.get("period", ""))}
            if not any(_starts_by(p, end) for p in periods):
                continue
            for problem in _changes(plan, card, old, tag):
                key = (plan.file_of(card), problem.line, problem.column, problem.code)
                if key not in seen:
                    seen.add(key)
                    out.append(problem)
        for rel in sorted((before & changed) - {r for r in before if (repo / r).exists()}):
            if rel.rsplit("/", 1)[0] in folders and rel not in seen and \
                    _starts_by(_stem(rel), end):
                seen.add(rel)
                out.append(Problem(relpath(repo / rel), 1, 1, "error", "frozen-card-removed",
                                   f"the {tag} report is published (git tag {tag}) and this "
                                   "card belongs to it, but it was deleted (or renamed) after "
                                   f"publication; restore it: git checkout {tag} -- {rel}"))
    return out


def _changes(plan: Plan, card, old: dict, tag: str) -> list[Problem]:
    """What changed in one frozen card since the tag, entry by entry."""
    out = []
    entries = {str(e.get("action")): e for e in old.get("actions") or [] if isinstance(e, dict)}
    intro = f"the {tag} report is published (git tag {tag}) and this card ({card.period}) " \
            "belongs to it"
    old_period = old.get("period")
    if old and old_period is not None and str(old_period) != card.period:
        out.append(plan.problem(card, ("period",), "error", "frozen-card-changed",
                                f"{intro}: its period was {old_period} at publication and may "
                                "not move; put it back (figures of a later half month go on "
                                "that half month's card)"))
    for i, e in enumerate(card.actions):
        was = entries.get(e.action)
        same = was is not None and (
            was.get("progress"), was.get("spent"), was.get("state", "ongoing"),
            was.get("committed"), was.get("paid"), was.get("indicators") or {}) == (
            e.progress, e.spent, e.state, e.committed, e.paid, e.indicators)
        if not same and not e.correction:
            out.append(plan.problem(
                card, ("actions", i), "error", "frozen-card-changed",
                f"{intro}: {e.action} {'was added' if was is None else 'changed'} after "
                "publication; undo the change, or keep it and add correction: \"<reason>\" "
                "to this line"))
    current = {e.action for e in card.actions}
    for action in entries:
        if action not in current:
            out.append(plan.problem(
                card, ("actions",), "error", "frozen-card-changed",
                f"{intro}: the line of {action} was removed after publication; put it back "
                "(a wrong figure is corrected on its line, with correction: \"<reason>\")"))
    return out


def _starts_by(period: str, end: dt.date) -> bool:
    """True when the half month `period` (YYYY-MMa/b) starts on or before `end`."""
    m = PERIOD.match(period or "")
    if not m:
        return False
    return dt.date(int(m.group(1)), int(m.group(2)), 1 if m.group(3) == "a" else 16) <= end


def _stem(rel: str) -> str:
    return rel.rsplit("/", 1)[-1].split(".", 1)[0]


def _rel(plan: Plan, card, repo: Path) -> str | None:
    locator = plan.locators.get(plan.file_of(card))
    path = getattr(locator, "path", None) or Path(plan.file_of(card))
    try:
        return Path(path).resolve().relative_to(repo).as_posix()
    except ValueError:
        return None


def _old_card(repo: Path, tag: str, rel: str) -> dict:
    from pam.load.yaml import parse

    text = git.blob(repo, tag, rel)
    if text is None:
        return {}
    data, problems = parse(text, rel)
    if problems or not isinstance(data, dict):
        return {}
    return data
