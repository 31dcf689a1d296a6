"""Standard streams as pam finds them: closed, not UTF-8, or a pipe whose reader has gone.

`prepare()` runs first in pam.cli.main: a closed stdout or stderr (`pam status >&-`) is
replaced by an object that says so when written to (data) or drops the text (messages); a
stream whose encoding cannot hold every character (PYTHONIOENCODING=ascii, a C locale) writes
what it cannot hold as \\uXXXX escapes instead of failing (JSON stays valid JSON), with one
note on stderr. `silence_stdout()` points a broken pipe's descriptor at /dev/null, so that the
final flush neither fails nor prints "Exception ignored".
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import sys

from pam.errors import PamError


class ClosedStdout:
    """sys.stdout when file descriptor 1 is closed: writing data is a clear error."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise PamError("standard output is closed, so there is nowhere to write the result; "
                       "run the command with its output to a file or a pipe "
                       "(pam ... > out.txt)")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


class ClosedStderr(ClosedStdout):
    """sys.stderr when file descriptor 2 is closed: messages are dropped."""

    def write(self, text: str) -> int:
        return len(text)


def prepare() -> None:
    """Make stdout and stderr safe to write to (see the module's docstring)."""
    if sys.stdout is None:
        sys.stdout = ClosedStdout()
    if sys.stderr is None:
        sys.stderr = ClosedStderr()
    noted = False
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, ClosedStdout) or _utf(stream):
            continue
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")
            if name == "stdout" and not noted:
                noted = True
                sys.stderr.write(f"pam: note: standard output is {stream.encoding}, not UTF-8: "
                                 "characters it cannot hold (Arabic) are written as \\uXXXX "
                                 "escapes; set PYTHONIOENCODING=utf-8 (or a UTF-8 locale) to "
                                 "see them\n")


def _utf(stream) -> bool:
    try:
        return codecs.lookup(stream.encoding or "ascii").name.startswith("utf")
    except (LookupError, AttributeError):
        return False


def silence_stdout() -> None:
    """Point stdout's file descriptor at /dev/null (after a broken pipe: nothing more can be
    written, and the final flush must not fail)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def is_stdout_error(exc: OSError) -> bool:
    """True for an error of writing to stdout (a full /dev/full, an I/O error on the pipe)."""
    return exc.filename is None and exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EIO,
                                                  errno.EBADF, errno.EINVAL)
