"""git, in one place: every call pam makes to git, with one timeout and one environment.

git is run as a subprocess with GIT_OPTIONAL_LOCKS=0 (reading never takes the index lock),
LC_ALL=C (messages pam parses), no prompt for credentials, no pager, and with the repository's
fsmonitor hook disabled (a hook configured in a copied work tree would otherwise run). A call
that fails or times out returns None: pam treats "no git" and "git failed" alike, as unknown.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import lru_cache
from pathlib import Path

TIMEOUT = 60  # seconds for any one git call
_ENV = {"GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0",
        "GIT_PAGER": "cat", "PAGER": "cat"}
_CONFIG = ("-c", "core.fsmonitor=false")


def run(repo: Path | str, *args: str, text: bool = True) -> subprocess.CompletedProcess | None:
    """`git -C repo ARGS` with pam's policy; None when git cannot be run or times out."""
    try:
        return subprocess.run(["git", *_CONFIG, "-C", str(repo), *args], capture_output=True,
                              text=text, timeout=TIMEOUT, env={**os.environ, **_ENV},
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return None


def output(repo: Path | str, *args: str) -> str | None:
    """The standard output of a git call that succeeded, else None."""
    done = run(repo, *args)
    return done.stdout if done is not None and done.returncode == 0 else None


def work_tree(start: Path) -> Path | None:
    """The folder holding `.git` at or above `start` (no subprocess), or None."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def state(root: Path) -> str:
    """A cheap fingerprint of the repository's refs and index (file stats only, no git call):
    it changes with every commit and every tag, for keying cached results."""
    repo = work_tree(root)
    if repo is None:
        return ""
    parts = []
    for p in (repo / ".git" / "packed-refs", repo / ".git" / "refs" / "tags" / "report",
              repo / ".git" / "index", repo / ".git" / "HEAD"):
        try:
            st = p.stat()
            parts.append(f"{p}:{st.st_mtime_ns}:{st.st_size}")
        except OSError:
            continue
    tags = repo / ".git" / "refs" / "tags" / "report"
    if tags.is_dir():
        parts += sorted(str(t) for t in tags.rglob("*"))
    return "|".join(parts)


def tags(repo: Path, pattern: str) -> list[str]:
    return (output(repo, "tag", "--list", pattern) or "").split()


def changed_since(repo: Path, rev: str, path: str) -> set[str]:
    """Paths under `path` that differ between `rev` and the work tree."""
    return set((output(repo, "diff", "--name-only", "--no-renames", "--no-ext-diff", rev, "--",
                       path) or "").split())


def files_at(repo: Path, rev: str, path: str) -> set[str]:
    """Paths of the files under `path` at `rev`."""
    return set((output(repo, "ls-tree", "-r", "--name-only", rev, "--", path) or "").split())


def blob(repo: Path, rev: str, path: str) -> str | None:
    """The content of `path` at `rev`, raw (no filters, no text conversion), or None."""
    return output(repo, "cat-file", "blob", f"{rev}:{path}")


def is_shallow(repo: Path) -> bool | None:
    """Whether the clone is shallow (its oldest commits are missing, so a file's first commit
    found there may not be its real one); None when git cannot tell."""
    return _is_shallow(repo, state(repo))


@lru_cache(maxsize=4)
def _is_shallow(repo: Path, _state: str) -> bool | None:
    done = output(repo, "rev-parse", "--is-shallow-repository")
    return None if done is None or done.strip() not in ("true", "false") else done.strip() == "true"


def first_added(repo: Path, path: Path) -> dict[str, dt.date]:
    """Real path of each file under `path` -> the day of the commit that first added it (one
    `git log` call per repository state, shared by the reports of one run)."""
    try:
        sub = path.resolve().relative_to(repo).as_posix()
    except ValueError:
        return {}
    return _first_added(repo, sub, state(repo))


@lru_cache(maxsize=4)
def _first_added(repo: Path, sub: str, _state: str) -> dict[str, dt.date]:
    text = output(repo, "log", "--diff-filter=A", "--name-only", "--format=%x01%cs", "--", sub)
    out: dict[str, dt.date] = {}
    day = None
    for line in (text or "").splitlines():
        if line.startswith("\x01"):
            day = dt.date.fromisoformat(line[1:11])
        elif line.strip() and day is not None:
            out[os.path.realpath(os.path.join(repo, line.strip()))] = day  # oldest wins
    return out


def head_state(folder: Path) -> dict:
    """{'commit': sha or None, 'state': clean | changed | untracked | no-git} for a folder.

    'untracked' covers files git ignores or does not know (like a `pam demo` workspace under
    build/): the commit then does not describe the files, and reports say so.
    """
    head = output(folder, "rev-parse", "HEAD")
    if not head or not head.strip():
        return {"commit": None, "state": "no-git"}
    status = output(folder, "status", "--porcelain", "--ignored=matching", "--", ".") or ""
    lines = [line for line in status.splitlines() if line.strip()]
    if any(line.startswith(("!!", "??")) for line in lines):
        kind = "untracked"
    elif lines:
        kind = "changed"
    else:
        kind = "clean"
    return {"commit": head.strip(), "state": kind}


# --- revisions, for pam diff -----------------------------------------------------------------

def toplevel(path: Path) -> Path | None:
    """The top folder of the repository holding `path` (asked of git), or None."""
    target = path.resolve()
    existing = next((p for p in [target, *target.parents] if p.is_dir()), target)
    top = output(existing, "rev-parse", "--show-toplevel")
    return Path(top.strip()).resolve() if top and top.strip() else None


def commit_of(repo: Path, rev: str) -> str | None:
    """The commit a revision names (HEAD~1, a tag, a branch, a hash), or None."""
    if not rev or rev.startswith("-"):
        return None
    done = output(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    return done.strip() or None if done else None


def is_tree(repo: Path, commit: str, path: str) -> bool:
    return (output(repo, "cat-file", "-t", f"{commit}:{path}") or "").strip() == "tree"


def archive(repo: Path, commit: str, path: str) -> tuple[bytes | None, str]:
    """A tar of `path` at `commit` (git archive): (bytes, '') or (None, git's message)."""
    done = run(repo, "archive", "--format=tar", commit, *(["--", path] if path else []),
               text=False)
    if done is None:
        return None, "git could not be run"
    if done.returncode != 0:
        return None, done.stderr.decode(errors="replace").strip()
    return done.stdout, ""
