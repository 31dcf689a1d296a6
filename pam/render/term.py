"""Styled text for the terminal without rich.console: the `pam status` fast path.

`pam status` runs many times a day; importing and running rich's Console costs about as much
as everything else it does with a warm cache (measured: ~35 ms import + ~30 ms render of 3,000
cards' status, against a 0.25 s import floor). The status view needs little of it: coloured
segments, one framed panel, a centred banner, and widths in terminal cells (rich.cells, a light
import, still measures those). The colour and width rules follow rich's: colour only on a
terminal, never with NO_COLOR, always with FORCE_COLOR, none with TERM=dumb; width from
COLUMNS, else the terminal, else 80; never below MIN_WIDTH.

Arabic reaches the screen through a Shaper (pam.render.text): a table cell is cut at its
logical end and shaped on its own (`fit`, `grid`); a line of prose is wrapped in logical order
first and each piece shaped as a whole, so wrapped lines read in order. A view is buffered and
printed at the end (`flush`), through a pager when it is taller than the screen
(pam.render.pager).
"""

from __future__ import annotations

import os
import shutil
import sys

from rich.cells import cell_len

from pam.render.text import Shaper, has_arabic, neutralize

MIN_WIDTH = 60  # narrower terminals get the 60-column layout (their lines wrap)
MAX_PANEL = 120  # the header box stops growing here: wider, its lines get hard to follow

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

    def append(self, text: str, style: str | None = None, join: bool = True) -> Styled:
        """Add `text` in `style`; joined to the last part when it has the same style, unless
        `join` is False (a part shaped on its own: an id, a name)."""
        text = neutralize(text)  # data reaches the terminal as text, never as escapes
        if text:
            if join and self.parts and self.parts[-1][1] == style:  # one escape per style
                self.parts[-1] = (self.parts[-1][0] + text, style)
            else:
                self.parts.append((text, style))
        return self

    def extend(self, other: Styled) -> Styled:
        for text, style in other.parts:
            self.append(text, style, join=False)
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
    than the width is cut). Its parts stay parts (each may be shaped on its own)."""
    words: list[tuple[str, str | None, int]] = []  # words and the spaces after them
    for k, (text, style) in enumerate(line.parts):
        start = 0
        for i, ch in enumerate(text):
            if ch == " " and (i + 1 == len(text) or text[i + 1] != " "):
                words.append((text[start:i + 1], style, k))
                start = i + 1
        if start < len(text):
            words.append((text[start:], style, k))
    out, current, used, part = [], Styled(), 0, -1
    for text, style, k in words:
        size = cell_len(text.rstrip(" "))
        if used and used + size > width:
            out.append(current)
            current, used = Styled(), 0
            text = text.lstrip(" ")
        while cell_len(text.rstrip(" ")) > width:  # one word longer than a line
            cut = _cut(text, width)
            out.append(Styled(text[:cut], style))
            text = text[cut:]
        current.append(text, style, join=k == part)
        part = k
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
    """Where a view is printed: colour or not, width, the shaper of its texts, and a file.
    Lines are kept until `flush`, which writes them (through a pager when asked and taller
    than the screen)."""

    def __init__(self, file=None, width: int | None = None, color: bool | None = None,
                 shape: Shaper | None = None):
        self.file = file or sys.stdout
        self.width = max(MIN_WIDTH, width or terminal_width())
        self.color = color_wanted(self.file) if color is None else color
        self.shape = shape or Shaper()
        self.lines: list[str] = []

    def shaped(self, line: Styled) -> Styled:
        """A line of prose in display order: shaped as a whole (its style kept when it has
        one only); a line without Arabic as it is."""
        if not self.shape.visual or not has_arabic(line.plain):
            return line
        styles = {style for _, style in line.parts}
        out = Styled(self.shape.line(line.plain), styles.pop() if len(styles) == 1 else None)
        return out

    def print(self, text: Styled | str = "", style: str | None = None, *,
              by_part: bool = False, indent: str = "", first: str = "",
              lead: str | None = "dim") -> None:
        """Prose: each line wrapped at the width (in logical order), then shaped as a whole;
        `by_part`: each part shaped on its own (a label made of an id, a name and figures).
        `first` starts the first line, `indent` the next ones (a tree's guides, a field's
        name), in the style `lead`."""
        styled = text if isinstance(text, Styled) else Styled(text, style)
        room = max(10, self.width - max(cell_len(first), cell_len(indent)))
        for line in styled.lines():
            if not line.plain:
                self.lines.append(first.rstrip())
                continue
            for k, piece in enumerate(wrap(line, room)):
                piece = _rstrip(piece)
                piece = self.parts_shaped(piece) if by_part else self.shaped(piece)
                out = Styled(first if k == 0 else indent, lead).extend(piece)
                self.row(out)
            first = indent

    def parts_shaped(self, line: Styled) -> Styled:
        """A line whose parts are shaped one by one (each stays where it is)."""
        if not self.shape.visual or not has_arabic(line.plain):
            return line
        out = Styled()
        out.parts = [(self.shape.cell(text), style) for text, style in line.parts]
        return out

    def row(self, line: Styled) -> None:
        """A line laid out already (a table row): printed as it is."""
        self.lines.append(line.render(self.color))

    def rows(self, lines: list[Styled]) -> None:
        for line in lines:
            self.row(line)

    def centred(self, text: Styled) -> None:
        """Centred within the width (at most MAX_PANEL), wrapped at spaces when longer."""
        width = min(self.width, MAX_PANEL)
        for line in wrap(text, width):
            line = self.shaped(_rstrip(line))
            gap = max(0, width - cell_len(line.plain))
            left = gap // 2
            out = Styled(" " * left).extend(line).append(" " * (gap - left))
            self.row(out)

    def panel(self, text: Styled) -> None:
        """Framed in a rounded box as wide as the terminal (at most MAX_PANEL), its lines
        wrapped inside and shaped each."""
        inner = max(10, min(self.width, MAX_PANEL) - 4)
        self.row(Styled("╭" + "─" * (inner + 2) + "╮"))
        for line in text.lines():
            for piece in wrap(line, inner):
                piece = self.shaped(_rstrip(piece))
                pad = " " * max(0, inner - cell_len(piece.plain))
                out = Styled("│ ").extend(piece).append(pad + " │")
                self.row(out)
        self.row(Styled("╰" + "─" * (inner + 2) + "╯"))

    def flush(self, pager: bool = False) -> None:
        """Write the view (and forget it): through the pager when `pager` and the view is
        taller than the screen (pam.render.pager.page decides)."""
        text = "\n".join(self.lines) + ("\n" if self.lines else "")
        count = len(self.lines)
        self.lines = []
        if pager:
            from pam.render.pager import page

            if page(text, count, self.file):
                return
        self.file.write(text)


def fit(text: str, width: int, shape: Shaper | None = None) -> str:
    """`text` on one line of at most `width` cells, for display: cut at its logical end
    (so that its first words stay, whatever the direction) with '…', then shaped."""
    shape = shape or Shaper()
    text = neutralize(text, newlines=False)
    shaped = shape.cell(text)
    if cell_len(shaped) <= width:
        return shaped
    if width <= 1:
        return "…"[:width]
    cut = _cut(text, width - 1)
    return shape.cell(text[:cut].rstrip(" ") + "…")


def grid(headers: list[str], aligns: str, rows: list, *, width: int | None = None,
         shape: Shaper | None = None, flex: tuple[int, ...] = (),
         wrapped: tuple[int, ...] = (), mins: dict | None = None) -> list[Styled]:
    """A plain table as display lines: columns padded by display width, `│` between them.

    rows: (cells, row_style); a cell is text or (text, style). Every cell is shaped on its
    own. When the table is wider than `width`, the `flex` columns (names, texts) share what
    is left, each at least its `mins` width (default 8): their texts are cut at their logical
    end, or, for the `wrapped` ones, wrapped over several lines in reading order; when even
    that is too wide, columns are parted by one space instead of ` │ `. Much faster
    than rich.Table, which measures every cell several times.
    """
    shape = shape or Shaper()
    mins = mins or {}

    def text_of(cell) -> str:
        return neutralize(cell[0] if isinstance(cell, tuple) else cell, newlines=False)

    heads = [shape.cell(h) for h in headers]
    table = [[text_of(c) for c in cells] for cells, _ in rows]
    shown = [[c if i in flex else shape.cell(c) for i, c in enumerate(r)] for r in table]
    widths = [cell_len(h) for h in heads]
    for r in shown:
        for i, c in enumerate(r):
            widths[i] = max(widths[i], cell_len(c))
    sep, rule = " │ ", "─┼─"
    if width is not None:
        floor = {i: min(widths[i], max(mins.get(i, 8), cell_len(heads[i]))) for i in flex}
        fixed = sum(w for i, w in enumerate(widths) if i not in flex)
        if fixed + sum(floor.values()) + 3 * (len(widths) - 1) > width:
            sep, rule = " ", " "  # a narrow terminal: one space between columns
        room = max(0, width - fixed - len(sep) * (len(widths) - 1))
        while sum(floor.values()) > room and any(v > 4 for v in floor.values()):
            widest = max(floor, key=lambda i: floor[i])  # still too wide: the names give way first
            floor[widest] -= 1
        natural = {i: widths[i] for i in flex}
        if sum(natural.values()) > room:
            share = _share(natural, floor, room)
            for i in flex:
                widths[i] = share[i]

    def pad(text: str, i: int) -> str:
        gap = " " * max(0, widths[i] - cell_len(text))
        return gap + text if aligns[i] == "r" else text + gap

    out = [_line([(pad(h, i), "bold") for i, h in enumerate(heads)], "bold", sep)]
    out.append(_line([("─" * w, "dim") for w in widths], "dim", rule))
    for (cells, style), texts in zip(rows, shown, strict=True):
        styles = [c[1] if isinstance(c, tuple) else style for c in cells]
        columns = []
        for i, text in enumerate(texts):
            if i in flex and i in wrapped:
                columns.append([shape.cell(piece.plain.strip(" ")) for piece in
                                wrap(Styled(text), widths[i])] or [""])
            elif i in flex:
                columns.append([fit(text, widths[i], shape)])
            else:
                columns.append([text])
        for k in range(max(len(c) for c in columns)):
            out.append(_line([(pad(c[k] if k < len(c) else "", i), styles[i])
                              for i, c in enumerate(columns)], style, sep))
    return out


def _share(natural: dict, floor: dict, room: int) -> dict:
    """Widths for the flexible columns: each its natural width if all fit, else `room`
    shared in proportion to their natural widths, none below its floor nor above its need."""
    share = dict(floor)
    left = room - sum(share.values())
    wanting = {i for i in natural if natural[i] > share[i]}
    while left > 0 and wanting:
        total = sum(natural[i] for i in wanting)
        step = {i: max(1, left * natural[i] // total) for i in wanting}
        for i in sorted(wanting):
            give = min(step[i], natural[i] - share[i], left)
            share[i] += give
            left -= give
        wanting = {i for i in wanting if natural[i] > share[i]}
    return share


def _line(cells: list[tuple[str, str | None]], style: str | None, sep: str) -> Styled:
    out = Styled()
    for i, (text, cell_style) in enumerate(cells):
        if i:
            out.append(sep, "dim")
        out.append(text, cell_style)
    out = _rstrip(out)
    return out


def terminal_width() -> int:
    """COLUMNS, else the terminal's width, else 80 (output to a file or a pipe)."""
    return max(20, shutil.get_terminal_size((80, 24)).columns)


def terminal_height() -> int:
    """LINES, else the terminal's height, else 24."""
    return max(2, shutil.get_terminal_size((80, 24)).lines)


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
