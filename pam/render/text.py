"""Text helpers for outputs: the one neutralizing helper (controls, bidi overrides, invisible
characters made visible), JSON and YAML quoting with the same rule, and optional Arabic shaping
and visual reordering for terminals (--bidi)."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import cast

_ARABIC = range(0x0600, 0x0700)


def has_arabic(text: str) -> bool:
    return any(ord(ch) in _ARABIC for ch in text)


BIDI_MODES = ("auto", "on", "off")
# Terminals known to lay out right-to-left text themselves (the Unicode bidi algorithm, and
# Arabic joining): given text in logical order they show it right; given it pre-reordered they
# would reverse it a second time. Each is recognised by a variable it sets for its programs.
# Inside tmux or screen none of this can be known (the multiplexer keeps cells in logical
# order and the outer terminal may be any), and tmux lays out nothing itself: pam shapes.
BIDI_TERMINALS = (
    ("VTE_VERSION", "GNOME Terminal, Tilix, Terminator, xfce4-terminal (VTE 0.58 or later)"),
    ("KONSOLE_VERSION", "Konsole"),
    ("MLTERM", "mlterm"),
    ("TERM_PROGRAM=Apple_Terminal", "macOS Terminal"),
)


def terminal_lays_out_rtl(env=None) -> str | None:
    """The name of the terminal when it is known to lay out right-to-left text itself (see
    BIDI_TERMINALS), else None. VTE does so from 0.58 (VTE_VERSION 5800, GNOME 3.34)."""
    env = os.environ if env is None else env
    if env.get("TMUX") or env.get("STY") or env.get("TERM", "").startswith(("screen", "tmux")):
        return None
    vte = env.get("VTE_VERSION", "")
    if vte.isdigit() and int(vte) >= 5800:
        return BIDI_TERMINALS[0][1]
    if env.get("KONSOLE_VERSION"):
        return "Konsole"
    if env.get("MLTERM") or env.get("TERM", "").startswith("mlterm"):
        return "mlterm"
    if env.get("TERM_PROGRAM") == "Apple_Terminal":
        return "macOS Terminal"
    return None


def bidi_mode(flag: str | bool | None, file=None, env=None) -> str:
    """'on' (pam shapes and reorders Arabic) or 'off' (logical order, as stored), from --bidi
    auto|on|off or PAM_BIDI (also 1/0, true/false, yes/no). auto, the default: on for a
    terminal that does not lay out right-to-left text itself; off for a file or a pipe (the
    text is data there) and for the terminals of BIDI_TERMINALS."""
    env = os.environ if env is None else env
    if isinstance(flag, bool):
        flag = "on" if flag else "off"
    value = (flag or env.get("PAM_BIDI", "") or "auto").strip().lower()
    value = {"1": "on", "true": "on", "yes": "on", "0": "off", "false": "off",
             "no": "off"}.get(value, value)
    if value in ("on", "off"):
        return value
    import sys

    file = file or sys.stdout
    try:
        tty = bool(file.isatty())
    except (AttributeError, ValueError):
        tty = False
    if not tty or terminal_lays_out_rtl(env):
        return "off"
    return "on"


@lru_cache(maxsize=4096)
def visual(text: str, base: str | None = None) -> str:
    """Shape Arabic letters and reorder to visual order, for terminals without bidi support.
    `base`: the paragraph's direction ('R' or 'L'); by default its first strong letter's."""
    if not has_arabic(text):
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    shaped = arabic_reshaper.reshape(text)
    return get_display(shaped, base_dir=base) if base else get_display(shaped)


class Shaper:
    """How a view's texts reach the terminal: always neutralized; with `visual`, Arabic
    shaped (joined letters) and reordered for display. A table cell or a name is shaped on
    its own (`cell`, or calling the shaper); a line of prose as a whole (`line`), in the
    direction of the language it is written in (`rtl`)."""

    def __init__(self, visual: bool = False, rtl: bool = False):
        self.visual = visual
        self.rtl = rtl

    def __call__(self, text) -> str:
        return self.cell(text)

    def cell(self, text) -> str:
        text = neutralize(text, newlines=False)
        return visual(text) if self.visual else text

    def line(self, text) -> str:
        text = neutralize(text, newlines=False)
        return visual(text, "R" if self.rtl else None) if self.visual else text


def make_shaper(flag: str | bool | None = None, file=None) -> Shaper:
    """The shaper of a terminal view (see bidi_mode): neutralized, shaped when it is on."""
    from pam.i18n.terminal import lang

    return Shaper(bidi_mode(flag, file) == "on", rtl=lang() == "ar")


def fmt_num(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:,.0f}"


# --- characters that must not reach a terminal or a document raw ---------------------------
# One table, used by the checks (pam/checks/texts.py: error or warning, located) and by every
# output (neutralize, json_text, yaml_quote). A character is:
#   control    C0 (but TAB and LF), DEL, C1, lone surrogates, noncharacters: never text;
#              ESC and BEL drive terminals, a lone surrogate cannot even be written as UTF-8.
#   bidi       embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder
#              the text after them ("Trojan Source"), so a value can show what it is not.
#   invisible  zero-width and other invisible format characters, tag characters, line and
#              paragraph separators: they hide data (two ids that look equal) but do no harm
#              on a terminal.
#   presentation  Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFE): visible glyphs,
#              but not letters: search and sorting miss them (copy-pasted from PDFs).
CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
BIDI = "\u202a-\u202e\u2066-\u2069"
# LRM, RLM, ALM (directional marks, which pam itself writes in reports), ZWNJ and ZWJ (they
# shape Arabic and Persian letters) are invisible but harmless: warned about, never rewritten
MARKS = "\u061c\u200c-\u200f"
INVISIBLE = ("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b\u2028\u2029"
             "\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f")
PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefe"
NAMES = {"\x1b": "ESCAPE", "\x07": "BELL", "\x00": "NUL", "\n": "LINE FEED", "\t": "TAB",
         "\x08": "BACKSPACE", "\x0b": "LINE TABULATION", "\x0c": "FORM FEED",
         "\r": "CARRIAGE RETURN", "\x7f": "DELETE", "\x85": "NEXT LINE",
         "\x9b": "CONTROL SEQUENCE INTRODUCER",
         "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING",
         "\u202c": "POP DIRECTIONAL FORMATTING", "\u202d": "LEFT-TO-RIGHT OVERRIDE",
         "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
         "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE",
         "\u2069": "POP DIRECTIONAL ISOLATE", "\u200b": "ZERO WIDTH SPACE",
         "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
         "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK",
         "\u061c": "ARABIC LETTER MARK", "\u2060": "WORD JOINER",
         "\ufeff": "ZERO WIDTH NO-BREAK SPACE (byte-order mark)", "\u00ad": "SOFT HYPHEN",
         "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}

_UNSAFE = re.compile(f"[{CONTROL}{BIDI}{INVISIBLE}]")  # what neutralize rewrites
_FLAGGED = re.compile(f"[{CONTROL}{BIDI}{MARKS}{INVISIBLE}{PRESENTATION}]")  # what checks see
_KINDS = ((re.compile(f"[{CONTROL}]"), "control"), (re.compile(f"[{BIDI}]"), "bidi"),
          (re.compile(f"[{MARKS}{INVISIBLE}]"), "invisible"),
          (re.compile(f"[{PRESENTATION}]"), "presentation"))


def char_kind(ch: str) -> str | None:
    """'control', 'bidi', 'invisible', 'presentation', or None for an ordinary character."""
    for pattern, kind in _KINDS:
        if pattern.match(ch):
            return kind
    return None


def char_name(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': the code point and, when known, its name."""
    import unicodedata

    name = NAMES.get(ch) or unicodedata.name(ch, "")
    if not name:
        name = ("(half of a character: a lone surrogate)" if 0xD800 <= ord(ch) <= 0xDFFF
                else "(a control character)" if unicodedata.category(ch) == "Cc" else "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def flagged(text: str) -> list[tuple[int, str, str]]:
    """(index, character, kind) of every character of `text` the checks report."""
    if _FLAGGED.search(text) is None:
        return []
    # _FLAGGED matches only the characters char_kind names
    return cast("list[tuple[int, str, str]]",
                [(m.start(), m.group(), char_kind(m.group())) for m in _FLAGGED.finditer(text)])


def _tag(m: re.Match) -> str:
    return f"[U+{ord(m.group()):04X}]"


def neutralize(text: str, *, newlines: bool = True) -> str:
    """`text` safe to print anywhere: every control, bidi and invisible character (see the
    table above) is replaced by a visible tag such as [U+001B] or [U+202E]; TAB and LF are kept
    (with newlines=False, LF and TAB become spaces: for one-line places). Letters, digits,
    directional marks and joiners are never changed. The one helper every output uses."""
    text = str(text)
    if _UNSAFE.search(text) is not None:
        text = _UNSAFE.sub(_tag, text)
    if not newlines and ("\n" in text or "\t" in text):
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def _escape_for(fmt: str):
    def escape(m: re.Match) -> str:
        code = ord(m.group())
        if code > 0xFFFF:
            if fmt == "yaml":
                return f"\\U{code:08X}"
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"
    return escape


_ESCAPE_JSON, _ESCAPE_YAML = _escape_for("json"), _escape_for("yaml")


def json_text(data, indent: int | None = 2, **options) -> str:
    """json.dumps with readable Arabic (no \\u escapes for letters) but every control, bidi or
    invisible character written as a \\u escape: the same data, nothing raw on a terminal."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=indent, **options)
    return _UNSAFE.sub(_ESCAPE_JSON, text) if _UNSAFE.search(text) else text


def yaml_quote(text: str | None) -> str:
    """A YAML double-quoted scalar of `text`, with the same escapes as json_text (YAML's own
    \\U for characters beyond U+FFFF): what pam writes into cards and plans reads back the same."""
    import json

    quoted = json.dumps(text or "", ensure_ascii=False)
    return _UNSAFE.sub(_ESCAPE_YAML, quoted) if _UNSAFE.search(quoted) else quoted


def github_annotation(kind: str, message: str, **properties) -> str:
    """One GitHub Actions workflow command, `::error file=F,line=L,col=C,title=T::MESSAGE`, on
    one line whatever the texts hold: neutralized, then escaped as GitHub reads them (the
    message: % CR LF; each property also ':' and ','), so neither a file name nor a message
    can end the command early or start another."""
    def data(text) -> str:
        return neutralize(str(text)).replace("%", "%25").replace("\r", "%0D") \
            .replace("\n", "%0A")

    def prop(text) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    props = ",".join(f"{key}={prop(value)}" for key, value in properties.items())
    return f"::{kind} {props}::{data(message)}"
