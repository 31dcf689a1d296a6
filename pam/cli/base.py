"""The typer application object, shared by the command modules (see pam/cli/__init__.py)."""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from pam.cli import streams
from pam.cli.common import _lang
from pam.errors import PamError, describe_os_error


class PamGroup(TyperGroup):
    """The command group: a PamError raised by the core while a command runs is printed once,
    here, as `pam: <message>`, and becomes its exit code (1, or 2 for usage)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PamError as exc:
            sys.stderr.write(exc.render() + "\n")
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # `pam status | head -1`: the reader has what it wanted
            streams.silence_stdout()
            ctx.exit(0)
        except OSError as exc:  # the environment, not pam: say what failed and what to do
            if streams.is_stdout_error(exc):
                streams.silence_stdout()
                sys.stderr.write(f"pam: cannot write to standard output: "
                                 f"{exc.strerror or exc}\n")
            else:
                sys.stderr.write(f"pam: {describe_os_error(exc, 'read or write')}\n")
            ctx.exit(1)


app = typer.Typer(
    cls=PamGroup,
    name="pam",
    help=(
        "pam — monitoring of a commune's action program (PAC, برنامج عمل الجماعة).\n\n"
        "The plan lives as YAML in a folder (default ./plan, or $PAM_PLAN); project heads "
        "record progress cards; the coordinator reads `pam status`."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from pam import __version__

        sys.stdout.write(f"pam {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print pam's version and exit."),
    lang: str | None = typer.Option(None, "--lang", metavar="ar|fr|en", callback=_lang,
                                    is_eager=True,
                                    help="The language of the views, messages and hints "
                                         "(default: PAM_LANG, else the locale)."),
) -> None:
    """pam — monitoring of a commune's action program (PAC, برنامج عمل الجماعة)."""
