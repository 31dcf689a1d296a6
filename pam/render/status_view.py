"""The coordinator's terminal view of `pam status`: the header, the table of domains, axes and
projects, and the lists of what needs someone to act, with who that is.

It fits the terminal (names get the room; 80 columns without wrapping), speaks the run's
language (pam.i18n.terminal) and shapes Arabic through the terminal's Shaper. Printed through
pam.render.term (styled lines, no rich.console: see there why). The warm path of pam status:
no pydantic, no pam.model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pam.i18n.terminal import column, has, n, status_label, t
from pam.monitor.results import STATUSES, NodeResult, Status, gap, shown
from pam.render.term import Styled, Terminal, grid
from pam.render.text import fmt_num

if TYPE_CHECKING:
    import datetime as dt

STYLE = {"done": "green", "on_track": "green", "at_risk": "yellow", "late": "bold red",
         "unreported": "magenta", "not_due": "dim", "no_target": "dim", "cancelled": "dim",
         "stale": "yellow"}
MAX_LIST = 12
BAR_FROM = 100  # the progress bar column is shown from this width on
STALE = "stale"


@dataclass
class Scope:
    """What the view shows: a node (domain, axis or project id), statuses (and 'stale'),
    the depth of the table, the agenda by head, and the date asked when it was capped."""

    node: str | None = None
    only: tuple[str, ...] = ()
    depth: int | None = None
    by_head: bool = False
    asked: object = None
    hint: str = "pam status"  # the command that shows this view, for "… lists them all"
    heads: dict = field(default_factory=dict)  # project -> (head, service)


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


def label(status: str) -> Styled:
    return Styled(status_label(status), STYLE[status])


def cell(status: str) -> tuple[str, str]:
    return status_label(status), STYLE[status]


def why(node: NodeResult) -> str:
    """The status rule that fired, in a few words with its counts."""
    c, due = node.counts, node.due
    rule = node.rule
    if rule in ("mostly-unreported", "late-share", "late-below", "at-risk-share", "on-track"):
        count = {"mostly-unreported": c["unreported"], "late-share": c["late"],
                 "late-below": c["late"], "at-risk-share": c["late"] + c["at_risk"],
                 "on-track": due}[rule]
        return t(f"rule.{rule}", count=count, due=n(due, "due_actions"))
    return t(f"rule.{rule}") if has(f"rule.{rule}") else rule


def means_lines(node: NodeResult) -> list[str]:
    """The cost-weighted means and the means over reported actions, named."""
    lines = [t("head.weighted", planned=pct(node.planned_cost_weighted),
               actual=pct(node.actual_cost_weighted),
               variance=var(node.actual_cost_weighted, node.planned_cost_weighted),
               costed=n(node.costed, "costed_actions"), weight=fmt_num(node.weight))]
    if node.counted_as_zero:
        lines.append(t("head.reported_only", reported=n(node.reported, "reported_actions"),
                       planned=pct(node.planned_reported), actual=pct(node.actual_reported)))
    return lines


def left_out_line(node: NodeResult) -> str:
    """What the means left out and what they counted as 0%."""
    parts = [n(v, f"left_out.{k}") for k, v in node.excluded.items() if v]
    done_untargeted = node.excluded.get("no_target", 0) - node.counts.get("no_target", 0)
    if done_untargeted and parts:
        parts[0] += " " + t("head.of_them_done", count=done_untargeted)
    return t("head.means", measured=node.measured, actions=n(node.actions, "actions"),
             left_out=", ".join(parts) if parts else t("word.none"),
             zero=n(node.counted_as_zero, "without_report"))


def programmed_line(node: NodeResult) -> str:
    """Actions and projects programmed by the date, and the completion rate of the latter."""
    pr = node.projects
    rate = (f"{shown(100 * pr['programmed_done'] / pr['programmed']):.0f}%"
            if pr.get("programmed") else "—")
    return t("head.programmed", due=n(node.due, "actions"), due_done=node.due_done,
             done=pr.get("done", 0), in_progress=pr.get("in_progress", 0),
             not_started=pr.get("not_started", 0), late=pr.get("late", 0),
             programmed_done=pr.get("programmed_done", 0), programmed=pr.get("programmed", 0),
             rate=rate)


def figures(node: NodeResult) -> Styled:
    """planned / actual / variance / status (why), as the header prints them."""
    line = Styled(t("head.figures", planned=pct(node.planned), actual=pct(node.actual),
                    variance=var(node.actual, node.planned)) + "   ")
    line.extend(label(node.status))
    line.append(f" ({why(node)})")
    return line


def counts_line(node: NodeResult, prefix: str) -> Styled:
    """'151 actions: done 20  LATE 41 …  stale 13'."""
    line = Styled(prefix + t("head.counts", actions=n(node.actions, "actions")) + " ")
    for s in STATUSES:
        if node.counts.get(s):
            line.extend(label(s))
            line.append(f" {node.counts[s]}  ")
    if node.stale:
        line.append(f"{t('word.stale')} {node.stale}", STYLE["stale"])
    return line


def money_lines(node: NodeResult) -> list[str]:
    """The money stages, rates and funding of a node, and its alarms: only what the plan and
    the cards say (nothing for a plan without credits, commitments or funding)."""
    m = node.money
    out: list[str] = []
    if not m:
        return out
    if m["allocated"] or m["committed"]:
        out.append(t("head.money", allocated=fmt_num(m["allocated"]),
                     committed=fmt_num(m["committed"]), paid=fmt_num(m["paid"]),
                     paid_rate=pct(m["paid_of_allocated"]),
                     committed_rate=pct(m["committed_of_cost"])))
    if m["funded"]:
        out.append(t("head.funding", own=fmt_num(m["own"]), own_share=pct(m["own_share"]),
                     partner=fmt_num(m["partner"]), partner_share=pct(m["partner_share"]),
                     signed=pct(m["signed_share"]), coverage=pct(m["coverage"])))
    flagged = [f"{t('alarm.' + k)} {v}" for k, v in node.alarms.items() if v]
    if flagged:
        out.append(t("head.alarms", alarms=", ".join(flagged)))
    return out


def render_status(header: dict, status: Status, term: Terminal,
                  scope: Scope | None = None) -> None:
    """The whole view into `term` (term.flush prints it). header: the program's names, the
    example notice, the cards left out, the reporting discipline."""
    scope = scope or Scope()
    if header.get("notice"):
        term.centred(Styled(f" {header['notice']} ", "bold black on yellow"))
    _left_out_banner(term, header.get("left_out_cards") or [])
    term.panel(_header(header, status, scope))
    if status.actions and all(a.last_report is None for a in status.actions) \
            and not scope.only:
        term.print(t("view.no_card_yet"), "yellow")
    if scope.by_head:
        from pam.render.agenda import render_agenda

        render_agenda(header, status, scope, term)
        return
    _table(status, scope, term)
    _legend(term, table=scope.depth != 0)
    if scope.only:
        _selected(status, scope, term)
        return
    if scope.node and scope.node.count(".") == 2:  # a project: every action of it
        _action_list(term, t("list.project_actions"), status.actions, scope, full=True,
                     with_status=True)
    _lists(status, scope, term)
    if header.get("discipline"):
        _discipline(term, header["discipline"], scope)


def _left_out_banner(term: Terminal, left_out: list) -> None:
    """The cards left out of this view because they have errors: named, with the fix."""
    if not left_out:
        return
    term.print(t("view.left_out", cards=n(len(left_out), "cards")), "bold red")
    for item in left_out[:MAX_LIST]:
        term.print(f"  {item['problem']}", "red")
    if len(left_out) > MAX_LIST:
        term.print("  " + t("view.and_more", count=len(left_out) - MAX_LIST), "red")
    term.print(t("view.left_out_fix"), "red")


def _header(header: dict, status: Status, scope: Scope) -> Styled:
    p = status.program
    head = Styled()
    head.append(f"{header['name']}\n", style="bold")
    if header.get("name_fr"):
        head.append(f"{header['name_fr']}\n")
    head.append(t("head.as_of", date=status.as_of) + "   ", style="bold")
    if scope.asked is not None:
        head.append(t("head.capped", asked=scope.asked) + "   ", style="yellow")
    head.extend(figures(p))
    head.append("\n" + "\n".join(means_lines(p)) + f"\n{left_out_line(p)}\n")
    head.append(t("head.budget", cost=fmt_num(p.cost), ev=fmt_num(p.ev), ac=fmt_num(p.ac),
                  spi=fmt_num(p.spi), cpi=fmt_num(p.cpi)) + "\n")
    for line in money_lines(p):
        head.append(line + "\n")
    filtered = bool(scope.node or scope.only)
    head.extend(counts_line(p, t("head.program") + " " if filtered else ""))
    head.append(f"\n{programmed_line(p)}")
    node = _scope_node(status, scope.node)
    if node is not None:
        head.append("\n")
        head.append(t("head.shown_node", kind=t(f"kind.{node.kind}"), id=node.id,
                      name=node.name) + " ", style="bold")
        head.extend(figures(node))
        head.append("\n")
        head.extend(counts_line(node, "  "))
    if scope.only:
        selected = ", ".join(_only_label(s) for s in scope.only)
        head.append("\n")
        head.append(t("head.shown_only", shown=len(status.actions),
                      total=n(node.actions if node else p.actions, "actions"),
                      statuses=selected), style="bold")
    return head


def _only_label(s: str) -> str:
    return t("word.stale") if s == STALE else status_label(s)


def _scope_node(status: Status, node_id: str | None) -> NodeResult | None:
    if node_id is None:
        return None
    return next((x for x in status.domains + status.axes + status.projects
                 if x.id == node_id), None)


def _table(status: Status, scope: Scope, term: Terminal) -> None:
    """Domains, axes and projects, indented by level (to --depth); under --only, the nodes
    that hold a selected action."""
    if scope.depth == 0:
        return
    keep = None
    if scope.only:
        keep = {a.id.rsplit(".", k)[0] for a in status.actions for k in (1, 2, 3)}
    nodes = status.domains + status.axes + status.projects
    ids = {x.id for x in nodes}
    by_parent: dict[str, list[NodeResult]] = {}
    roots: list[NodeResult] = []
    for x in nodes:
        parent = x.id.rsplit(".", 1)[0] if "." in x.id else None
        while parent is not None and parent not in ids:  # a level the PAC does not have
            parent = parent.rsplit(".", 1)[0] if "." in parent else None
        if parent is None:
            roots.append(x)
        else:
            by_parent.setdefault(parent, []).append(x)
    with_bar = term.width >= BAR_FROM
    rows = []

    def add(x, depth):
        if keep is not None and x.id not in keep:
            return
        c = x.counts
        cells = ["  " * depth + x.id, x.name, pct(x.planned), pct(x.actual),
                 var(x.actual, x.planned)]
        if with_bar:
            cells.append(bar(x.actual, x.planned))
        cells += [cell(x.status), f"{c['late']}/{c['at_risk']}/{c['unreported']}"]
        rows.append((cells, "bold" if depth == 0 else None))
        if scope.depth is None or depth + 1 < scope.depth:
            for child in by_parent.get(x.id, []):
                add(child, depth + 1)

    for x in roots:
        add(x, 0)
    if not rows:
        return
    headers = [column("id"), t("col.name"), t("col.plan"), t("col.done"), t("col.var")]
    if with_bar:
        headers.append(t("col.progress"))
    headers += [column("status"), "L/R/U"]
    aligns = "llrrr" + ("l" if with_bar else "") + "ll"
    term.print()
    term.rows(grid(headers, aligns, rows, width=term.width, shape=term.shape, flex=(1,),
                   mins={1: 12}))


def _legend(term: Terminal, table: bool = True) -> None:
    keys = ["legend.plan", "legend.var" + (".bar" if term.width >= BAR_FROM else ""),
            "legend.lru"] if table else []
    keys += ["legend.money", "legend.rules"]
    for key in keys:
        term.print(t(key), "dim")


def who(scope: Scope, project_id: str) -> str:
    """The project's head and service, as named in the plan ('—' when none is)."""
    head, service = scope.heads.get(project_id, (None, None))
    if head and service:
        return f"{head} ({service})"  # cut at its end in a narrow column: the head stays
    return head or (f"— ({service})" if service else "—")


def _action_list(term: Terminal, title: str, actions: list, scope: Scope, *,
                 full: bool = False, with_status: bool = False, more: str | None = None):
    if not actions:
        return
    shown_rows = actions if full else actions[:MAX_LIST]
    rows = []
    for a in shown_rows:
        cells = [a.id, a.text, pct(a.planned), pct(a.actual), var(a.actual, a.planned)]
        if with_status:
            cells.append(cell(a.status))
        cells += [a.last_report.isoformat() if a.last_report else t("word.never"),
                  who(scope, a.project)]
        rows.append((cells, None))
    headers = [column("action"), t("col.text"), t("col.plan"), t("col.done"), t("col.var")]
    if with_status:
        headers.append(column("status"))
    headers += [column("last_report"), column("head")]
    last = len(headers) - 1
    term.print()
    term.print(f"{title} ({len(actions)})", "bold")
    term.rows(grid(headers, "llrrr" + ("l" if with_status else "") + "ll", rows,
                   width=term.width, shape=term.shape, flex=(1, last),
                   mins={1: 14, last: 8}))
    if len(actions) > len(shown_rows):
        term.print("  " + t("view.more", count=len(actions) - len(shown_rows),
                            command=more or scope.hint), "dim")


def _selected(status: Status, scope: Scope, term: Terminal) -> None:
    """Under --only: every selected action, worst variance first."""
    actions = sorted(status.actions, key=lambda a: (a.variance if a.variance is not None
                                                    else 1000, a.id))
    title = t("list.selected", statuses=", ".join(_only_label(s) for s in scope.only))
    if not actions:
        term.print()
        term.print(t("view.none_selected"), "bold")
        return
    _action_list(term, title, actions, scope, full=True, with_status=True)


def _lists(status: Status, scope: Scope, term: Terminal) -> None:
    def worst(kind):
        return sorted([a for a in status.actions if a.status == kind],
                      key=lambda a: (a.variance or 0, a.id))

    for kind, key in (("late", "list.late"), ("at_risk", "list.at_risk")):
        found = worst(kind)
        _action_list(term, t(key), found, scope,
                     more=f"{scope.hint} --only {kind}")
    last_by_project: dict[str, dt.date] = {}
    for a in status.actions:
        if a.last_report:
            last_by_project[a.project] = max(last_by_project.get(a.project, a.last_report),
                                             a.last_report)
    _alarms_and_indicators(status, scope, term)
    stale = [p for p in status.projects if p.stale]
    if stale:
        term.print()
        term.print(t("list.stale", count=len(stale)), "bold")
        term.rows(grid([column("project"), t("col.name"), column("last_report"),
                        t("col.stale_actions"), column("head")], "lllrl",
                       [([p.id, p.name, str(last_by_project.get(p.id, t("word.never"))),
                          str(p.stale), who(scope, p.id)], None) for p in stale],
                       width=term.width, shape=term.shape, flex=(1, 4), mins={1: 12, 4: 8}))
    unreported = [p for p in status.projects if p.counts.get("unreported")]
    if unreported:
        term.print()
        term.print(t("list.unreported", count=len(unreported)), "bold")
        term.rows(grid([column("project"), t("col.name"), t("col.unreported_actions"),
                        column("head")], "llrl",
                       [([p.id, p.name, str(p.counts["unreported"]), who(scope, p.id)], None)
                        for p in unreported],
                       width=term.width, shape=term.shape, flex=(1, 3), mins={1: 12, 3: 8}))


UNKNOWN_WHY = ("no-git", "shallow", "not-committed")


def late_cell(late: int, unknown: int) -> str:
    """Late cards, '?' when the arrival of some cannot be known (≥ N: at least N late)."""
    if not unknown:
        return str(late)
    return f"≥{late}" if late else "?"


def _discipline(term: Terminal, d: dict, scope: Scope) -> None:
    """Half-monthly cards expected, received (of which late) and missing this half year."""
    tot = d["totals"]
    if not tot["expected"]:
        return
    got = tot["expected"] - tot["missing"]
    line = Styled(t("disc.title", since=d["since"]) + " ", "bold")
    line.append(t("disc.received", got=got, expected=n(tot["expected"], "expected_cards"),
                  rate=f"{tot['rate']:.0f}", missing=tot["missing"],
                  received=tot["received"]))
    if tot["received"] > got:
        line.append(" " + t("disc.finished", count=tot["received"] - got))
    line.append("; " + t("disc.late", count=tot["late"]))
    if tot["unknown"]:
        reasons = "; ".join(t(f"disc.why.{r}") if r in UNKNOWN_WHY else r
                            for r in tot["unknown_reason"].split(", "))
        line.append(", " + t("disc.unknown", count=tot["unknown"], why=reasons))
    term.print()
    term.print(line)
    worst = sorted((r for r in d["rows"] if r["missing"] or r["late"]),
                   key=lambda r: (-r["missing"], -r["late"], r["project"]))
    if not worst:
        return
    rows = [([r["project"], r["name"], str(r["expected"]), str(r["received"]),
              late_cell(r["late"], r["unknown"]),
              (str(r["missing"]), "bold red" if r["missing"] else None),
              str(r["last_card"] or t("word.never")), who(scope, r["project"])], None)
            for r in worst[:MAX_LIST]]
    term.rows(grid([column("project"), t("col.name"), t("col.expected"),
                    t("col.received"), t("col.late"), t("col.missing"), column("last_card"),
                    column("head")], "llrrrrll", rows, width=term.width, shape=term.shape,
                   flex=(1, 7), mins={1: 12, 7: 8}))
    if len(worst) > MAX_LIST:
        term.print("  " + t("view.more", count=len(worst) - MAX_LIST,
                            command=f"{scope.hint} --by head"), "dim")
    if any(r["unknown"] for r in worst[:MAX_LIST]):
        term.print("  " + t("disc.legend"), "dim")


def _alarms_and_indicators(status: Status, scope: Scope, term: Terminal) -> None:
    """Actions with a divergence alarm, then the indicators behind their plan (late or at
    risk), each in its own unit."""
    flagged = [a for a in status.actions if a.alarms]
    if flagged:
        rows: list[tuple[list[str | tuple[str, str]], str | None]] = [
                ([a.id, a.text, ", ".join(t("alarm." + x) for x in a.alarms), pct(a.actual),
                  pct(100 * a.spent / a.cost) if a.cost and a.spent is not None else "—",
                  "; ".join(f"{fmt_num(i.actual)}/{fmt_num(i.planned)} {i.unit or ''}".strip()
                            for i in a.indicators)], None)
                for a in flagged[:MAX_LIST]]
        term.print()
        term.print(t("list.alarms", count=len(flagged)), "bold")
        term.rows(grid([column("action"), t("col.text"), t("col.alarm"), t("col.done"),
                        t("col.paid_of_cost"), t("col.indicators")], "lllrrl", rows,
                       width=term.width, shape=term.shape, flex=(1, 5), mins={1: 14, 5: 10}))
        if len(flagged) > MAX_LIST:
            term.print("  " + t("view.more", count=len(flagged) - MAX_LIST,
                                command=f"{scope.hint} --format json"), "dim")
    behind = [i for a in status.actions for i in a.indicators if i.status in ("late", "at_risk")]
    behind += [i for p in status.projects for i in p.project_indicators
               if i.status in ("late", "at_risk")]
    if behind:
        rows = [([i.id, i.name, i.unit or "", fmt_num(i.planned), fmt_num(i.actual),
                  fmt_num(i.variance), cell(i.status)], None) for i in behind[:MAX_LIST]]
        term.print()
        term.print(t("list.indicators_behind", count=len(behind)), "bold")
        term.rows(grid([t("col.indicator"), t("col.name"), t("col.unit"), t("col.plan"),
                        t("col.done"), t("col.var"), column("status")], "lllrrrl", rows,
                       width=term.width, shape=term.shape, flex=(1,), mins={1: 12}))
        if len(behind) > MAX_LIST:
            term.print("  " + t("view.more", count=len(behind) - MAX_LIST,
                                command=f"{scope.hint} --format json"), "dim")
