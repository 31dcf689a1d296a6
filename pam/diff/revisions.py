"""The two sides of `pam diff`: plan folders, or the plan folder at git revisions (extracted
with git archive into a temporary folder), loaded for comparison."""

from __future__ import annotations

import io
import os
import tarfile
from dataclasses import replace
from pathlib import Path

from pam import git
from pam.diff.compare import Version
from pam.errors import NotFound, UsageError
from pam.plan import Plan
from pam.problems import Problem

BOTH = "to compare two plan folders, give both: pam diff OLD_DIR NEW_DIR"


def sides(rev_a: str, rev_b: str | None, plan: Path, tmp: Path) -> list[tuple]:
    """(plan folder, Version, prefix for problem locations) for each side of the comparison:
    two folders, or revisions of the repository holding `plan` (rev_b None: the work tree)."""
    if rev_b is not None and Path(rev_a).is_dir() and Path(rev_b).is_dir():
        return [(Path(rev_a), Version(rev_a), None), (Path(rev_b), Version(rev_b), None)]
    repo, sub = find_repository(plan)
    out: list[tuple[Path, Version, str | None]] = []
    for name, rev in (("a", rev_a), ("b", rev_b)):
        if rev is None:
            out.append((plan, Version(f"working tree ({plan})"), None))
            continue
        commit = git.commit_of(repo, rev)
        if commit is None:
            hint = f" ({BOTH})" if Path(rev).is_dir() else "; git log --oneline lists the revisions"
            raise UsageError(f"'{rev}' is not a revision of the repository at {repo}{hint}")
        root = extract_plan(repo, commit, sub, tmp / name, rev)
        out.append((root, Version(rev, commit), f"{rev}:{sub + '/' if sub else ''}"))
    return out


def find_repository(plan_dir: Path) -> tuple[Path, str]:
    """(top folder of the git repository holding plan_dir, plan_dir relative to it, posix)."""
    top = git.toplevel(plan_dir)
    if top is None:
        raise UsageError(f"the plan folder '{plan_dir}' is not inside a git repository; "
                         f"{BOTH}")
    try:
        sub = plan_dir.resolve().relative_to(top).as_posix()
    except ValueError:
        raise UsageError(f"the plan folder '{plan_dir}' is outside the repository at {top}; "
                         f"{BOTH}") from None
    return top, "" if sub == "." else sub


def extract_plan(repo: Path, commit: str, subpath: str, dest: Path, rev: str) -> Path:
    """Write the plan folder as it is at `commit` under `dest`; its path there."""
    def missing(why: str) -> NotFound:
        return NotFound(f"there is no plan folder '{subpath or '.'}' at {rev} ({commit[:10]}) "
                        f"in the repository at {repo}{why}")

    if subpath and not git.is_tree(repo, commit, subpath):
        raise missing("; choose a later revision")
    data, message = git.archive(repo, commit, subpath)
    if data is None:
        raise missing(f": {subpath or '.'} ({message})")
    dest.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(dest, filter="data")  # refuses links that point outside
    except (tarfile.TarError, OSError) as exc:
        raise missing(f": {subpath or '.'} could not be extracted ({exc})") from None
    return dest / subpath if subpath else dest


def load_for_diff(root: Path) -> tuple[Plan, list[Problem], int]:
    """Load a plan (without cards) to compare: (plan, blocking errors, other errors).

    Blocking: a program or domain file that could not be read into the models (the plan
    would be incomplete) or a duplicated id (the comparison matches ids). Other errors (a
    target below the previous year's, ...) do not stop a comparison.
    """
    from pam.load.files import plan_files
    from pam.load.pipeline import load_plan

    plan, problems = load_plan(root, cards=False, locate_warnings=False)
    errors = [p for p in problems if p.severity == "error"]
    domain_files = plan_files(root, False)[1]
    incomplete = plan.program is None or not domain_files or len(plan.domains) < len(domain_files)
    blocking = errors if incomplete else [p for p in errors if p.code == "duplicate-id"]
    return plan, blocking, len(errors) - len(blocking)


def relabel(problems: list[Problem], root: Path, prefix: str) -> list[Problem]:
    """Show files of an extracted revision as REV:path instead of a temporary folder."""
    forms = sorted({str(root), os.path.relpath(root)}, key=len, reverse=True)
    out = []
    for p in problems:
        for form in forms:
            if p.file == form or p.file.startswith(form + os.sep):
                p = replace(p, file=prefix + p.file[len(form):].lstrip(os.sep))
                break
        out.append(p)
    return out
