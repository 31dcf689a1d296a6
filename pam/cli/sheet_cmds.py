"""Commands for spreadsheets: import (a commune's PAC from xlsx, ods or csv), template."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pam.cli.base import app
from pam.cli.common import LangOpt, PlanOpt, document_lang, say


class CostUnit(StrEnum):
    million = "million"
    thousand = "thousand"
    dirham = "dirham"


def _facts(commune, commune_fr, name, name_fr, program_id, start, end, cost_unit):
    from pam.sheets.build import Facts
    from pam.sheets.headers import UNITS

    return Facts(commune=commune, commune_fr=commune_fr, name=name, name_fr=name_fr,
                 id=program_id, start=start, end=end,
                 cost_unit=UNITS[cost_unit.value] if cost_unit else None)


def _report(problems, limit: int = 200) -> None:
    for p in problems[:limit]:
        say(p.render())
    if len(problems) > limit:
        say(f"pam: ... and {len(problems) - limit} more")


@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The PAC's table: .xlsx, .ods "
                                                             "or .csv (',' or ';').")],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="The plan folder to create (must not exist, or be empty).")] = None,
    update: Annotated[bool, typer.Option(
        "--update", help="Apply FILE to the existing plan --plan: show the changes in pam "
                         "diff's words, then write them (ids, notes and comments kept).")]
    = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="With --update: show the changes, write nothing.")] = False,
    plan: PlanOpt = Path("plan"),
    commune: Annotated[str | None, typer.Option(
        "--commune", help="The commune's name in Arabic, e.g. \"جماعة الواحة\".")] = None,
    commune_fr: Annotated[str | None, typer.Option(
        "--commune-fr", help="The commune's name in French.")] = None,
    name: Annotated[str | None, typer.Option(
        "--name", help="The program's name (default: the sheet's title, or 'برنامج عمل "
                       "COMMUNE START-END').")] = None,
    name_fr: Annotated[str | None, typer.Option(
        "--name-fr", help="The program's name in French (default: made from --commune-fr).")] = None,
    program_id: Annotated[str | None, typer.Option(
        "--id", help="The program's id (default pac-START-END).")] = None,
    start: Annotated[int | None, typer.Option(
        "--start", help="First year (default: the first year column).")] = None,
    end: Annotated[int | None, typer.Option(
        "--end", help="Last year (default: the last year column).")] = None,
    cost_unit: Annotated[CostUnit | None, typer.Option(
        "--cost-unit", help="The unit of the cost column when its header does not say it: "
                            "million (MAD), thousand or dirham. pam keeps million MAD.")] = None,
    columns: Annotated[Path | None, typer.Option(
        "--columns", help="A YAML map for headers pam does not know: "
                          "columns: {\"اسم المشروع\": project, F: cost}, cost_unit: dirham.")]
    = None,
    sheet: Annotated[list[str] | None, typer.Option(
        "--sheet", help="Read only this sheet (repeatable). Default: pam's own 'plan' sheet "
                        "when there is one, else every sheet with a table.")] = None,
    lang: LangOpt = None,
) -> None:
    """Build a plan folder from a commune's spreadsheet (برنامج عمل الجماعة في جدول).

    Reads pam's template, pam's own export, and tables shaped like the PAC documents: domain
    and axis as heading rows ('المجال الأول ...', 'المحور الثاني ...'), a project's name on
    one row of its group (filled down, or split around it; each such call is noted in the
    plan), year columns in any order (2022 ... 2017), costs with '-' (no cost of its own),
    '*' (not fixed) or blank, '%' signs, decimal commas, Arabic-Indic digits; total rows are
    checked against the rows above and not imported. Headers may be Arabic or French, in any
    order. Every problem is shown as FILE:SHEET!CELL (CSV: FILE:ROW:COL); when one is an
    error, nothing is written (exit 1).

    \b
    pam import pac.xlsx --out plan --commune "جماعة الواحة" --commune-fr "Commune d'Al Waha"
    pam import pac.csv --out plan --cost-unit dirham
    pam import pac.xlsx --update --plan plan            # show, then apply the changes
    """
    facts = _facts(commune, commune_fr, name, name_fr, program_id, start, end, cost_unit)
    if update:
        from pam.sheets.update import update_plan

        updated = update_plan(file, plan, facts, columns, sheet, dry_run=dry_run)
        _report(updated.problems)
        if updated.diff_text:
            print(updated.diff_text, end="")
        if not updated.ok:
            say(f"pam: {updated.errors} error(s): the plan was not changed")
            raise typer.Exit(1)
        say(updated.summary)
        return
    if out is None:
        say("pam: say where to write the plan: --out DIR (a new folder), or --update --plan "
            "DIR to apply the sheet to an existing plan")
        raise typer.Exit(2)
    from pam.sheets.run import import_to

    result = import_to(file, out, facts, columns, sheet)
    _report(result.problems)
    errors = sum(1 for p in result.problems if p.severity == "error")
    if errors:
        say(f"pam: {errors} error(s) in {file}: nothing was written; fix them and run again")
        raise typer.Exit(1)
    actions = sum(len(p.actions) for d in result.domains for a in d.axes for p in a.projects)
    warnings = len(result.problems)
    say(f"pam: wrote {out}/ ({len(result.written)} files: {actions} actions) from {file}"
        + (f"; {warnings} warning(s) above" if warnings else "")
        + f". Every judgement is noted beside the data: pam validate --plan {out}, "
        f"pam tree --plan {out}, then pam status --plan {out}")


class TemplateFormat(StrEnum):
    xlsx = "xlsx"


@app.command()
def template(
    format: Annotated[TemplateFormat, typer.Argument(help="xlsx (needs pam-pac[xlsx]).")],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The workbook to write.")],
    start: Annotated[int, typer.Option("--start", help="First year of the program.")] = 2022,
    end: Annotated[int | None, typer.Option(
        "--end", help="Last year (default start + 5).")] = None,
    lang: Annotated[str, typer.Option(
        "--lang", callback=document_lang, is_eager=True,
        help="The sheet's language: ar (right to left) or fr; pam's messages follow it.")]
    = "ar",
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write an empty PAC workbook in pam's shape, to fill in and bring back with pam import.

    One row per action: domain, axis, project, action, cost (million MAD, '-' or '*'), one
    column per year (cumulative %); cells are checked as you type (0-100, the cost markers);
    an instructions sheet in Arabic and French; the sheet is right to left for Arabic.
    """
    from pam.sheets.template import write_template

    if lang not in ("ar", "fr"):
        say("pam: --lang is ar or fr")
        raise typer.Exit(2)
    end = end if end is not None else start + 5
    if not 1990 <= start <= end <= 2100:
        say(f"pam: the years {start}-{end} are not a program period: --start before --end")
        raise typer.Exit(2)
    if file.exists() and not force:
        say(f"pam: {file} already exists: choose another name or add --force")
        raise typer.Exit(1)
    from pam.outputs import check_output_file

    check_output_file(file, force=force, what="FILE")
    try:
        write_template(file, range(start, end + 1), lang)
    except ImportError:
        say("pam: xlsx needs openpyxl: pip install 'pam-pac[xlsx]'")
        raise typer.Exit(1) from None
    say(f"pam: wrote {file}: fill one row per action, then pam import {file} --out plan "
        "--commune \"...\"")
