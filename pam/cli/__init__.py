"""The `pam` command line: a thin typer layer; each command calls into the core once."""

from __future__ import annotations

import importlib
import os
import sys

from pam.cli import base
from pam.errors import PamError, describe_os_error
from pam.i18n.terminal import LANGS

# Which module registers which command: `pam status` imports and builds only its own module;
# `pam --help`, an unknown command, or `from pam.cli import app` register them all.
COMMANDS = {
    "validate": "plan_cmds", "tree": "plan_cmds", "show": "plan_cmds", "schema": "plan_cmds",
    "record": "progress_cmds", "card": "progress_cmds", "status": "status_cmds",
    "history": "progress_cmds", "demo": "progress_cmds", "explain": "explain_cmds",
    "report": "report_cmds", "export": "report_cmds",
    "diff": "git_cmds", "init": "git_cmds",
    "import": "sheet_cmds", "template": "sheet_cmds",
    "rollup": "rollup_cmds",
    "site": "site_cmds",
}


def register(args: list[str] | None = None):
    """Import the command modules the arguments need (all of them when in doubt), their
    summaries in the run's language (pam.cli.help_words) for --help."""
    first = next((a for a in args or [] if not a.startswith("-") and a not in LANGS),
                 None)
    wanted = [COMMANDS[first]] if first in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for module in wanted:
        importlib.import_module(f"{__name__}.{module}")
    order = list(COMMANDS)  # --help lists them in this order, whichever module came first
    base.app.registered_commands.sort(
        key=lambda info: order.index(_name(info)) if _name(info) in order else len(order))
    from pam.i18n.terminal import lang

    if lang() != "en" and any(a in ("-h", "--help") for a in args or ()) or not args:
        from pam.cli.help_words import translate

        translate(base.app, lang())
    return base.app


def _name(info) -> str:
    return info.name or info.callback.__name__.removesuffix("_cmd")


def early_lang(args: list[str]) -> str | None:
    """The language --lang asks for, read before the commands are built (their --help is
    translated then); None when not given."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    return None


def __getattr__(name: str):
    if name == "app":
        return register()
    raise AttributeError(name)


INTERNAL_ERROR = 3


def bidi_flags(args: list[str]) -> list[str]:
    """`--bidi` alone means `--bidi on`, `--no-bidi` means `--bidi off` (their meaning before
    --bidi took auto, on or off)."""
    out: list[str] = []
    for i, arg in enumerate(args):
        if arg == "--":
            return out + args[i:]
        following = args[i + 1] if i + 1 < len(args) else None
        if arg == "--bidi" and following not in ("auto", "on", "off"):
            out.append("--bidi=on")
        elif arg == "--no-bidi":
            out.append("--bidi=off")
        else:
            out.append(arg)
    return out


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; an unexpected exception becomes one clear line, not a traceback."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # spares scanning entry points
    from pam.cli import streams

    streams.prepare()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("PAM_DEBUG") == "1"
    args = bidi_flags([a for a in args if a != "--debug"])
    from pam.i18n.terminal import set_lang

    set_lang(early_lang(args))
    try:
        try:
            register(args)(args=args, prog_name="pam")
        finally:
            sys.stdout.flush()  # here, not at exit: a broken pipe is then caught below
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("pam: interrupted\n")
        raise SystemExit(130) from None
    except BrokenPipeError:
        streams.silence_stdout()
        raise SystemExit(0) from None
    except PamError as exc:  # raised outside a command (a closed stdout while printing help)
        sys.stderr.write(exc.render() + "\n")
        raise SystemExit(exc.exit_code) from None
    except OSError as exc:
        if streams.is_stdout_error(exc):
            streams.silence_stdout()
        sys.stderr.write(f"pam: {describe_os_error(exc, 'read or write')}\n")
        raise SystemExit(1) from None
    except Exception as exc:  # noqa: BLE001 - the one place unexpected errors are caught
        if debug:
            raise
        sys.stderr.write(
            f"pam: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in pam, not in your files. Run the same command with --debug to see "
            "the details, and report them.\n"
        )
        raise SystemExit(INTERNAL_ERROR) from None
