"""pam rollup: many communes' bundles side by side (a province, a region, the ministry)."""

from __future__ import annotations

import time
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pam.cli.base import app
from pam.cli.common import parse_date, say


class GroupBy(str, Enum):
    province = "province"
    region = "region"


class RollupFormat(str, Enum):
    html = "html"
    json = "json"
    csv = "csv"


class RollupLang(str, Enum):
    ar = "ar"
    fr = "fr"


def output_names(format: RollupFormat, lang: str, by: GroupBy | None) -> list[str]:
    """The files `pam rollup` writes into --out for a format."""
    if format is RollupFormat.html:
        return ["index.html" if lang == "ar" else f"index.{lang}.html"]
    if format is RollupFormat.json:
        return ["rollup.json"]
    return ["communes.csv", "domains.csv", "indicators.csv"] + (["groups.csv"] if by else [])


@app.command()
def rollup(
    bundles: Annotated[list[Path], typer.Argument(
        metavar="BUNDLE_OR_DIR...", help="Bundle files (pam export bundle) or folders of them "
                                         "(every *.zip inside, at any depth).")],
    as_of: Annotated[str, typer.Option(
        "--as-of", help="The date of every commune's figures (YYYY-MM-DD). A bundle complete "
                        "only to an earlier date is refused.")],
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="The folder to write into (index.html, index.fr.html, "
                            "rollup.json or the CSV files).")],
    by: Annotated[GroupBy | None, typer.Option(
        "--by", help="Also compare the communes' groups: province or region (by official "
                     "code, else by name).")] = None,
    format: Annotated[RollupFormat, typer.Option(
        "--format", "-f", help="html (the comparison page, with charts), json (every figure; "
                               "each commune's program and domains as pam status --format json "
                               "prints them, money, indicators and alarms included) or csv "
                               "(communes.csv, domains.csv, indicators.csv, groups.csv).")]
    = RollupFormat.html,
    lang: Annotated[RollupLang, typer.Option(
        "--lang", help="html: ar (right to left, index.html) or fr (index.fr.html).")]
    = RollupLang.ar,
    allow_older: Annotated[bool, typer.Option(
        "--allow-older", help="Keep bundles complete only to an earlier date than --as-of, "
                              "marked as such in every output (refused otherwise).")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Write into --out even over files pam did not write, or inside a "
                        "plan folder.")] = False,
) -> None:
    """Roll up communes' bundles at one date: every commune's pam status figures (by the same
    rules), ranked by completion, with late and unreported actions, reporting discipline,
    money (credits allocated, committed, paid, funding shares, coverage) and the divergence
    alarms; physical indicators summed by unit; groups (--by) and domains across communes.

    Exit 0 when written; 1 when a bundle is refused (another schema version, version 1
    included, the same commune twice, a damaged or truncated file, an earlier date): every
    refused file is named and nothing is written; 2 for a wrong option.
    """
    from pam.outputs import check_output_folder
    from pam.rollup.figures import rollup_data
    from pam.rollup.load import load_bundles

    day = parse_date(as_of, "--as-of")
    names = output_names(format, lang.value, by)
    check_output_folder(out, names, force=force)
    start = time.perf_counter()
    loaded = load_bundles(bundles, day, allow_older=allow_older)
    try:
        data = rollup_data(loaded, day, by.value if by else None)
    finally:
        loaded.close()
    _write(data, out, format, lang.value)
    older = f"; {len(loaded.older)} from older bundles, marked" if loaded.older else ""
    say(f"pam: rolled up {len(data['communes'])} commune(s) at {day} into "
        f"{', '.join(str(out / n) for n in names)} in {time.perf_counter() - start:.1f}s"
        f"{older}")


def _write(data: dict, out: Path, format: RollupFormat, lang: str) -> None:
    from pam.fsio import write_atomic
    from pam.rollup import render

    if format is RollupFormat.html:
        write_atomic(out / output_names(format, lang, None)[0], render.render_html(data, lang))
    elif format is RollupFormat.json:
        write_atomic(out / "rollup.json", render.render_json(data))
    else:
        from pam.export.tables import BOM, to_csv

        for name, rows in render.csv_tables(data).items():
            write_atomic(out / f"{name}.csv",
                         BOM + to_csv(rows, render.EMPTY_HEADERS.get(name)))
