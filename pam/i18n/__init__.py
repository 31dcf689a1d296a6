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


PLURAL_KEYS = frozenset(("zero", "one", "two", "few", "many", "other"))


def is_plural_forms(value) -> bool:
    """A mapping of CLDR plural categories (and exact counts, "=0") to the forms of a counted
    phrase (pam.render.words.plural): each language has its own categories."""
    return isinstance(value, dict) and bool(value) and "other" in value and all(
        k in PLURAL_KEYS or (k.startswith("=") and k[1:].isdigit()) for k in value)


def flat_keys(messages: dict, prefix: str = "") -> set[str]:
    """Every dotted key of a catalog (to check the languages have the same labels); a set of
    plural forms is one label, whatever categories its language has."""
    keys = set()
    for k, v in messages.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict) and not is_plural_forms(v):
            keys |= flat_keys(v, key + ".")
        else:
            keys.add(key)
    return keys
