"""Numbers as people type them, read by one rule everywhere (the command line, the cards, the
spreadsheets): Arabic-Indic and Persian digits, the Arabic decimal sign, a decimal comma.

pam accepts them and says how it read them (a note on the command line, a warning with the
fix in a file), and writes numbers with the digits 0-9 and a decimal point.
"""

from __future__ import annotations

import math
import re

DIGITS = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)},  # ٠-٩
                        **{chr(0x06F0 + i): str(i) for i in range(10)},  # ۰-۹
                        "\u066b": ".", "\u066c": ",", "\u066a": "%", "\u2212": "-",
                        "\u00a0": " ", "\u202f": " ", "\u2009": " "})
_ASCII_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def plain_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as 0-9; Arabic decimal and percent signs as . and %."""
    return text.translate(DIGITS)


def parse_number(text: str) -> float | None:
    """'0,3' -> 0.3; '1 200 000' / '1.200.000' / '1,200,000' -> 1200000; '٢٠' -> 20; None if
    the text is not a number. One comma (or one point) is a decimal separator."""
    from pam.periods import ascii_digits

    t = ascii_digits(plain_digits(str(text))).strip().replace(" ", "").replace("'", "")
    if not t:
        return None
    if "," in t and "." in t:
        decimal = "," if t.rfind(",") > t.rfind(".") else "."
        t = t.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif t.count(",") > 1 or t.count(".") > 1:
        sep = "," if "," in t else "."
        if not re.fullmatch(rf"[+-]?[0-9]{{1,3}}(\{sep}[0-9]{{3}})+", t):
            return None
        t = t.replace(sep, "")
    else:
        t = t.replace(",", ".")
    if not _ASCII_NUMBER.fullmatch(t):
        return None
    return float(t)


def is_plain_number(text: str) -> bool:
    """True for a number already written as pam writes it: 0-9, an optional point."""
    return _ASCII_NUMBER.fullmatch(text.strip()) is not None


def written(value: float) -> str:
    """A number as pam writes it: 12.5, 40 (never 40.0), 1500000 and 1234567.89 in full (never
    1.5e+06 or 1.23457e+06): the shortest decimal that reads back as the same float, without
    an exponent or trailing zeros, as xsd:decimal and people read it."""
    value = float(value)
    if not math.isfinite(value):
        return f"{value:g}"
    if value.is_integer():
        return str(int(value))
    from decimal import Decimal  # imported only when a fraction is written

    return format(Decimal(repr(value)), "f")


def dirhams(million: float) -> int:
    """Million MAD as whole dirhams (MAD)."""
    return round(million * 1_000_000)
