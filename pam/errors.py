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
        return f"pam: {self.prefix}{self}"


class Refused(PamError):
    """The request would break a rule (a lower progress, a folder that exists...): exit 1."""

    prefix = "refused: "


class UsageError(PamError):
    """The command line names something that cannot be (a bad period, an unknown revision)."""

    exit_code = 2


class NotFound(PamError):
    """The command names something the plan or the repository does not hold: exit 1."""


class Unavailable(PamError):
    """An optional part is missing (a package for PDF or XLSX, the templates): exit 1."""
