"""Commands that write documents: report (card, semiannual, annual, public, steering, all), export."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from pam.cli.base import app
from pam.cli.common import (
    LangOpt,
    PlanOpt,
    ascii_option,
    document_lang,
    load_or_exit,
    parse_date,
    say,
)
from pam.i18n.terminal import t
from pam.outputs import check_output_file, check_output_folder


def _kinds() -> type[Enum]:
    """The report kinds of pam/report/registry.py, and `all`, as the argument's choices."""
    from pam.report.registry import KINDS

    # the members come from the registry: mypy reads Enum() only with literal members
    kinds: type[Enum] = Enum("Kind", {name: name for name in [*KINDS, "all"]},  # type: ignore[misc]
                             type=str)
    return kinds


if TYPE_CHECKING:
    class Kind(str, Enum):  # for mypy: the members that code names (_kinds makes them all)
        all = "all"
else:
    Kind = _kinds()


class Lang(str, Enum):
    ar = "ar"
    fr = "fr"


class DocFormat(str, Enum):
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    tjp = "tjp"
    bundle = "bundle"
    datapackage = "datapackage"
    iati = "iati"
    oc4ids = "oc4ids"
    decidim = "decidim"


OPEN_DATA = {"iati": ("iati-activities.xml", "IATI 2.03 activities"),
             "oc4ids": ("oc4ids-projects.json", "an OC4IDS 0.9 project package"),
             "decidim": ("decidim-results.csv", "Decidim accountability results")}


def _period_options() -> dict[str, str]:
    from pam.report.registry import KINDS

    return {k.name: k.option for k in KINDS.values() if k.option}


PERIOD_OPTION = _period_options()


def _as_of(value: str | None):
    return parse_date(value, "--as-of")


@app.command()
def report(
    kind: Annotated[Kind, typer.Argument(help="card, semiannual, annual, public, steering, or "
                                              "all (every report into --out, with index.html).")],
    plan: PlanOpt = Path("plan"),
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Measure at this date (YYYY-MM-DD). Default: the end of the period, "
                        "capped to today or to an example workspace's date.")] = None,
    period: Annotated[str | None, typer.Option(
        "--period", help="The period in the kind's form: 2020-06a (card), 2020-H1 "
                         "(semiannual), 2019 (annual, public), 2020-Q2 (steering).")] = None,
    half: Annotated[str | None, typer.Option("--half", help="semiannual: 2020-H1.")] = None,
    year: Annotated[str | None, typer.Option(
        "--year", help="annual, public (the summary of that year's annual report): "
                       "2019.")] = None,
    quarter: Annotated[str | None, typer.Option("--quarter", help="steering: 2020-Q2.")]
    = None,
    project: Annotated[str | None, typer.Option("--project", help="card: D1.A1.P1.")] = None,
    lang: Annotated[Lang, typer.Option(
        "--lang", callback=document_lang, is_eager=True,
        help="The report's language, ar (right to left; the default, whatever PAM_LANG says: "
             "the council's) or fr; pam's own messages follow it.")] = Lang.ar,
    format: Annotated[DocFormat | None, typer.Option(
        "--format", "-f", help="md, html, pdf (every kind; PDF needs headless Chromium: "
                               "apt-get install chromium fonts-noto-core) or json (the data the "
                               "templates render; its 'program' is pam status --format json's "
                               "program node at the report's date). Default: from --out's "
                               "suffix, else md. For all: md and html, plus pdf with --format "
                               "pdf; json alone with --format json.")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="File to write (default: stdout; a PDF goes to its default "
                            "name). For all: the folder (default reports/).")] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", envvar="PAM_TEMPLATES",
        help="A folder of templates that override the shipped ones (same names).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Write --out even over a file pam did not write, or inside a plan "
                        "folder (refused otherwise: a slip for --plan would overwrite the "
                        "plan).")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Refuse (exit 1) when a card has an error, instead of leaving it out "
                         "of the figures and naming it in the report (for the council's "
                         "documents in CI).")] = False,
) -> None:
    """Write a report the decree asks for, in Arabic (default) or French, as md, html or pdf.

    Exit 0 when written, 1 when the plan has errors or the PDF engine is missing, 2 for a
    period written wrongly or an option that does not apply to the kind.
    """
    from pam.report.registry import KINDS, pdf_kinds

    chosen = _period_for(kind.value, period, half, year, quarter, project)
    day = _as_of(as_of)
    templates = _templates_folder(templates)
    if kind is Kind.all:
        check_output_folder(out or Path("reports"), plan=plan, force=force)
    elif out is not None:
        check_output_file(out, plan=plan, force=force)
    p = load_or_exit(plan, strict=strict)
    if kind.value == "all":
        _write_all(p, out or Path("reports"), lang.value, day, format, templates, force)
        return
    from pam.report.run import build, file_name, render_as

    project = ascii_option(project, "--project")
    data = build(p, kind.value, period=chosen, project=project, as_of=day)
    fmt = (format.value if format else
           (out.suffix.lstrip(".") if out and out.suffix in (".md", ".html", ".pdf", ".json")
            else "md"))
    if fmt == "pdf" and fmt not in KINDS[kind.value].formats:
        say(f"pam: PDF is made for {', '.join(pdf_kinds())} reports; use --format html for "
            f"{kind.value}")
        raise typer.Exit(2)
    content = render_as(data, fmt, lang.value, templates)
    if out is None and fmt == "pdf":
        out = Path(file_name(data, lang.value, "pdf"))
        check_output_file(out, plan=plan, force=force)
    if out is None:
        sys.stdout.write(cast(str, content))  # text: a PDF has its --out (above)
        return
    from pam.fsio import write_atomic

    write_atomic(out, content)
    say("pam: " + t("msg.wrote", path=out))


def _period_for(kind, period, half, year, quarter, project) -> str | None:
    """The one period given, checked against the kind; exit 2 when it does not apply."""
    period, half, year, quarter = (ascii_option(v, o) for v, o in (
        (period, "--period"), (half, "--half"), (year, "--year"), (quarter, "--quarter")))
    given = {"--half": half, "--year": year, "--quarter": quarter}
    for option, value in given.items():
        if value is not None and PERIOD_OPTION.get(kind) != option:
            where = f"use {PERIOD_OPTION[kind]}" if kind in PERIOD_OPTION else \
                "this kind takes no period"
            say(f"pam: {option} does not apply to 'pam report {kind}' ({where})")
            raise typer.Exit(2)
    if project is not None and kind != "card":
        say("pam: --project applies to 'pam report card' only")
        raise typer.Exit(2)
    if period is not None and kind == "all":
        say(f"pam: --period does not apply to 'pam report {kind}': use --as-of")
        raise typer.Exit(2)
    chosen = [v for v in (period, half, year, quarter) if v is not None]
    if len(chosen) > 1:
        say("pam: give the period once (--period or the kind's own option)")
        raise typer.Exit(2)
    return chosen[0] if chosen else None


def _templates_folder(templates: Path | None) -> Path | None:
    """--templates, checked: a folder (its templates override the shipped ones by name)."""
    if templates is not None and not templates.is_dir():
        found = "a file" if templates.exists() else "nothing"
        say(f"pam: --templates {templates}: expected a folder of templates (same names as "
            f"pam's: annual.j2, layout.html.j2, ...), found {found}")
        raise typer.Exit(2)
    return templates


def _write_all(plan, out: Path, lang: str, day, format, templates, force: bool) -> None:
    import time

    from pam.report.run import write_all

    formats = {None: ("md", "html"), "md": ("md",), "html": ("html",),
               "pdf": ("md", "html", "pdf"), "json": ("json",)}[format.value if format else None]
    start = time.perf_counter()

    def guard(names: list[str]) -> None:
        check_output_folder(out, names, plan=plan.root, force=force)

    written = write_all(plan, out, lang=lang, as_of=day, formats=formats, override=templates,
                        guard=guard)
    say(f"pam: wrote {len(written.files)} report file(s) and {written.index} "
        f"in {time.perf_counter() - start:.1f}s")


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Argument(
        help="csv, json, xlsx (needs pam-pac[xlsx]), tjp (a TaskJuggler project: tj3 draws "
             "its Gantt chart) or bundle (the plan with its credits, funding and indicators, "
             "and every card entry, as Parquet tables in one file, for pam rollup; needs "
             "pam-pac[rollup]); open data (what program.yaml's public: keeps internal left "
             "out): datapackage (a folder of CSV and JSON tables with a Frictionless "
             "datapackage.json), iati (IATI 2.03 activity XML), oc4ids (OC4IDS project JSON "
             "of the actions declared infrastructure) or decidim (a CSV for Decidim's "
             "accountability import).")],
    plan: PlanOpt = Path("plan"),
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Measure at this date (YYYY-MM-DD). Default: today, capped to the "
                        "end of the program (an example workspace's own date).")] = None,
    table: Annotated[str | None, typer.Option(
        "--table", help="csv: one table, to stdout or --out FILE.csv: actions (default), "
                        "cards, indicators, measures or funding.")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="csv: a folder (actions.csv, cards.csv, indicators.csv, "
                            "measures.csv, funding.csv) or a .csv file; json: a file; xlsx: a "
                            "file (default pam-export-<date>.xlsx); bundle: a file (default "
                            "pam-bundle-<commune>-<date>.zip); datapackage: a folder (default "
                            "data/); iati, oc4ids, decidim: a file (default: stdout).")] = None,
    gantt_scale: Annotated[str | None, typer.Option(
        "--gantt-scale", help="tjp: the Gantt chart's columns: day, week, month, quarter or "
                              "year (default: tj3's own, days; month reads best for a "
                              "six-year program).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Write --out even over a file pam did not write, or inside a plan "
                        "folder.")] = False,
    lang: LangOpt = None,
) -> None:
    """Flat tables for spreadsheets (actions with plan, progress, variance and money; card
    entries; indicators measured; indicator values on cards; funding lines), the plan and
    its latest progress as a TaskJuggler project (tjp), a bundle for pam rollup (its --as-of:
    the date its cards are complete to; default as pam status's), or the open data that pam
    site publishes (datapackage, iati, oc4ids, decidim)."""
    from pam import export as ex
    from pam.monitor.status import default_as_of

    if table is not None and table not in ex.TABLES:
        say(f"pam: --table must be one of: {', '.join(ex.TABLES)}")
        raise typer.Exit(2)
    from pam.export.tjp import SCALES

    if gantt_scale is not None and (format is not ExportFormat.tjp or gantt_scale not in SCALES):
        say(f"pam: --gantt-scale is for 'pam export tjp' and takes one of: {', '.join(SCALES)}")
        raise typer.Exit(2)
    day = _as_of(as_of)
    if format is ExportFormat.datapackage or format.value in OPEN_DATA:
        if table is not None:
            say(f"pam: --table is for 'pam export csv', not {format.value}")
            raise typer.Exit(2)
        _export_open_data(format.value, plan, day, out, force)
        return
    if out is not None and format is ExportFormat.csv and out.suffix.lower() != ".csv":
        names = [f"{name}.csv" for name in ([table] if table else ex.TABLES)]
        check_output_folder(out, names, plan=plan, force=force)
    elif out is not None:
        check_output_file(out, plan=plan, force=force)
    p = load_or_exit(plan)
    day = day or default_as_of(p)
    if format is ExportFormat.bundle:
        _export_bundle(p, out, day, plan, force)
        return
    if format is ExportFormat.tjp:
        from pam.export.tjp import render_tjp

        text = render_tjp(p, day, gantt_scale)
        if out is None:
            sys.stdout.write(text)
        else:
            ex.write_text(out, text)
            say(f"pam: wrote {out} (tj3 {out} renders its HTML and CSV task report)")
        return
    tables = ex.export_tables(p, day)
    if format is ExportFormat.json:
        text = ex.to_json(tables, day)
        if out is None:
            sys.stdout.write(text)
        else:
            ex.write_text(out, text)
            say("pam: " + t("msg.wrote", path=out))
        return
    if format is ExportFormat.csv:
        if out is None:
            sys.stdout.write(ex.to_csv(tables[table or "actions"],
                                       ex.COLUMNS.get(table) if table else None))
            return
        for path in ex.write_csv(tables, out, table):
            say("pam: " + t("msg.wrote", path=path))
        return
    path = out or Path(f"pam-export-{day.isoformat()}.xlsx")
    if out is None:
        check_output_file(path, plan=plan, force=force)
    ex.write_xlsx(tables, path, day, p)
    say("pam: " + t("msg.wrote", path=path))


def _export_bundle(p, out: Path | None, day, plan_dir: Path, force: bool) -> None:
    from pam.rollup.bundle import commune_key, export_bundle

    path = out or Path(f"pam-bundle-{commune_key(p.program)}-{day.isoformat()}.zip")
    if out is None:
        check_output_file(path, plan=plan_dir, force=force)
    counts = export_bundle(p, path, day)
    say(f"pam: wrote {path}: {counts['actions']} actions, {counts['cards']} cards, "
        f"{counts['entries']} card entries, complete to {day} (pam rollup reads it)")


def _export_open_data(fmt: str, plan: Path, day, out: Path | None, force: bool) -> None:
    """pam export datapackage|iati|oc4ids|decidim: the open data of pam site."""
    from pam.monitor.status import default_as_of

    if fmt == "datapackage":
        from pam.export.opendata import package_files
        from pam.site.write import MANIFEST, unknown_names, write_files

        out = out or Path("data")
        check_output_folder(out, plan=plan, force=force)
        p = load_or_exit(plan)
        files = package_files(p, day or default_as_of(p))
        if not force:  # what pam wrote there before (its manifest) it may replace
            check_output_folder(out, unknown_names(out, list(files)) + [MANIFEST], plan=plan)
        write_files(out, files)
        say(f"pam: wrote {len(files)} files into {out}/ (frictionless validate "
            f"{out / 'datapackage.json'} checks them)")
        return
    if out is not None:
        check_output_file(out, plan=plan, force=force)
    p = load_or_exit(plan)
    day = day or default_as_of(p)
    from pam.export import decidim, iati, oc4ids

    render = {"iati": iati.render_iati, "oc4ids": oc4ids.render_oc4ids,
              "decidim": decidim.render_decidim}[fmt]
    text = render(p, day)
    if text is None:
        say("pam: no action is declared infrastructure (public: infrastructure: in "
            "program.yaml names projects or actions): no OC4IDS project to write")
        raise typer.Exit(1)
    if out is None:
        sys.stdout.write(text)
        return
    from pam.export import write_text

    write_text(out, text)
    say(f"pam: wrote {out} ({OPEN_DATA[fmt][1]})")
