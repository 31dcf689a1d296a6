"""Reporting spans: a half month (2020-06a), a half year (2020-H1), a quarter (2020-Q2), a year."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pam.errors import UsageError
from pam.periods import is_period, period_bounds, period_of


@dataclass(frozen=True)
class Span:
    kind: str  # half-month | half | quarter | year | date
    label: str  # 2020-06a, 2020-H1, 2020-Q2, 2019, 2020-06-30
    start: dt.date
    end: dt.date


def _end_of_month(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def half_month(label: str) -> Span:
    if not is_period(label):
        raise UsageError(f"'{label}' is not a half month: write YYYY-MMa (1st-15th) or YYYY-MMb "
                      "(16th-end), e.g. 2020-06a")
    start, end = period_bounds(label)
    return Span("half-month", label, start, end)


def half_year(label: str) -> Span:
    m = re.fullmatch(r"(\d{4})-H([12])", (label or "").upper())
    if not m:
        raise UsageError(f"'{label}' is not a half year: write YYYY-H1 (January-June) or YYYY-H2 "
                      "(July-December), e.g. 2020-H1")
    year, half = int(m[1]), int(m[2])
    start = dt.date(year, 1 if half == 1 else 7, 1)
    return Span("half", f"{year}-H{half}", start, _end_of_month(year, 6 if half == 1 else 12))


def quarter(label: str) -> Span:
    m = re.fullmatch(r"(\d{4})-Q([1-4])", (label or "").upper())
    if not m:
        raise UsageError(f"'{label}' is not a quarter: write YYYY-Q1 ... YYYY-Q4, e.g. 2020-Q2")
    year, q = int(m[1]), int(m[2])
    return Span("quarter", f"{year}-Q{q}", dt.date(year, 3 * q - 2, 1),
                _end_of_month(year, 3 * q))


def year(label: str | int) -> Span:
    text = str(label)
    if not re.fullmatch(r"\d{4}", text):
        raise UsageError(f"'{label}' is not a year: write it with four digits, e.g. 2019")
    y = int(text)
    return Span("year", text, dt.date(y, 1, 1), dt.date(y, 12, 31))


def containing(kind: str, day: dt.date) -> Span:
    """The span of a kind that holds `day`."""
    if kind == "half-month":
        return half_month(period_of(day))
    if kind == "half":
        return half_year(f"{day.year}-H{1 if day.month <= 6 else 2}")
    if kind == "quarter":
        return quarter(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
    return year(day.year)


def last_complete_year(day: dt.date) -> Span:
    """The year of `day` when `day` is 31 December, else the year before."""
    return year(day.year if (day.month, day.day) == (12, 31) else day.year - 1)
