"""Problems as values: a location, a severity, a stable code and a message."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located in a file (line and column are 1-based)."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    # a location that is not a line and column: a spreadsheet cell, 'Sheet1!C7' (then line and
    # column hold the cell's row and column numbers, so problems still sort in reading order)
    where: str | None = None

    def render(self) -> str:
        """FILE:LINE:COL: severity[code]: message, on one line: a file name or a quoted value
        holding control, bidi or invisible characters (or a newline) cannot forge another
        line or drive the terminal (pam.render.text.neutralize)."""
        from pam.render.text import neutralize

        place = self.where or f"{self.line}:{self.column}"
        name = neutralize(self.file).replace("\n", "[U+000A]").replace("\t", "[U+0009]")
        return (f"{name}:{neutralize(place, newlines=False)}: "
                f"{self.severity}[{self.code}]: {neutralize(self.message, newlines=False)}")

    def to_dict(self) -> dict:
        out = asdict(self)
        if out["where"] is None:  # plan files: the keys stay file, line, column, ...
            del out["where"]
        return out


def error(file: str, line: int, column: int, code: str, message: str) -> Problem:
    return Problem(file, line, column, "error", code, message)


def did_you_mean(word: str, choices) -> str:
    """' Did you mean 'x'?' (in the run's language) when a close match exists, else ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    if not close:
        return ""
    from pam.i18n.terminal import t

    return " " + t("msg.did_you_mean", word=close[0])


def order(p: Problem):
    """How problems are listed: by file, line, column, code, message."""
    return (p.file, p.line, p.column, p.code, p.message)


def count(problems, severity: Severity) -> int:
    return sum(1 for p in problems if p.severity == severity)


def split_card_errors(errors: list[Problem], card_files: set[str]) -> tuple[list, list]:
    """(errors that block every view, errors of card files): a card with an error is left
    out of the status and the reports (and named there); the other cards still count."""
    blocking = [p for p in errors if p.file not in card_files]
    of_cards = [p for p in errors if p.file in card_files]
    return blocking, of_cards


def left_out_cards(errors: list[Problem]) -> list[dict]:
    """The card files left out, each with its first error as `pam validate` prints it."""
    first: dict[str, Problem] = {}
    for p in sorted(errors, key=order):
        first.setdefault(p.file, p)
    return [{"file": f, "line": p.line, "column": p.column, "code": p.code,
             "message": p.message, "problem": p.render()} for f, p in sorted(first.items())]
