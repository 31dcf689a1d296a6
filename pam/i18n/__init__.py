"""Message catalogs for reports: every label a template prints, in Arabic and French."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGS = ("ar", "fr")
DIRECTION = {"ar": "rtl", "fr": "ltr"}


@lru_cache(maxsize=4)
def load_messages(lang: str) -> dict:
    """The catalog of a language (pam/i18n/<lang>.json) as nested dicts."""
    if lang not in LANGS:
        raise ValueError(f"no message catalog for '{lang}'; choose one of {', '.join(LANGS)}")
    path = Path(__file__).with_name(f"{lang}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def flat_keys(messages: dict, prefix: str = "") -> set[str]:
    """Every dotted key of a catalog (to check the languages have the same labels)."""
    keys = set()
    for k, v in messages.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            keys |= flat_keys(v, key + ".")
        else:
            keys.add(key)
    return keys
