"""One node of the plan in full (pam show): fields, seed lines and transcription notes."""

from __future__ import annotations

from pam.document import cited_lines
from pam.model import Action
from pam.plan import Plan
from pam.render.text import fmt_num, neutralize
from pam.render.tree import action_json, summary_line

REASONS = {"not-named": "program.yaml names no source document",
           "no-path": "program.yaml gives no path to the source document",
           "missing": "the source document is not at {where}",
           "hash-mismatch": "{where} is not the source document program.yaml names (its "
                            "SHA-256 differs)"}


def document_note(found) -> str:
    """Why the cited lines are not shown (and how to show them)."""
    where = " or ".join(str(p) for p in found.where) or "its path"
    return REASONS[found.reason].format(where=where) + \
        "; pam show ID --document FILE reads another copy"


def show_json(plan: Plan, node, found=None) -> dict:
    kind, _node, parents = plan.find(node.id)
    data = node.model_dump(mode="json", exclude={"axes", "projects", "actions"})
    data["kind"] = kind
    data["parents"] = [p.id for p in parents]
    data["file"], data["line"], _ = plan.where(node)
    if isinstance(node, Action):
        data.update(action_json(node, plan.program.years))
    if found is not None and node.seed_lines:
        data["seed_text"] = ({str(k): v for k, v in cited_lines(found.path,
                                                                 node.seed_lines).items()}
                             if found.path else None)
        data["seed_text_reason"] = found.reason
    return data


def render_show(plan: Plan, node, shape, found=None):
    from rich.markup import escape
    from rich.table import Table

    kind, _n, parents = plan.find(node.id)
    file, line, _ = plan.where(node)
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold")
    t.add_column()
    t.add_row(kind, node.id)
    t.add_row("in", " › ".join(f"{p.id} {shape(p.name.ar)}" for p in parents) or "—")
    if isinstance(node, Action):
        t.add_row("text", escape(shape(node.text)))
        cost = {"costed": f"{fmt_num(node.cost_value)} million MAD",
                "no_cost": "no cost of its own (-)", "not_fixed": "cost not fixed (*)",
                "blank": "blank in the seed"}[node.cost_status]
        t.add_row("cost", cost)
        years = plan.program.years
        t.add_row("targets", "  ".join(
            f"{y}: {node.targets[y]:g}%" if y in node.targets else f"{y}: ·" for y in years))
    else:
        t.add_row("name", escape(shape(node.name.ar)))
        if node.name.fr:
            t.add_row("français", escape(neutralize(node.name.fr)))
        t.add_row("contains", summary_line(node, shape))
        for key in ("head", "service", "location"):
            if getattr(node, key, None):
                t.add_row(key, escape(shape(getattr(node, key))))
    t.add_row("file", f"{file}:{line}")
    if node.seed_lines:
        t.add_row("seed lines", ", ".join(map(str, node.seed_lines)))
        if found is not None and found.path is not None:
            for number, text in cited_lines(found.path, node.seed_lines).items():
                t.add_row("", escape(f"{number}: {shape(text)}"))
        elif found is not None:
            t.add_row("", escape(document_note(found)), style="dim")
    for i, note in enumerate(node.notes):
        t.add_row("notes" if i == 0 else "", escape(shape(note)))
    return t
