"""Writes that never leave a half-written file: temp file in the same folder, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from pam.errors import WriteFailed, describe_os_error

STALE_SECONDS = 3600  # a temp file this old was left by a writer killed mid-write
_TEMP_NAME = re.compile(r"[a-z0-9_]{8}\.tmp")  # what tempfile.mkstemp puts after the prefix


def write_atomic(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` atomically: readers see the old or the new file, never a mix.

    The data goes to a temp file `.NAME.XXXXXXXX.tmp` in the same folder, is flushed to disk,
    then renamed over `path`. A writer killed (SIGKILL, power cut) before the rename leaves
    `path` untouched and at worst that temp file; the next write removes temp files of `path`
    older than STALE_SECONDS (a live writer's temp file is never that old).

    durable=False skips the two fsyncs (the file's and its folder's): for what pam makes again
    from the plan (reports, caches, an example workspace), where a power cut may lose the new
    file but a reader still sees the old one or the new one whole, never a mix.
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        if path.is_symlink() or (path.exists() and not path.is_file()):
            # renaming over it would replace the link or the device itself (/dev/null,
            # /dev/stdout as root): never
            what = "a symbolic link" if path.is_symlink() else "a device, pipe or socket"
            raise WriteFailed(f"cannot write {path}: it is {what}, not a regular file, and "
                              "pam replaces files whole; give the name of a regular file (or "
                              "leave out --out to print to the standard output)")
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteFailed(describe_os_error(_named(exc, path))) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            kept = " (the old file is intact)" if path.exists() else ""
            raise WriteFailed(describe_os_error(_named(exc, path)) + kept) from None
        raise
    if durable:
        _fsync_dir(path.parent)


def _named(exc: OSError, path: Path) -> OSError:
    """The error, naming the file pam was writing (not its temp file)."""
    if exc.filename is None or str(exc.filename).endswith(".tmp"):
        exc.filename = str(path)
    return exc


def remove_stale_temps(path: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Delete the temp files of `path` left by killed writers; return what was removed."""
    path = Path(path)
    prefix = f".{path.name}."
    cutoff = time.time() - older_than
    removed: list[Path] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and _TEMP_NAME.fullmatch(name[len(prefix):])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and \
                    entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def locked(path: Path):
    """An exclusive lock for a read-modify-write of `path`: a POSIX flock on the folder that
    holds it, so no lock file is left beside the data (nothing extra in `git status`)."""
    import fcntl

    folder = Path(path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise WriteFailed(describe_os_error(exc)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
