"""What is under a plan folder and not read, said as problems (a project folder that is a link
or a file, a backup copy below the levels read, a stray file): no model needed, so the cache
(pam/cache/run.py) asks it on every run, and pam.checks.files.check_plan_tree for a full load."""

from __future__ import annotations

import os
from pathlib import Path

from pam.load.files import unread_entries
from pam.load.positions import relpath
from pam.problems import Problem, error


def _warning(file: str, code: str, message: str) -> Problem:
    return Problem(file, 1, 1, "warning", code, message)


def tree_problems(root: Path, projects: set[str], entries: list | None = None) -> list[Problem]:
    """check_plan_tree's problems, from the folder and the plan's project ids alone (so that
    pam/cache/ can ask them on every run without loading the plan); `entries`: the folder's
    unread entries when already scanned (pam.load.files.unread_entries)."""
    if not root.is_dir():
        return []
    out = []
    for path, kind, detail in unread_entries(root) if entries is None else entries:
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


