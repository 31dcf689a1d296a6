"""A CSV that Decidim's accountability component imports ("Import results from a CSV file",
Decidim::Accountability::ResultsCsvImporter), so that a commune running Decidim can show its
PAC there.

Mapping: each project is a result, each of its actions a child result (`parent/id`); domains
and axes are not results (Decidim's categories and scopes are the instance's own numbered
records, so pam cannot name them: the domain and axis are written in each description).
Columns:
- id: a number in plan order (Decidim links children to parents by these numbers while
  importing, then gives them its own), parent/id: the project's number for an action;
- title/ar, title/fr, description/ar, description/fr: the names (an action's text);
- start_date, end_date: 1 January of the first year with a target, 31 December of the year
  the target reaches 100 % (else the program's last year);
- progress: the actual % of `pam status` at the as-of date (a project: its simple mean);
- status/id: empty (Decidim's statuses are the instance's own records);
- reference: the pam id, and status/key: pam's status word, for the reader (Decidim ignores
  columns it does not know, as it does those of its own exports).
Decidim reads the separator it is configured with (`default_csv_col_sep`; Decidim's own default
is ';'): pam writes ';'. No byte-order mark: Decidim's importer would read it as part of the
first column's name ('id'), and lose the links between results."""

from __future__ import annotations

import csv
import datetime as dt
import io

from pam.export.tables import _cell
from pam.numbers import written
from pam.plan import Plan

COLUMNS = ("id", "parent/id", "title/ar", "title/fr", "description/ar", "description/fr",
           "start_date", "end_date", "status/id", "progress", "reference", "status/key")
SEPARATOR = ";"


def _dates(plan: Plan, actions) -> tuple[str, str]:
    years = sorted({y for x in actions for y in x.targets})
    if not years:
        return f"{plan.loaded_program.period.start}-01-01", f"{plan.loaded_program.period.end}-12-31"
    first = next((y for y in years if any(x.targets.get(y, 0) > 0 for x in actions)), years[0])
    ends = [next((y for y in sorted(x.targets) if x.targets[y] >= 100), plan.loaded_program.period.end)
            for x in actions if x.targets]
    return f"{first}-01-01", f"{max(ends)}-12-31"


def render_decidim(plan: Plan, as_of: dt.date) -> str:
    """The results CSV of the plan as amended, progress at `as_of`."""
    from pam.monitor.baseline import view
    from pam.report.shared import status_at

    plan = view(plan, "current")
    status = status_at(plan, as_of)
    nodes = {n.id: n for n in status.projects}
    actions = {a.id: a for a in status.actions}
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=SEPARATOR, lineterminator="\n")
    writer.writerow(COLUMNS)
    number = 0
    for d in plan.domains:
        for a in d.axes:
            for p in a.projects:
                number += 1
                parent = number
                where = {lang: " › ".join(str(getattr(n.name, lang, None) or n.name.ar)
                                          for n in (d, a)) for lang in ("ar", "fr")}
                start, end = _dates(plan, p.actions)
                n = nodes[p.id]
                writer.writerow([_cell(v) for v in (
                    parent, None, p.name.ar, p.name.fr or p.name.ar, where["ar"], where["fr"],
                    start, end, None, _progress(n.actual), p.id, n.status)])
                for x in p.actions:
                    number += 1
                    r = actions[x.id]
                    start, end = _dates(plan, [x])
                    about = {lang: f"{where[lang]} › {getattr(p.name, lang, None) or p.name.ar}"
                             for lang in ("ar", "fr")}
                    writer.writerow([_cell(v) for v in (
                        number, parent, x.text, x.text_fr or x.text, about["ar"], about["fr"],
                        start, end, None, _progress(r.actual), x.id, r.status)])
    return buf.getvalue()


def _progress(value: float | None) -> str | None:
    return None if value is None else written(round(value, 2))
