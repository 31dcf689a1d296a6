"""Styled text for the terminal without rich.console: the `pam status` fast path.

`pam status` runs many times a day; importing and running rich's Console costs about as much
as everything else it does with a warm cache (measured: ~35 ms import + ~30 ms render of 3,000
cards' status, against a 0.25 s import floor). The status view needs little of it: coloured
segments, one framed panel, a centred banner, and widths in terminal cells (rich.cells, a light
import, still measures those). The colour and width rules follow rich's: colour only on a
terminal, never with NO_COLOR, always with FORCE_COLOR, none with TERM=dumb; width from
COLUMNS, else the terminal, else 80.
"""

from __future__ import annotations

import os
import shutil
import sys

from rich.cells import cell_len

from pam.render.text import neutralize

SGR = {"bold": "1", "dim": "2", "black": "30", "red": "31", "green": "32", "yellow": "33",
       "magenta": "35", "on yellow": "43"}


def sgr(style: str | None) -> str:
    """The ANSI escape for a style such as 'bold red' or 'bold black on yellow'."""
    if not style:
        return ""
    words, codes = style.split(), []
    i = 0
    while i < len(words):
        if words[i] == "on" and i + 1 < len(words):
            codes.append(SGR[f"on {words[i + 1]}"])
            i += 2
            continue
        codes.append(SGR[words[i]])
        i += 1
    return f"\x1b[{';'.join(codes)}m"


class Styled:
    """Text made of (text, style) segments; `render` gives it with or without colour."""

    def __init__(self, text: str = "", style: str | None = None):
        self.parts: list[tuple[str, str | None]] = []
        if text:
            self.append(text, style)

    def append(self, text: str, style: str | None = None) -> Styled:
        text = neutralize(text)  # data reaches the terminal as text, never as escapes
        if text:
            if self.parts and self.parts[-1][1] == style:  # one escape per run of a style
                self.parts[-1] = (self.parts[-1][0] + text, style)
            else:
                self.parts.append((text, style))
        return self

    def extend(self, other: Styled) -> Styled:
        for text, style in other.parts:
            self.append(text, style)
        return self

    @property
    def plain(self) -> str:
        return "".join(t for t, _ in self.parts)

    def lines(self) -> list[Styled]:
        """Split at newlines, keeping each segment's style."""
        out = [Styled()]
        for text, style in self.parts:
            first, *rest = text.split("\n")
            out[-1].append(first, style)
            for piece in rest:
                out.append(Styled(piece, style))
        return out

    def render(self, color: bool) -> str:
        """The text, with ANSI styles when `color`: each styled line is closed before its
        newline, so that a pager or a cut line never carries a style over."""
        if not color:
            return self.plain
        out = []
        for text, style in self.parts:
            if not style:
                out.append(text)
                continue
            code = sgr(style)
            out.append("\n".join(f"{code}{line}\x1b[0m" if line else ""
                                  for line in text.split("\n")))
        return "".join(out)


def wrap(line: Styled, width: int) -> list[Styled]:
    """Break a one-line Styled at spaces so that each piece fits `width` cells (a word wider
    than the width is cut)."""
    words: list[tuple[str, str | None]] = []  # words and the spaces after them, styled
    for text, style in line.parts:
        start = 0
        for i, ch in enumerate(text):
            if ch == " " and (i + 1 == len(text) or text[i + 1] != " "):
                words.append((text[start:i + 1], style))
                start = i + 1
        if start < len(text):
            words.append((text[start:], style))
    out, current, used = [], Styled(), 0
    for text, style in words:
        size = cell_len(text.rstrip(" "))
        if used and used + size > width:
            out.append(current)
            current, used = Styled(), 0
            text = text.lstrip(" ")
        while cell_len(text.rstrip(" ")) > width:  # one word longer than a line
            cut = _cut(text, width)
            out.append(Styled(text[:cut], style))
            text = text[cut:]
        current.append(text, style)
        used += cell_len(text)
    out.append(current)
    return out


def _cut(text: str, width: int) -> int:
    n = 0
    for i, ch in enumerate(text):
        n += cell_len(ch)
        if n > width:
            return max(1, i)
    return len(text)


def _rstrip(line: Styled) -> Styled:
    parts = list(line.parts)
    while parts and not parts[-1][0].strip(" "):
        parts.pop()
    if parts:
        parts[-1] = (parts[-1][0].rstrip(" "), parts[-1][1])
    out = Styled()
    out.parts = parts
    return out


class Terminal:
    """Where the status view is printed: colour or not, width, and a file to write to."""

    def __init__(self, file=None, width: int | None = None, color: bool | None = None):
        self.file = file or sys.stdout
        self.width = width or terminal_width()
        self.color = color_wanted(self.file) if color is None else color

    def print(self, text: Styled | str = "", style: str | None = None) -> None:
        styled = text if isinstance(text, Styled) else Styled(text, style)
        self.file.write(styled.render(self.color) + "\n")

    def write(self, text: Styled) -> None:
        self.file.write(text.render(self.color))

    def centred(self, text: Styled) -> None:
        """Centred within the width, wrapped at spaces when longer."""
        for line in wrap(text, self.width):
            line = _rstrip(line)
            gap = max(0, self.width - cell_len(line.plain))
            left = gap // 2
            self.print(Styled(" " * left).extend(line).append(" " * (gap - left)))

    def panel(self, text: Styled) -> None:
        """Framed in a rounded box as wide as the terminal, its lines wrapped inside."""
        inner = max(10, self.width - 4)
        self.print("╭" + "─" * (inner + 2) + "╮")
        for line in text.lines():
            for piece in wrap(line, inner):
                piece = _rstrip(piece)
                pad = " " * max(0, inner - cell_len(piece.plain))
                self.print(Styled("│ ").extend(piece).append(pad + " │"))
        self.print("╰" + "─" * (inner + 2) + "╯")


def terminal_width() -> int:
    """COLUMNS, else the terminal's width, else 80 (output to a file or a pipe)."""
    return max(20, shutil.get_terminal_size((80, 24)).columns)


def color_wanted(file) -> bool:
    env = os.environ
    if env.get("NO_COLOR", ""):
        return False
    if env.get("FORCE_COLOR", ""):
        return True
    if env.get("TERM", "") in ("dumb", "unknown"):
        return False
    isatty = getattr(file, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed file
        return False
