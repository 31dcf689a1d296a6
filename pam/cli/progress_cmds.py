"""Commands about progress: record, card, status, history, demo."""

from __future__ import annotations

import datetime as dt
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
    ascii_option,
    exit_with_errors,
    find_id_or_exit,
    find_or_exit,
    load_or_exit,
    parse_date,
    print_json,
    say,
)


class Against(str, Enum):
    current = "current"
    baseline = "baseline"


def _number(value: float | None):
    return int(value) if value is not None and float(value).is_integer() else value


@app.command()
def record(
    action_id: Annotated[str | None, typer.Argument(metavar="ACTION_ID",
                                                    help="e.g. D2.A2.P1.01")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Date of the measure, "
                                                            "YYYY-MM-DD.")] = None,
    progress: Annotated[float | None, typer.Option("--progress",
                                                   help="Cumulative % done, 0-100.")] = None,
    spent: Annotated[float | None, typer.Option(
        "--spent", help="The older name of --paid.")] = None,
    committed: Annotated[float | None, typer.Option(
        "--committed", help="Cumulative amount committed (engagements), million MAD.")]
    = None,
    paid: Annotated[float | None, typer.Option(
        "--paid", help="Cumulative amount paid (paiements), million MAD.")] = None,
    indicator: Annotated[list[str] | None, typer.Option(
        "--indicator", help="An indicator's value measured, ID=VALUE (repeatable), e.g. "
                            "--indicator D1.A1.P1.02.I1=4.5.")] = None,
    state: Annotated[str | None, typer.Option(
        "--state", help="ongoing, done, suspended or cancelled.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A short note.")] = None,
    reporter: Annotated[str | None, typer.Option("--reporter", help="Who reports.")] = None,
    correction: Annotated[str | None, typer.Option(
        "--correction", help="Reason, when progress is lower than the last report.")] = None,
    from_sheet: Annotated[Path | None, typer.Option(
        "--from", help="Record every row of card sheets (pam card --format xlsx), all or "
                       "nothing.")] = None,
    plan: PlanOpt = Path("plan"),
) -> None:
    """Record one action's progress into its project's card for that half month.

    Creates progress/PROJECT/PERIOD.yaml or updates it in place (comments and layout kept,
    written atomically). Refuses unknown ids, values outside 0-100, dates outside the program
    or in the future, and a progress (or a cumulative indicator) lower than the last report
    without --correction.
    With --from FILE.xlsx: every filled row of the card sheets, with the same checks; one
    refused row and nothing is written.
    """
    from pam.progress import record as do_record

    if from_sheet is not None:
        _record_from(from_sheet, plan)
        return
    if action_id is None or date is None or progress is None:
        say("pam: give ACTION_ID, --date and --progress (or --from FILE.xlsx)")
        raise typer.Exit(2)

    day = parse_date(date, "--date")
    action_id = ascii_option(action_id, "ACTION_ID")
    p = load_or_exit(plan)
    done = do_record(p, action_id, day, _number(progress), spent=_number(spent), state=state,
                     note=note, reporter=reporter, correction=correction,
                     committed=_number(committed), paid=_number(paid),
                     indicators=_measures(indicator or []))
    before = f" (was {done.previous:g}%)" if done.previous is not None else ""
    say(f"pam: {'created' if done.created else 'updated'} {done.path}: {action_id} "
        f"{progress:g}% on {day}{before}. Review it, then commit: git add {done.path}")


def _measures(items: list[str]) -> dict:
    """--indicator ID=VALUE options as {ID: value}; exit 2 on one that is not written so."""
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = ascii_option(key.strip(), "--indicator")
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            number = None
        if not sep or not key or number is None or number != number or abs(number) == \
                float("inf"):
            say(f"pam: --indicator {item!r}: write ID=VALUE, e.g. --indicator "
                "D1.A1.P1.02.I1=4.5")
            raise typer.Exit(2)
        out[key] = _number(number)
    return out


def _record_from(path: Path, plan_dir: Path) -> None:
    from pam.sheets.cardsheet import record_from

    result = record_from(load_or_exit(plan_dir), path)
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
    project_id: Annotated[str, typer.Argument(metavar="PROJECT_ID", help="e.g. D2.A2.P1")],
    period: Annotated[str | None, typer.Option(
        "--period", help="Half month: 2019-06a (1-15 June) or 2019-06b (16-30). "
                         "Default: the current one.")] = None,
    reporter: Annotated[str | None, typer.Option(
        "--reporter", help="Who fills the card in (default: the project's head).")] = None,
    stdout: Annotated[bool, typer.Option("--stdout", help="Print instead of writing.")] = False,
    format: Annotated[str, typer.Option(
        "--format", help="yaml (the card file) or xlsx (a card sheet to fill in a "
                         "spreadsheet; pam record --from FILE.xlsx records it).")] = "yaml",
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="xlsx: the file (default PROJECT-PERIOD.xlsx).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="xlsx: write --out even over a file pam did not write, or inside a "
                        "plan folder.")] = False,
    plan: PlanOpt = Path("plan"),
) -> None:
    """Write a pre-filled card for a project head: every action, with the last reported values."""
    from pam.fsio import write_atomic
    from pam.periods import is_period, period_bounds, period_of
    from pam.progress import (
        card_path,
        card_text,
        check_card_text,
        check_writable,
        prefilled_entries,
    )

    p = load_or_exit(plan)
    project = find_or_exit(p, project_id, ("project",), "project")
    period = ascii_option(period, "--period")
    if period is None:
        period = period_of(min(dt.date.today(), dt.date(p.program.period.end, 12, 31)))
    if not is_period(period):
        say(f"pam: period '{period}' is not a half month: write YYYY-MMa or YYYY-MMb, "
            "e.g. 2019-06a")
        raise typer.Exit(2)
    day = min(period_bounds(period)[1], dt.date.today())
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
    text = card_text(p, project.id, period, day, prefilled_entries(p, project.id, day),
                     reporter=reporter or project.head)
    path = card_path(p.root, project.id, period)
    check_card_text(p, path, text, project.id)
    if stdout:
        print(text, end="")
        return
    if path.exists() or path.is_symlink():
        say(f"pam: {path} already exists: edit it, or use pam record to change one action")
        raise typer.Exit(1)
    check_writable(p.root, path)
    write_atomic(path, text)
    say(f"pam: wrote {path}: fill in progress, committed, paid, indicators and state, then "
        f"pam validate and git commit")


@app.command()
def status(
    plan: PlanOpt = Path("plan"),
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Date to measure at (YYYY-MM-DD). Default: today, capped to the end "
                        "of the program.")] = None,
    domain: Annotated[str | None, typer.Option("--domain", help="Only this domain.")] = None,
    project: Annotated[str | None, typer.Option("--project", help="Only this project.")]
    = None,
    only: Annotated[list[str] | None, typer.Option(
        "--only", help="Only actions with this status (repeatable): late, at_risk, "
                       "unreported, on_track, done, not_due, no_target, cancelled.")] = None,
    format: FormatOpt = TableOrJson.table,
    against: Annotated[Against, typer.Option(
        "--against", help="Measure against the plan as amended (current) or as adopted "
                          "(baseline).")] = Against.current,
    bidi: BidiOpt = None,
) -> None:
    """Where the program stands: planned vs actual, variance, status, budget; what is late."""
    from pam.monitor.results import STATUSES, status_json
    from pam.problems import did_you_mean

    for s in only or []:
        if s not in STATUSES:
            say(f"pam: unknown status '{s}'.{did_you_mean(s, STATUSES)} "
                f"Use one of: {', '.join(STATUSES)}")
            raise typer.Exit(2)
    day = parse_date(as_of, "--as-of")
    result, header = _status(plan, day, against.value, project or domain, only)
    if format is TableOrJson.json:
        print_json(status_json(result))
        return
    from pam.render.status_view import render_status
    from pam.render.term import Terminal
    from pam.render.text import make_shaper

    render_status(header, result, make_shaper(bidi), Terminal())


def _status(plan_dir: Path, day, against: str, scope: str | None, only):
    """The status (through the cache: pam/cache/run.py), filtered, and the header of the
    terminal view; the plan's errors printed and exit 1 when it has any."""
    from pam.cache.run import cached_status
    from pam.monitor.discipline import totals
    from pam.monitor.rollup import filter_status

    found = cached_status(plan_dir, day, against)
    if found.errors:
        exit_with_errors(found.errors, plan_dir)
    node_id = find_id_or_exit(found.ids, scope, ("domain", "axis", "project"),
                              "domain, axis or project") if scope else None
    result = filter_status(found.status, node_id, set(only) if only else None)
    rows = [r for r in found.header["rows"] if node_id is None or r["project"] == node_id
            or r["project"].startswith(node_id + ".")]
    header = {k: found.header[k] for k in ("name", "name_fr", "notice")}
    header["discipline"] = {"since": found.header["since"], "totals": totals(rows), "rows": rows}
    return result, header


@app.command()
def history(
    action_id: Annotated[str, typer.Argument(metavar="ACTION_ID",
                                             help="The action, e.g. D2.A2.P2.01.")],
    plan: PlanOpt = Path("plan"),
    format: FormatOpt = TableOrJson.table,
    bidi: BidiOpt = None,
    indicator: Annotated[str | None, typer.Option(
        "--indicator", help="The indicator shown beside the progress (the action's or its "
                            "project's id; default: the action's first).")] = None,
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
    from rich.console import Console

    from pam.render.text import make_shaper

    Console(highlight=False).print(render_history(p, action, rows, make_shaper(bidi), chosen))


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
