"""pam site: the program as a static public website with its open data (no server)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pam.cli.base import app
from pam.cli.common import PlanOpt, load_or_exit, parse_date, say
from pam.outputs import check_output_folder


@app.command()
def site(
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="The folder to write the site into (created when missing): "
                            "index.html (Arabic), fr/ (French), plan/, assets/, data/, "
                            "reports/.")] = Path("site"),
    plan: PlanOpt = Path("plan"),
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Measure at this date (YYYY-MM-DD). Default: as pam status "
                        "(today, capped to the end of the program; an example workspace's "
                        "own date).")] = None,
    reports: Annotated[Path | None, typer.Option(
        "--reports", help="A folder of reports written by `pam report all` (e.g. reports/): "
                          "copied into the site's reports/, and the home page links to the "
                          "latest annual report and public summary. Default: none (the home "
                          "page says the reports are not published with the site).")] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", envvar="PAM_TEMPLATES",
        help="A folder of templates that override the shipped ones (same names: "
             "site/layout.html.j2, ...).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Write even over files pam did not write (or changed since), or "
                        "inside a plan folder.")] = False,
) -> None:
    """Write the program as a static website: a home page, a page per domain, axis, project
    and action (planned against actual over time, status, cost and money paid, the public
    text of obstacles and solutions, the cards and amendments), in Arabic (right to left)
    and French, usable without script, with the open data (CSV and JSON with a Frictionless
    data package, IATI, OC4IDS, Decidim) under data/. What program.yaml's `public:` keeps
    internal is never shown. The same plan, cards and date give the same bytes.

    Exit 0 when written, 1 when the plan has errors or a file would be overwritten, 2 for
    a wrong option."""
    from pam.monitor.status import default_as_of
    from pam.site.write import MANIFEST, build_files, unknown_names, write_files

    day = parse_date(as_of, "--as-of")
    if reports is not None and not reports.is_dir():
        found = "a file" if reports.exists() else "nothing"
        say(f"pam: --reports {reports}: expected the folder `pam report all` wrote, found "
            f"{found}")
        raise typer.Exit(2)
    if templates is not None and not templates.is_dir():
        say(f"pam: --templates {templates}: expected a folder of templates")
        raise typer.Exit(2)
    check_output_folder(out, plan=plan, force=force)
    p = load_or_exit(plan)
    day = day or default_as_of(p)
    built = build_files(p, day, reports_dir=reports, override=templates)
    if not force:
        check_output_folder(out, unknown_names(out, list(built.files)) + [MANIFEST],
                            plan=plan, force=force)
    written = write_files(out, built.files)
    say(f"pam: wrote the site into {out}/ ({built.pages} pages in Arabic and French, "
        f"{built.data} open data files, {built.reports} report files; {written} changed), "
        f"as of {day.isoformat()}; open {out}/index.html")
