"""The command-line reference (docs/cli.md), made from the commands' own --help, so that it
cannot drift from them: `make docs` writes it (cog), a test checks it is current."""

from __future__ import annotations

from typing import Any

WIDTH = 100


def help_text(path: list[str]) -> str:
    """The --help text of `pam PATH...` at a fixed width."""
    import typer

    from pam.cli import register
    from pam.i18n.terminal import set_lang

    set_lang("en")  # the reference is in English (README: what --help translates)
    group = typer.main.get_command(register())
    ctx = typer.Context(group, info_name="pam", terminal_width=WIDTH, max_content_width=WIDTH,
                        **group.context_settings)
    command: Any = group  # the group, then the command named at each step of the path
    for name in path:
        command = command.get_command(ctx, name)
        ctx = typer.Context(command, info_name=name, parent=ctx, terminal_width=WIDTH,
                            max_content_width=WIDTH)
    return command.get_help(ctx)


def _group():
    import typer

    from pam.cli import register

    return typer.main.get_command(register())


def command_names() -> list[str]:
    import typer

    group = _group()
    return list(group.list_commands(typer.Context(group)))


def undocumented() -> list[str]:
    """'pam CMD --option' for every option (and argument) that has no help text."""
    import typer

    group = _group()
    missing = []
    for name in command_names():
        command = group.get_command(typer.Context(group), name)
        if not (command.help or "").strip():
            missing.append(f"pam {name}")
        for param in command.params:
            if not (getattr(param, "help", None) or "").strip():
                kind = param.param_type_name  # 'option' or 'argument'
                missing.append(f"pam {name} " + (param.opts[0] if kind == "option"
                                                  else param.name.upper()))
    return missing


def markdown() -> str:
    """docs/cli.md's generated part: `pam --help`, then each command's --help."""
    out = ["## pam", "", "```text", help_text([]).rstrip(), "```", ""]
    for name in command_names():
        out += [f"## pam {name}", "", "```text", help_text([name]).rstrip(), "```", ""]
    return "\n".join(out)
