"""Half-month reporting periods: '2019-06a' is 1-15 June 2019, '2019-06b' is 16-30 June."""

from __future__ import annotations

import calendar
import datetime as dt
import re

# A half month: the year, the month, then 'a' (1st-15th) or 'b' (16th to the month's end).
# ASCII digits only ([0-9], not \d, which also matches Arabic-Indic digits).
PATTERN = r"[0-9]{4}-(?:0[1-9]|1[0-2])[ab]"
_PERIOD = re.compile(PATTERN)


def is_period(text: str) -> bool:
    """True for a half month written YYYY-MMa or YYYY-MMb."""
    return _PERIOD.fullmatch(text or "") is not None


def period_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}{'a' if day.day <= 15 else 'b'}"


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a half-month period."""
    year, month, half = int(period[:4]), int(period[5:7]), period[7]
    if half == "a":
        return dt.date(year, month, 1), dt.date(year, month, 15)
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 16), dt.date(year, month, last)


def periods_between(start: dt.date, end: dt.date) -> list[str]:
    """Every half-month period from the one holding `start` to the one holding `end`."""
    out, day = [], start
    while day <= end:
        p = period_of(day)
        out.append(p)
        day = period_bounds(p)[1] + dt.timedelta(days=1)
    return out


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit of another script (Arabic-Indic ٠-٩, Persian ۰-۹, ...)
    written as its ASCII digit: pam's periods, dates, ids and file names use 0-9 only, so
    '٢٠١٩-06a' and '2019-06a' are one half month, never two card files."""
    import unicodedata

    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(ch)) if not ch.isascii() and ch.isdecimal() else ch
                   for ch in text)
