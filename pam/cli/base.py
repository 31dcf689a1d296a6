"""The typer application object, shared by the command modules (see pam/cli/__init__.py)."""

from __future__ import annotations

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


@app.callback()
def _root() -> None:
    """pam — monitoring of a commune's action program (PAC, برنامج عمل الجماعة)."""
