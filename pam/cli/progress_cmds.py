"""Commands about progress: record, card, history, demo (pam status: status_cmds.py)."""

from __future__ import annotations

import datetime as dt
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
    ascii_option,
    complete_ids,
    find_or_exit,
    load_or_exit,
    parse_date,
    parse_number,
    print_json,
    say,
)


def _number(value: float | None):
    return int(value) if value is not None and float(value).is_integer() else value


@app.command()
def record(
    action_id: Annotated[str | None, typer.Argument(metavar="ACTION_ID",
                                                    autocompletion=complete_ids("action"),
                                                    help="e.g. D2.A2.P1.01")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", help="Date of the measure: YYYY-MM-DD, today or yesterday.")] = None,
    progress: Annotated[str | None, typer.Option(
        "--progress", metavar="<number>",
        help="Cumulative % done, 0-100 (12.5; 12,5 and ١٢٫٥ are read too).")] = None,
    spent: Annotated[str | None, typer.Option(
        "--spent", metavar="<number>", help="Cumulative amount spent, million MAD.")] = None,
    state: Annotated[str | None, typer.Option(
        "--state", help="ongoing, done, suspended or cancelled.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A short note.")] = None,
    reporter: Annotated[str | None, typer.Option(
        "--reporter", help="Who reports (a new card needs one). Default: $PAM_REPORTER, else "
                           "the project's head, else the reporter of its last card.")] = None,
    correction: Annotated[str | None, typer.Option(
        "--correction", help="Reason, when progress is lower than the last report.")] = None,
    from_sheet: Annotated[Path | None, typer.Option(
        "--from", help="Record every row of card sheets (pam card --format xlsx), all or "
                       "nothing.")] = None,
    plan: PlanOpt = Path("plan"),
    lang: LangOpt = None,
) -> None:
    """Record one action's progress into its project's card for that half month.

    Creates progress/PROJECT/PERIOD.yaml or updates it in place (comments and layout kept,
    written atomically). Refuses unknown ids, values outside 0-100, dates outside the program
    or in the future, and a progress lower than the last report without --correction.
    With --from FILE.xlsx: every filled row of the card sheets, with the same checks; one
    refused row and nothing is written.
    """
    from pam.progress import record as do_record

    if from_sheet is not None:
        _record_from(from_sheet, plan)
        return
    from pam.i18n.terminal import t

    if action_id is None or date is None or progress is None:
        say("pam: " + t("record.usage"))
        raise typer.Exit(2)

    day = parse_date(date, "--date")
    value = _number(parse_number(progress, "--progress"))
    spent_value = _number(parse_number(spent, "--spent"))
    action_id = ascii_option(action_id, "ACTION_ID")
    p = load_or_exit(plan, view=False)
    done = do_record(p, action_id, day, value, spent=spent_value, state=state,
                     note=note, reporter=reporter, correction=correction)
    before = t("record.was", previous=f"{done.previous:g}") if done.previous is not None else ""
    say("pam: " + t("record.created" if done.created else "record.updated", path=done.path,
                    action=action_id, progress=f"{value:g}", date=day, before=before))


def _record_from(path: Path, plan_dir: Path) -> None:
    from pam.sheets.cardsheet import record_from

    result = record_from(load_or_exit(plan_dir, view=False), path)
    for p in result.problems:
        say(p.render())
    if any(p.severity == "error" for p in result.problems):
        say("pam: nothing was recorded: fix the rows above and run again")
        raise typer.Exit(1)
    for line in result.changes:
        say(f"pam: {line}")
    files = " ".join(str(p) for p in result.written)
    say(f"pam: recorded {len(result.changes)} row(s) into {len(result.written)} card(s)"
        + (f". Review, then commit: git add {files}" if files else ""))


@app.command()
def card(
    project_id: Annotated[str, typer.Argument(metavar="PROJECT_ID", help="e.g. D2.A2.P1",
                                              autocompletion=complete_ids("project"))],
    period: Annotated[str | None, typer.Option(
        "--period", help="Half month: 2019-06a (1-15 June) or 2019-06b (16-30). "
                         "Default: the current one.")] = None,
    reporter: Annotated[str | None, typer.Option(
        "--reporter", help="Who fills the card in (default: the project's head).")] = None,
    stdout: Annotated[bool, typer.Option("--stdout", help="Print instead of writing.")] = False,
    format: Annotated[str, typer.Option(
        "--format", "-f", help="yaml (the card file) or xlsx (a card sheet to fill in a "
                               "spreadsheet; pam record --from FILE.xlsx records it).")]
    = "yaml",
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="xlsx: the file (default PROJECT-PERIOD.xlsx).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="xlsx: write --out even over a file pam did not write, or inside a "
                        "plan folder.")] = False,
    plan: PlanOpt = Path("plan"),
    lang: LangOpt = None,
) -> None:
    """Write a card for a project head to fill in: every action open, its values to fill left
    empty (the last card's beside them), so that a card left untouched is not a report
    (pam validate: card-not-filled)."""
    from pam.fsio import write_atomic
    from pam.i18n.terminal import t
    from pam.periods import is_period, period_bounds, period_of
    from pam.progress import (
        card_path,
        card_text,
        check_card_text,
        check_project_cards,
        check_writable,
        prefilled_entries,
        template_entries,
    )

    p = load_or_exit(plan, view=False)
    project = find_or_exit(p, project_id, ("project",), "project")
    period = ascii_option(period, "--period")
    if period is None:
        end = dt.date(p.program.period.end, 12, 31)
        period = period_of(min(dt.date.today(), end))
        if dt.date.today() > end:
            say("pam: " + t("card.after_end", end=end, period=period))
    if not is_period(period):
        say(f"pam: period '{period}' is not a half month: write YYYY-MMa or YYYY-MMb, "
            "e.g. 2019-06a")
        raise typer.Exit(2)
    day = min(period_bounds(period)[1], dt.date.today())
    if format == "yaml" and not stdout:
        existing = card_path(p.root, project.id, period)
        if existing.exists() or existing.is_symlink():
            say("pam: " + t("card.exists", path=existing))
            raise typer.Exit(1)
    check_project_cards(p, project.id)
    if format == "xlsx":
        from pam.outputs import check_output_file
        from pam.sheets.cardsheet import write_card_sheet

        path = out or Path(f"{project.id}-{period}.xlsx")
        check_output_file(path, plan=plan, force=force)
        write_card_sheet(p, project, period, day, prefilled_entries(p, project.id, day),
                         reporter or project.head, path)
        say(f"pam: wrote {path}: fill the yellow cells, then pam record --from {path}")
        return
    if format != "yaml":
        say("pam: --format is yaml or xlsx")
        raise typer.Exit(2)
    text = card_text(p, project.id, period, day, template_entries(p, project.id, day),
                     reporter=reporter or project.head, template=True)
    path = card_path(p.root, project.id, period)
    # the template is checked as it will be once filled in (its last values in the blanks):
    # everything but the blanks themselves must already pass pam validate
    filled = card_text(p, project.id, period, day, prefilled_entries(p, project.id, day),
                       reporter=reporter or project.head)
    check_card_text(p, path, filled, project.id, allow=("card-not-filled",))
    if stdout:
        print(text, end="")
        return
    check_writable(p.root, path)
    write_atomic(path, text)
    say("pam: " + t("card.wrote", path=path))


@app.command()
def history(
    action_id: Annotated[str, typer.Argument(metavar="ACTION_ID",
                                             autocompletion=complete_ids("action"),
                                             help="The action, e.g. D2.A2.P2.01.")],
    plan: PlanOpt = Path("plan"),
    format: FormatOpt = TableOrJson.text,
    bidi: BidiOpt = None,
    no_pager: PagerOpt = False,
    lang: LangOpt = None,
) -> None:
    """An action's reports over time, beside its planned curve."""
    from pam.monitor.history import action_history, render_history

    p = load_or_exit(plan)
    action = find_or_exit(p, action_id, ("action",), "action")
    rows = action_history(p, action)
    if format is TableOrJson.json:
        print_json({"action": action.id, "reports": rows})
        return
    from pam.render.term import Terminal
    from pam.render.text import make_shaper

    term = Terminal(shape=make_shaper(bidi))
    render_history(p, action, rows, term)
    term.flush(pager=not no_pager)


@app.command()
def demo(
    out: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create.")],
    plan: PlanOpt = Path("plan"),
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same files).")]
    = 2017,
    as_of: Annotated[str, typer.Option("--as-of", help="Simulate cards up to this date.")]
    = "2020-06-30",
    force: Annotated[bool, typer.Option("--force", help="Replace DIR if it is a demo.")] = False,
    lang: LangOpt = None,
) -> None:
    """Write an EXAMPLE workspace: the plan plus SIMULATED cards (never real data)."""
    from pam.scaffold.demo import write_demo

    src = plan if plan != Path("plan") or Path("plan").is_dir() else _shipped_plan()
    p = load_or_exit(src)
    summary = write_demo(p, out, seed=seed, as_of=parse_date(as_of, "--as-of"), force=force)
    say(f"pam: wrote the example workspace {out}/ ({summary}). Its cards are SIMULATED example "
        f"data. Try: pam status --plan {out}/plan")


def _shipped_plan() -> Path:
    """The Dakhla plan: in the installed package (pam/data/plan), or the repository's plan/."""
    packaged = Path(__file__).resolve().parents[1] / "data" / "plan"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "plan"
