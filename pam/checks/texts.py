"""Checks of every text of the plan and the cards: control, bidi and invisible characters.

What counts as which is one table, in pam.render.text (the outputs neutralize the same
characters): control characters and bidi embeddings, overrides and isolates are errors (they
are not text, and they drive or reorder what a terminal or a report shows); invisible
characters and Arabic presentation forms are warnings (they hide data and break search, but
harm nothing). YAML refuses raw control characters itself (yaml-control-character); these
checks see what its escapes make ("\\e", "\\x07", "\\u202e") and what YAML allows raw.
"""

from __future__ import annotations

import unicodedata

from pydantic import BaseModel

from pam.plan import Plan
from pam.problems import Problem, Severity
from pam.render.text import char_name, flagged

CODES: dict[str, tuple[Severity, str]] = {
    "control": ("error", "control-character"), "bidi": ("error", "bidi-control"),
    "invisible": ("warning", "invisible-character"),
    "presentation": ("warning", "presentation-forms")}
WHY = {
    "control": "a control character, not text: on a terminal it can clear the screen, ring "
               "or forge output; delete it (a YAML escape such as \"\\e\" or \"\\x07\", or a "
               "copy-paste, puts it there)",
    "bidi": "a bidi formatting character: it reorders the text after it, so the value shows "
            "what it is not; delete it (right-to-left text needs no such character)",
    "invisible": "an invisible character: two texts that look alike then differ (search, "
                 "sorting, comparisons); delete it unless it is meant",
    "presentation": "Arabic presentation forms (glyph codes copied from a PDF), not letters: "
                    "search and sorting miss them; retype the word",
}


def check_plan_texts(plan: Plan) -> list[Problem]:
    """Every text of program.yaml, the domain files and the amendments."""
    out: list[Problem] = []
    for top in ([plan.program] if plan.program else []) + plan.domains + plan.amendments:
        for path, text in model_texts(top):
            out += text_problems(plan, top, path, text)
    return out


def check_card_texts(plan: Plan) -> list[Problem]:
    """Every text of each card (reporter, notes, corrections, obstacles, ...)."""
    out: list[Problem] = []
    for card in plan.cards:
        for path, text in card_texts(card):
            out += text_problems(plan, card, path, text)
    return out


def card_texts(card):
    """(path, text) of a card's texts, the fast way (cards are many)."""
    if card.reporter:
        yield ("reporter",), card.reporter
    for i, e in enumerate(card.actions):
        if e.note:
            yield ("actions", i, "note"), e.note
        if e.correction:
            yield ("actions", i, "correction"), e.correction
    for key in ("obstacles", "solutions", "risks", "next_steps", "notes"):
        for i, item in enumerate(getattr(card, key)):
            if isinstance(item, str):
                yield (key, i), item
            else:  # an obstacle, solution or risk: its text and its other texts (owner...)
                for field, value in ((f, getattr(item, f)) for f in type(item).model_fields):
                    if isinstance(value, str):
                        yield (key, i, field), value


def model_texts(node, path: tuple = ()):
    """(path, text) of every string held by a model, its lists, mappings and sub-models."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from model_texts(getattr(node, name), path + (name,))
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from model_texts(item, path + (i,))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from model_texts(value, path + (key,))


def text_problems(plan: Plan, node, path: tuple, text: str) -> list[Problem]:
    """One problem per kind of character found in one text (the first few named)."""
    found = flagged(text)
    if not found:
        return []
    out = []
    label = ".".join(str(k) for k in path[-2:] if isinstance(k, str)) or "text"
    for kind in ("control", "bidi", "invisible", "presentation"):
        hits = [(i, ch) for i, ch, k in found if k == kind]
        if not hits:
            continue
        severity, code = CODES[kind]
        names = sorted({ch for _, ch in hits}, key=lambda c: text.index(c))
        shown = ", ".join(char_name(ch) for ch in names[:3]) + (", ..." if len(names) > 3 else "")
        first = hits[0][0] + 1
        fix = ""
        if kind == "presentation":
            fixed = unicodedata.normalize("NFKC", text)
            fix = f" (the letters would read: '{fixed[:60]}')" if fixed != text else ""
        out.append(plan.problem(node, path, severity, code,
                                f"'{label}' holds {shown} ({len(hits)} in all, the first at "
                                f"character {first}): {WHY[kind]}{fix}"))
    return out
