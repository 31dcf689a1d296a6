"""Freeze: once a period's report is published (git tag `report/2019-H1`), cards dated in or
before that period may not change unless the change is recorded as a correction with a reason.

Tag names: report/2019 (the year), report/2019-H1 / -H2, report/2019-Q1 … -Q4,
report/2019-06a / -06b (a half month). Anything else under report/ is ignored.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from pam import git

if TYPE_CHECKING:
    from pam.plan import Plan
    from pam.problems import Problem

TAG = re.compile(r"^report/([0-9]{4})(?:-(H[12]|Q[1-4]|(0[1-9]|1[0-2])[ab]))?$")


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
    repo = git.work_tree(plan.root)
    if repo is None or not plan.cards:
        return []
    frozen = sorted(((period_end(t), t) for t in git.tags(repo, "report/*") if period_end(t)),
                    reverse=True)
    if not frozen:
        return []
    out, seen = [], set()
    progress = (plan.root.resolve() / "progress").relative_to(repo).as_posix()
    for end, tag in frozen:
        changed = git.changed_since(repo, tag, progress)
        before = git.files_at(repo, tag, progress)
        for card in plan.cards:
            if card.date > end:
                continue
            rel = _rel(plan, card, repo)
            if rel is None or (rel in before and rel not in changed):
                continue
            old = _old_entries(repo, tag, rel) if rel in before else {}
            for i, e in enumerate(card.actions):
                was = old.get(e.action)
                same = was is not None and (was.get("progress"), was.get("spent"),
                                            was.get("state", "ongoing")) == \
                    (e.progress, e.spent, e.state)
                if not same and not e.correction and (plan.file_of(card), i) not in seen:
                    seen.add((plan.file_of(card), i))
                    out.append(plan.problem(
                        card, ("actions", i), "error", "frozen-card-changed",
                        f"the {tag} report is published (git tag {tag}) and this card, dated "
                        f"{card.date}, belongs to it: {e.action} "
                        f"{'was added' if was is None else 'changed'} after publication; undo "
                        "the change, or keep it and add correction: \"<reason>\" to this line"))
    return out


def _rel(plan: Plan, card, repo: Path) -> str | None:
    locator = plan.locators.get(plan.file_of(card))
    path = getattr(locator, "path", None) or Path(plan.file_of(card))
    try:
        return Path(path).resolve().relative_to(repo).as_posix()
    except ValueError:
        return None


def _old_entries(repo: Path, tag: str, rel: str) -> dict:
    from pam.load.yaml import parse

    text = git.blob(repo, tag, rel)
    if text is None:
        return {}
    data, problems = parse(text, rel)
    if problems or not isinstance(data, dict):
        return {}
    return {str(e.get("action")): e for e in data.get("actions") or [] if isinstance(e, dict)}
