"""The plan and its latest progress as a TaskJuggler project (`pam export tjp`).

Tasks nest domain > axis > project > action. An action runs from 1 January of its first
target year to 31 December of the year its target reaches 100 % (its last target year when it
never does; the whole program when it has no target), and is `complete` at its last reported
progress on the as-of date. The file also asks tj3 for an HTML and a CSV task report, so
`tj3 plan.tjp` draws the Gantt chart.
"""

from __future__ import annotations

import datetime as dt
import re

from pam.monitor.status import compute_status
from pam.plan import Plan
from pam.render.text import neutralize


def _id(node_id: str) -> str:
    return "t_" + re.sub(r"[^A-Za-z0-9_]", "_", node_id)


def task_ids(plan: Plan) -> dict[str, str]:
    """Each node's TaskJuggler id, unique: ids that map to the same letters (D1.A1.P1.0_1 and
    D1.A1.P1.0.1 both give t_D1_A1_P1_0_1; pam validate warns, id-collision) get a suffix,
    _2, _3, ..., in plan order, so tj3 never sees one task defined twice."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for d in plan.domains:
        nodes = [d] + [a for a in d.axes] + [p for a in d.axes for p in a.projects] + [
            x for a in d.axes for p in a.projects for x in p.actions]
        for node in nodes:
            base = tid = _id(node.id)
            n = 1
            while tid.lower() in used:
                n += 1
                tid = f"{base}_{n}"
            used.add(tid.lower())
            out.setdefault(node.id, tid)
    return out


def _text(value: str) -> str:
    """A TaskJuggler string: neutralized, on one line, without its quote and backslash."""
    return neutralize(value, newlines=False).replace("\\", "/").replace('"', "'")


def action_span(targets: dict[int, float], start: int, end: int) -> tuple[dt.date, dt.date]:
    if not targets:
        return dt.date(start, 1, 1), dt.date(end, 12, 31)
    years = sorted(targets)
    done = [y for y in years if targets[y] >= 100]
    return dt.date(years[0], 1, 1), dt.date(done[0] if done else years[-1], 12, 31)


SCALES = ("day", "week", "month", "quarter", "year")


def render_tjp(plan: Plan, as_of: dt.date, scale: str | None = None) -> str:
    """The .tjp text; `scale` sets the Gantt chart's column unit (tj3 chooses days when it
    is not given: a page of about 2,200 columns for six years, slow to make and to read)."""
    if scale is not None and scale not in SCALES:
        raise ValueError(f"unknown Gantt scale {scale!r}; expected one of {SCALES}")
    status = compute_status(plan, as_of)
    actual = {a.id: a.actual for a in status.actions}
    prog = plan.loaded_program
    start, end = prog.period.start, prog.period.end
    out = [
        f'project pac "{_text(prog.name.fr or prog.name.ar)}" {start}-01-01 - {end + 1}-01-01 {{',
        '  timezone "Africa/Casablanca"',
        '  currency "MAD"',
        f"  now {as_of.isoformat()}",
        "}",
        "",
    ]

    ids = task_ids(plan)

    def block(indent: int, node_id: str, name: str, body: list[str]) -> None:
        pad = "  " * indent
        out.append(f'{pad}task {ids[node_id]} "{_text(name)}" {{')
        out.extend(body)
        out.append(f"{pad}}}")

    for d in plan.domains:
        out.append(f'task {ids[d.id]} "{_text(d.name.ar)}" {{')
        for a in d.axes:
            out.append(f'  task {ids[a.id]} "{_text(a.name.ar)}" {{')
            for p in a.projects:
                out.append(f'    task {ids[p.id]} "{_text(p.name.ar)}" {{')
                for x in p.actions:
                    first, last = action_span(x.targets, start, end)
                    body = [f"        start {first.isoformat()}",
                            f"        end {(last + dt.timedelta(days=1)).isoformat()}",
                            f"        complete {round(actual.get(x.id) or 0)}"]
                    block(3, x.id, x.text[:80], body)
                out.append("    }")
            out.append("  }")
        out.append("}")
    out += [
        "",
        'taskreport overview "pam-overview" {',
        "  formats html, csv",
        "  columns bsi, name, start, end, complete, chart"
        + (f" {{ scale {scale} }}" if scale else ""),
        '  timeformat "%Y-%m-%d"',
        "  loadunit days",
        "}",
        "",
    ]
    return "\n".join(out)
