"""The one Jinja environment factory for reports, and the filters it registers (small, pure).

Every report is rendered through `make_env(fmt, lang)`:
- the loader looks in the user's override folder first (if any), then in `templates/`;
- `StrictUndefined`: a missing value or message label is an error, never an empty cell;
- escaping for the target format is automatic. HTML uses Jinja's autoescape. Markdown uses
  autoescape too, so macros return safe markup, plus a `finalize` hook that escapes every
  value printed with `{{ }}` for Markdown (`| < > [ ] * _` and friends, newlines joined) and
  returns it marked safe, so the HTML escaper leaves it alone. Either way text from the plan
  or the cards comes out as text, never as markup;
- in both formats every control, bidi formatting (embeddings, overrides, isolates) and
  invisible character found in data is replaced by a visible tag (pam.render.text.neutralize),
  so a stray ESC cannot drive a terminal showing the file and a U+202E cannot reorder a table;
- filters are registered in FILTERS, in one place; the functions take the language as a
  keyword argument where the output depends on it, and are bound to it here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from pam.errors import Unavailable
from pam.monitor.results import gap as shown_gap
from pam.monitor.results import shown
from pam.render.text import BIDI, CONTROL, INVISIBLE, neutralize
from pam.render.words import daterange, halfmonth, longdate, periodname, plural

FORMATS = ("md", "html")
LRM = "\u200e"  # keeps a leading minus sign on the left of its number in right-to-left text
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
_MD_LINE_START = re.compile(r"^(\s*)(\d*)([-+=.)])(?=\s|$)")
# the characters str.splitlines() breaks at, and tabs: md_escape turns them into spaces
_MD_BREAKS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"
# anything md_escape would change: a special, a break, a bidi control or a leading marker
_MD_CHANGES = re.compile("[" + re.escape(r"\`*_[]<>#|~&$" + _MD_BREAKS) + CONTROL + BIDI
                         + INVISIBLE + "]|" + _MD_LINE_START.pattern)


def templates_dir() -> Path:
    """The shipped templates: pam/templates, package data (the checkout's top-level
    templates/ is a link to it, so they install with pam and are easy to find in the repo)."""
    return Path(__file__).resolve().parents[1] / "templates"


# --- filters: pure functions ---------------------------------------------------------------

def neutralize_bidi(text: str) -> str:
    """Replace control, bidi embedding/override/isolate and invisible characters by a visible
    tag like [U+202E] (pam.render.text.neutralize: the one rule of every output)."""
    return neutralize(text)


def md_escape(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell: specials backslash-escaped,
    newlines and tabs turned into spaces, a leading list or heading marker escaped."""
    text = str(text)
    if _MD_CHANGES.search(text) is None:  # most values: nothing to escape
        return text
    return _md_escape_all(text)


def _md_escape_all(text: str) -> str:
    """md_escape, every step applied (the same result as md_escape for every text)."""
    text = neutralize(text.replace("\r\n", "\n"))  # line breaks are joined below
    text = " ".join(text.replace("\t", " ").splitlines())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(r"\1\2\\\3", text)


def fmt_decimal(value: float, digits: int, *, lang: str = "ar") -> str:
    """A number with a fixed number of decimals, rounded as pam shows every figure (its
    2-decimal value, half up: results.shown); French uses a decimal comma."""
    text = f"{shown(value, digits):.{digits}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace(".", ",") if lang == "fr" else text


def pct(value: float | None, digits: int = 0, *, lang: str = "ar") -> str:
    """58.52 -> '59%' ('59 %' in French); None -> '—'."""
    if value is None:
        return "—"
    sep = "\u202f" if lang == "fr" else ""
    return f"{fmt_decimal(value, digits, lang=lang)}{sep}%"


def pts(value: float | None, digits: int = 0, *, lang: str = "ar") -> str:
    """A signed gap in percentage points: -16.88 -> '-17', 3 -> '+3', None -> '—'."""
    if value is None:
        return "—"
    text = fmt_decimal(value, digits, lang=lang)
    if not text.startswith("-"):
        text = ("+" if float(text.replace(",", ".")) != 0 else "±") + text
    return LRM + text


def gap(actual: float | None, planned: float | None, digits: int = 0, *,
        lang: str = "ar") -> str:
    """A variance as shown: the shown actual minus the shown planned (never a separately
    rounded difference), signed, in points; '—' when either is missing."""
    return pts(shown_gap(actual, planned, digits), digits, lang=lang)


def money(value: float | None, digits: int = 2, *, lang: str = "ar") -> str:
    """An amount of million MAD with fixed decimals and thin thousands groups; None -> '—'."""
    if value is None:
        return "—"
    whole, _, frac = f"{abs(shown(value, digits)):,.{digits}f}".partition(".")
    group = "\u202f" if lang == "fr" else ","
    text = whole.replace(",", group) + ((("," if lang == "fr" else ".") + frac) if frac else "")
    return ("-" + text) if value < 0 and float(f"{value:.{digits}f}") != 0 else text


def ratio(value: float | None, digits: int = 2, *, lang: str = "ar") -> str:
    """An index like SPI or CPI: 0.678 -> '0.68'; None -> '—'."""
    return "—" if value is None else fmt_decimal(value, digits, lang=lang)


def measure(value: float | None, *, lang: str = "ar") -> str:
    """An indicator's value in its unit: its 2-decimal (JSON) figure without trailing zeros,
    thousands grouped (a thin space in French), a decimal comma in French; None -> '—'.
    1697.53 -> '1,697.53' (ar) / '1 697,53' (fr); 12.0 -> '12'."""
    if value is None:
        return "—"
    text = money(value, 2, lang=lang)
    sep = "," if lang == "fr" else "."
    if sep in text:
        text = text.rstrip("0").rstrip(sep)
    return text


def signed_measure(value: float | None, *, lang: str = "ar") -> str:
    """A variance in an indicator's unit, signed: -1.48, +0.2, ±0; None -> '—'."""
    if value is None:
        return "—"
    text = measure(abs(value), lang=lang)
    if text == "0":
        return LRM + "±0"
    return LRM + ("-" if value < 0 else "+") + text


def share(part: int, whole: int, *, lang: str = "ar") -> str:
    """'12 / 40 (30%)'; '0 / 0' when there is nothing to count."""
    if not whole:
        return f"{part} / {whole}"
    return f"{part} / {whole} ({pct(100 * part / whole, lang=lang)})"


def ltr(text) -> str:
    """A code-like label (2020-Q2, 2020-06a) kept left to right inside Arabic text (LRM marks)."""
    return f"{LRM}{text}{LRM}"


def isodate(value: dt.date | None) -> str:
    return "—" if value is None else value.isoformat()


def pick_name(name, *, lang: str = "ar") -> str:
    """The name in the report's language: a Name-like mapping {ar, fr} (fr may be missing)."""
    if name is None:
        return ""
    if isinstance(name, str):
        return name
    get = name.get if isinstance(name, dict) else lambda k: getattr(name, k, None)
    return (get("fr") if lang == "fr" else None) or get("ar") or ""


def status_class(status: str) -> str:
    """The CSS class of a status: 'at_risk' -> 'st-at-risk'."""
    return "st-" + status.replace("_", "-")


def clip(text: str, width: int = 120) -> str:
    """Shorten a long text to `width` characters with an ellipsis."""
    text = str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def summary_paragraphs(items: list[dict], *, lang: str = "ar") -> list[str]:
    """A report's summary in words, a paragraph per part (pam.render.sentences)."""
    from pam.render.sentences import paragraphs

    return paragraphs(items, lang=lang)


def limit_phrases(limits: dict, *, lang: str = "ar") -> dict:
    """The thresholds of a report (its meta's `limits`) with their nouns, for the sentences
    that cite them: at_risk_pts '10 points' / '10 نقط', late_pts, divergence_pts, grace_days
    '5 jours' / '5 أيام', stale_days_n; the plain numbers stay under their own keys."""
    from pam.i18n import load_messages

    n = load_messages(lang)["n"]

    def say(key: str, noun: str) -> str:
        value = float(limits[key])
        return plural(value, n[noun], text=limits[key], lang=lang)

    return {**limits, "at_risk_pts": say("at_risk", "points"), "late_pts": say("late", "points"),
            "divergence_pts": say("divergence", "points"), "grace_days": say("grace", "days"),
            "stale_days_n": say("stale_days", "days")}


def risk_score(likelihood: str | None, impact: str | None) -> int:
    """The risk grid's filter: pam.report.remarks.risk_score (imported when a report uses
    it: remarks reads the models)."""
    from pam.report.remarks import risk_score as score

    return score(likelihood, impact)


def part_of(part: int | None, whole: int | None, *, lang: str = "ar") -> str:
    """A count with its share of a whole: '3 (7%)'; '0' when there is nothing to count."""
    if part is None:
        return "—"
    if not whole or not part:
        return str(part)
    return f"{part} ({pct(100 * part / whole, lang=lang)})"


def short_commit(commit: dict | None) -> str | None:
    """The plan's commit as a short plain reference (7 characters), None without git."""
    sha = (commit or {}).get("commit")
    return sha[:7] if sha else None


_RANGE = re.compile(r"[0-9][0-9./]*(?:er)?[-\u2013][0-9][0-9./]*")


def keep_ranges(text) -> Markup:
    """The text escaped, its number ranges (2017-2022, 1-15) each kept on one line (a span of
    class nw, white-space: nowrap): a phone never breaks a period at its hyphen."""
    from markupsafe import escape

    text = neutralize(str(text))
    parts, pos = [], 0
    for m in _RANGE.finditer(text):
        parts += [escape(text[pos:m.start()]),
                  Markup('<span class="nw">') + escape(m.group()) + Markup("</span>")]
        pos = m.end()
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


def css_string(text: str) -> Markup:
    """A quoted CSS string with every non-alphanumeric character escaped (for `content:`)."""
    body = "".join(ch if ch.isalnum() and ord(ch) < 128 else f"\\{ord(ch):06x}" for ch in
                   str(text))
    return Markup(f'"{body}"')


FILTERS: dict[str, tuple[Callable[..., Any], bool]] = {  # name -> (function, takes the language)
    "pct": (pct, True),
    "pts": (pts, True),
    "gap": (gap, True),
    "money": (money, True),
    "measure": (measure, True),
    "signed_measure": (signed_measure, True),
    "ratio": (ratio, True),
    "share": (share, True),
    "name": (pick_name, True),
    "isodate": (isodate, False),
    "ltr": (ltr, False),
    "longdate": (longdate, True),
    "daterange": (daterange, True),
    "halfmonth": (halfmonth, True),
    "periodname": (periodname, True),
    "paragraphs": (summary_paragraphs, True),
    "part_of": (part_of, True),
    "risk_score": (risk_score, False),
    "limit_phrases": (limit_phrases, True),
    "short_commit": (short_commit, False),
    "plural": (plural, True),
    "status_class": (status_class, False),
    "clip": (clip, False),
    "md": (md_escape, False),
    "css_string": (css_string, False),
    "keep_ranges": (keep_ranges, False),
}


# --- the environment -----------------------------------------------------------------------

def _finalize_html(value):
    if isinstance(value, str) and not isinstance(value, Markup):
        return neutralize(value)
    return value


def _finalize_md(value):
    if isinstance(value, Markup) or value is None:
        return value
    return Markup(md_escape(value if isinstance(value, str) else str(value)))


def _bytecode_cache():
    """Compiled templates kept between runs (compiling them is most of a small report's
    time): jinja2's own cache, keyed by template name and source checksum, in pam's cache
    folder (pam.cache.store.cache_folder). None when caching is off or the folder cannot be
    made."""
    import jinja2

    from pam.cache.store import cache_folder

    folder = cache_folder()
    if folder is None:
        return None
    base = folder / "jinja"
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private_folder(base):
            return None
    except (OSError, RuntimeError):
        return None

    class QuietCache(jinja2.FileSystemBytecodeCache):
        """A cache that cannot be written (a full disk, a read-only home) is no cache."""

        def dump_bytecode(self, bucket):
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

        def load_bytecode(self, bucket):
            with contextlib.suppress(OSError):
                super().load_bytecode(bucket)

    return QuietCache(str(base))


def _private_folder(folder: Path) -> bool:
    """True when only the current user can write into `folder`: compiled templates are code,
    so they are read only from a folder nobody else could have put them in (the rule jinja2
    applies to its own default folder). Never a folder of the work tree."""
    import os
    import stat

    info = folder.lstat()
    getuid = getattr(os, "getuid", None)  # not on Windows, where home folders are private
    if not stat.S_ISDIR(info.st_mode) or (getuid is not None and info.st_uid != getuid()):
        return False
    if info.st_mode & 0o022:
        with contextlib.suppress(OSError):
            os.chmod(folder, info.st_mode & ~0o077)
        return not folder.stat().st_mode & 0o022
    return True


_DICT_ATTRIBUTES = frozenset(dir(dict))


@functools.cache
def _environment_class():
    """jinja2.Environment with a shorter way to `d.key` on a plain dict (the class is made on
    first use: jinja2 is imported lazily)."""
    import jinja2

    class ReportEnvironment(jinja2.Environment):
        """Report data are plain dicts: `row.id` is `row["id"]` unless `id` is a dict
        attribute (like `items`), exactly as Jinja resolves it, without first trying and
        failing an attribute lookup on every dict."""

        def getattr(self, obj, attribute: str):
            if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

    return ReportEnvironment


def make_env(fmt: str, lang: str = "ar", override: Path | None = None, *,
             compiled: bool = True):
    """The Jinja environment for one output format ('md' or 'html') and language: its
    templates compiled ahead of time when they are current (pam/render/precompiled.py), else
    read and compiled here (kept in the bytecode cache); with `override`, those first."""
    import jinja2

    if fmt not in FORMATS:
        raise ValueError(f"unknown template format {fmt!r}; expected one of {FORMATS}")
    base = templates_dir()
    if not (base / "layout.html.j2").is_file():
        raise Unavailable(
            f"the report templates are not at {base}: pam reads them from the templates/ "
            "folder of its checkout; install pam from a checkout (pip install -e .)")
    paths = [str(override)] if override else []
    ahead = None
    if compiled and override is None:
        from pam.render.precompiled import loader

        ahead = loader(fmt)
    env = _environment_class()(
        loader=ahead or jinja2.FileSystemLoader(paths + [str(base)]),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize_md if fmt == "md" else _finalize_html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=None if ahead else _bytecode_cache(),
    )
    for name, (func, localized) in FILTERS.items():
        env.filters[name] = functools.partial(func, lang=lang) if localized else func
    env.globals["fmt"] = fmt
    env.globals["lang"] = lang
    return env
