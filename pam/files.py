"""Where a plan's files are (no heavy imports: used on the fast path of cached commands)."""

from __future__ import annotations

import os
from pathlib import Path

SUFFIXES = (".yaml", ".yml")


def _yaml_under(folder: Path, recursive: bool) -> list[Path]:
    """YAML files in `folder` (and below), sorted; hidden files and folders are skipped
    (an editor's `.#d1.yaml` lock, `.git`). os.walk with plain strings: pathlib's rglob and
    Path sorting cost a tenth of a second on a few thousand cards."""
    if not folder.is_dir():
        return []
    found: list[str] = []
    for top, dirs, files in os.walk(folder):
        # a folder named like a YAML file is listed too: the reader says it is not a file
        found += [os.path.join(top, f) for f in files + dirs
                  if f.endswith(SUFFIXES) and not f.startswith(".")]
        dirs[:] = [d for d in dirs if not d.startswith(".") and not d.endswith(SUFFIXES)] \
            if recursive else []
    return [Path(p) for p in sorted(found)]


def plan_files(root: Path, cards: bool) -> tuple[Path, list[Path], list[Path], list[Path]]:
    """program.yaml, the domain, amendment and card files of a plan folder, sorted."""
    return (root / "program.yaml", _yaml_under(root / "domains", False),
            _yaml_under(root / "amendments", True),
            _yaml_under(root / "progress", True) if cards else [])
