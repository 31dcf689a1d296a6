"""Building the plan from a sheet's rows: levels placed on pam's four, names given to their
groups, ids, costs and targets read and checked (every problem at its cell), notes and
sources recorded next to the data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, cast

from pam.model import (
    LEVEL_KINDS,
    Action,
    Axis,
    Domain,
    Level,
    Levels,
    Name,
    Period,
    Program,
    Project,
    Source,
)
from pam.problems import Problem
from pam.sheets.cells import Book, column_letter, problem
from pam.sheets.groups import down_groups, middle_groups, nearest_groups
from pam.sheets.headers import DEFAULT_NAMES, RANKS, norm
from pam.sheets.shape import DataRow, Layout
from pam.sheets.values import clean_text, has_arabic, read_cost, read_percent, shown

PREFIX = {"domain": "D", "axis": "A", "project": "P"}
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class Facts:
    """Program facts given on the command line (None: detect them)."""

    commune: str | None = None
    commune_fr: str | None = None
    name: str | None = None
    name_fr: str | None = None
    id: str | None = None
    start: int | None = None
    end: int | None = None
    cost_unit: float | None = None


@dataclass
class Group:
    kind: str  # pam's kind: domain, axis, project
    key: tuple
    name: str
    row: DataRow
    fr: str | None = None
    id: str | None = None
    id_cell: tuple | None = None
    head: str | None = None
    notes: list[str] = field(default_factory=list)
    children: list = field(default_factory=list)
    implicit: bool = False
    level: str | None = None  # the sheet's level (RANKS) this group is of; None when implicit


def place_levels(present: list[str]) -> dict[str, str]:
    """The sheet's levels (in RANKS order, the last one carrying cost and targets) on pam's
    kinds: the last is the action; the others keep their own kind when they can, in order."""
    *upper, leaf = present
    slots = LEVEL_KINDS[:3]
    best, best_score = None, -1
    for chosen in combinations(slots, len(upper)):
        score = sum(1 for level, kind in zip(upper, chosen, strict=True) if level == kind)
        score = score * 10 + sum(slots.index(k) for k in chosen)  # then: implicit levels on top
        if score > best_score:
            best, best_score = chosen, score
    placed = dict(zip(upper, best or (), strict=True))
    placed[leaf] = "action"
    return placed


def build_plan(book: Book, layout: Layout, facts: Facts) -> tuple[Program | None, list, list]:
    """(program, domains, problems) from the classified rows."""
    problems: list[Problem] = list(layout.problems)
    rows = layout.rows
    if not rows:
        problems.append(Problem(book.file, 1, 1, "error", "no-rows",
                                "found no table of actions: expected a header row naming the "
                                "columns (e.g. المشروع / projet, الإجراء / action, الكلفة / "
                                "coût, and the years 2017 ... 2022) above one row per action; "
                                "pam template xlsx FILE writes such a sheet"))
        return None, [], problems
    present = [lv for lv in RANKS if any(lv in r.columns.levels for r in rows)
               or any(h.level == lv for h in layout.headings)]
    with_column = [lv for lv in RANKS if any(lv in r.columns.levels for r in rows)]
    leaf = "action" if "action" in with_column else (with_column[-1] if with_column else None)
    if leaf is None:
        r = rows[0]
        problems.append(problem(book, r.sheet, r.columns.header_rows[0], None, "error",
                                "no-text-column", "the header names no column for the actions' "
                                "text: expected one such as الإجراء / action (or المشروع / "
                                "projet when projects carry the costs); rename the header or "
                                "map it with --columns"))
        return None, [], problems
    present = [lv for lv in present if RANKS.index(lv) <= RANKS.index(leaf)]
    if len(present) > 4:
        problems.append(Problem(book.file, 1, 1, "error", "too-many-levels",
                                f"the sheet has {len(present)} levels ({', '.join(present)}); pam "
                                "keeps four: map one of them to 'ignore' with --columns"))
        return None, [], problems
    placed = place_levels(present)
    level_of_kind = {k: lv for lv, k in placed.items()}
    fill = _Fill(book, rows, [lv for lv in present if lv != leaf], problems)
    fractions = _fractions(rows)
    domains: list[Group] = []
    index: dict[tuple, Group] = {}
    actions = []
    key: tuple[str, ...]
    parent: Group | None
    for row in rows:
        parent_list, key = domains, ()
        parent = None
        for kind in LEVEL_KINDS[:3]:
            level = level_of_kind.get(kind)
            name, source_row, fr, given_id, id_cell, head = fill.value(row, level) \
                if level else (None, row, None, None, None, None)
            if level and name is None:
                problems.append(problem(book, row.sheet, row.r, row.columns.of("level", level),
                                        "error", f"no-{kind}",
                                        f"this row has no {DEFAULT_NAMES[level][1]} ("
                                        f"{DEFAULT_NAMES[level][0]}): none is named on it, above "
                                        "it in its table, or in a heading row; write the name"))
                break
            # name is not None here when level is: the row without one stopped above
            key = key + ((given_id or norm(cast(str, name))) if level else "(implicit)",)
            group = index.get(key)
            if group is None:
                group = Group(kind, key, name or "", source_row, fr, given_id, id_cell, head,
                              implicit=level is None, level=level)
                if level is None:
                    group.notes.append(f"implicit: the PAC has no {kind} level; pam keeps this "
                                       "container so the ids have their usual shape, and views "
                                       "skip it")
                index[key] = group
                parent_list.append(group)
                group.notes += fill.notes_for(row, level)
            parent = group
            parent_list = group.children
        else:
            action = _read_action(book, row, leaf, fractions, facts, problems)
            if action is not None:
                # the loop above ran to its end: every level set parent to a group
                cast(Group, parent).children.append(action)
                actions.append((row, action))
    program = _program(book, layout, facts, rows, level_of_kind, fractions, problems)
    if program is None:
        return None, [], problems
    _check_years(book, rows, program, problems)
    _check_cost_unit(book, rows, facts, problems)
    _check_totals(book, layout, rows, actions, problems)
    built = _models(book, domains, problems)
    return program, built, problems


# --- names of the groups ---------------------------------------------------------------------

class _Fill:
    """The name of each level for each row, from its own cell, a merged cell, the name printed
    once for its group (first row: filled down; middle row: split around it), or a heading."""

    def __init__(self, book: Book, rows: list[DataRow], levels: list[str], problems):
        self.book, self.levels = book, levels
        self.found: dict[tuple[int, str], tuple] = {}
        self.group_notes: dict[tuple[int, str], list[str]] = {}
        segments: dict[tuple, list[DataRow]] = {}
        for r in rows:
            segments.setdefault((id(r.sheet), r.segment), []).append(r)
        for level in levels:
            middle = {id(s[0].sheet) for s in segments.values()
                      if (c := s[0].columns.of("level", level)) is not None
                      and self._own(s[0], c) is None
                      and any(self._own(x, c) is not None for x in s)}
            for seg in segments.values():
                self._segment(seg, level, id(seg[0].sheet) in middle, problems)

    @staticmethod
    def _own(row: DataRow, c: int):
        cell = row.sheet.cell(row.r, c)
        if not cell.blank:
            return cell.value
        for r1, c1, r2, c2 in row.sheet.merges:
            if r1 <= row.r <= r2 and c1 <= c <= c2 and (r1, c1) != (row.r, c):
                value = row.sheet.cell(r1, c1)
                return None if value.blank else value.value
        return None

    def _segment(self, seg: list[DataRow], level: str, middle: bool, problems) -> None:
        c = seg[0].columns.of("level", level)
        heading = seg[0].headings.get(level)
        if c is None:
            for r in seg:
                if heading is not None:
                    self.found[(id(r), level)] = (heading.name, heading, None, None, None, None)
            return
        named = [i for i, r in enumerate(seg) if self._own(r, c) is not None]
        merged = [i for i in named if seg[i].sheet.cell(seg[i].r, c).blank]
        written = [i for i in named if i not in merged]
        if not named:
            if heading is not None:
                for r in seg:
                    self.found[(id(r), level)] = (heading.name, heading, None, None, None, None)
            return
        starts = []  # rows where a new name begins (a merged cell counts as its first row)
        previous = object()
        for i in written:
            value = self._own(seg[i], c)
            if value != previous or (i - 1 not in named):
                starts.append(i)
            previous = value
        how = "down"
        if len(written) < len(seg) and not merged:
            if middle and written and written[0] != 0:
                groups, ambiguous = middle_groups(len(seg), starts)
                how = "middle"
                if groups is None:
                    groups, how = nearest_groups(len(seg), starts), "nearest"
                if ambiguous or how == "nearest":
                    top = seg[0]
                    problems.append(problem(
                        self.book, top.sheet, top.r, c, "warning", "ambiguous-groups",
                        f"rows {top.r + 1}-{seg[-1].r + 1}: each {DEFAULT_NAMES[level][1]} "
                        "name is printed once, not on the first row of its group, and more "
                        "than one split of the rows fits; pam split them around each name "
                        "(see the notes in the plan). Check them, and repeat each name on every "
                        "row of its group (or merge its cells) to make it certain"))
            else:
                groups = down_groups(len(seg), starts) if written and written[0] == 0 else \
                    nearest_groups(len(seg), starts)
        else:
            groups = down_groups(len(seg), starts) if starts and starts[0] == 0 else \
                nearest_groups(len(seg), starts) if starts else [(0, len(seg) - 1)]
        for (first, last), name_at in zip(groups, starts or [0], strict=False):
            name_row = seg[name_at]
            value = self._own(name_row, c)
            cols = name_row.columns
            fr = self._first(seg[first:last + 1], cols.of("fr", level))
            ident = self._first(seg[first:last + 1], cols.of("id", level))
            head = self._first(seg[first:last + 1], cols.of("head"))
            id_col = cols.of("id", level)
            for r in seg[first:last + 1]:
                self.found[(id(r), level)] = (str(value), name_row, fr, ident,
                                              (name_row, id_col) if ident else None, head)
            if last > first and len(written) < len(seg):
                sheet = f"sheet '{name_row.sheet.name}' " if name_row.sheet.name else ""
                rule = {"down": "filled down from its first row",
                        "middle": "split around the name, printed once near the middle of its "
                                  "rows (another split may fit: check)",
                        "nearest": "each row given to the nearest name (no exact split fits: "
                                   "check)"}[how]
                if any(first <= i <= last for i in merged):
                    rule = "a merged cell"
                self.group_notes[(id(seg[first]), level)] = [
                    f"{sheet}rows {seg[first].r + 1}-{seg[last].r + 1}: rows assigned to this "
                    f"{level}, whose name is on row {name_row.r + 1} only "
                    f"({rule})"]

    def _first(self, rows: list[DataRow], c: int | None):
        if c is None:
            return None
        for r in rows:
            v = self._own(r, c)
            if v is not None:
                return str(v).strip()
        return None

    def value(self, row: DataRow, level: str):
        found = self.found.get((id(row), level))
        if found is None:
            return None, row, None, None, None, None
        return found

    def notes_for(self, row: DataRow, level: str | None) -> list[str]:
        return self.group_notes.get((id(row), level), []) if level else []


# --- one action ------------------------------------------------------------------------------

def _fractions(rows: list[DataRow]) -> bool:
    """True when the sheet writes targets as shares 0-1 (every target a plain number <= 1)."""
    values = []
    for row in rows:
        for c in row.columns.years.values():
            cell = row.sheet.cell(row.r, c)
            if cell.blank:
                continue
            if cell.percent or (isinstance(cell.value, str) and "%" in cell.value.translate(
                    str.maketrans("\u066a", "%"))):
                return False
            v, _ = read_percent(cell)
            if v is not None:
                values.append(v)
    return bool(values) and max(values) <= 1 and any(0 < v < 1 for v in values)


def _read_action(book, row: DataRow, leaf: str, fractions: bool, facts: Facts,
                 problems) -> Action | None:
    cols, sheet, r = row.columns, row.sheet, row.r
    c_text = cast(int, cols.of("level", leaf))  # the leaf is a level with a column (build)
    raw = sheet.cell(r, c_text)
    notes: list[str] = []
    where = f"sheet '{sheet.name}' row {r + 1}" if sheet.name else f"row {r + 1}"
    if raw.blank:
        problems.append(problem(book, sheet, r, c_text, "error", "empty-text",
                                f"this row has a cost or targets but no {DEFAULT_NAMES[leaf][1]} "
                                f"text in column {column_letter(c_text)}: write the "
                                f"{DEFAULT_NAMES[leaf][0]} / {DEFAULT_NAMES[leaf][1]}"))
        return None
    text, fixes = clean_text(raw.value)
    notes += [f"{where}: {n}" for n in fixes]
    cost = None
    c_cost = cols.of("cost")
    if c_cost is not None:
        factor = facts.cost_unit if facts.cost_unit is not None else cols.cost_factor
        cell = sheet.cell(r, c_cost)
        cost, why = read_cost(cell, factor if factor is not None else 1.0)
        if why:
            problems.append(problem(book, sheet, r, c_cost, "error", "bad-cost",
                                    f"expected a cost (a number such as 0,5 or 1.2), '-' for no "
                                    f"cost of its own, '*' for a cost not fixed yet, or an empty "
                                    f"cell; found {shown(cell)}: correct the cell"))
            cost = None
        elif isinstance(cost, (int, float)) and cost < 0:
            problems.append(problem(book, sheet, r, c_cost, "error", "bad-cost",
                                    f"the cost {shown(cell)} is negative: write the total cost "
                                    "(a positive amount)"))
            cost = None
        elif factor is not None and factor != 1.0 and isinstance(cost, (int, float)):
            notes.append(f"{where}: cost {shown(cell)} converted to {cost:g} million MAD")
    targets = {}
    previous = None
    for year, c in sorted(cols.years.items()):
        cell = sheet.cell(r, c)
        value, why = read_percent(cell, fractions)
        if why:
            problems.append(problem(book, sheet, r, c, "error", "bad-target",
                                    f"the {year} target: expected a cumulative percent such as "
                                    f"40% (or 40, or an empty cell), found {shown(cell)}; "
                                    "correct the cell"))
            continue
        if value is None:
            continue
        if not 0 <= value <= 100:
            problems.append(problem(book, sheet, r, c, "error", "target-range",
                                    f"the {year} target is {value:g}%: a target is the share "
                                    "done by 31 December, from 0 to 100; correct it"))
            continue
        if previous is not None and value < previous[1]:
            problems.append(problem(book, sheet, r, c, "error", "target-not-cumulative",
                                    f"the {year} target {value:g}% is below the {previous[0]} "
                                    f"target {previous[1]:g}%: targets are cumulative (share "
                                    f"done by 31 December); did you mean {previous[1]:g}% or "
                                    "more?"))
        if not cell.percent and isinstance(cell.value, (int, float)) and 0 < value < 1 \
                and not fractions:
            notes.append(f"{where}: the {year} target {value:g} is below 1% while the sheet "
                         "writes percents: kept as printed (a share 0-1, or a cost that landed "
                         "in a target column?)")
        targets[year] = value
        previous = (year, value)
    given = None
    c_id = cols.of("id", leaf)
    if c_id is not None and not sheet.cell(r, c_id).blank:
        given = str(sheet.cell(r, c_id).value).strip()
    action = Action.model_construct(id=given or "", text=text, cost=cost, targets=targets,
                                    source=_source(book, row), notes=notes)
    action._cell = (row, c_id) if given else None
    return action


def _source(book: Book, row: DataRow) -> Source:
    return Source.model_construct(file=_base(book.file), sheet=row.sheet.name, row=row.r + 1)


def _base(file: str) -> str:
    return file.replace("\\", "/").rsplit("/", 1)[-1]


# --- the program -----------------------------------------------------------------------------

def _program(book, layout, facts: Facts, rows, level_of_kind, fractions, problems):
    years = sorted({y for r in rows for y in r.columns.years})
    notes = []
    start, end = facts.start, facts.end
    if start is None and end is None and not years:
        problems.append(Problem(book.file, 1, 1, "error", "no-years",
                                "found no year columns (2017, 2018 ...) to tell the program's "
                                "period: pass --start YEAR (and --end YEAR, default start + 5)"))
        return None
    if start is None:
        start = (end - 5) if end is not None and not years else years[0]
    if end is None:
        end = max(years[-1] if years else start + 5, start)
        if facts.start is None and end - start != 5:
            notes.append(f"period {start}-{end} taken from the year columns; a PAC runs six "
                         "years: pass --start and --end if this is not the whole program")
    if facts.start is None and facts.end is None and years:
        notes.append(f"period {start}-{end} taken from the year columns of the sheet")
    title = next((t for t in layout.titles if "برنامج" in t or "programme" in t.lower()), None)
    commune = facts.commune
    if not commune:
        commune = "الجماعة"
        problems.append(Problem(book.file, 1, 1, "warning", "commune-unknown",
                                "the commune's name was not given: pass --commune \"جماعة ...\" "
                                "(and --commune-fr); program.yaml says 'الجماعة' until then"))
    name = facts.name or (clean_text(title)[0] if title else
                          f"برنامج عمل {commune} {start}-{end}")
    name_fr = facts.name_fr or (f"Programme d'action de la {facts.commune_fr} {start}-{end}"
                                if facts.commune_fr else None)
    pid = facts.id or f"pac-{start}-{end}"
    if not ID_RE.match(pid):
        problems.append(Problem(book.file, 1, 1, "error", "bad-id",
                                f"--id '{pid}': expected letters, digits, '.', '-' or '_'"))
        return None
    if fractions:
        notes.append("targets are written as shares from 0 to 1 in the sheet (no '%'): read as "
                     "percents (0.4 -> 40%)")
    if title and not facts.name:
        notes.append(f"program name taken from the sheet's title: {clean_text(title)[0][:80]}")
    levels: dict[str, Any] = {}
    for kind in LEVEL_KINDS:
        level = level_of_kind.get(kind)
        if level is None:
            levels[kind] = Level.model_construct(ar="—", fr="—", implicit=True)
            continue
        word = _level_word(rows, layout, level)
        levels[kind] = Level.model_construct(ar=word[0], fr=word[1], implicit=False)
    return Program.model_construct(
        id=pid, name=Name.model_construct(ar=name, fr=name_fr),
        commune=Name.model_construct(ar=commune, fr=facts.commune_fr),
        period=Period.model_construct(start=start, end=end), source=_base(book.file),
        levels=Levels.model_construct(**levels), notes=notes)


def _level_word(rows, layout, level: str) -> tuple[str, str]:
    """The commune's name for a level: its header's words (Arabic, French), else pam's."""
    ar, fr = DEFAULT_NAMES[level]
    for r in rows:
        c = r.columns.of("level", level)
        if c is None:
            continue
        word = r.columns.roles[c].word
        parts = [p.strip() for p in re.split(r"[/|\n]", word) if p.strip()]
        ar = next((p for p in parts if has_arabic(p)), ar)
        fr = next((p for p in parts if not has_arabic(p)), fr)
        break
    return " ".join(ar.split()), " ".join(fr.split())


# --- checks of the whole -------------------------------------------------------------------

def _check_years(book, rows, program, problems) -> None:
    seen = set()
    for row in rows:
        for year, c in row.columns.years.items():
            key = (id(row.columns), year)
            if key in seen or program.period.start <= year <= program.period.end:
                continue
            seen.add(key)
            problems.append(problem(book, row.sheet, row.columns.header_rows[-1], c, "error",
                                    "target-year", f"the year column {year} is outside the "
                                    f"program period {program.period.start}-{program.period.end}"
                                    "; fix the header, or pass --start/--end"))


def _check_cost_unit(book, rows, facts: Facts, problems) -> None:
    """A number of unknown unit is a question for the user (--cost-unit), once per header."""
    if facts.cost_unit is not None:
        return
    asked = set()
    for row in rows:
        cols = row.columns
        c = cols.of("cost")
        if c is None or cols.cost_factor is not None or id(cols) in asked:
            continue
        if isinstance(read_cost(row.sheet.cell(row.r, c), 1.0)[0], (int, float)):
            asked.add(id(cols))
            header = " ".join(str(row.sheet.cell(x, c).value or "") for x in cols.header_rows)
            problems.append(problem(book, row.sheet, cols.header_rows[0], c, "error",
                                    "cost-unit-unclear",
                                    f"the cost header '{header.strip()[:50]}' does not say its "
                                    "unit, and pam keeps costs in million MAD: pass --cost-unit "
                                    "million (0.5 = 500,000 MAD), thousand or dirham, or write "
                                    "the unit in the header (الكلفة بمليون درهم / coût en MDH)"))


def _check_totals(book, layout, rows, actions, problems) -> None:
    """A total row's cost is compared with the sums above it (since the last total of its
    table, its table, its heading, everything before it); none matching is a warning."""
    by_row = {(id(r.sheet), r.r): a for r, a in actions}
    for t in layout.totals:
        c = t.columns.of("cost")
        if c is None:
            continue
        cell = t.sheet.cell(t.r, c)
        value, _ = read_cost(cell, t.columns.cost_factor or 1.0)
        if not isinstance(value, (int, float)):
            continue
        before = [r for r in rows if (r.sheet is not t.sheet or r.r < t.r)
                  and rows.index(r) < len(rows)]
        previous_total = max((x.r for x in layout.totals if x.sheet is t.sheet and x.r < t.r
                              and x.segment == t.segment), default=-1)
        candidates = {
            "the rows since the previous total": [r for r in before if r.sheet is t.sheet and
                                                  r.segment == t.segment and r.r > previous_total],
            "its table": [r for r in before if r.sheet is t.sheet and r.segment == t.segment],
            "its sheet": [r for r in before if r.sheet is t.sheet],
            "every row above": before,
        }
        sums = {}
        for label, members in candidates.items():
            costs = [by_row[(id(r.sheet), r.r)].cost for r in members
                     if (id(r.sheet), r.r) in by_row]
            sums[label] = round(sum(x for x in costs if isinstance(x, (int, float))), 6)
        if any(abs(s - value) <= max(0.005, abs(value) * 1e-4) for s in sums.values()):
            continue
        detail = "; ".join(f"{k}: {v:g}" for k, v in sums.items())
        problems.append(problem(book, t.sheet, t.r, c, "warning", "total-mismatch",
                                f"the total row '{t.label}' says {value:g} million MAD, but the "
                                f"costs above add up to other sums ({detail}); the row is not "
                                "imported: check the total or the costs"))


# --- models ----------------------------------------------------------------------------------

def _models(book: Book, domains: list[Group], problems) -> list[Domain]:
    """Groups to pydantic models with ids: given ones checked, the others numbered."""
    seen: dict[str, str] = {}
    out = []

    def assign(group_or_action, parent_id: str, number: int, kind: str, taken: set) -> str:
        given = getattr(group_or_action, "id", None)
        # (row, column) of the id's cell: the id given in the sheet, or, for a level whose id
        # was taken from its actions' ids (_id_from_actions), the action id it was taken from
        cell: Any = getattr(group_or_action, "id_cell", None) if kind != "action" else \
            getattr(group_or_action, "_cell", None)
        derived = ""  # said after a problem with an id taken from the actions' ids
        if not given and kind != "action":
            found = _id_from_actions(group_or_action, LEVEL_KINDS.index(kind) + 1, taken)
            if found is not None:
                given, cell = found
                derived = _derived_hint(group_or_action, given)
        if given:
            bad = not ID_RE.match(given) or len(given) > 64
            wrong_parent = parent_id and not given.startswith(parent_id + ".")
            if bad or wrong_parent:
                row, c = cell
                msg = (f"the id '{given}' must be letters, digits, '.', '-' or '_'" if bad else
                       f"the {kind} id '{given}' does not start with its parent's id "
                       f"'{parent_id}.'; expected something like '{parent_id}."
                       f"{given.split('.')[-1]}'")
                problems.append(problem(book, row.sheet, row.r, c, "error",
                                        "bad-id" if bad else "id-parent", msg + derived))
            elif given.lower() in seen:
                row, c = cell
                problems.append(problem(book, row.sheet, row.r, c, "error", "duplicate-id",
                                        f"{kind} id '{given}' is already used ({seen[given.lower()]}"
                                        "); ids must be unique" + (derived or
                                        ": give this one the next free number")))
            seen[given.lower()] = kind
            taken.add(given)
            return given
        while True:
            if kind == "action":
                candidate = f"{parent_id}.{number:02d}"
            else:
                candidate = (f"{parent_id}." if parent_id else "") + f"{PREFIX[kind]}{number}"
            if candidate not in taken and candidate.lower() not in seen:
                break
            number += 1
        seen[candidate.lower()] = kind
        taken.add(candidate)
        return candidate

    def name(g: Group) -> Name:
        text, fixes = clean_text(g.name)
        g.notes += fixes
        if g.implicit:
            return Name.model_construct(ar="—", fr=None)
        fr = clean_text(g.fr)[0] if g.fr else None
        if not has_arabic(text) and fr is None:
            fr = text
            g.notes.append("name given in French only: the Arabic name (ar) holds it too "
                           "until it is translated")
        return Name.model_construct(ar=text, fr=fr)

    def node_fields(g: Group, node_id: str) -> dict:
        return {"id": node_id, "name": name(g), "source": None if g.implicit else
                Source.model_construct(file=_base(book.file), sheet=g.row.sheet.name,
                                       row=g.row.r + 1), "notes": g.notes}

    taken: set[str] = {g.id for g in _walk(domains) if getattr(g, "id", None)}
    for i, d in enumerate(domains, 1):
        did = assign(d, "", i, "domain", taken)
        axes = []
        for j, a in enumerate(d.children, 1):
            aid = assign(a, did, j, "axis", taken)
            projects = []
            for k, p in enumerate(a.children, 1):
                pid = assign(p, aid, k, "project", taken)
                acts = []
                for n, x in enumerate(p.children, 1):
                    x.id = assign(x, pid, n, "action", taken)
                    acts.append(x)
                projects.append(Project.model_construct(**node_fields(p, pid), head=p.head,
                                                        actions=acts))
            axes.append(Axis.model_construct(**node_fields(a, aid), projects=projects))
        out.append(Domain.model_construct(**node_fields(d, did), axes=axes))
    return out


def _id_from_actions(group: Group, depth: int, taken: set) -> tuple[str, tuple] | None:
    """A level without an id column takes its id from its actions' ids (D1.A2.P3.04 -> D1.A2
    for its axis) when they agree: (the id, the (row, column) of the first action id it was
    taken from, where a problem with it is shown)."""
    prefixes = set()
    cell = None
    for x in _walk(group.children):
        if isinstance(x, Action):
            parts = x.id.split(".") if x.id else []
            if len(parts) < 4:
                return None
            prefixes.add(".".join(parts[:depth]))
            cell = cell or getattr(x, "_cell", None)
    if len(prefixes) == 1 and cell is not None:
        found = prefixes.pop()
        return None if found in taken else (found, cell)
    return None


def _derived_hint(group: Group, given: str) -> str:
    """What to do about a refused id that was taken from the actions' ids."""
    fix = (f"add a column {group.level}_id with each {group.kind}'s id, or correct the action "
           "ids" if group.level else f"correct the action ids (the sheet has no {group.kind} "
           f"level, so no {group.kind} id column)")
    return (f" (the {group.kind} has no id column: '{given}' was taken from its actions' ids, "
            f"as in this cell); {fix}")


def _walk(groups):
    for g in groups:
        yield g
        if isinstance(g, Group):
            yield from _walk(g.children)
