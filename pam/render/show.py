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
        data.update(action_json(node, plan.loaded_program.years))
    if found is not None and node.seed_lines:
        data["seed_text"] = ({str(k): v for k, v in cited_lines(found.path,
                                                                 node.seed_lines).items()}
                             if found.path else None)
        data["seed_text_reason"] = found.reason
    return data


def render_show(plan: Plan, node, term, found=None) -> None:
    """One node in full into `term`: its fields, each value wrapped under its name (Arabic
    shaped line by line, in reading order)."""
    from pam.render.term import Styled

    kind, _n, parents = plan.find(node.id)
    file, line, _ = plan.where(node)
    rows: list[tuple[str, Styled | str]] = [(kind, node.id)]
    place = Styled()
    for i, p in enumerate(parents):
        if i:
            place.append(" › ", "dim")
        place.append(f"{p.id} ", "bold").append(p.name.ar, None, join=False)
    rows.append(("in", place if parents else "—"))
    if isinstance(node, Action):
        rows.append(("text", node.text))
        rows.append(("cost", {"costed": f"{fmt_num(node.cost_value)} million MAD",
                              "no_cost": "no cost of its own (-)",
                              "not_fixed": "cost not fixed (*)",
                              "blank": "blank in the seed"}[node.cost_status]))
        years = plan.loaded_program.years
        rows.append(("targets", "  ".join(f"{y}: {node.targets[y]:g}%" if y in node.targets
                                          else f"{y}: ·" for y in years)))
    else:
        rows.append(("name", node.name.ar))
        if node.name.fr:
            rows.append(("français", neutralize(node.name.fr)))
        rows.append(("contains", summary_line(node)))
        for key in ("head", "service", "location"):
            if getattr(node, key, None):
                rows.append((key, getattr(node, key)))
    rows.append(("file", f"{file}:{line}"))
    if node.seed_lines:
        rows.append(("seed lines", ", ".join(map(str, node.seed_lines))))
        if found is not None and found.path is not None:
            for number, text in cited_lines(found.path, node.seed_lines).items():
                rows.append(("", Styled(f"{number}: ", "dim").append(text, None, join=False)))
        elif found is not None:
            rows.append(("", Styled(document_note(found), "dim")))
    for i, note in enumerate(node.notes):
        rows.append(("notes" if i == 0 else "", note))
    width = max(len(k) for k, _ in rows) + 2
    for key, value in rows:
        styled = value if isinstance(value, Styled) else Styled(str(value))
        term.print(styled, by_part=True, first=key.ljust(width), indent=" " * width,
                   lead="bold")
