"""pam.render.term: the status view's styled output without rich.console."""

import io

from rich.cells import cell_len

from pam.render.term import Styled, Terminal, color_wanted, sgr, wrap


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_sgr_codes():
    assert sgr("bold red") == "\x1b[1;31m"
    assert sgr("bold black on yellow") == "\x1b[1;30;43m"
    assert sgr(None) == ""


def test_colour_rules(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert color_wanted(Tty()) is True
    assert color_wanted(io.StringIO()) is False  # a pipe or a file: no escapes
    monkeypatch.setenv("TERM", "dumb")
    assert color_wanted(Tty()) is False
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert color_wanted(io.StringIO()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert color_wanted(Tty()) is False  # NO_COLOR wins


def test_styles_are_merged_and_dropped_without_colour():
    s = Styled("LATE", "bold red").append(" 4").append("!", None)
    assert s.render(False) == "LATE 4!"
    assert s.render(True) == "\x1b[1;31mLATE\x1b[0m 4!"


def test_a_style_is_closed_before_each_newline():
    s = Styled("id │ name\n", "bold").append("──\n", "dim").append("D1")
    assert s.render(True) == "\x1b[1mid │ name\x1b[0m\n\x1b[2m──\x1b[0m\nD1"
    assert s.render(False) == "id │ name\n──\nD1"


def test_wrap_breaks_at_spaces_and_cuts_long_words():
    line = Styled("planned 75%   actual 59%", "bold").append(" variance -17 pts")
    pieces = [p.plain for p in wrap(line, 14)]
    assert all(cell_len(p.rstrip()) <= 14 for p in pieces)
    assert "".join(pieces).split() == line.plain.split()  # nothing lost, nothing added
    assert [p.plain for p in wrap(Styled("x" * 25), 10)] == ["x" * 10, "x" * 10, "x" * 5]


def test_panel_lines_have_the_terminal_width_with_arabic():
    out = io.StringIO()
    term = Terminal(file=out, width=60, color=False)
    term.panel(Styled("برنامج عمل الجماعة الترابية للداخلة 2017-2022 وهذا سطر طويل جدا جدا جدا"
                      "\nsecond"))
    term.flush()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("╭") and lines[-1].startswith("╰")
    assert len(lines) > 4  # the long line wrapped inside
    assert {cell_len(line) for line in lines} == {60}
    assert any("second" in line for line in lines)
    assert "للداخلة" in out.getvalue()


def test_centred_banner():
    out = io.StringIO()
    term = Terminal(file=out, width=60, color=False)
    term.centred(Styled(" EXAMPLE ", "bold"))
    term.flush()
    line = out.getvalue().rstrip("\n")
    assert line == " " * 26 + " EXAMPLE" + " " * 26  # trailing space of the text dropped
