"""The loaded plan: program, domains, cards, indexes by id, and where each node came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pam.load.positions import Locator
from pam.model import (
    Action,
    Amendment,
    Axis,
    Card,
    CouncilReview,
    Domain,
    Input,
    Meeting,
    Program,
    Project,
)
from pam.problems import Problem, Severity


@dataclass
class Plan:
    root: Path
    program: Program | None = None
    domains: list[Domain] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    locators: dict[str, Locator] = field(default_factory=dict)
    locate_warnings: bool = True
    # the file each card was read from, by the card's identity: cards are many, and a
    # pydantic private attribute would cost a Python call per card (see pam.model.Input)
    card_files: dict[int, str] = field(default_factory=dict)
    # project id -> {reason: actions} left out of this view of the plan by monitor.baseline.view
    # ('dropped' by an amendment, 'added' after the adopted baseline); the roll-ups say so
    left_out: dict[str, dict[str, int]] = field(default_factory=dict)
    meetings: list[Meeting] = field(default_factory=list)  # steering/: the committee's meetings
    council: list[CouncilReview] = field(default_factory=list)  # council/: opinions, votes
    # files (resolved paths) whose content in `cards` is not yet on disk: a card pam is about
    # to write, checked before it is written (checks that compare with git treat it as changed)
    pending: set[Path] = field(default_factory=set)
    # the errors of the cards left out of this plan because of them (pam.load.pipeline.
    # load_for_views): views and reports name those cards, every other card still counts
    left_out_cards: list[Problem] = field(default_factory=list)

    @property
    def loaded_program(self) -> Program:
        """The program, for the code that runs only once program.yaml has loaded (views,
        reports, exports: pam.load.pipeline.load_for_views blocks on its errors, and the
        checks after the program's own test in checks.run_checks). The same object as
        `program`, typed without None."""
        return cast(Program, self.program)  # None only while program.yaml has an error

    def with_cards(self, cards=(), source: Plan | None = None) -> Plan:
        """The same plan (program, domains, amendments, meetings, council files, their index
        and the view's left-out counts shared) with other cards: e.g. only the cards of one
        project folder, checked on their own. The cards' files are known from `source`
        (default: this plan)."""
        cards = list(cards)
        known = (source or self).card_files
        other = Plan(self.root, self.program, self.domains, cards, self.amendments,
                     dict(self.locators), self.locate_warnings,
                     card_files={id(c): known[id(c)] for c in cards if id(c) in known},
                     left_out=self.left_out, meetings=self.meetings, council=self.council,
                     pending=self.pending)
        other._index = self.index()
        other._derived = self._derived_values()
        if "_view" in self.__dict__:
            other.__dict__["_view"] = self.__dict__["_view"]
        return other

    def file_of(self, node: Input | Card) -> str:
        """The file a node was read from (relative to the working folder, as in messages)."""
        if isinstance(node, Card):
            return self.card_files.get(id(node), "")
        return node._file

    def derived(self, key: str, make):
        """A value computed once from the plan's structure (program, domains, amendments),
        never from its cards, and shared with the plans made by with_cards."""
        store = self._derived_values()
        if key not in store:
            store[key] = make()
        return store[key]

    def _derived_values(self) -> dict[str, Any]:
        if getattr(self, "_derived", None) is None:
            self._derived: dict[str, Any] = {}
        return self._derived

    # --- walking -------------------------------------------------------------------------
    def axes(self) -> list[Axis]:
        return [a for d in self.domains for a in d.axes]

    def projects(self) -> list[Project]:
        return [p for a in self.axes() for p in a.projects]

    def actions(self) -> list[Action]:
        return [x for p in self.projects() for x in p.actions]

    def index(self) -> dict[str, tuple[str, Domain | Axis | Project | Action, tuple]]:
        """id -> (kind, node, ancestors) for every domain, axis, project and action."""
        if getattr(self, "_index", None) is None:
            idx: dict[str, tuple[str, Domain | Axis | Project | Action, tuple]] = {}
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
        return self.derived(f"ids:{kind}",
                            lambda: [k for k, v in self.index().items() if v[0] == kind])

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
    def where(self, node: Input | Card, *sub) -> tuple[str, int, int]:
        """(file, line, column) of a node (or of a key under it) for a problem message."""
        file = self.file_of(node)
        locator = self.locators.get(file)
        if locator is None:
            return file or str(self.root), 1, 1
        path = () if isinstance(node, Card) else tuple(node._path)
        line, column = locator.position(path + tuple(sub))
        return file, line, column

    def problem(self, node: Input | Card, sub: tuple, severity: Severity, code: str,
                message: str) -> Problem:
        if severity == "warning" and not self.locate_warnings:
            return Problem(self.file_of(node), 1, 1, severity, code, message)
        file, line, column = self.where(node, *sub)
        return Problem(file, line, column, severity, code, message)
