"""Where caches live and how they are read: plain JSON in the user's cache folder.

A cache is never kept in the work tree, so nothing a repository holds (a clone, a pull
request) is ever read as a cache. Each file is two lines of JSON: a header with its key and
the digest of each unit, then the payload; the header is checked before the payload is read,
and a file that does not have the expected shape is ignored (and rewritten). Nothing in a
cache can run code: it is data, read with json. PAM_NO_CACHE=1 turns caching off;
PAM_CACHE_DIR chooses the folder (default: $XDG_CACHE_HOME/pam or ~/.cache/pam).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = 1


def cache_folder() -> Path | None:
    """The user's cache folder for pam, or None when caching is off."""
    if os.environ.get("PAM_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("PAM_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pam"


def environment(root: Path, options: tuple) -> str:
    """What else a stored result depends on: pam's code, Python and the libraries that read
    and check the files, the date (checks compare with today), the working folder (messages
    name files relative to it), git's refs and index (published periods, commit dates), the
    plan folder and the command's options."""
    from pam import git

    parts = (FORMAT, _code_version(), sys.version, _libraries(), dt.date.today().isoformat(),
             os.getcwd(), git.state(root), str(root.resolve()), options)
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()


class Store:
    """One cache file: `read` gives (header, payload loader) when its key matches."""

    def __init__(self, root: Path, name: str):
        folder = cache_folder()
        key = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape"))
        self.path = folder / key.hexdigest()[:24] / f"{name}.json" if folder else None

    def read(self, key: str) -> tuple[dict, Callable[[], dict | None]] | None:
        """(header, a function that reads the payload) when the file holds a result for
        `key`; None otherwise (no file, another key, or not the expected shape)."""
        if self.path is None:
            return None
        try:
            fh = open(self.path, "rb")  # noqa: SIM115 - closed by the payload reader
        except OSError:
            return None
        try:
            header = json.loads(fh.readline().decode("utf-8", "surrogatepass"))
            ok = (isinstance(header, dict) and header.get("format") == FORMAT
                  and header.get("key") == key and isinstance(header.get("units"), dict))
        except ValueError:
            ok = False
        if not ok:
            fh.close()
            return None

        def payload():
            try:
                with fh:
                    data = json.loads(fh.read().decode("utf-8", "surrogatepass"))
                return data if isinstance(data, dict) else None
            except (OSError, ValueError):
                return None

        return header, payload

    def write(self, key: str, units: dict[str, str], payload: dict) -> None:
        """Store a result; a folder that cannot be written simply means no cache."""
        if self.path is None:
            return
        from pam.fsio import write_atomic

        header = {"format": FORMAT, "key": key, "units": units}
        text = json.dumps(header) + "\n" + json.dumps(payload, ensure_ascii=False) + "\n"
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # file names that were not UTF-8 come as lone surrogates: kept as they are
            write_atomic(self.path, text.encode("utf-8", "surrogatepass"), durable=False)


@lru_cache(maxsize=1)
def _code_version() -> str:
    """pam's version and the newest modification time of its code and templates, so that a
    new pam (or an edited checkout) never reads results an older one stored."""
    from pam import __version__

    newest, pending = 0, [os.path.dirname(os.path.dirname(os.path.realpath(__file__)))]
    while pending:
        with os.scandir(pending.pop()) as it:
            for entry in it:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in ("__pycache__", "data"):
                        pending.append(entry.path)
                elif entry.name.endswith((".py", ".j2", ".json", ".css")):
                    newest = max(newest, entry.stat().st_mtime_ns)
    return f"{__version__}:{newest}"


@lru_cache(maxsize=1)
def _libraries() -> tuple[str, ...]:
    """The installed distributions beside the libraries pam reads and checks with (their
    dist-info names carry the versions), found without importing them."""
    import importlib.util

    sites = set()
    for name in ("pydantic", "pydantic_core", "ruamel", "yaml_rs"):
        with contextlib.suppress(ImportError, ValueError, AttributeError):
            spec: Any = importlib.util.find_spec(name)  # None: AttributeError, suppressed
            where = list(spec.submodule_search_locations or [])[:1] or [spec.origin]
            sites.add(os.path.dirname(where[0]))
    found = []
    for site in sorted(sites):
        with contextlib.suppress(OSError):
            found += sorted(e for e in os.listdir(site) if e.endswith(".dist-info"))
    return tuple(found)
