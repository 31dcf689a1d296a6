"""The import pipeline (pam import): read the file, find the tables, build the plan, check it,
write it atomically; a result with every problem, and nothing written when one is an error."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pam.problems import Problem
from pam.sheets.build import Facts, build_plan
from pam.sheets.cells import Book, Sheet, read_book
from pam.sheets.headers import UNITS, parse_column_map
from pam.sheets.shape import read_layout

if TYPE_CHECKING:
    from pam.model import Program

PAM_SHEETS = {"plan", "pac"}  # pam's own sheet (template, export): read alone when present
NOT_PLAN = {"instructions", "تعليمات", "actions", "cards", "program", "البرنامج"}


@dataclass
class Imported:
    problems: list[Problem]
    program: Program | None = None
    domains: list = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    warnings_in_plan: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def read_plan(path: Path, facts: Facts, columns: Path | None = None,
              sheets: list[str] | None = None, shown: str | None = None) -> Imported:
    """The plan a spreadsheet holds, as models (nothing written)."""
    book, problems = read_book(path, shown)
    if book is None:
        return Imported(problems)
    column_map = None
    if columns is not None:
        column_map, unit, errors = _read_map(columns)
        problems += errors
        if unit and facts.cost_unit is None:
            facts.cost_unit = UNITS[unit]
    chosen, found = choose_sheets(book, sheets)
    problems += found
    if any(p.severity == "error" for p in problems):
        return Imported(problems)
    _program_sheet(book, facts)
    layout = read_layout(book, chosen, column_map, facts.cost_unit)
    program, domains, found = build_plan(book, layout, facts)
    problems = _sorted(problems + found)
    return Imported(problems, program, domains)


def choose_sheets(book: Book, names: list[str] | None) -> tuple[list[Sheet], list[Problem]]:
    if names:
        by_name = {s.name: s for s in book.sheets}
        missing = [n for n in names if n not in by_name]
        if missing:
            from pam.problems import did_you_mean

            return [], [Problem(book.file, 1, 1, "error", "unknown-sheet",
                                f"no sheet '{n}' in the workbook.{did_you_mean(n, by_name)} "
                                f"Its sheets: {', '.join(map(str, by_name))}") for n in missing]
        return [by_name[n] for n in names], []
    own = [s for s in book.sheets if (s.name or "").strip().lower() in PAM_SHEETS]
    if own:
        return own[:1], []
    return [s for s in book.sheets if (s.name or "").strip().lower() not in NOT_PLAN], []


def _program_sheet(book: Book, facts: Facts) -> None:
    """pam's export carries the program's facts on a 'program' sheet (key, value rows)."""
    sheet = next((s for s in book.sheets if (s.name or "").lower() == "program"), None)
    if sheet is None:
        return
    values = {str(r[0].value).strip(): r[1].value for r in sheet.rows
              if len(r) >= 2 and not r[0].blank and not r[1].blank}
    for key, attr in (("id", "id"), ("name", "name"), ("name_fr", "name_fr"),
                      ("commune", "commune"), ("commune_fr", "commune_fr")):
        if getattr(facts, attr) is None and key in values:
            setattr(facts, attr, str(values[key]))
    for key in ("start", "end"):
        if getattr(facts, key) is None and isinstance(value := values.get(key), (int, float)):
            setattr(facts, key, int(value))


def _read_map(path: Path):
    from ruamel.yaml import YAML, YAMLError

    shown = str(path)
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        return None, None, [Problem(shown, 1, 1, "error", "bad-column-map",
                                    f"the --columns file could not be read "
                                    f"({type(exc).__name__}: {str(exc)[:120]}); it is YAML like "
                                    "'columns: {\"اسم المشروع\": project, F: cost}'")]
    roles, unit, errors = parse_column_map(data)
    return roles, unit, [Problem(shown, 1, 1, "error", "bad-column-map", e) for e in errors]


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.where is not None and
                                                          p.where.split("!")[0] or "",
                                                          p.line, p.column, p.code))


def import_to(path: Path, out: Path, facts: Facts, columns: Path | None = None,
              sheets: list[str] | None = None, shown: str | None = None) -> Imported:
    """Read the spreadsheet and write the plan folder `out` (absent or empty); nothing is
    written when a problem is an error."""
    from pam.load import load_plan
    from pam.outputs import plan_folder_of
    from pam.sheets.write import commit, discard, plan_texts, stage

    inside = plan_folder_of(out.parent)
    if inside is not None:
        return Imported([Problem(str(out), 1, 1, "error", "out-in-plan",
                                 f"'{out}' is inside the plan folder {inside}: a new plan "
                                 "folder belongs outside any plan; choose another --out, or "
                                 "use --update FILE --plan DIR to apply a sheet to a plan")])
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        return Imported([Problem(str(out), 1, 1, "error", "out-not-empty",
                                 f"'{out}' already exists and is not an empty folder: pam import "
                                 "writes a new plan folder; choose another --out, or use "
                                 "--update FILE --plan DIR to apply a sheet to a plan")])
    result = read_plan(path, facts, columns, sheets, shown)
    if not result.ok:
        return result
    # a result without an error holds the program built from the sheet
    texts = plan_texts(cast("Program", result.program), result.domains)
    staged = stage(out, texts)
    try:
        _plan, found = load_plan(staged, cards=False)
        errors = [p for p in found if p.severity == "error"]
        if errors:  # the sheet's checks should have caught these: say where they are
            result.problems += [Problem(p.file, p.line, p.column, p.severity, p.code,
                                        p.message + " (in the plan pam would write)")
                                for p in errors]
            discard(staged)
            return result
        result.warnings_in_plan = sum(1 for p in found if p.severity == "warning")
        commit(staged, out)
    except BaseException:
        discard(staged)
        raise
    result.written = sorted(texts)
    return result
