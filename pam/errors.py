"""The one error type pam raises for the user: PamError carries its message and exit code.

The core raises a PamError when it cannot do what was asked (a refused record, a revision
that does not exist, a missing optional package); `pam.cli.main` catches it once and prints
`pam: <message>` with its exit code. Any other exception is a bug in pam (exit 3). Problems in
the user's files are not errors but values (pam.problems).
"""

from __future__ import annotations


class PamError(Exception):
    """A request pam cannot carry out, explained (exit 1 unless a subclass says otherwise)."""

    exit_code = 1
    prefix = ""

    def render(self) -> str:
        prefix = self.prefix
        if prefix:  # "refused: " in the run's language
            from pam.i18n.terminal import t

            prefix = t("msg.refused") + " "
        return f"pam: {prefix}{self}"


class Refused(PamError):
    """The request would break a rule (a lower progress, a folder that exists...): exit 1.
    `about` names the value refused when there is one ('progress', 'committed', 'paid',
    'spent', 'state', 'date', or 'indicator:ID'), so that a caller can point at it (the card
    sheet's cell)."""

    prefix = "refused: "

    def __init__(self, *args: object, about: str | None = None):
        super().__init__(*args)
        self.about = about


class UsageError(PamError):
    """The command line names something that cannot be (a bad period, an unknown revision)."""

    exit_code = 2


class NotFound(PamError):
    """The command names something the plan or the repository does not hold: exit 1."""


class Unavailable(PamError):
    """An optional part is missing (a package for PDF or XLSX, the templates): exit 1."""


class WriteFailed(PamError):
    """The system refused a write (a full disk, a read-only folder, a file where a folder must
    be): exit 1, and what was there before is left as it was."""


def describe_os_error(exc: OSError, doing: str = "write") -> str:
    """'cannot write reports/x.html: No space left on device; free some space ...': what failed,
    the system's reason, and what to do about it."""
    import errno

    where = exc.filename if exc.filename is not None else "the file"
    reason = exc.strerror or type(exc).__name__
    hints: dict[int | None, str] = {
        errno.ENOSPC: "the disk is full: free some space and run again",
        errno.EDQUOT: "the disk quota is used up: free some space and run again",
        errno.EROFS: "the file system is read-only: choose a folder you can write to",
        errno.EACCES: "permission denied: choose a folder you can write to, or fix its "
                      "permissions",
        errno.EPERM: "not permitted: choose a folder you can write to, or fix its permissions",
        errno.ENOTDIR: "a part of the path is a file where a folder must be: choose another "
                       "path, or move that file away",
        errno.EISDIR: "it is a folder: give a file name",
        errno.EEXIST: "a file of that name is in the way: choose another path",
        errno.ENAMETOOLONG: "the name is too long: choose a shorter one",
        errno.EIO: "the device failed: check the disk",
    }
    hint = hints.get(exc.errno, "check the path and the disk")
    return f"cannot {doing} {where}: {reason}; {hint}"
