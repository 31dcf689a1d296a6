"""pam's views driven in real terminals (issue 14): tmux panes of 80 and 160 columns and a
pseudo-terminal, as a coordinator sees them. What the screen holds is read back (tmux
capture-pane, the pty's bytes): no line wider than the terminal, Arabic shaped and in reading
order where the terminal does not lay it out, cut names keeping their first words, the pager
on a terminal taller views need.

tmux comes from tests/setup_tmux.sh (`make test` runs it); without tmux those tests skip and
say why, the pseudo-terminal ones still run."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import SHIPPED_PLAN
from rich.cells import cell_len

HAVE_TMUX = shutil.which("tmux") is not None
needs_tmux = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed (make test runs "
                                                      "tests/setup_tmux.sh to install it)")
PAM = [sys.executable, "-c", "from pam.cli import main; main()"]
# a terminal that lays out nothing itself (tmux, xterm): none of the variables pam reads
CLEAN_ENV = {k: v for k, v in os.environ.items()
             if k not in ("VTE_VERSION", "KONSOLE_VERSION", "MLTERM", "TERM_PROGRAM", "TMUX",
                          "COLUMNS", "LINES", "PAM_BIDI", "PAM_PAGER", "PAGER", "LESS")}


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The example workspace (pam demo): the Dakhla plan, simulated cards and heads."""
    out = tmp_path_factory.mktemp("term") / "example"
    r = subprocess.run([*PAM, "demo", str(out), "--plan", str(SHIPPED_PLAN)],
                       capture_output=True, text=True, env=CLEAN_ENV, timeout=300)
    assert r.returncode == 0, r.stderr
    return out / "plan"


def logical(cell: str) -> str:
    """A cell as a terminal without bidi holds it (shaped, visual order) read back in logical
    order: reversed, presentation forms to letters (NFKC: ﻻ -> لا; the cut's … kept)."""
    return unicodedata.normalize("NFKC", cell.strip()[::-1].replace("…", "\0")).replace(
        "\0", "…")


def is_shaped(text: str) -> bool:
    return any(0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFF for ch in text)


# --- tmux --------------------------------------------------------------------------------------

def tmux_screen(args: list[str], width: int, height: int = 200, env: dict | None = None,
                keys: list[str] = (), settle: float = 0.2) -> tuple[list[str], list[str]]:
    """Run pam in a detached tmux pane of `width` x `height`; (the lines of the pane after
    it ran, its scrollback included; the visible screen just before `keys` were typed, or
    at the end when none are)."""
    name = f"pam-{os.getpid()}-{width}-{time.monotonic_ns()}"
    done = Path(f"/tmp/{name}.done")
    command = " ".join(subprocess.list2cmdline([a]) for a in [*PAM, *args])
    script = f"{command}; echo $? > {done}; sleep 60"
    full = {**CLEAN_ENV, "NO_COLOR": "1", "PAM_LANG": "en", **(env or {})}
    server = ["tmux", "-L", name, "-f", "/dev/null"]
    subprocess.run([*server, "new-session", "-d", "-s", name, "-x", str(width), "-y",
                    str(height), "sh", "-c", script], check=True, env=full, timeout=30)
    try:
        deadline = time.monotonic() + 60
        before = None
        for key in keys:  # e.g. the pager's q, once it shows
            time.sleep(1.5)
            before = before or subprocess.run([*server, "capture-pane", "-p", "-t", name],
                                              capture_output=True, text=True,
                                              timeout=10).stdout
            subprocess.run([*server, "send-keys", "-t", name, key], check=True, timeout=10)
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(settle)
        visible = subprocess.run([*server, "capture-pane", "-p", "-t", name],
                                 capture_output=True, text=True, timeout=10).stdout
        everything = subprocess.run([*server, "capture-pane", "-p", "-S", "-5000", "-t", name],
                                    capture_output=True, text=True, timeout=10).stdout
        assert done.exists(), "pam did not finish in the pane:\n" + visible
        assert done.read_text().strip() == "0", everything
    finally:
        subprocess.run([*server, "kill-server"], capture_output=True, timeout=10)
        done.unlink(missing_ok=True)
    return (everything.rstrip("\n").split("\n"),
            (before or visible).rstrip("\n").split("\n"))


def row_of(lines: list[str], node_id: str) -> list[str]:
    line = next(x for x in lines if x.strip().startswith(node_id + " "))
    return [c.strip() for c in line.split("│")]


@needs_tmux
@pytest.mark.parametrize("width", [80, 160])
def test_status_in_tmux_fits_and_reads_in_order(example, width):
    lines, _ = tmux_screen(["status", "--plan", str(example), "--no-pager"], width)
    assert max(cell_len(line) for line in lines) <= width
    # the banner and the program's name shaped (tmux lays out nothing itself)
    assert is_shaped(lines[0]) and "SIMULATED EXAMPLE DATA" in lines[0]
    assert any(is_shaped(line) and "2022-2017" in line for line in lines[:6])
    # a domain's name: cut at its logical end, so its first words read first
    name = "المالية و الجبايات و الأملاك الجماعية"
    cell = row_of(lines, "D1")[1]
    read = logical(cell)
    if read.endswith("…"):
        assert name.startswith(read.rstrip("…").rstrip()) and len(read) > 8
    else:
        assert read == name
    # names get the room: all of them fit at 160, some are cut at 80
    names = [row_of(lines, i)[1] for i in ("D1", "D3", "D5")]
    assert any("…" in n for n in names) == (width == 80)
    # who must act, in the list of late actions
    late = lines.index(next(x for x in lines if x.startswith("Late actions")))
    assert "head" in lines[late + 1]
    assert any(is_shaped(x.split("│")[-1]) for x in lines[late + 3:late + 8])


@needs_tmux
@pytest.mark.parametrize("width", [80, 160])
def test_tree_and_history_wrap_in_reading_order_in_tmux(example, width):
    """A long name wrapped over lines: the first line holds its beginning (each line shaped
    on its own), under the tree's guides."""
    lines, _ = tmux_screen(["tree", "D3.A1", "--plan", str(example), "--no-pager"], width)
    assert max(cell_len(line) for line in lines) <= width
    text = ("مراجعه بعض القرارات الجماعية ذات البعد الاقتصادي والمالي (قرار مؤقت وقرار "
            "جبائي)")
    first = next(i for i, x in enumerate(lines) if "D3.A1.P2.02" in x)
    pieces = []
    for line in lines[first:first + 4]:
        body = line.split("D3.A1.P2.02")[-1] if "D3.A1.P2.02" in line else line
        body = body.lstrip("│ └├─").split("·")[0]
        if not is_shaped(body):
            break
        pieces.append(logical(body))
    assert pieces and text.startswith(pieces[0])  # the first line: the first words
    assert text.startswith(" ".join(pieces))  # the wrapped lines, in reading order
    hist, _ = tmux_screen(["history", "D5.A1.P2.05", "--plan", str(example), "--no-pager"],
                          width)
    assert max(cell_len(line) for line in hist) <= width
    assert is_shaped(hist[0])


@needs_tmux
def test_the_pager_shows_a_tall_view_and_quits_like_git(example):
    """Taller than the screen: less shows the first screen (its ':' at the bottom) and `q`
    quits with pam's exit code 0; --no-pager and PAM_PAGER=cat print it all."""
    everything, paged = tmux_screen(["status", "--plan", str(example)], 80, height=24,
                                    keys=["q"])
    assert paged[-1].strip() == ":" and len(paged) == 24  # less's prompt under a full screen
    assert "SIMULATED EXAMPLE DATA" in paged[0]
    assert not any("Reporting discipline" in x for x in everything)  # the end was never shown
    for extra, env in ((["--no-pager"], None), ([], {"PAM_PAGER": "cat"})):
        lines, _ = tmux_screen(["status", "--plan", str(example), *extra], 80, height=24,
                               env=env)
        assert any("Reporting discipline" in x for x in lines)


@needs_tmux
def test_bidi_off_gives_arabic_in_logical_order_in_a_real_terminal(example):
    """--bidi off, for a terminal that lays out right-to-left text itself: in tmux (which pam
    would reorder for by itself), the Arabic comes in logical order. The detection of VTE and
    Konsole is tested on a pseudo-terminal below."""
    lines, _ = tmux_screen(["status", "--plan", str(example), "--no-pager", "--depth", "1",
                            "--bidi", "off"], 80)
    assert not any(is_shaped(x) for x in lines)
    assert "المالية و الجبايات" in row_of(lines, "D1")[1]


# --- a pseudo-terminal (no tmux needed) ----------------------------------------------------

def pty_run(args: list[str], width: int, height: int = 200, env: dict | None = None) -> str:
    """Run pam on a pseudo-terminal of `width` x `height`; what it wrote, as text."""
    import fcntl
    import pty
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    full = {**CLEAN_ENV, "NO_COLOR": "1", "PAM_LANG": "en", "TERM": "xterm", **(env or {})}
    proc = subprocess.Popen([*PAM, *args], stdin=slave, stdout=slave, stderr=slave, env=full)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    assert proc.returncode == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("width", [80, 160])
def test_status_on_a_pseudo_terminal(example, width):
    out = pty_run(["status", "--plan", str(example), "--no-pager"], width)
    lines = out.rstrip("\n").split("\n")
    assert max(cell_len(line) for line in lines) <= width
    assert is_shaped(lines[0])  # a terminal without bidi (xterm): pam shapes, banner included


def test_known_bidi_terminals_get_logical_order_on_a_pseudo_terminal(example):
    for env in ({"VTE_VERSION": "7600"}, {"KONSOLE_VERSION": "230401"},
                {"TERM_PROGRAM": "Apple_Terminal"}, {"PAM_BIDI": "off"}):
        out = pty_run(["status", "--plan", str(example), "--no-pager", "--depth", "1"], 80,
                      env=env)
        assert not is_shaped(out) and "المالية و الجبايات" in out, env
    old_vte = pty_run(["status", "--plan", str(example), "--no-pager", "--depth", "1"], 80,
                      env={"VTE_VERSION": "5202"})  # VTE before 0.58 lays out nothing
    assert is_shaped(old_vte)
    in_tmux = pty_run(["status", "--plan", str(example), "--no-pager", "--depth", "1"], 80,
                      env={"VTE_VERSION": "7600", "TMUX": "/tmp/x,1,0"})
    assert is_shaped(in_tmux)


def test_arabic_words_and_messages_are_shaped_on_a_terminal(example):
    """In Arabic, the view's own words and pam's messages on stderr are shaped too."""
    view = pty_run(["status", "--plan", str(example), "--no-pager", "--depth", "0",
                    "--lang", "ar"], 80)
    assert is_shaped(view.split("╭")[1].split("╰")[0])  # the header's words
    said = pty_run(["validate", "--plan", str(example), "--lang", "ar"], 80)
    summary = said.rstrip("\n").split("\n")[-1]
    assert is_shaped(summary) and "pam" in summary
