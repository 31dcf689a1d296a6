"""The command line's language: which one (--lang, PAM_LANG, the locale) and its words.

Views, messages and hints are in English, French or Arabic (the words in
pam/i18n/terminal_words.py; statuses and column names are the reports' own, from ar.json and
fr.json). The language is chosen once per run: `--lang` on any command, else PAM_LANG, else
the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: ar_MA.UTF-8 -> ar, fr_FR -> fr, anything
else -> en).
"""

from __future__ import annotations

import os

LANGS = ("en", "fr", "ar")
_chosen: str | None = None


def detect(env=None) -> str:
    """The language from PAM_LANG, else from the locale's variables."""
    env = os.environ if env is None else env
    chosen = env.get("PAM_LANG", "").strip().lower()[:2]
    if chosen in LANGS:
        return chosen
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip()
        if not value:
            continue
        first = value.split(":")[0].lower()
        if first in ("c", "posix") or first.startswith(("c.", "posix.")):
            return "en"
        return first[:2] if first[:2] in LANGS else "en"
    return "en"


def set_lang(value: str | None) -> str:
    """Choose the language for this run (None: detect it); returns it."""
    global _chosen
    _chosen = value if value in LANGS else detect()
    return _chosen


def lang() -> str:
    """The language of this run."""
    return _chosen if _chosen is not None else set_lang(None)


def t(key: str, **values) -> str:
    """The text of `key` in this run's language (English when it has no translation), with
    its {placeholders} filled."""
    from pam.i18n.terminal_words import WORDS

    entry = WORDS[key]
    text = entry.get(lang()) or entry["en"]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """True when the words have `key` (a rule's code may be one pam does not name yet)."""
    from pam.i18n.terminal_words import WORDS

    return key in WORDS


def n(count: int, key: str, **values) -> str:
    """`count` with its noun in the form that agrees with it: n(1, 'actions') -> '1 action',
    n(2, 'actions') -> 'إجراءان' in Arabic (CLDR plural rules, pam.render.words.plural)."""
    from pam.i18n.terminal_words import NOUNS
    from pam.render.words import plural

    language = lang()
    forms = NOUNS[key].get(language) or NOUNS[key]["en"]
    text = plural(count, forms, lang=language)
    return text.format(**values) if values else text


def status_label(status: str, *, loud: bool = True) -> str:
    """A status as the screen prints it: the reports' word in Arabic and French; late and at
    risk in capitals in English and French (`loud`), so that they stand out without colour."""
    from pam.i18n.terminal_words import STATUS_EN

    language = lang()
    if language == "en":
        label = STATUS_EN[status]
    else:
        from pam.i18n import load_messages

        label = load_messages(language)["status"][status]
    if loud and status in ("late", "at_risk") and language != "ar":
        label = label.upper()
    return label


def column(key: str) -> str:
    """A column's name: the reports' (col.KEY in ar.json / fr.json), English from the words."""
    from pam.i18n.terminal_words import COLUMNS_EN

    language = lang()
    if language == "en":
        return COLUMNS_EN[key]
    from pam.i18n import load_messages

    word = load_messages(language)["col"].get(key) or COLUMNS_EN[key]
    return word[:1].lower() + word[1:] if language == "fr" else word  # as the other columns
