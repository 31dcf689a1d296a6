"""Cell values as pam reads them: Arabic-Indic and Persian digits, decimal commas, '%', cost
markers ('-' no cost of its own, '*' not fixed, blank), Persian letters in Arabic text."""

from __future__ import annotations

import re

from pam.numbers import DIGITS, parse_number, plain_digits  # noqa: F401 (re-exported)
from pam.sheets.cells import Cell

PERSIAN = str.maketrans({"ی": "ي", "ک": "ك", "ە": "ه", "ۀ": "ة"})
NO_COST_SIGNS = {"-", "–", "—", "_", "--"}
NOT_FIXED_SIGNS = {"*", "**", "×"}


def number(value: float) -> int | float:
    """A float that is whole as an int (40.0 -> 40), others rounded to 6 places."""
    value = round(float(value), 6)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def read_percent(cell: Cell, fractions: bool = False) -> tuple[float | None, str | None]:
    """A target cell as a percent (0-100 not checked here): (value, None) or (None, why).

    '40%', '% 40', '٤٠٪', a number formatted as a percent (0.4), or a plain number (40; 0.4
    when `fractions`: the sheet writes shares as 0-1)."""
    if cell.blank:
        return None, None
    v = cell.value
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return number(v * 100 if (cell.percent or fractions) else v), None
    text = plain_digits(str(v)).strip()
    if text in NO_COST_SIGNS:
        return None, None
    had_percent = "%" in text
    value = parse_number(text.replace("%", ""))
    if value is None:
        return None, "not-a-number"
    return number(value if had_percent or not fractions else value * 100), None


def read_cost(cell: Cell, factor: float) -> tuple[float | str | None, str | None]:
    """A cost cell: a number of million MAD (after `factor`), '-', '*', or None for blank."""
    if cell.blank:
        return None, None
    v = cell.value
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return number(v * factor), None
    text = plain_digits(str(v)).strip()
    if text in NO_COST_SIGNS:
        return "-", None
    if text in NOT_FIXED_SIGNS:
        return "*", None
    cleaned = re.sub(r"(?i)\s*(m\s*mad|mdh|mad|dh|dhs|درهم|مليون)\s*$", "", text)
    value = parse_number(cleaned)
    if value is None:
        return None, "not-a-number"
    return number(value * factor), None


def clean_text(value) -> tuple[str, list[str]]:
    """Text with whitespace collapsed and Persian letters replaced by Arabic ones; the notes
    say what was changed."""
    text = " ".join(str(value).split())
    notes = []
    fixed = text.translate(PERSIAN)
    if fixed != text:
        letters = sorted({ch for ch in text if ch in "یکەۀ"})
        notes.append("Persian letters normalized to Arabic ("
                     + ", ".join(f"{ch} -> {ch.translate(PERSIAN)}" for ch in letters) + ")")
    return fixed, notes


def has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def shown(cell: Cell) -> str:
    """A cell's value as the user would see it, for messages."""
    if cell.blank:
        return "an empty cell"
    v = cell.value
    if isinstance(v, float) and cell.percent:
        return f"{v * 100:g}%"
    text = str(v)
    return f"'{text if len(text) <= 40 else text[:37] + '...'}'"
