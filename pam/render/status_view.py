"""The coordinator's terminal view of `pam status`, readable without colour in 100 columns.

Printed through pam.render.term (styled segments, no rich.console: see there why)."""

from __future__ import annotations

from pam.monitor.results import STATUSES, NodeResult, Status, gap, shown
from pam.render.term import Styled, Terminal, wrap
from pam.render.text import fmt_num

STYLE = {"done": "green", "on_track": "green", "at_risk": "yellow", "late": "bold red",
         "unreported": "magenta", "not_due": "dim", "no_target": "dim", "cancelled": "dim"}
LABEL = {"done": "done", "on_track": "on track", "at_risk": "AT RISK", "late": "LATE",
         "unreported": "unreported", "not_due": "not due", "no_target": "no target",
         "cancelled": "cancelled"}
MAX_LIST = 12
NAME_W = 26  # keeps the table within 100 columns


def pct(v: float | None) -> str:
    """A share as shown: its JSON value (2 decimals) rounded half up to the whole point."""
    return "—" if v is None else f"{shown(v):.0f}%"


def pts(v: float | None) -> str:
    """A gap in points, already rounded as shown (see var)."""
    return "—" if v is None else ("±0" if v == 0 else f"{v:+.0f}")


def var(actual: float | None, planned: float | None) -> str:
    """The variance as shown: shown actual - shown planned, so the reader's sum holds."""
    return pts(gap(actual, planned, 0))


def bar(actual: float | None, planned: float | None, width: int = 10) -> str:
    """A text bar: '█' done, '│' where the plan stands, '·' the rest."""
    if actual is None and planned is None:
        return " " * width
    filled = round((actual or 0) / 100 * width)
    cells = ["█" if i < filled else "·" for i in range(width)]
    if planned is not None:
        mark = min(width - 1, max(0, round(planned / 100 * width) - 1))
        if cells[mark] == "·":
            cells[mark] = "│"
    return "".join(cells)


def status_label(status: str) -> Styled:
    return Styled(LABEL[status], STYLE[status])


def why(n: NodeResult) -> str:
    """The status rule that fired, in a few words with its counts."""
    c = n.counts
    return {
        "empty": "no action", "all-cancelled": "every action cancelled",
        "all-done": "every action done", "no-target": "no action has a target",
        "nothing-due": "nothing due yet",
        "mostly-unreported": f"{c['unreported']} of {n.due} due actions unreported",
        "late-share": f"{c['late']} of {n.due} due actions late",
        "late-below": f"{c['late']} of {n.due} due actions late",
        "at-risk-share": f"{c['late'] + c['at_risk']} of {n.due} due actions late or at risk",
        "variance": "variance below the at-risk threshold",
        "on-track": f"{n.due} due actions",
    }.get(n.rule, n.rule)


def means_line(n: NodeResult) -> str:
    """The cost-weighted means and the means over reported actions, named."""
    line = (f"weighted by cost: planned {pct(n.planned_cost_weighted)}   actual "
            f"{pct(n.actual_cost_weighted)}   variance "
            f"{var(n.actual_cost_weighted, n.planned_cost_weighted)} pts   ({n.costed} costed "
            f"actions, {fmt_num(n.weight)} M MAD)")
    if n.counted_as_zero:
        line += (f"\nover the {n.reported} reported actions only: planned "
                 f"{pct(n.planned_reported)}   actual {pct(n.actual_reported)}")
    return line


def left_out_line(n: NodeResult) -> str:
    """What the means left out and what they counted as 0%."""
    words = {"no_target": "without a target", "cancelled": "cancelled",
             "dropped": "dropped by an amendment", "added": "added after the baseline"}
    parts = [f"{v} {words.get(k, k)}" for k, v in n.excluded.items() if v]
    done_untargeted = n.excluded.get("no_target", 0) - n.counts.get("no_target", 0)
    if done_untargeted:
        parts[0] += f" ({done_untargeted} of them done)"
    return (f"in the means: {n.measured} of {n.actions} actions; left out: "
            f"{', '.join(parts) if parts else 'none'}; counted as 0%: {n.counted_as_zero} "
            "without a report")


def programmed_line(n: NodeResult) -> str:
    """Actions and projects programmed by the date, and the completion rate of the latter."""
    pr = n.projects
    rate = (f"{shown(100 * pr['programmed_done'] / pr['programmed']):.0f}%"
            if pr.get("programmed") else "—")
    return (f"programmed (due by this date): {n.due} actions, {n.due_done} of them done; "
            f"projects: {pr.get('done', 0)} done, {pr.get('in_progress', 0)} in progress, "
            f"{pr.get('not_started', 0)} not started, {pr.get('late', 0)} late; completion "
            f"rate of the programmed projects {pr.get('programmed_done', 0)} of "
            f"{pr.get('programmed', 0)} ({rate})")


def money_lines(n: NodeResult) -> list[str]:
    """The money stages, rates and funding of a node, and its alarms: only what the plan and
    the cards say (nothing for a plan without credits, commitments or funding)."""
    m, out = n.money, []
    if not m:
        return out
    if m["allocated"] or m["committed"]:
        out.append(f"money: allocated {fmt_num(m['allocated'])}   committed "
                   f"{fmt_num(m['committed'])}   paid {fmt_num(m['paid'])}   paid/allocated "
                   f"{pct(m['paid_of_allocated'])}   committed/cost {pct(m['committed_of_cost'])}")
    if m["funded"]:
        out.append(f"funding: own {fmt_num(m['own'])} ({pct(m['own_share'])})   partners "
                   f"{fmt_num(m['partner'])} ({pct(m['partner_share'])}), "
                   f"{pct(m['signed_share'])} of it under signed agreements   coverage "
                   f"{pct(m['coverage'])} of the cost")
    flagged = [f"{k.replace('_', ' ')} {v}" for k, v in n.alarms.items() if v]
    if flagged:
        out.append("alarms: " + ", ".join(flagged) + " (actions listed below)")
    return out


def trim(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_status(header: dict, status: Status, shape, term: Terminal) -> None:
    """header: the program's name (Arabic), French name, and the example notice if any."""
    p = status.program
    if header.get("notice"):
        term.centred(Styled(f" {header['notice']} ", "bold black on yellow"))
    head = Styled()
    head.append(f"{shape(header['name'])}\n", style="bold")
    if header.get("name_fr"):
        head.append(f"{header['name_fr']}\n")
    head.append(f"as of {status.as_of}   ", style="bold")
    head.append(f"planned {pct(p.planned)}   actual {pct(p.actual)}   variance "
                f"{var(p.actual, p.planned)} pts   ")
    head.extend(status_label(p.status))
    head.append(f" ({why(p)})")
    head.append(f"\n{means_line(p)}\n{left_out_line(p)}\n")
    head.append(f"cost {fmt_num(p.cost)} M MAD   earned {fmt_num(p.ev)}   paid "
                f"{fmt_num(p.ac)}   SPI {fmt_num(p.spi)}   CPI {fmt_num(p.cpi)}\n")
    for line in money_lines(p):
        head.append(line + "\n")
    head.append(f"{p.actions} actions: ")
    for s in STATUSES:
        if p.counts.get(s):
            head.extend(status_label(s))
            head.append(f" {p.counts[s]}  ")
    if p.stale:
        head.append(f"stale {p.stale}", style="yellow")
    head.append(f"\n{programmed_line(p)}")
    term.panel(head)
    if status.actions and all(a.last_report is None for a in status.actions):
        for line in wrap(Styled("No progress card yet (plan/progress/ is empty): project heads "
                                "record them with `pam record` or `pam card`; `make run` shows "
                                "an example.", "yellow"), term.width):
            term.print(line)

    shown = {n.id for n in status.domains + status.axes + status.projects}
    by_parent, roots = {}, list(status.domains)
    for n in status.axes + status.projects:
        parent = n.id.rsplit(".", 1)[0]
        while parent not in shown and "." in parent:  # a level the PAC does not have
            parent = parent.rsplit(".", 1)[0]
        if parent in shown:
            by_parent.setdefault(parent, []).append(n)
        else:
            roots.append(n)
    rows = []

    def add(n, depth):
        c = n.counts
        name = trim(shape(n.name), NAME_W - 2 * depth)
        rows.append(([("  " * depth) + n.id, ("  " * depth) + name, pct(n.planned),
                      pct(n.actual), var(n.actual, n.planned), bar(n.actual, n.planned),
                      (LABEL[n.status], STYLE[n.status]),
                      f"{c['late']}/{c['at_risk']}/{c['unreported']}"],
                     "bold" if depth == 0 else None))
        for child in by_parent.get(n.id, []):
            add(child, depth + 1)

    for d in roots:
        add(d, 0)
    out = Styled()
    grid(out, None, ["id", "name", "plan", "done", "var", "progress", "status", "L/R/U"],
         "llrrrlll", rows)
    out.append("plan/done: planned and actual %, simple mean over the actions with a target "
               "(unreported: 0%)\nvar = done − plan as shown, in points; progress: █ done, "
               "│ planned\nL/R/U: late / at risk / unreported actions. The rules: README "
               "'How the figures are computed';\npam explain ID shows them applied.\n",
               style="dim")
    _lists(out, status, shape)
    if header.get("discipline"):
        _discipline(out, header["discipline"], shape, term.width)
    term.write(out)


UNKNOWN_WHY = {"no-git": "the plan is not in a git repository",
               "shallow": "a shallow clone: the cards' first commits are unknown",
               "not-committed": "cards not committed to git yet"}


def late_cell(late: int, unknown: int) -> str:
    """Late cards, '?' when the arrival of some cannot be known (≥ N: at least N late)."""
    if not unknown:
        return str(late)
    return f"≥{late}" if late else "?"


def _discipline(out, d: dict, shape, width: int = 100) -> None:
    """Half-monthly cards expected, received (of which late) and missing this half year."""
    t = d["totals"]
    if not t["expected"]:
        return
    out.append("\n")
    line = Styled(f"Reporting discipline since {d['since']}: ", "bold")
    got = t["expected"] - t["missing"]
    line.append(f"{got} of {t['expected']} expected cards received ({t['rate']:.0f}%), "
                f"{t['missing']} missing; {t['received']} received in all")
    if t["received"] > got:
        line.append(f" ({t['received'] - got} from finished projects)")
    line.append(f"; late: {t['late']}")
    if t["unknown"]:
        why = "; ".join(UNKNOWN_WHY.get(r, r) for r in t["unknown_reason"].split(", "))
        line.append(f", and {t['unknown']} of unknown arrival ({why})")
    for piece in wrap(line, width):
        out.extend(piece)
        out.append("\n")
    worst = sorted((r for r in d["rows"] if r["missing"] or r["late"]),
                   key=lambda r: (-r["missing"], -r["late"], r["project"]))
    if worst:
        grid(out, None, ["project", "name", "expected", "received", "late", "missing",
                         "last card"], "llrrrrl",
             [([r["project"], trim(shape(r["name"]), 34), str(r["expected"]), str(r["received"]),
                late_cell(r["late"], r["unknown"]),
                (str(r["missing"]), "bold red" if r["missing"] else None),
                str(r["last_card"] or "never")], None) for r in worst[:MAX_LIST]])
        if len(worst) > MAX_LIST:
            out.append(f"  … and {len(worst) - MAX_LIST} more projects\n")
        if any(r["unknown"] for r in worst[:MAX_LIST]):
            out.append("  late: ? arrival unknown, ≥ N at least N late (see above why)\n",
                       style="dim")


def grid(out, title: str | None, headers: list[str], aligns: str, rows: list) -> None:
    """Append a plain table to `out`: columns padded by display width, no wrapping.

    rows: (cells, row_style); a cell is text or (text, style). Much faster than rich.Table,
    which measures every cell several times.
    """
    from rich.cells import cell_len

    def text_of(cell):
        return cell[0] if isinstance(cell, tuple) else cell

    widths = [cell_len(h) for h in headers]
    for cells, _style in rows:
        for i, cell in enumerate(cells):
            widths[i] = max(widths[i], cell_len(text_of(cell)))

    def pad(text: str, i: int) -> str:
        gap = " " * (widths[i] - cell_len(text))
        return gap + text if aligns[i] == "r" else text + gap

    if title:
        out.append(title + "\n", style="bold")
    out.append(" │ ".join(pad(h, i) for i, h in enumerate(headers)).rstrip() + "\n",
               style="bold")
    out.append("─┼─".join("─" * w for w in widths) + "\n", style="dim")
    for cells, style in rows:
        for i, cell in enumerate(cells):
            if i:
                out.append(" │ ", style="dim")
            text = pad(text_of(cell), i)
            if i == len(cells) - 1:
                text = text.rstrip()
            out.append(text, style=cell[1] if isinstance(cell, tuple) else style)
        out.append("\n")


def _lists(out, status: Status, shape) -> None:
    def action_table(title, rows):
        if not rows:
            return
        cells = [([a.id, trim(shape(a.text), 40), pct(a.planned), pct(a.actual),
                   var(a.actual, a.planned),
                   a.last_report.isoformat() if a.last_report else "never"],
                  None) for a in rows[:MAX_LIST]]
        out.append("\n")
        grid(out, f"{title} ({len(rows)})",
             ["action", "text", "plan", "actual", "var", "last report"], "llrrrl", cells)
        if len(rows) > MAX_LIST:
            out.append(f"  … and {len(rows) - MAX_LIST} more (pam status --only "
                       f"{rows[0].status} lists them all)\n")

    late = sorted([a for a in status.actions if a.status == "late"], key=lambda a: a.variance or 0)
    risk = sorted([a for a in status.actions if a.status == "at_risk"],
                  key=lambda a: a.variance or 0)
    action_table("Late actions — LATE", late)
    action_table("At-risk actions — AT RISK", risk)
    last_by_project = {}
    for a in status.actions:
        if a.last_report:
            last_by_project[a.project] = max(last_by_project.get(a.project, a.last_report),
                                             a.last_report)
    _alarms_and_indicators(out, status, shape)
    stale = [p for p in status.projects if p.stale]
    if stale:
        out.append("\n")
        grid(out, f"Stale projects: no report for a month or more ({len(stale)})",
             ["project", "name", "last report", "stale actions"], "lllr",
             [([p.id, trim(shape(p.name), 50), str(last_by_project.get(p.id, "never")),
                str(p.stale)], None) for p in stale[:MAX_LIST]])
    unreported = [p for p in status.projects if p.counts.get("unreported")]
    if unreported:
        out.append("\n")
        grid(out, f"Projects with due actions never reported ({len(unreported)})",
             ["project", "name", "unreported actions"], "llr",
             [([p.id, trim(shape(p.name), 50), str(p.counts["unreported"])], None)
              for p in unreported[:MAX_LIST]])


def _alarms_and_indicators(out, status: Status, shape) -> None:
    """Actions with a divergence alarm, then the indicators behind their plan (late or at
    risk), each in its own unit."""
    flagged = [a for a in status.actions if a.alarms]
    if flagged:
        out.append("\n")
        grid(out, f"Divergence alarms ({len(flagged)})",
             ["action", "text", "alarm", "done", "paid of cost", "indicators (actual/plan)"],
             "lllrrl",
             [([a.id, trim(shape(a.text), 30), ", ".join(x.replace("_", " ") for x in a.alarms),
                pct(a.actual), pct(100 * a.spent / a.cost) if a.cost and a.spent is not None
                else "—", "; ".join(f"{fmt_num(i.actual)}/{fmt_num(i.planned)} "
                                    f"{shape(i.unit or '')}".strip() for i in a.indicators)],
               None)
              for a in flagged[:MAX_LIST]])
    behind = [i for a in status.actions for i in a.indicators if i.status in ("late", "at_risk")]
    behind += [i for p in status.projects for i in p.project_indicators
               if i.status in ("late", "at_risk")]
    if behind:
        out.append("\n")
        grid(out, f"Indicators behind their plan ({len(behind)})",
             ["indicator", "name", "unit", "plan", "actual", "var", "status"], "lllrrrl",
             [([i.id, trim(shape(i.name), 30), shape(i.unit or ""), fmt_num(i.planned),
                fmt_num(i.actual), fmt_num(i.variance), (LABEL[i.status], STYLE[i.status])],
               None) for i in behind[:MAX_LIST]])
        if len(behind) > MAX_LIST:
            out.append(f"  … and {len(behind) - MAX_LIST} more (pam status --format json)\n")
