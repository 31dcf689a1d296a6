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
        "--spent", metavar="<number>", help="The older name of --paid.")] = None,
    committed: Annotated[str | None, typer.Option(
        "--committed", metavar="<number>",
        help="Cumulative amount committed (engagements), million MAD.")] = None,
    paid: Annotated[str | None, typer.Option(
        "--paid", metavar="<number>",
        help="Cumulative amount paid (paiements), million MAD.")] = None,
    indicator: Annotated[list[str] | None, typer.Option(
        "--indicator", help="An indicator's value measured, ID=VALUE (repeatable), e.g. "
                            "--indicator D1.A1.P1.02.I1=4.5.")] = None,
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
    or in the future, and a progress (or a cumulative indicator) lower than the last report
    without --correction.
    With --from FILE.xlsx: every filled row of the card sheets (progress, committed, paid,
    indicator values), with the same checks; one refused row and nothing is written.
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
    reporter = (reporter or "").strip() or None  # blank: as if not given
    p = load_or_exit(plan, view=False)
    done = do_record(p, action_id, day, value, spent=spent_value, state=state,
                     note=note, reporter=reporter, correction=correction,
                     committed=_number(parse_number(committed, "--committed")),
                     paid=_number(parse_number(paid, "--paid")),
                     indicators=_measures(indicator or []))
    before = t("record.was", previous=f"{done.previous:g}") if done.previous is not None else ""
    say("pam: " + t("record.created" if done.created else "record.updated", path=done.path,
                    action=action_id, progress=f"{value:g}", date=day, before=before))


def _measures(items: list[str]) -> dict:
    """--indicator ID=VALUE options as {ID: value}, the value read as --progress is (12,5 and
    ١٢٫٥ too); exit 2 on one that is not written so."""
    from pam.i18n.terminal import t

    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = ascii_option(key.strip(), "--indicator")
        if not sep or not key or not value.strip():
            say("pam: " + t("record.bad_indicator", item=item))
            raise typer.Exit(2)
        out[key] = _number(parse_number(value, f"--indicator {key}"))
    return out


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
                               "spreadsheet: progress, committed and paid prefilled with the "
                               "last card, a row per indicator for the value measured; pam "
                               "record --from FILE.xlsx records it).")]
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
    reporter = (reporter or "").strip() or None  # blank: as if not given
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
    indicator: Annotated[str | None, typer.Option(
        "--indicator", help="The indicator shown beside the progress (the action's or its "
                            "project's id; default: the action's first).")] = None,
    no_pager: PagerOpt = False,
    lang: LangOpt = None,
) -> None:
    """An action's reports over time, beside its planned curve (and one of its indicators)."""
    from pam.monitor.history import action_history, indicators_of, render_history
    from pam.problems import did_you_mean

    p = load_or_exit(plan)
    action = find_or_exit(p, action_id, ("action",), "action")
    known = indicators_of(p, action)
    chosen = next((i for i in known if i.id == indicator), None) if indicator else (
        next((i for i in known if i in action.indicators), None))
    if indicator and chosen is None:
        ids = [i.id for i in known]
        say(f"pam: {action.id} has no indicator '{indicator}' (its indicators: "
            f"{', '.join(ids) or 'none'}).{did_you_mean(indicator, ids)}")
        raise typer.Exit(2)
    rows = action_history(p, action, chosen)
    if format is TableOrJson.json:
        print_json({"action": action.id, "indicator": chosen.id if chosen else None,
                    "reports": rows})
        return
    from pam.render.term import Terminal
    from pam.render.text import make_shaper

    term = Terminal(shape=make_shaper(bidi))
    render_history(p, action, rows, term, chosen)
    term.flush(pager=not no_pager)


@app.command()
def demo(
    out: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create.")],
    plan: PlanOpt = Path("plan"),
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same files).")]
    = 2017,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Simulate cards up to this date (default 2020-06-30; with "
                        "--fictional 2025-06-30).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace DIR if it is a demo.")] = False,
    fictional: Annotated[bool, typer.Option(
        "--fictional", help="A FICTIONAL commune's plan (indicators, budgets, partners) "
                            "instead of the Dakhla plan, with simulated cards.")] = False,
    lang: LangOpt = None,
) -> None:
    """Write an EXAMPLE workspace: the plan plus SIMULATED cards (never real data).

    With --fictional: the invented commune of Amtal (2022-2027), whose plan has physical
    indicators, credits by budget year and partners under agreements, marked fictional in
    every file and view."""
    if fictional:
        from pam.scaffold.fictional import DEFAULT_AS_OF, write_fictional

        if plan != Path("plan"):
            say("pam: --fictional writes pam's own fictional plan; leave out --plan")
            raise typer.Exit(2)
        p = load_or_exit(_shipped_plan("fictional"))
        summary = write_fictional(p, out, seed=seed,
                                  as_of=parse_date(as_of or DEFAULT_AS_OF, "--as-of"),
                                  force=force)
        say(f"pam: wrote the FICTIONAL example workspace {out}/ ({summary}). The commune, its "
            f"plan and its cards are invented. Try: pam status --plan {out}/plan")
        return
    from pam.scaffold.demo import write_demo

    src = plan if plan != Path("plan") or Path("plan").is_dir() else _shipped_plan()
    p = load_or_exit(src)
    summary = write_demo(p, out, seed=seed, as_of=parse_date(as_of or "2020-06-30", "--as-of"),
                         force=force)
    say(f"pam: wrote the example workspace {out}/ ({summary}). Its cards are SIMULATED example "
        f"data. Try: pam status --plan {out}/plan")


def _shipped_plan(name: str = "plan") -> Path:
    """A plan shipped with pam: the Dakhla plan ('plan') or the fictional one ('fictional'),
    in the installed package (pam/data/NAME), or the repository's plan/ and
    examples/fictional/plan."""
    packaged = Path(__file__).resolve().parents[1] / "data" / name
    if packaged.is_dir():
        return packaged
    repo = Path(__file__).resolve().parents[2]
    return repo / "plan" if name == "plan" else repo / "examples" / "fictional" / "plan"
