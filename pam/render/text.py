"""Text helpers for terminals: optional Arabic shaping and visual reordering (--bidi)."""

from __future__ import annotations

import os
from functools import lru_cache

_ARABIC = range(0x0600, 0x0700)


def has_arabic(text: str) -> bool:
    return any(ord(ch) in _ARABIC for ch in text)


def bidi_wanted(flag: bool | None) -> bool:
    """--bidi on the command line, or PAM_BIDI=1 in the environment."""
    if flag is not None:
        return flag
    return os.environ.get("PAM_BIDI", "") not in ("", "0", "false", "no")


@lru_cache(maxsize=4096)
def visual(text: str) -> str:
    """Shape Arabic letters and reorder to visual order, for terminals without bidi support."""
    if not has_arabic(text):
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text))


def make_shaper(flag: bool | None):
    return visual if bidi_wanted(flag) else (lambda s: s)


def fmt_num(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:,.0f}"
