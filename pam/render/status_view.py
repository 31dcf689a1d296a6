"""The coordinator's terminal view of `pam status` (rich), readable without colour in 100 columns."""

from __future__ import annotations

from ..plan import Plan
from ..status import Status
from ..variance import STATUSES
from .text import fmt_num

STYLE = {"done": "green", "on_track": "green", "at_risk": "yellow", "late": "bold red",
         "unreported": "magenta", "not_due": "dim", "no_target": "dim"}
LABEL = {"done": "done", "on_track": "on track", "at_risk": "AT RISK", "late": "LATE",
         "unreported": "unreported", "not_due": "not due", "no_target": "no target"}
MAX_LIST = 12
NAME_W = 26  # keeps the table within 100 columns


def pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.0f}%"


def pts(v: float | None) -> str:
    return "—" if v is None else f"{v:+.0f}"


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


def status_label(status: str):
    from rich.text import Text

    return Text(LABEL[status], style=STYLE[status])


def trim(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_status(plan: Plan, status: Status, shape, console) -> None:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    prog = plan.program
    p = status.program
    if prog.example:
        console.print(Text(f" {prog.example.notice} ", style="bold black on yellow"),
                      justify="center")
    head = Text()
    head.append(f"{shape(prog.name.ar)}\n", style="bold")
    if prog.name.fr:
        head.append(f"{prog.name.fr}\n")
    head.append(f"as of {status.as_of}   ", style="bold")
    head.append(f"planned {pct(p.planned)}   actual {pct(p.actual)}   variance {pts(p.variance)} "
                f"pts   ")
    head.append_text(status_label(p.status))
    head.append(f"\nbudget {fmt_num(p.cost)} M MAD   earned {fmt_num(p.ev)}   spent "
                f"{fmt_num(p.ac)}   SPI {fmt_num(p.spi)}   CPI {fmt_num(p.cpi)}\n")
    head.append(f"{len(status.actions)} actions: ")
    for s in STATUSES:
        if p.counts.get(s):
            head.append_text(status_label(s))
            head.append(f" {p.counts[s]}  ")
    if p.stale:
        head.append(f"stale {p.stale}", style="yellow")
    console.print(Panel(head, expand=True))

    table = Table(show_edge=False, pad_edge=False, expand=False, header_style="bold")
    table.add_column("id", no_wrap=True, min_width=12)
    table.add_column("name", no_wrap=True, max_width=NAME_W)
    table.add_column("plan", justify="right", min_width=4, no_wrap=True)
    table.add_column("done", justify="right", min_width=4, no_wrap=True)
    table.add_column("var", justify="right", min_width=4, no_wrap=True)
    table.add_column("progress", no_wrap=True, min_width=10)
    table.add_column("status", no_wrap=True, min_width=10)
    table.add_column("L/R/U", justify="right", no_wrap=True, min_width=5)
    by_parent = {}
    for n in status.axes + status.projects:
        by_parent.setdefault(n.id.rsplit(".", 1)[0], []).append(n)

    def add(n, depth):
        c = n.counts
        flags = f"{c['late']}/{c['at_risk']}/{c['unreported']}"
        name = trim(shape(n.name), NAME_W - 2 * depth)
        table.add_row(("  " * depth) + n.id, ("  " * depth) + name, pct(n.planned),
                      pct(n.actual), pts(n.variance), bar(n.actual, n.planned),
                      status_label(n.status), flags,
                      style="bold" if depth == 0 else None)
        for child in by_parent.get(n.id, []):
            add(child, depth + 1)

    for d in status.domains:
        add(d, 0)
    console.print(table)
    console.print("[dim]plan/done: planned and actual % (mean over actions with a target); var: "
                  "points; progress: █ done, │ planned; L/R/U: late / at-risk / unreported "
                  "actions[/]")
    _lists(status, shape, console)


def _lists(status: Status, shape, console) -> None:
    from rich.table import Table

    def action_table(title, rows, extra):
        if not rows:
            return
        t = Table(title=f"{title} ({len(rows)})", title_justify="left", show_edge=False,
                  pad_edge=False, header_style="bold", title_style="bold")
        t.add_column("action", no_wrap=True)
        t.add_column("text", no_wrap=True, max_width=40)
        t.add_column("plan", justify="right")
        t.add_column("actual", justify="right")
        t.add_column("var", justify="right")
        t.add_column(extra, no_wrap=True)
        for a in rows[:MAX_LIST]:
            last = a.last_report.isoformat() if a.last_report else "never"
            t.add_row(a.id, trim(shape(a.text), 40), pct(a.planned), pct(a.actual),
                      pts(a.variance), last)
        console.print(t)
        if len(rows) > MAX_LIST:
            console.print(f"  … and {len(rows) - MAX_LIST} more "
                          f"(pam status --only {rows[0].status} lists them all)")

    late = sorted([a for a in status.actions if a.status == "late"], key=lambda a: a.variance or 0)
    risk = sorted([a for a in status.actions if a.status == "at_risk"],
                  key=lambda a: a.variance or 0)
    action_table("Late actions — LATE", late, "last report")
    action_table("At-risk actions — AT RISK", risk, "last report")
    stale = [p for p in status.projects if p.stale]
    last_by_project = {}
    for a in status.actions:
        if a.last_report:
            last_by_project[a.project] = max(last_by_project.get(a.project, a.last_report),
                                             a.last_report)
    if stale:
        t = Table(title=f"Stale projects: no report for a month or more ({len(stale)})",
                  title_justify="left", show_edge=False, pad_edge=False, title_style="bold")
        t.add_column("project", no_wrap=True)
        t.add_column("name", no_wrap=True, max_width=50)
        t.add_column("last report", no_wrap=True)
        t.add_column("stale actions", justify="right")
        for p in stale[:MAX_LIST]:
            t.add_row(p.id, trim(shape(p.name), 50), str(last_by_project.get(p.id, "never")),
                      str(p.stale))
        console.print(t)
    unreported = [p for p in status.projects if p.counts.get("unreported")]
    if unreported:
        t = Table(title=f"Projects with due actions never reported ({len(unreported)})",
                  title_justify="left", show_edge=False, pad_edge=False, title_style="bold")
        t.add_column("project", no_wrap=True)
        t.add_column("name", no_wrap=True, max_width=50)
        t.add_column("unreported actions", justify="right")
        for p in unreported[:MAX_LIST]:
            t.add_row(p.id, trim(shape(p.name), 50), str(p.counts["unreported"]))
        console.print(t)
