"""The loaded plan: program, domains, cards, indexes by id, and where each node came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pam.load.positions import Locator
from pam.model import Action, Amendment, Axis, Card, Domain, Input, Program, Project
from pam.problems import Problem


@dataclass
class Plan:
    root: Path
    program: Program | None = None
    domains: list[Domain] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    locators: dict[str, Locator] = field(default_factory=dict)
    locate_warnings: bool = True
    # files (resolved paths) whose content in `cards` is not yet on disk: a card pam is about
    # to write, checked before it is written (checks that compare with git treat it as changed)
    pending: set = field(default_factory=set)

    # --- walking -------------------------------------------------------------------------
    def axes(self) -> list[Axis]:
        return [a for d in self.domains for a in d.axes]

    def projects(self) -> list[Project]:
        return [p for a in self.axes() for p in a.projects]

    def actions(self) -> list[Action]:
        return [x for p in self.projects() for x in p.actions]

    def index(self) -> dict[str, tuple[str, Input, tuple]]:
        """id -> (kind, node, ancestors) for every domain, axis, project and action."""
        if getattr(self, "_index", None) is None:
            idx: dict[str, tuple[str, Input, tuple]] = {}
            for d in self.domains:
                idx.setdefault(d.id, ("domain", d, ()))
                for a in d.axes:
                    idx.setdefault(a.id, ("axis", a, (d,)))
                    for p in a.projects:
                        idx.setdefault(p.id, ("project", p, (d, a)))
                        for x in p.actions:
                            idx.setdefault(x.id, ("action", x, (d, a, p)))
            self._index = idx
        return self._index

    def ids(self, kind: str) -> list[str]:
        """Every id of one kind ('domain', 'axis', 'project' or 'action'), in plan order."""
        return [k for k, v in self.index().items() if v[0] == kind]

    def find(self, node_id: str):
        """The (kind, node, ancestors) for an id, case-insensitively; None when unknown."""
        idx = self.index()
        if node_id in idx:
            return idx[node_id]
        lowered = {k.lower(): k for k in idx}
        key = lowered.get(node_id.lower())
        return idx[key] if key else None

    def project_of(self, action_id: str) -> Project | None:
        found = self.find(action_id)
        return found[2][2] if found and found[0] == "action" else None

    # --- locating ------------------------------------------------------------------------
    def where(self, node: Input, *sub) -> tuple[str, int, int]:
        """(file, line, column) of a node (or of a key under it) for a problem message."""
        file = node._file
        locator = self.locators.get(file)
        if locator is None:
            return file or str(self.root), 1, 1
        line, column = locator.position(tuple(node._path) + tuple(sub))
        return file, line, column

    def problem(self, node: Input, sub: tuple, severity: str, code: str, message: str) -> Problem:
        if severity == "warning" and not self.locate_warnings:
            return Problem(node._file, 1, 1, severity, code, message)
        file, line, column = self.where(node, *sub)
        return Problem(file, line, column, severity, code, message)
