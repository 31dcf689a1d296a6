"""Where a plan's files are (no heavy imports: used on the fast path of cached commands)."""

from __future__ import annotations

import os
from pathlib import Path

SUFFIXES = (".yaml", ".yml")  # in any case: d2.YAML and 2020-06b.Yml are read too
# How deep each folder of a plan is read: domains/ itself; amendments/ and every folder below;
# progress/ and one level of project folders (progress/PROJECT/PERIOD.yaml). A deeper folder,
# such as a backup copy progress/P/old/, is not read: check_plan_tree names it (a warning).
# steering/ and council/ (the governance records read with the structure) and every folder below.
DEPTH = {"domains": 0, "amendments": -1, "steering": -1, "council": -1,
         "progress": 1}  # -1: every level
# the governance records: the steering committee's meetings (steering/YYYY-MM-DD.yaml) and the
# committees' and council's word on each annual report (council/YYYY.yaml)
RECORDS = ("steering", "council")


def is_yaml_name(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def _yaml_names(folder: str, recursive: bool | int, stats: list | None = None) -> list[str]:
    """Paths of the YAML files in `folder` (and below: every level when `recursive` is True,
    that many levels when it is a number), unsorted; hidden files and folders are skipped (an
    editor's `.#d1.yaml` lock, `.git`). A folder named like a YAML file is listed too (the
    reader says it is not a file) and not entered; symbolic links to folders are neither
    followed nor listed (check_plan_tree names them), nor is `folder` when it is one. With
    `stats`, (path, size, mtime) of each is appended there as well: os.scandir with plain
    strings, since pathlib objects cost a tenth of a second on a few thousand cards."""
    found: list[str] = []
    if os.path.islink(folder):
        return found
    levels = -1 if recursive is True else int(recursive)
    pending = [(folder, 0)]
    while pending:
        top, depth = pending.pop()
        try:
            with os.scandir(top) as it:
                entries = list(it)
        except OSError:  # not a folder, or unreadable: check_plan_tree names it
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if is_yaml_name(name):
                found.append(entry.path)
                if stats is not None:
                    try:
                        st = entry.stat()  # follows a link, like the reader
                        stats.append((entry.path, st.st_size, st.st_mtime_ns))
                    except OSError:  # a broken link: the reader says so; here, a mark
                        stats.append((entry.path, -1, -1))
            elif (levels < 0 or depth < levels) and entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, depth + 1))
    return found


def plan_files(root: Path, cards: bool) -> tuple[Path, list[Path], list[Path], list[Path]]:
    """program.yaml, the domain, amendment and card files of a plan folder, each group sorted."""
    def under(name: str) -> list[Path]:
        return [Path(p) for p in sorted(_yaml_names(os.path.join(root, name), DEPTH[name]))]

    return (root / "program.yaml", under("domains"), under("amendments"),
            under("progress") if cards else [])


def record_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The meeting files of steering/ and the files of council/, each group sorted."""
    steering, council = ([Path(p) for p in sorted(_yaml_names(os.path.join(root, name),
                                                                DEPTH[name]))]
                         for name in RECORDS)
    return steering, council


def file_stats(root: Path, cards: bool) -> list[tuple[str, int, int]]:
    """(path, size, mtime in ns) of every file plan_files lists, sorted: what a cached result
    depends on. Raises OSError when one cannot be read (program.yaml missing, a file removed
    while listing)."""
    base = str(root)
    program = os.path.join(base, "program.yaml")
    st = os.stat(program)
    stats = [(program, st.st_size, st.st_mtime_ns)]
    for name in ("domains", "amendments", *RECORDS) + (("progress",) if cards else ()):
        _yaml_names(os.path.join(base, name), DEPTH[name], stats)
    stats.sort()
    return stats


# --- what is not read -----------------------------------------------------------------------

def unread_entries(root: Path) -> list[tuple[str, str, str]]:
    """(path, kind, detail) of every entry under the plan folder that plan_files does not read
    (hidden entries aside, but for hidden YAML files); kinds:
      not-a-folder   domains, amendments or progress is a file
      folder-link    domains, amendments, progress or a project folder is a symbolic link
      unreadable     a folder that cannot be listed (detail: the reason)
      not-yaml       a file without a YAML suffix (a project folder's name: detail 'project')
      subfolder      a folder below the levels that are read (detail: the YAML files inside)
      hidden-yaml    a hidden file with a YAML suffix
      other          a file or folder at the top of the plan other than the four above
    The top of the plan (unread_top) and the inside of each project folder (unit_scan, which
    the cache's fingerprint runs anyway) are scanned apart, with the same rules."""
    out = unread_top(root)
    for unit in unit_names(root):
        if unit:
            out += unit_scan(root, unit)[1]
    return out


def unread_top(root: Path) -> list[tuple[str, str, str]]:
    """unread_entries, but for the inside of the project folders of progress/."""
    out: list[tuple[str, str, str]] = []
    base = str(root)
    try:
        top = _entries(base)
    except OSError as exc:
        return [(base, "unreadable", exc.strerror or str(exc))]
    for entry in top:
        name = entry.name
        if name.startswith("."):
            if is_yaml_name(name) and not name.startswith(".#"):
                out.append((entry.path, "hidden-yaml", ""))
            continue
        if name in DEPTH:
            out += _unread_below(entry, DEPTH[name], name)
        elif name != "program.yaml":
            out.append((entry.path, "other", "folder" if _is_dir(entry) else "file"))
    return out


def _unread_below(entry: os.DirEntry, levels: int, top: str) -> list[tuple[str, str, str]]:
    if entry.is_symlink() and _is_dir(entry):
        return [(entry.path, "folder-link", os.readlink(entry.path))]
    if not _is_dir(entry):
        return [(entry.path, "not-a-folder", "")]
    out: list[tuple[str, str, str]] = []
    pending = [(entry.path, 0)]
    while pending:
        folder, depth = pending.pop()
        try:
            entries = _entries(folder)
        except OSError as exc:
            out.append((folder, "unreadable", exc.strerror or str(exc)))
            continue
        for e in entries:
            name = e.name
            if name.startswith("."):
                if is_yaml_name(name) and not name.startswith(".#"):
                    out.append((e.path, "hidden-yaml", ""))
                continue
            if is_yaml_name(name):
                continue  # read (a folder or a pipe so named: the reader says what it is)
            if not _is_dir(e):
                out.append((e.path, "not-yaml", "project" if top == "progress" and depth == 0
                            else ""))
            elif e.is_symlink():
                kind = "folder-link" if top == "progress" and depth == 0 else "subfolder"
                out.append((e.path, kind, os.readlink(e.path) if kind == "folder-link" else ""))
            elif top == "progress" and depth == 0:
                continue  # a project folder: its inside is unit_scan's
            elif levels < 0 or depth < levels:
                pending.append((e.path, depth + 1))
            else:
                out.append(_subfolder(e.path))
    return out


def unit_scan(root: Path | str, unit: str) -> tuple[list[tuple[str, int, int]], list]:
    """One project folder of progress/, scanned once: ((path, size, mtime) of its card files,
    sorted, as unit_stats gives them; its entries that are not read, as unread_entries gives
    them). The cache's fingerprint digests both, so a backup folder appearing beside the
    cards changes it."""
    folder = os.path.join(str(root), "progress", unit)
    stats: list[tuple[str, int, int]] = []
    unread: list[tuple[str, str, str]] = []
    try:
        with os.scandir(folder) as it:
            entries = list(it)  # not sorted: the results are, at the end
        # each card is stat-ed through a descriptor of its folder where the system allows
        # it: the lookup is then of its own name, not of the whole path (a sixth less time
        # for 158,000 cards)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY) if _STAT_FD else None
    except OSError as exc:
        return stats, [(folder, "unreadable", exc.strerror or str(exc))]
    try:
        for e in entries:
            name = e.name
            if name.startswith("."):
                if is_yaml_name(name) and not name.startswith(".#"):
                    unread.append((e.path, "hidden-yaml", ""))
                continue
            if is_yaml_name(name):
                try:  # follows a link, like the reader
                    st = e.stat() if fd is None else os.stat(name, dir_fd=fd)
                    stats.append((e.path, st.st_size, st.st_mtime_ns))
                except OSError:  # a broken link: the reader says so; here, a mark
                    stats.append((e.path, -1, -1))
            elif not _is_dir(e):
                unread.append((e.path, "not-yaml", ""))
            elif e.is_symlink():
                unread.append((e.path, "subfolder", ""))
            else:
                unread.append(_subfolder(e.path))
    finally:
        if fd is not None:
            os.close(fd)
    stats.sort()
    unread.sort()
    return stats, unread


_STAT_FD = os.stat in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")


def _subfolder(path: str) -> tuple[str, str, str]:
    inside = sorted(os.path.relpath(p, path) for p in _yaml_names(path, True))
    return (path, "subfolder", "\n".join(inside))


def _entries(folder: str) -> list[os.DirEntry]:
    with os.scandir(folder) as it:
        return sorted(it, key=lambda e: e.name)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


# --- units of files, for the cache (pam/cache/) ---------------------------------------------

def structure_names(root: Path | str) -> list[str]:
    """program.yaml, the domain, amendment and record (steering/, council/) files of a plan
    folder, sorted: every file load_structure reads."""
    base = str(root)
    return sorted([os.path.join(base, "program.yaml"),
                   *(n for name in ("domains", "amendments", *RECORDS)
                     for n in _yaml_names(os.path.join(base, name), DEPTH[name]))])


def unit_names(root: Path | str) -> list[str]:
    """The units of the progress folder, sorted: the name of each project folder of progress/
    (as plan_files reads them: not a link), and "" for the YAML files lying in progress/."""
    progress = os.path.join(str(root), "progress")
    if os.path.islink(progress):
        return []
    try:
        with os.scandir(progress) as it:
            entries = list(it)
    except OSError:
        return []
    names = set()
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if is_yaml_name(entry.name):
            names.add("")
        elif entry.is_dir(follow_symlinks=False):
            names.add(entry.name)
    return sorted(names)


def unit_files(root: Path | str, unit: str) -> list[str]:
    """The card files of one unit (see unit_names), sorted, as plan_files lists them."""
    progress = os.path.join(str(root), "progress")
    if unit:
        return sorted(_yaml_names(os.path.join(progress, unit), DEPTH["progress"] - 1))
    try:
        with os.scandir(progress) as it:
            return sorted(e.path for e in it
                          if is_yaml_name(e.name) and not e.name.startswith("."))
    except OSError:
        return []


def unit_stats(root: Path | str, unit: str) -> list[tuple[str, int, int]]:
    """(path, size, mtime in ns) of the card files of one unit, sorted by path: what its
    cached results depend on (one stat per file, from the folder scan itself)."""
    if not unit:
        return stats_of(unit_files(root, unit))
    stats: list = []
    _yaml_names(os.path.join(str(root), "progress", unit), DEPTH["progress"] - 1, stats)
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
