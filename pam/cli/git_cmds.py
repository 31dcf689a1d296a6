"""Commands for a commune's git repository: diff (the plan between two versions), init."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pam.cli.base import app
from pam.cli.common import BidiOpt, LangOpt, PagerOpt, PlanOpt, print_json, say


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"


@app.command("diff")
def diff_cmd(
    rev_a: Annotated[str, typer.Argument(
        metavar="REV_A", help="A git revision (HEAD~1, a tag, a branch, a commit), or a plan "
                              "folder when REV_B is one too.")],
    rev_b: Annotated[str | None, typer.Argument(
        metavar="[REV_B]", help="Another revision, or a plan folder. Default: the working "
                                "tree (the --plan folder as it is on disk).")] = None,
    plan: PlanOpt = Path("plan"),
    format: Annotated[DiffFormat, typer.Option(
        "--format", "-f", help="text (terminal), json (stable keys) or md (Markdown, e.g. for "
                               "a pull request or an amendment's record).")] = DiffFormat.text,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit 1 when the plans differ (like git diff --exit-code).")]
    = False,
    bidi: BidiOpt = None,
    no_pager: PagerOpt = False,
    lang: LangOpt = None,
) -> None:
    """Compare the plan at two git revisions, or two plan folders.

    Lists the domains, axes, projects and actions added, removed, moved (to another parent,
    or under a new id with the same text) and renamed; cost changes (with the kind of cost:
    a number, '-' no cost of its own, '*' not fixed, blank) and target changes per year; and
    the totals before and after: actions in force and total numeric cost (million MAD).

    \b
    pam diff HEAD~1                 the last commit vs the working tree
    pam diff HEAD~1 HEAD            the last commit's changes
    pam diff adopted HEAD -f md     the adopted version (tag 'adopted') vs now, as Markdown
    pam diff old/plan new/plan      two plan folders

    The repository is the one holding --plan; each revision's plan folder is read with git
    archive. Exit 0 whether or not the plans differ (1 with --exit-code when they differ),
    1 when a plan does not load (its errors are printed), 2 for an unknown revision.
    """
    import tempfile

    from pam.diff.compare import compute_diff
    from pam.diff.revisions import sides as plan_sides
    from pam.render.diff import diff_json, render_markdown, render_text

    with tempfile.TemporaryDirectory(prefix="pam-diff-") as tmp:
        sides = plan_sides(rev_a, rev_b, plan, Path(tmp))
        plans = [_load_side(*side) for side in sides]
        result = compute_diff(plans[0], plans[1], (sides[0][1], sides[1][1]))
    if format is DiffFormat.json:
        print_json(diff_json(result))
    elif format is DiffFormat.md:
        print(render_markdown(result), end="")
    else:
        from pam.render.term import Styled, Terminal
        from pam.render.text import make_shaper

        term = Terminal(shape=make_shaper(bidi))
        for line in render_text(result, term.shape).splitlines():
            term.row(Styled(line))  # each name shaped on its own by render_text
        term.flush(pager=not no_pager)
    raise typer.Exit(1 if exit_code and result.changed else 0)


def _load_side(root: Path, label, prefix: str | None):
    from pam.diff.revisions import load_for_diff, relabel

    loaded, blocking, others = load_for_diff(root)
    if prefix is not None:
        blocking = relabel(blocking, root, prefix)
    if blocking:
        for p in blocking[:50]:
            say(p.render())
        say(f"pam: the plan at {label} does not load ({len(blocking)} error(s)); it cannot be "
            "compared until they are fixed")
        raise typer.Exit(1)
    if others:
        say(f"pam: note: the plan at {label} has {others} other error(s) (pam validate lists "
            "them); compared anyway")
    return loaded


@app.command("init")
def init_cmd(
    directory: Annotated[Path, typer.Argument(
        metavar="DIR", help="The new repository's folder (must be new or empty).")],
    commune: Annotated[str, typer.Option(
        "--commune", help="The commune's name in Arabic, e.g. \"جماعة ...\".")],
    commune_fr: Annotated[str | None, typer.Option(
        "--commune-fr", help="The commune's name in French, e.g. \"Commune de ...\".")] = None,
    start: Annotated[int, typer.Option("--start", help="First year of the PAC.")] = 2022,
    end: Annotated[int | None, typer.Option(
        "--end", help="Last year of the PAC. Default: --start + 5 (the six years of the "
                      "mandate).")] = None,
    pam_source: Annotated[str | None, typer.Option(
        "--pam-source", envvar="PAM_SOURCE",
        help="Where CI and pre-commit install pam from, as a pip requirement, e.g. "
             "git+https://github.com/<owner>/pam@v0.1.0. Default: a placeholder to replace "
             "(or set the PAM_SOURCE variable in the CI settings).")] = None,
    lang: LangOpt = None,
) -> None:
    """Scaffold a commune's repository: plan, Makefile, CI, pre-commit hook, README.

    \b
    DIR/plan/program.yaml         the commune, the period, governance and reporting rhythms
    DIR/plan/domains/d1.yaml      an EXAMPLE domain (one axis, one project, two actions):
                                  replace it with the adopted program, one file per domain
    DIR/plan/progress/            the project cards (pam record, pam card)
    DIR/Makefile                  make validate | make reports | make status
    DIR/.github/workflows/pam.yml GitHub Actions: validate, reports, Pages
    DIR/.gitlab-ci.yml            GitLab CI: the same, with a pages job
    DIR/.pre-commit-config.yaml   pam validate before each commit
    DIR/README.md                 a short guide for the staff (Arabic, French)
    DIR/schema/                   JSON schemas, for editors

    Refuses (exit 1) when DIR exists and is not empty; exit 2 for a wrong period.
    """
    from pam.scaffold.init import (
        PLACEHOLDER_SOURCE,
        Settings,
        check_settings,
        notes_for,
        write_scaffold,
    )

    settings = Settings(commune=commune, commune_fr=commune_fr, start=start, end=end,
                        pam_source=pam_source or PLACEHOLDER_SOURCE)
    wrong = check_settings(settings)
    if wrong:
        for line in wrong:
            say(f"pam: {line}")
        raise typer.Exit(2)
    written = write_scaffold(directory, settings)
    say(f"pam: wrote {len(written)} files into {directory}/ for {commune} "
        f"({settings.start}-{settings.last}).")
    for note in notes_for(settings):
        say(f"pam: note: {note}")
    say(f"pam: next: replace the example plan/domains/d1.yaml with the adopted program, then\n"
        f"  cd {directory} && git init && git add . && git commit -m \"PAC: initial plan\"\n"
        f"  make validate && make status")
