"""A cache of parsed YAML files keyed by path, size and modification time.

Parsed data (plain dicts, lists, text and numbers: timestamps stay text) is stored with
`marshal` in a git-ignored folder beside the plan. It is only a shortcut: a file whose size or
mtime changed is parsed again, a cache that cannot be read is ignored and rebuilt, and files
with problems are never cached. Set PAM_NO_CACHE=1 to bypass it.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
from pathlib import Path

from .fsio import write_atomic

VERSION = 1


class ParseCache:
    def __init__(self, plan_root: Path):
        self.enabled = os.environ.get("PAM_NO_CACHE", "") in ("", "0")
        root = plan_root.resolve()
        key = hashlib.sha1(str(root).encode()).hexdigest()[:12]
        self.path = root.parent / ".pam-cache" / f"parsed-{key}.marshal"
        self.old: dict = {}
        self.new: dict = {}
        self.dirty = False
        if self.enabled:
            with contextlib.suppress(Exception):
                data = marshal.loads(self.path.read_bytes())
                if isinstance(data, dict) and data.get("version") == VERSION:
                    self.old = data["files"]

    def get(self, path: Path, stat: os.stat_result):
        hit = self.old.get(str(path))
        if hit and hit[0] == stat.st_size and hit[1] == stat.st_mtime_ns:
            self.new[str(path)] = hit
            return hit[2]
        return None

    def put(self, path: Path, stat: os.stat_result, data) -> None:
        self.new[str(path)] = (stat.st_size, stat.st_mtime_ns, data)
        self.dirty = True

    def save(self) -> None:
        if not self.enabled or not (self.dirty or len(self.new) != len(self.old)):
            return
        with contextlib.suppress(Exception):  # a read-only folder: simply no cache
            write_atomic(self.path, marshal.dumps({"version": VERSION, "files": self.new}))
            gitignore = self.path.parent / ".gitignore"
            if not gitignore.exists():
                write_atomic(gitignore, "*\n")


def code_version() -> str:
    """pam's version and the newest modification time of its code and templates, so that a
    new pam (or an edited checkout) never reads results an older one cached."""
    from . import __version__

    package = Path(__file__).resolve().parent
    newest = max((p.stat().st_mtime_ns for p in package.rglob("*")
                  if p.suffix in (".py", ".j2", ".json", ".css")), default=0)
    return f"{__version__}:{newest}"


def inputs_key(root: Path, files, options: tuple) -> str | None:
    """A fingerprint of everything a result depends on: every file's path, size and mtime, the
    options, today's date, the working folder and the report/ git tags. None: do not cache."""
    import datetime as dt

    from .freeze import git_state

    if os.environ.get("PAM_NO_CACHE", "") not in ("", "0"):
        return None
    program, *groups = files
    h = hashlib.sha1(repr((VERSION, code_version(), options, dt.date.today().isoformat(),
                           str(root.resolve()), os.getcwd(), git_state(root))).encode())
    try:
        for path in [program, *(p for group in groups for p in group)]:
            st = path.stat()
            h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    except OSError:
        return None
    return h.hexdigest()


class ResultCache:
    """A computed result (e.g. the status at a date) reused while its inputs are unchanged."""

    def __init__(self, root: Path, options: tuple):
        from .files import plan_files

        self.key = inputs_key(root, plan_files(root, True), options) if root.is_dir() else None
        tag = hashlib.sha1(repr((str(root.resolve()), options[0])).encode()).hexdigest()[:12]
        self.path = root.resolve().parent / ".pam-cache" / f"result-{tag}.pickle"

    def load(self):
        if self.key is None:
            return None
        with contextlib.suppress(Exception):
            with open(self.path, "rb") as fh:
                key, value = pickle.load(fh)
            if key == self.key:
                return value
        return None

    def save(self, value) -> None:
        if self.key is not None:
            with contextlib.suppress(Exception):
                write_atomic(self.path, pickle.dumps((self.key, value),
                                                     protocol=pickle.HIGHEST_PROTOCOL))


class PlanSnapshot:
    """The whole loaded plan and its problems, reused while no file changed.

    The key is every file's path, size and mtime, the load options and today's date (one check
    compares dates with today). Only loads without errors are stored.
    """

    prefix = "plan"

    def __init__(self, root: Path, files, options: tuple):
        self.key = inputs_key(root, files, options)
        tag = hashlib.sha1(repr((str(root.resolve()), options)).encode()).hexdigest()[:12]
        self.path = root.resolve().parent / ".pam-cache" / f"{self.prefix}-{tag}.pickle"

    def load(self):
        if self.key is None:
            return None
        with contextlib.suppress(Exception):
            with open(self.path, "rb") as fh:
                key, plan, problems = pickle.load(fh)
            if key == self.key:
                from .yamlio import Locator

                plan.locators = {rel: Locator(path=path) for rel, path in plan.locators.items()}
                return plan, problems
        return None

    def save(self, plan, problems) -> None:
        if self.key is None:
            return
        locators = plan.locators
        plan.locators = {rel: loc.path for rel, loc in locators.items()}
        index = plan.__dict__.pop("_index", None)
        try:
            with contextlib.suppress(Exception):
                write_atomic(self.path, pickle.dumps((self.key, plan, problems),
                                                     protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            plan.locators = locators
            if index is not None:
                plan._index = index
