"""Commands that read the plan: validate, tree, show, schema."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pam.cli.base import app
from pam.cli.common import (
    BidiOpt,
    FormatOpt,
    PlanOpt,
    TableOrJson,
    find_or_exit,
    load_or_exit,
    print_json,
    say,
)

ALL_KINDS = ("domain", "axis", "project", "action")


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    plan: PlanOpt = Path("plan"),
    format: Annotated[ValidateFormat, typer.Option("--format", "-f",
                      help="text (FILE:LINE:COL: ...), json, or github (CI annotations).")]
    = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings count as errors.")] = False,
) -> None:
    """Check the plan and the progress cards; list every problem with its place and a fix.

    Exit 0 when there is no error (warnings allowed unless --strict), 1 when there are errors.
    """
    from pam.cache.run import cached_validate
    from pam.problems import count

    # a pre-commit hook runs this on every commit: the problems of files that did not
    # change since the last check come back from the cache (see pam/cache/)
    problems, files = cached_validate(plan)
    errors, warnings = count(problems, "error"), count(problems, "warning")
    ok = errors == 0 and (not strict or warnings == 0)
    try:
        _print_problems(problems, format, strict, ok, errors, warnings)
    except BrokenPipeError:  # `pam validate | head`: the verdict is still the exit code
        from pam.cli.streams import silence_stdout

        silence_stdout()
    say(f"pam: {files} file(s) checked: {errors} error(s), {warnings} warning(s)"
        + ("" if ok else " — not valid" + (" (--strict)" if errors == 0 else "")))
    raise typer.Exit(0 if ok else 1)


def _print_problems(problems, format, strict: bool, ok: bool, errors: int, warnings: int):
    if format is ValidateFormat.json:
        print_json({"ok": ok, "errors": errors, "warnings": warnings,
                    "problems": [p.to_dict() for p in problems]})
    elif format is ValidateFormat.github:
        from pam.render.text import github_annotation

        for p in problems:
            kind = "error" if p.severity == "error" or strict else "warning"
            print(github_annotation(kind, p.message, file=p.file, line=p.line, col=p.column,
                                    title=f"pam {p.code}"))
    else:
        for p in problems:
            print(p.render())
    sys.stdout.flush()


@app.command()
def tree(
    node_id: Annotated[str | None, typer.Argument(metavar="[ID]",
                       help="Show only this domain, axis or project.")] = None,
    plan: PlanOpt = Path("plan"),
    depth: Annotated[int | None, typer.Option("--depth", "-d", min=0,
                     help="Levels to show below the root (1 = domains only).")] = None,
    format: FormatOpt = TableOrJson.text,
    bidi: BidiOpt = None,
) -> None:
    """The plan as a tree: ids, names, counts, costs and target years."""
    from pam.render.text import make_shaper
    from pam.render.tree import render_tree, tree_json

    p = load_or_exit(plan, cards=False)
    root = find_or_exit(p, node_id, ALL_KINDS, "domain, axis, project or action with id") if node_id else None
    if format is TableOrJson.json:
        data = tree_json(p, p.program.years)
        if root is not None:
            data = _subtree(data, root.id)
        print_json(data)
        return
    from rich.console import Console

    Console(highlight=False).print(render_tree(p, root, depth, make_shaper(bidi)))


def _subtree(data: dict, node_id: str) -> dict:
    stack = list(data["domains"])
    while stack:
        n = stack.pop()
        if n["id"] == node_id:
            return n
        for key in ("axes", "projects", "actions"):
            stack.extend(n.get(key, []))
    return {}


@app.command()
def show(
    node_id: Annotated[str, typer.Argument(metavar="ID", help="Any id: D1, D1.A1.P1, ...")],
    plan: PlanOpt = Path("plan"),
    format: FormatOpt = TableOrJson.text,
    bidi: BidiOpt = None,
    document: Annotated[Path | None, typer.Option(
        "--document", help="The source document to read the cited seed lines from (default: "
                           "program.yaml's source path, checked against its SHA-256).")]
    = None,
) -> None:
    """One node in full: names, cost, targets, seed lines and every transcription note; the
    text of the seed lines it cites when the source document is present."""
    from pam.document import find_document
    from pam.render.show import render_show, show_json
    from pam.render.text import make_shaper

    p = load_or_exit(plan, cards=False)
    node = find_or_exit(p, node_id, ALL_KINDS, "domain, axis, project or action with id")
    found = find_document(p, document)
    if format is TableOrJson.json:
        print_json(show_json(p, node, found))
        return
    from rich.console import Console

    Console(highlight=False).print(render_show(p, node, make_shaper(bidi), found))


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the schemas to.")]
    = Path("schema"),
    force: Annotated[bool, typer.Option(
        "--force", help="Write even over files pam did not write, or inside a plan folder.")]
    = False,
) -> None:
    """Write the JSON Schemas of the plan files (program, domain, card) for editors."""
    from pam.outputs import check_output_folder
    from pam.schema import SCHEMAS, write_schemas

    check_output_folder(out, [f"{name}.schema.json" for name in SCHEMAS], force=force)
    for path in write_schemas(out):
        say(f"pam: wrote {path}")
