"""What a stored result depends on in the files: each file's path, size and modification time,
grouped in units (the plan's structure, and each project folder of progress/).

Stat-ing every file is the floor of a warm run (158,000 cards: ~0.45 s on this machine's
file system), so big trees are stat-ed in two processes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pam.cache.parallel import map_json
from pam.load.files import stats_of, structure_names, unit_files, unit_names, unit_scan

STRUCTURE = "(structure)"  # the unit of program.yaml, domains/ and amendments/


@dataclass(frozen=True)
class Fingerprint:
    """A digest per unit (STRUCTURE and each progress unit) and the number of files in it,
    and the entries of each project folder that are not read (pam.load.files.unit_scan)."""

    units: dict[str, tuple[str, int]]
    unread: dict[str, list] = field(default_factory=dict)

    def digest(self, unit: str) -> str | None:
        found = self.units.get(unit)
        return found[0] if found else None

    @property
    def progress_units(self) -> list[str]:
        return [u for u in self.units if u != STRUCTURE]

    @property
    def card_files(self) -> int:
        return sum(n for u, (_d, n) in self.units.items() if u != STRUCTURE)


def fingerprint(root: Path) -> Fingerprint:
    """The fingerprint of a plan folder's files as they are now."""
    units = unit_names(root)
    base = str(root)
    scans = map_json(lambda unit: _scanned(base, unit), units)
    out = {STRUCTURE: _digest(stats_of(structure_names(base)))}
    unread = {}
    for unit, (digest, count, entries) in zip(units, scans, strict=True):
        out[unit] = (digest, count)
        unread[unit] = [tuple(e) for e in entries]
    return Fingerprint(out, unread)


def _scanned(base: str, unit: str) -> list:
    if not unit:  # the cards lying in progress/ itself (unread_top names the rest there)
        return [*_digest(stats_of(unit_files(base, unit))), []]
    stats, unread = unit_scan(base, unit)
    return [*_digest(stats, unread), unread]


def _digest(stats: list[tuple[str, int, int]], unread: Sequence = ()) -> tuple[str, int]:
    text = "\n".join(f"{path}\0{size}\0{mtime}" for path, size, mtime in stats)
    text += "\n\0" + "\n".join("\0".join(e) for e in unread)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32], len(stats)
