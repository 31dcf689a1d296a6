"""The source document a plan was transcribed from: where a checkout holds it, whether it is
the file program.yaml names (its SHA-256), and the lines a node cites from it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Found:
    """The document looked for: its path when found and checked, else why not."""

    path: Path | None
    reason: str  # 'ok', 'not-named', 'no-path', 'missing', 'hash-mismatch'
    where: tuple[Path, ...] = ()


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def find_document(plan, explicit: Path | None = None) -> Found:
    """The source document of `plan`: `explicit` (pam show --document) or its `path`,
    relative to the folder holding the plan folder, then to the plan folder itself; found
    only when its SHA-256 matches the one program.yaml names (when it names one)."""
    source = plan.program.source
    if source is None or isinstance(source, str):
        if explicit is None:
            return Found(None, "not-named")
        expected, candidates = None, [explicit]
    else:
        expected = source.sha256
        if explicit is not None:
            candidates = [explicit]
        elif source.path:
            candidates = [plan.root.parent / source.path, plan.root / source.path]
        else:
            return Found(None, "no-path")
    for path in candidates:
        if path.is_file():
            if expected and sha256_of(path) != expected:
                return Found(None, "hash-mismatch", (path,))
            return Found(path, "ok", (path,))
    return Found(None, "missing", tuple(candidates))


def cited_lines(path: Path, numbers: list[int]) -> dict[int, str]:
    """Line number (1-based) -> its text, for the numbers that exist in the file."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return {n: lines[n - 1] for n in numbers if 1 <= n <= len(lines)}
