"""Checks of the plan's files as files: what is not read (named, never silently skipped), two
cards for one half month, and YAML merge keys (which the reader would have applied).

The rules of a plan folder (pam.load.files): program.yaml; domains/*.yaml; amendments/ at any
depth; progress/PROJECT/*.yaml (and a card misplaced directly in progress/). YAML suffixes in
any case (.yaml, .yml, .YAML). Hidden files and folders (.git, an editor's .#lock) are skipped,
but a hidden YAML file is named. Symbolic links to folders are never followed.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from pam.load.files import unread_entries
from pam.load.positions import relpath
from pam.plan import Plan
from pam.problems import Problem, error


def _warning(file: str, code: str, message: str) -> Problem:
    return Problem(file, 1, 1, "warning", code, message)


def check_plan_tree(plan: Plan) -> list[Problem]:
    """Every entry of the plan folder that is not read, named: an error when it holds data pam
    should count (a project folder that is a link, a file or unreadable; progress/ that is a
    file), a warning for what is merely out of place (a backup copy, a note, a stray file).

    Not a plan check nor a card check: it looks at the folder listing, not at the models
    (a new file beside the cards changes its answer, whatever the cards hold)."""
    if not plan.root.is_dir():
        return []
    projects = set(plan.ids("project"))
    out = []
    for path, kind, detail in unread_entries(plan.root):
        rel = relpath(Path(path))
        name = os.path.basename(path)
        if kind == "not-a-folder":
            out.append(error(rel, 1, 1, "not-a-folder",
                             f"expected the folder {name}/, found a file; pam reads "
                             f"{name}/*.yaml: move the file away and make {name} a folder"))
        elif kind == "folder-link":
            out.append(error(rel, 1, 1, "folder-link",
                             f"expected a folder, found a symbolic link to '{detail}': pam "
                             "follows no link to a folder inside the plan (its cards would "
                             "be read from, and written to, somewhere else); replace the link "
                             "by the folder itself"))
        elif kind == "unreadable":
            out.append(error(rel, 1, 1, "folder-unreadable",
                             f"expected a readable folder, but it cannot be listed ({detail}); "
                             "nothing in it is read: fix its permissions"))
        elif kind == "not-yaml" and detail == "project" and name in projects:
            out.append(error(rel, 1, 1, "not-a-folder",
                             f"expected the folder of project {name}'s cards, found a file; "
                             f"cards live at progress/{name}/PERIOD.yaml: move the file away "
                             "and make it a folder"))
        elif kind == "subfolder":
            inside = [f for f in detail.split("\n") if f]
            listed = ", ".join(inside[:3]) + (", ..." if len(inside) > 3 else "")
            what = (f"it holds {len(inside)} YAML file(s) ({listed}), which are not read"
                    if inside else "nothing in it is read")
            where = ("cards live at progress/PROJECT/PERIOD.yaml"
                     if "progress" in rel.split("/") else "domain files live in domains/")
            out.append(_warning(rel, "folder-not-read",
                                f"a folder below the levels pam reads: {what} ({where}); a "
                                "backup copy belongs outside the plan folder (git keeps the "
                                "history): move it out, or move its files up if they count"))
        elif kind == "hidden-yaml":
            out.append(_warning(rel, "file-not-read",
                                "a hidden YAML file (its name starts with '.') is not read; "
                                "rename it without the '.' if it belongs to the plan, or move "
                                "it out of the plan folder"))
        else:  # not-yaml, other
            what = "folder" if detail == "folder" else "file"
            out.append(_warning(rel, "file-not-read",
                                f"this {what} is not read: pam reads program.yaml, "
                                "domains/*.yaml, amendments/ and progress/PROJECT/*.yaml "
                                "(suffix .yaml or .yml); rename it if it is plan data, or move "
                                "it out of the plan folder"))
    return out


def check_duplicate_cards(plan: Plan) -> list[Problem]:
    """One card per project and half month, whatever the files are called (a copy named
    2020-06a-old.yaml, or 2020-06a.yml beside 2020-06a.yaml, would count twice)."""
    seen: dict[tuple[str, str], list] = defaultdict(list)
    for card in plan.cards:
        seen[(card.project, card.period)].append(card)
    out = []
    for (project, period), cards in seen.items():
        if len(cards) < 2:
            continue
        # the card at its own place (progress/PROJECT/PERIOD.yaml) is the one; the others,
        # in name order, are the second ones
        cards = sorted(cards, key=lambda c: (not _at_home(c), c._file))
        first = cards[0]._file
        for card in cards[1:]:
            out.append(plan.problem(card, ("period",), "error", "duplicate-card",
                                    f"a second card for {project}, {period}: {first} is "
                                    "one already; a half month has one card per project, or "
                                    "its figures count twice. Merge them into "
                                    f"progress/{project}/{period}.yaml and delete the other"))
    return out


def _at_home(card) -> bool:
    parts = card._file.replace("\\", "/").rsplit("/", 2)
    return len(parts) == 3 and parts[1] == card.project and parts[2].lower() in (
        f"{card.period}.yaml", f"{card.period}.yml")


def check_plan_merge_keys(plan: Plan) -> list[Problem]:
    """A YAML merge key ('<<: {...}') in program.yaml, a domain or an amendment."""
    files = [n._file for n in ([plan.program] if plan.program else []) + plan.domains
             + plan.amendments]
    return [p for rel in files for p in merge_key_problems(plan, rel)]


def check_card_merge_keys(plan: Plan) -> list[Problem]:
    """A YAML merge key in a card."""
    return [p for card in plan.cards for p in merge_key_problems(plan, card._file)]


def merge_key_problems(plan: Plan, rel: str) -> list[Problem]:
    """The file is read again (only a text holding '<<' is parsed again): the reader has
    already merged the keys, so the data no longer shows them."""
    locator = plan.locators.get(rel)
    path = getattr(locator, "path", None)
    if path is None:
        return []
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError:
        return []
    if b"<<" not in raw:
        return []
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    try:
        root = YAML(typ="safe").compose(raw.decode("utf-8-sig"))
    except Exception:  # noqa: BLE001 - the reader accepted it; a surprise here finds nothing
        return []
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    mark = key.start_mark
                    out.append(error(rel, mark.line + 1, mark.column + 1, "yaml-merge-key",
                                     "expected plain keys, found a YAML merge key '<<', which "
                                     "copies keys from another mapping out of sight; pam files "
                                     "hold plain data: write the keys out in full (or quote "
                                     "\"<<\" if it is meant as a key)"))
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return out
