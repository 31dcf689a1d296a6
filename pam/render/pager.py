"""A pager for views taller than the screen, the way git does it.

A view goes through the pager only when standard output is a terminal, the view has more
lines than the screen, and neither `--no-pager` nor the environment says otherwise. The
command is $PAM_PAGER, else $PAGER, else `less`; an empty value or `cat` means no pager. less
gets LESS=FRX when LESS is not set (quit at once when the text fits, keep colours, leave the
text on the screen), as git sets it. A pager that cannot be found is skipped: the view is
printed as it is.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from typing import IO, cast

from pam.render.term import terminal_height


def pager_command(env=None) -> str | None:
    """The pager to run, or None: PAM_PAGER, then PAGER, then less."""
    env = os.environ if env is None else env
    for name in ("PAM_PAGER", "PAGER"):
        if name in env:
            value = env[name].strip()
            return None if value in ("", "cat") else value
    return "less"


def wanted(file=None, env=None) -> bool:
    """True when a view printed to `file` may go through a pager: a terminal, and a pager
    is configured (see pager_command)."""
    file = file or sys.stdout
    try:
        tty = bool(file.isatty())
    except (AttributeError, ValueError):
        return False
    return tty and pager_command(env) is not None


def page(text: str, lines: int, file=None) -> bool:
    """Show `text` (`lines` long) through the pager when it is wanted and the text is taller
    than the screen; True when the pager showed it (False: print it yourself)."""
    file = file or sys.stdout
    if not wanted(file) or lines < terminal_height():
        return False
    command = cast(str, pager_command())  # wanted(): a pager is configured
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return False
    if shutil.which(program) is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    import signal

    file.flush()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the pager
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
        try:
            stdin = cast(IO[bytes], proc.stdin)  # stdin=PIPE
            stdin.write(text.encode("utf-8", "backslashreplace"))
            stdin.close()
        except BrokenPipeError:  # the reader quit before the end: what it wanted is shown
            pass
        proc.wait()
    except OSError:
        return False
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
