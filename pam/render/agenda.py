"""The agenda of the half-monthly review meeting (`pam status --by head`): for each project
head, the projects that need them to act (late, at-risk, stale or unreported actions; cards
missing this half year) and those actions. Pure data (`agenda`, also the JSON) and its text."""

from __future__ import annotations

from pam.i18n.terminal import column, n, t
from pam.monitor.results import Status
from pam.render.term import Terminal, grid

ACT_ON = ("late", "at_risk", "unreported")  # the statuses that put an action on the agenda
NO_HEAD = ""  # the group of the projects whose head the plan does not name


def agenda(status: Status, heads: dict, discipline_rows: list) -> list[dict]:
    """[{head, service, projects: [{id, name, status, actions: [ids], missing_cards,
    last_card}]}], heads in alphabetical order, the projects without a named head last;
    only the projects with something to act on."""
    missing = {r["project"]: r for r in discipline_rows}
    by_project: dict[str, list] = {}
    for a in status.actions:
        if a.status in ACT_ON or a.stale:
            by_project.setdefault(a.project, []).append(a)
    groups: dict[tuple, list] = {}
    for p in status.projects:
        row = missing.get(p.id, {})
        actions = by_project.get(p.id, [])
        if not actions and not row.get("missing"):
            continue
        head, service = heads.get(p.id, (None, None))
        groups.setdefault((head or NO_HEAD, service or ""), []).append({
            "id": p.id, "name": p.name, "status": p.status,
            "actions": [a.id for a in sorted(actions, key=lambda a: (a.variance or 0, a.id))],
            "missing_cards": row.get("missing", 0),
            "last_card": row["last_card"].isoformat() if row.get("last_card") else None,
        })
    order = sorted(groups, key=lambda k: (k[0] == NO_HEAD, k[0].casefold(), k[1].casefold()))
    return [{"head": k[0] or None, "service": k[1] or None, "projects": groups[k]}
            for k in order]


def render_agenda(header: dict, status: Status, scope, term: Terminal) -> None:
    from pam.render.status_view import cell, pct, var

    rows = (header.get("discipline") or {}).get("rows", [])
    items = agenda(status, scope.heads, rows)
    actions = {a.id: a for a in status.actions}
    nodes = {p.id: p for p in status.projects}
    term.print()
    term.print(t("agenda.title", date=status.as_of), "bold")
    projects = sum(len(g["projects"]) for g in items)
    if not items:
        term.print(t("agenda.nothing"))
        return
    named = sum(1 for g in items if g["head"])
    term.print(t("agenda.summary", heads=n(named, "heads"), projects=n(projects, "projects"))
               if named else t("agenda.summary_no_head", projects=n(projects, "projects")))
    for group in items:
        name = group["head"] or t("agenda.no_head")
        if group["service"]:
            name += f" · {group['service']}"
        count = sum(len(p["actions"]) for p in group["projects"])
        cards = sum(p["missing_cards"] for p in group["projects"])
        term.print()
        term.print(f"■ {name} — " + t("agenda.group", projects=n(len(group["projects"]),
                                                                   "projects"),
                                       actions=n(count, "actions"),
                                       cards=n(cards, "missing_cards")), "bold")
        rows_out: list[tuple[list, str | None]] = []
        for p in group["projects"]:
            node = nodes[p["id"]]
            rows_out.append(([p["id"], p["name"], pct(node.planned), pct(node.actual),
                              var(node.actual, node.planned), cell(p["status"]),
                              p["last_card"] or t("word.never"),
                              (str(p["missing_cards"]), "bold red")
                              if p["missing_cards"] else ""], "bold"))
            for action_id in p["actions"]:
                a = actions[action_id]
                mark = f" ({t('word.stale')})" if a.stale else ""
                rows_out.append((["  " + a.id, a.text, pct(a.planned), pct(a.actual),
                                  var(a.actual, a.planned), cell(a.status),
                                  (a.last_report.isoformat() if a.last_report
                                   else t("word.never")) + mark, ""], None))
        term.rows(grid([column("id"), t("col.text"), t("col.plan"), t("col.done"),
                        t("col.var"), column("status"), column("last_report"),
                        t("col.missing")], "llrrrllr", rows_out, width=term.width,
                       shape=term.shape, flex=(1,), mins={1: 14}))
    if not any(g["head"] for g in items):
        term.print()
        term.print(t("agenda.name_heads"), "dim")
