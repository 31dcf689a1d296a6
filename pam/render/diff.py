"""pam diff's output: the comparison as text for a terminal, as Markdown and as JSON."""

from __future__ import annotations

from pam.diff.compare import COST_WORDS, Node, PlanDiff, _norm_text, cost_status
from pam.render.text import neutralize


def _num(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _node_json(n: Node) -> dict:
    return {"kind": n.kind, "id": n.id, "parent": n.parent, "name": n.name,
            "name_fr": n.name_fr, "cost": _num(n.cost), "cost_status": n.cost_status,
            "targets": {str(y): _num(v) for y, v in n.targets},
            "added_by": n.added_by, "dropped_by": n.dropped_by}


def diff_json(d: PlanDiff) -> dict:
    """The PlanDiff as JSON-ready data (stable keys)."""
    from dataclasses import asdict

    def rows(items):
        return [{k: _num(v) for k, v in asdict(i).items()} for i in items]

    t = d.totals
    return {
        "before": {"label": d.before.label, "commit": d.before.commit},
        "after": {"label": d.after.label, "commit": d.after.commit},
        "changed": d.changed,
        "totals": {
            "actions": {"before": t.actions_before, "after": t.actions_after,
                        "difference": t.actions_difference},
            "cost": {"before": _num(t.cost_before), "after": _num(t.cost_after),
                     "difference": _num(t.cost_difference)},
        },
        "added": [_node_json(n) for n in d.added],
        "removed": [_node_json(n) for n in d.removed],
        "moved": rows(d.moved), "renamed": rows(d.renamed), "costs": rows(d.costs),
        "targets": rows(d.targets), "marks": rows(d.marks),
    }


def fmt_cost(cost, code: bool = False) -> str:
    """0.5, '* (not fixed)', '- (no cost of its own)', 'blank'; code=True quotes the sign."""
    status = cost_status(cost)
    if status == "costed":
        return f"{cost:g}"
    sign = f"`{cost}`" if code else cost
    return "blank" if cost is None else f"{sign} ({COST_WORDS[status]})"


def _pct(value) -> str:
    return "—" if value is None else f"{value:g}%"


def _signed(value: float, digits: int = 2) -> str:
    return f"{value:+.{digits}f}" if digits else f"{value:+d}"


def _targets(targets) -> str:
    return ", ".join(f"{y}: {v:g}%" for y, v in targets) or "none"


def _short(text: str | None, width: int = 60) -> str:
    text = _norm_text(text or "")
    return text if len(text) <= width else text[:width - 1] + "…"


def render_text(d: PlanDiff, shape=lambda s: s) -> str:
    """The comparison for a terminal: totals, then one line per change."""
    t = d.totals
    lines = [f"pam diff: {d.before} → {d.after}",
             f"actions {t.actions_before} → {t.actions_after} "
             f"({_signed(t.actions_difference, 0)}); numeric cost {t.cost_before:.2f} → "
             f"{t.cost_after:.2f} M MAD ({_signed(t.cost_difference)})"]
    if not d.changed:
        return "\n".join(lines + ["no difference in the plan"]) + "\n"

    def section(title, items, line):
        if items:
            lines.extend(["", f"{title} ({len(items)})"])
            lines.extend("  " + line(i) for i in items)

    def node(n: Node) -> str:
        where = f" in {n.parent}" if n.parent else ""
        extra = (f"  cost {fmt_cost(n.cost)}; targets {_targets(n.targets)}"
                 if n.kind == "action" else "")
        return f"{n.kind:<8} {n.id}{where}  {shape(neutralize(_short(n.name)))}{extra}"

    section("added", d.added, lambda n: "+ " + node(n))
    section("removed", d.removed, lambda n: "- " + node(n))
    section("moved", d.moved, lambda m: (
        f"> {m.kind:<8} {m.id_before} (in {m.parent_before or '—'}) → {m.id_after} "
        f"(in {m.parent_after or '—'})  {shape(_short(m.name))}"))
    section("renamed", d.renamed, lambda r: (
        f"~ {r.kind:<8} {r.id} {r.field}: {shape(_short(r.before, 40))} → "
        f"{shape(_short(r.after, 40))}"))
    section("cost (million MAD)", d.costs, lambda c: (
        f"$ {c.id}  {fmt_cost(c.before)} → {fmt_cost(c.after)}"
        + (f" ({_signed(c.difference)})" if c.difference is not None else "")))
    section("targets (cumulative % at 31 December)", d.targets, lambda x: (
        f"% {x.id}  {x.year}: {_pct(x.before)} → {_pct(x.after)}"))
    section("amendment marks", d.marks, lambda m: (
        f"! {m.id}  {m.field}: {m.before or '—'} → {m.after or '—'}"))
    return neutralize("\n".join(lines)) + "\n"  # the texts of plans that may have errors


def _cell(value) -> str:
    text = "—" if value is None or value == "" else neutralize(str(value), newlines=False)
    return text.replace("|", "\\|")


def _table(head: list[str], rows: list[list]) -> list[str]:
    return (["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows])


def render_markdown(d: PlanDiff) -> str:
    """The comparison as Markdown (a pull-request comment, an amendment's record)."""
    t = d.totals
    out = [f"## Plan changes: {_cell(d.before)} → {_cell(d.after)}", ""]
    out += _table(["", "before", "after", "difference"], [
        ["actions", t.actions_before, t.actions_after, _signed(t.actions_difference, 0)],
        ["numeric cost (million MAD)", f"{t.cost_before:.2f}", f"{t.cost_after:.2f}",
         _signed(t.cost_difference)]])
    if not d.changed:
        return "\n".join(out + ["", "No difference in the plan."]) + "\n"

    def section(title, items, head, row):
        if items:
            out.extend(["", f"### {title} ({len(items)})", ""])
            out.extend(_table(head, [row(i) for i in items]))

    node_head = ["kind", "id", "parent", "name / text", "cost", "targets"]

    def node_row(n: Node):
        return [n.kind, f"`{n.id}`", n.parent, n.name,
                fmt_cost(n.cost, True) if n.kind == "action" else None,
                _targets(n.targets) if n.kind == "action" else None]

    section("Added", d.added, node_head, node_row)
    section("Removed", d.removed, node_head, node_row)
    section("Moved", d.moved, ["kind", "before", "after", "name / text"], lambda m: [
        m.kind, f"`{m.id_before}` in {m.parent_before or '—'}",
        f"`{m.id_after}` in {m.parent_after or '—'}", m.name])
    section("Renamed", d.renamed, ["kind", "id", "field", "before", "after"],
            lambda r: [r.kind, f"`{r.id}`", r.field, r.before, r.after])
    section("Cost changes (million MAD)", d.costs, ["action", "before", "after", "difference"],
            lambda c: [f"`{c.id}`", fmt_cost(c.before, True), fmt_cost(c.after, True),
                       _signed(c.difference) if c.difference is not None else None])
    section("Target changes (cumulative % at 31 December)", d.targets,
            ["action", "year", "before", "after"],
            lambda x: [f"`{x.id}`", x.year, _pct(x.before), _pct(x.after)])
    section("Amendment marks", d.marks, ["action", "field", "before", "after"],
            lambda m: [f"`{m.id}`", m.field, m.before, m.after])
    return "\n".join(out) + "\n"
