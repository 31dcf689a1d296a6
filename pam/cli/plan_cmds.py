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
    LangOpt,
    PagerOpt,
    PlanOpt,
    TableOrJson,
    complete_ids,
    find_or_exit,
    load_or_exit,
    print_json,
    say,
)
from pam.i18n.terminal import t

ALL_KINDS = ("domain", "axis", "project", "action")


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    files: Annotated[list[Path] | None, typer.Argument(
        metavar="[FILE]...", help="Check just these files (cards, domain files...), against "
                                  "their plan: fast, for an editor or a pre-commit hook. "
                                  "Default: the whole plan.")] = None,
    plan: PlanOpt = Path("plan"),
    format: Annotated[ValidateFormat, typer.Option("--format", "-f",
                      help="text (FILE:LINE:COL: ...), json, or github (CI annotations).")]
    = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings count as errors.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print only the errors (nothing at all when there is none); the "
                              "exit code says the verdict.")] = False,
    all_: Annotated[bool, typer.Option(
        "--all", help="List every warning (text: by default one line per cause, with its "
                      "count and a first example).")] = False,
    lang: LangOpt = None,
) -> None:
    """Check the plan and the progress cards; list every problem with its place and a fix.

    Errors come first, each on its line; warnings follow, one line per cause with its count
    (--all lists each). Exit 0 when there is no error (warnings allowed unless --strict),
    1 when there are errors, 2 for a FILE that is not in a plan folder.
    """
    from pam.i18n.terminal import n, t
    from pam.problems import count

    # a pre-commit hook runs this on every commit: the problems of files that did not
    # change since the last check come back from the cache (see pam/cache/)
    if files:
        from pam.cache.run import cached_validate_files

        root = plan_of_files(files, plan)
        problems, checked = cached_validate_files(root, files)
    else:
        from pam.cache.run import cached_validate

        problems, checked = cached_validate(plan)
    errors, warnings = count(problems, "error"), count(problems, "warning")
    ok = errors == 0 and (not strict or warnings == 0)
    try:
        _print_problems(problems, format, strict, ok, errors, warnings, quiet=quiet,
                        every=all_)
    except BrokenPipeError:  # `pam validate | head`: the verdict is still the exit code
        from pam.cli.streams import silence_stdout

        silence_stdout()
    if not quiet or not ok:
        say("pam: " + t("validate.summary", files=n(checked, "files"),
                        errors=n(errors, "errors"), warnings=n(warnings, "warnings"))
            + ("" if ok else " — " + t("validate.not_valid")
               + (" (--strict)" if errors == 0 else "")))
    raise typer.Exit(0 if ok else 1)


def plan_of_files(files: list[Path], plan: Path) -> Path:
    """The plan folder the FILEs belong to: --plan when given (each must lie in it), else the
    nearest folder above them that holds program.yaml (all in the same one). A FILE that
    does not exist or is in no plan folder is a usage error (exit 2)."""
    import os

    from pam.i18n.terminal import t

    explicit = plan != Path("plan") or os.environ.get("PAM_PLAN")
    roots = set()
    for f in files:
        if not f.exists():
            say("pam: " + t("validate.no_file", file=f))
            raise typer.Exit(2)
        found = _plan_above(f)
        if found is None:
            say("pam: " + t("validate.not_in_plan", file=f))
            raise typer.Exit(2)
        if explicit and os.path.realpath(found) != os.path.realpath(plan):
            say("pam: " + t("validate.not_in_given_plan", file=f, plan=plan))
            raise typer.Exit(2)
        roots.add(found)
    if len(roots) > 1:
        say("pam: " + t("validate.two_plans", plans=", ".join(sorted(map(str, roots)))))
        raise typer.Exit(2)
    return roots.pop()


def _plan_above(path: Path) -> Path | None:
    """The nearest folder at or above `path` that holds program.yaml, written from `path` as
    the user typed it (plan/progress/P/x.yaml -> plan)."""
    folder = path if path.is_dir() else path.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "program.yaml").is_file():
            return candidate
    absolute = folder.resolve()
    for candidate in (absolute, *absolute.parents):
        if (candidate / "program.yaml").is_file():
            return candidate
    return None


def _print_problems(problems, format, strict: bool, ok: bool, errors: int, warnings: int, *,
                    quiet: bool = False, every: bool = False):
    # --quiet: the errors only (with --strict the warnings are errors too)
    shown = [p for p in problems if p.severity == "error"] if quiet and not strict \
        else problems
    if format is ValidateFormat.json:
        print_json({"ok": ok, "errors": errors, "warnings": warnings,
                    "problems": [p.to_dict() for p in shown]})
    elif format is ValidateFormat.github:
        from pam.render.text import github_annotation

        for p in shown:
            kind = "error" if p.severity == "error" or strict else "warning"
            print(github_annotation(kind, p.message, file=p.file, line=p.line, col=p.column,
                                    title=f"pam {p.code}"))
    else:
        for line in problem_lines(shown, every=every or strict):
            print(line)
    sys.stdout.flush()


def problem_lines(problems, *, every: bool = False) -> list[str]:
    """Text lines of `problems`: every error on its line, first; then the warnings, each on
    its line when `every`, else one line per cause (code) that occurs more than once, with its
    count and its first example."""
    from pam.i18n.terminal import n, t

    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    lines = [p.render() for p in errors]
    if every:
        return lines + [p.render() for p in warnings]
    by_code: dict[str, list] = {}
    for p in warnings:
        by_code.setdefault(p.code, []).append(p)
    for code, found in by_code.items():
        if len(found) == 1:
            lines.append(found[0].render())
            continue
        lines.append(t("validate.group", code=code, times=n(len(found), "times"),
                       example=found[0].render()))
    if any(len(v) > 1 for v in by_code.values()):
        lines.append(t("validate.all_hint"))
    return lines


@app.command()
def tree(
    node_id: Annotated[str | None, typer.Argument(metavar="[ID]", autocompletion=complete_ids("domain", "axis", "project", "action"),
                       help="Show only this domain, axis or project.")] = None,
    plan: PlanOpt = Path("plan"),
    depth: Annotated[int | None, typer.Option("--depth", "-d", min=0,
                     help="Levels to show below the root (1 = domains only).")] = None,
    format: FormatOpt = TableOrJson.text,
    bidi: BidiOpt = None,
    no_pager: PagerOpt = False,
    lang: LangOpt = None,
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
    from pam.render.term import Terminal

    term = Terminal(shape=make_shaper(bidi))
    render_tree(p, root, depth, term)
    term.flush(pager=not no_pager)


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
    node_id: Annotated[str, typer.Argument(metavar="ID", autocompletion=complete_ids("domain", "axis", "project", "action"),
                                           help="Any id: D1, D1.A1.P1, ...")],
    plan: PlanOpt = Path("plan"),
    format: FormatOpt = TableOrJson.text,
    bidi: BidiOpt = None,
    document: Annotated[Path | None, typer.Option(
        "--document", help="The source document to read the cited seed lines from (default: "
                           "program.yaml's source path, checked against its SHA-256).")]
    = None,
    no_pager: PagerOpt = False,
    lang: LangOpt = None,
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
    from pam.render.term import Terminal

    term = Terminal(shape=make_shaper(bidi))
    render_show(p, node, term, found)
    term.flush(pager=not no_pager)


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the schemas to.")]
    = Path("schema"),
    force: Annotated[bool, typer.Option(
        "--force", help="Write even over files pam did not write, or inside a plan folder.")]
    = False,
    lang: LangOpt = None,
) -> None:
    """Write the JSON Schemas of the plan files (program, domain, card) for editors."""
    from pam.outputs import check_output_folder
    from pam.schema import SCHEMAS, write_schemas

    check_output_folder(out, [f"{name}.schema.json" for name in SCHEMAS], force=force)
    for path in write_schemas(out):
        say("pam: " + t("msg.wrote", path=path))
