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

from pam.fsio import write_atomic

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
    from pam import __version__

    newest, pending = 0, [os.path.dirname(os.path.realpath(__file__))]
    while pending:
        with os.scandir(pending.pop()) as it:
            for entry in it:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append(entry.path)
                elif entry.name.endswith((".py", ".j2", ".json", ".css")):
                    newest = max(newest, entry.stat().st_mtime_ns)
    return f"{__version__}:{newest}"


def inputs_key(root: Path, options: tuple, cards: bool = True) -> str | None:
    """A fingerprint of everything a result depends on: every plan file's path, size and
    mtime, the options, today's date, the working folder and the report/ git tags.
    None: do not cache (caching is off, or the files cannot all be read)."""
    import datetime as dt

    from pam.git import state as git_state
    from pam.load.files import file_stats

    if os.environ.get("PAM_NO_CACHE", "") not in ("", "0"):
        return None
    try:
        stats = file_stats(root, cards)
    except OSError:
        return None
    h = hashlib.sha1(repr((VERSION, code_version(), options, dt.date.today().isoformat(),
                           str(root.resolve()), os.getcwd(), git_state(root))).encode())
    h.update(marshal.dumps(stats))
    return h.hexdigest()


def _unpickle(fh):
    """pickle.load without the garbage collector: a plan snapshot is tens of thousands of new
    objects and no cycles to free, and collections triggered while it is built walk them
    again and again (a third of the load time on 3,000 cards)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fh)
    finally:
        if enabled:
            gc.enable()


class ResultCache:
    """A computed result (e.g. the status at a date) reused while its inputs are unchanged."""

    prefix = "result"

    def __init__(self, root: Path, options: tuple, cards: bool = True):
        self.key = inputs_key(root, options, cards)
        tag = hashlib.sha1(repr((str(root.resolve()), self.slot(options))).encode()).hexdigest()[:12]
        self.path = root.resolve().parent / ".pam-cache" / f"{self.prefix}-{tag}.pickle"

    @staticmethod
    def slot(options: tuple) -> tuple:
        """The options that get a file of their own (results: one file per command)."""
        return options[:1]

    def load(self):
        if self.key is None:
            return None
        with contextlib.suppress(Exception):
            with open(self.path, "rb") as fh:
                key, value = _unpickle(fh)
            if key == self.key:
                return value
        return None

    def save(self, value) -> None:
        if self.key is not None:
            with contextlib.suppress(Exception):
                write_atomic(self.path, pickle.dumps((self.key, value),
                                                     protocol=pickle.HIGHEST_PROTOCOL))


class PlanSnapshot(ResultCache):
    """The whole loaded plan and its problems, reused while no file changed. Only loads
    without errors are stored; locators are kept as paths and rebuilt on load."""

    prefix = "plan"

    def __init__(self, root: Path, options: tuple):
        super().__init__(root, options, cards=options[0])

    @staticmethod
    def slot(options: tuple) -> tuple:
        return options  # validate and status keep a snapshot each

    def load(self):
        hit = super().load()
        if hit is None:
            return None
        from pam.load.yaml import Locator

        plan, problems = hit
        plan.locators = {rel: Locator(path=path) for rel, path in plan.locators.items()}
        return plan, problems

    def save(self, plan, problems) -> None:
        locators = plan.locators
        plan.locators = {rel: str(loc.path) for rel, loc in locators.items()}
        index = plan.__dict__.pop("_index", None)
        try:
            super().save((plan, problems))
        finally:
            plan.locators = locators
            if index is not None:
                plan._index = index
