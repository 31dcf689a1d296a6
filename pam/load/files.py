"""Where a plan's files are (no heavy imports: used on the fast path of cached commands)."""

from __future__ import annotations

import os
from pathlib import Path

SUFFIXES = (".yaml", ".yml")


def _yaml_names(folder: str, recursive: bool, stats: list | None = None) -> list[str]:
    """Paths of the YAML files in `folder` (and below), unsorted; hidden files and folders are
    skipped (an editor's `.#d1.yaml` lock, `.git`). A folder named like a YAML file is listed
    too (the reader says it is not a file) and not entered; symbolic links to folders are not
    followed (a link loop is harmless). With `stats`, (path, size, mtime) of each is appended
    there as well: os.scandir with plain strings, since pathlib objects cost a tenth of a
    second on a few thousand cards."""
    found: list[str] = []
    pending = [folder]
    while pending:
        top = pending.pop()
        try:
            with os.scandir(top) as it:
                entries = list(it)
        except OSError:  # not a folder, or unreadable: nothing listed (as os.walk does)
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if name.endswith(SUFFIXES):
                found.append(entry.path)
                if stats is not None:
                    try:
                        st = entry.stat()  # follows a link, like the reader
                        stats.append((entry.path, st.st_size, st.st_mtime_ns))
                    except OSError:  # a broken link: the reader says so; here, a mark
                        stats.append((entry.path, -1, -1))
            elif recursive and entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
    return found


def plan_files(root: Path, cards: bool) -> tuple[Path, list[Path], list[Path], list[Path]]:
    """program.yaml, the domain, amendment and card files of a plan folder, each group sorted."""
    def under(name: str, recursive: bool) -> list[Path]:
        return [Path(p) for p in sorted(_yaml_names(os.path.join(root, name), recursive))]

    return (root / "program.yaml", under("domains", False), under("amendments", True),
            under("progress", True) if cards else [])


# the governance records read with the structure: the steering committee's meetings
# (steering/YYYY-MM-DD.yaml) and the committees' and council's word on each annual report
# (council/YYYY.yaml)
RECORDS = ("steering", "council")


def record_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The meeting files of steering/ and the files of council/, each group sorted."""
    return tuple([Path(p) for p in sorted(_yaml_names(os.path.join(root, name), True))]
                 for name in RECORDS)


def file_stats(root: Path, cards: bool) -> list[tuple[str, int, int]]:
    """(path, size, mtime in ns) of every file plan_files lists, sorted: what a cached result
    depends on. Raises OSError when one cannot be read (program.yaml missing, a file removed
    while listing)."""
    base = str(root)
    program = os.path.join(base, "program.yaml")
    st = os.stat(program)
    stats = [(program, st.st_size, st.st_mtime_ns)]
    for name, recursive in (("domains", False), ("amendments", True),
                            *((r, True) for r in RECORDS)) + (
            (("progress", True),) if cards else ()):
        _yaml_names(os.path.join(base, name), recursive, stats)
    stats.sort()
    return stats


def structure_names(root: Path | str) -> list[str]:
    """program.yaml, the domain, amendment and record (steering/, council/) files of a plan
    folder, sorted: every file load_structure reads."""
    base = str(root)
    return sorted([os.path.join(base, "program.yaml"),
                   *_yaml_names(os.path.join(base, "domains"), False),
                   *_yaml_names(os.path.join(base, "amendments"), True),
                   *(n for r in RECORDS for n in _yaml_names(os.path.join(base, r), True))])


def unit_names(root: Path | str) -> list[str]:
    """The units of the progress folder, sorted: the name of each entry of progress/ that
    holds cards (a project folder), and "" for the YAML files lying in progress/ itself."""
    progress = os.path.join(str(root), "progress")
    try:
        with os.scandir(progress) as it:
            entries = list(it)
    except OSError:
        return []
    names = set()
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.name.endswith(SUFFIXES):
            names.add("")
        elif entry.is_dir(follow_symlinks=False):
            names.add(entry.name)
    return sorted(names)


def unit_files(root: Path | str, unit: str) -> list[str]:
    """The card files of one unit (see unit_names), sorted, as plan_files lists them."""
    progress = os.path.join(str(root), "progress")
    if unit:
        return sorted(_yaml_names(os.path.join(progress, unit), True))
    try:
        with os.scandir(progress) as it:
            return sorted(e.path for e in it
                          if e.name.endswith(SUFFIXES) and not e.name.startswith("."))
    except OSError:
        return []


def unit_stats(root: Path | str, unit: str) -> list[tuple[str, int, int]]:
    """(path, size, mtime in ns) of the card files of one unit, sorted by path: what its
    cached results depend on (one stat per file, from the folder scan itself)."""
    if not unit:
        return stats_of(unit_files(root, unit))
    stats: list = []
    _yaml_names(os.path.join(str(root), "progress", unit), True, stats)
    stats.sort()
    return stats


def stats_of(paths: list[str]) -> list[tuple[str, int, int]]:
    """(path, size, mtime in ns) of each path; (path, -1, -1) for one that cannot be read."""
    out = []
    for path in paths:
        try:
            st = os.stat(path)
            out.append((path, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((path, -1, -1))
    return out
