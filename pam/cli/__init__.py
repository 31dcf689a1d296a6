"""The `pam` command line: a thin typer layer; each command calls into the core once."""

from __future__ import annotations

import os
import sys

import typer

app = typer.Typer(
    name="pam",
    help=(
        "pam — monitoring of a commune's action program (PAC, برنامج عمل الجماعة).\n\n"
        "The plan lives as YAML in a folder (default ./plan, or $PAM_PLAN); project heads "
        "record progress cards; the coordinator reads `pam status`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

from . import git_cmds, plan_cmds, progress_cmds, report_cmds  # noqa: E402,F401  (registers the commands)

INTERNAL_ERROR = 3


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; an unexpected exception becomes one clear line, not a traceback."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # spares scanning entry points
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("PAM_DEBUG") == "1"
    args = [a for a in args if a != "--debug"]
    try:
        app(args=args, prog_name="pam")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("pam: interrupted\n")
        raise SystemExit(130) from None
    except BrokenPipeError:
        raise SystemExit(0) from None
    except Exception as exc:  # noqa: BLE001 - the one place unexpected errors are caught
        if debug:
            raise
        sys.stderr.write(
            f"pam: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in pam, not in your files. Run the same command with --debug to see "
            "the details, and report them.\n"
        )
        raise SystemExit(INTERNAL_ERROR) from None
