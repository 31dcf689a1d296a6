"""Shape detection: a sheet's header rows (one or more, merged cells included), heading rows for
a domain or an axis, data rows, total and sub-total rows, and rows pam does not read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pam.problems import Problem, did_you_mean
from pam.sheets.cells import Book, Sheet, column_letter, problem
from pam.sheets.headers import (
    RANKS,
    WORDS,
    Columns,
    Role,
    cost_factor,
    known_headers,
    norm,
    recognise,
    year_of,
)
from pam.sheets.values import parse_number, plain_digits

ORDINALS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
            "التاسع", "العاشر", "الحادي عشر", "الثاني عشر", "premier", "deuxieme", "troisieme"]
TOTALS = ["المجموع العام", "المجموع الفرعي", "المجموع", "مجموع", "الاجمالي", "total general",
          "sous total", "total"]


@dataclass
class Heading:
    level: str
    name: str
    sheet: Sheet
    r: int
    c: int


@dataclass
class DataRow:
    sheet: Sheet
    r: int
    columns: Columns
    headings: dict[str, Heading]  # the heading in force for each level at this row
    segment: int  # a new segment starts at each header and heading


@dataclass
class TotalRow:
    sheet: Sheet
    r: int
    columns: Columns
    label: str
    segment: int


@dataclass
class Layout:
    rows: list[DataRow] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[tuple[Sheet, int]] = field(default_factory=list)


def _texts(sheet: Sheet, r: int) -> list[tuple[int, object]]:
    return [(c, cell.value) for c, cell in enumerate(sheet.rows[r]) if not cell.blank]


def _is_header(sheet: Sheet, r: int, column_map, in_table: bool) -> bool:
    """Two or more known headers and no numbers; inside a table, a new header must also name
    a year or the cost (a row 'برنامج 2 | مشروع ج' is data, not a header)."""
    cells = _texts(sheet, r)
    if len(cells) < 2:
        return False
    roles = [_role(v, c, column_map) for c, v in cells]
    known = sum(1 for role in roles if role is not None)
    if in_table and not any(role is not None and role.kind in ("year", "cost") for role in roles):
        return False
    numbers = sum(1 for _, v in cells if year_of(v) is None and
                  (isinstance(v, (int, float)) or parse_number(str(v).rstrip("%")) is not None))
    return known >= 2 and numbers == 0 and known * 2 >= len(cells)


def _continues_header(sheet: Sheet, r: int, column_map) -> bool:
    cells = _texts(sheet, r)
    return bool(cells) and all(year_of(v) is not None or _role(v, c, column_map) is not None
                               or cost_factor(str(v)) is not None for c, v in cells)


def _role(value, c: int, column_map) -> Role | None:
    if column_map:
        key = norm(str(value))
        if column_letter(c) in column_map:
            return column_map[column_letter(c)]
        if key in column_map:
            return column_map[key]
    return recognise(str(value))


def read_header(book: Book, sheet: Sheet, r: int, column_map, unit: float | None,
                problems: list[Problem]) -> tuple[Columns, int]:
    """The columns named by the header starting at row r; and the first row after it."""
    rows = [r]
    while len(rows) < 3 and rows[-1] + 1 < len(sheet.rows) and \
            _continues_header(sheet, rows[-1] + 1, column_map):
        rows.append(rows[-1] + 1)
    cols = Columns(header_rows=tuple(rows))
    seen: dict[tuple, int] = {}
    for c in range(sheet.width):
        parts = [sheet.cell(x, c).value for x in rows if not sheet.cell(x, c).blank]
        if not parts:
            continue
        years = [year_of(p) for p in parts if year_of(p) is not None]
        text = " ".join(str(p) for p in parts)
        role = None
        if column_map and (column_letter(c) in column_map or norm(text) in column_map):
            role = _role(text, c, column_map)
        elif years:
            role = Role("year", year=years[-1])
        else:
            role = recognise(text) or next((recognise(str(p)) for p in parts
                                            if recognise(str(p))), None)
        if role is None:
            if cost_factor(text) is None:
                hint = did_you_mean(norm(text), known_headers())
                problems.append(problem(book, sheet, rows[0], c, "warning", "unknown-column",
                                        f"the header '{text[:60]}' is not one pam knows, so "
                                        f"column {column_letter(c)} is not read.{hint} Known "
                                        "headers: المجال/domaine, المحور/axe, المشروع/projet, "
                                        "الإجراء/action, الكلفة/coût, years (2019); name it "
                                        "in a --columns map if it matters"))
            continue
        key = (role.kind, role.level, role.year)
        if key in seen and role.kind != "ignore":
            problems.append(problem(book, sheet, rows[0], c, "warning", "duplicate-column",
                                    f"column {column_letter(c)} ('{text[:40]}') names the same "
                                    f"thing as column {column_letter(seen[key])}; only "
                                    f"{column_letter(seen[key])} is read: rename or remove one"))
            continue
        seen[key] = c
        cols.roles[c] = role
        if role.kind == "cost":
            cols.cost_header = c
            cols.cost_factor = unit if unit is not None else cost_factor(text)
    return cols, rows[-1] + 1


def heading_of(text: str, in_text_column: bool) -> tuple[str, str] | None:
    """(level, name) when the text is a heading such as 'المحور الأول الميزانية ...' or
    'Axe 2 : ...'; a word like 'مشروع' at the start of an action's text is not one."""
    n = norm(text)
    for level in ("domain", "axis", "programme", "project"):
        for word in sorted(WORDS[level], key=len, reverse=True):
            if not re.match(rf"{re.escape(word)}( |$)", n):
                continue
            rest = n[len(word):].strip()
            ordinal = next((o for o in ORDINALS if rest.startswith(o)), None)
            numbered = re.match(r"(\d+|[ivx]+)\b", rest)
            if level in ("programme", "project") and not (ordinal or numbered):
                return None  # 'برنامج عمل الجماعة' is a title; 'مشروع ...' an action's text
            if in_text_column and not (ordinal or numbered):
                return None
            return level, _strip_heading(text, ordinal is not None or bool(numbered))
    return None


def _strip_heading(text: str, has_number: bool) -> str:
    """'المجال الأول : المالية' -> 'المالية'; 'Axe 2 - Voirie' -> 'Voirie'."""
    t = plain_digits(text).strip()
    words = t.split()
    drop = 1
    if has_number and len(words) > 1:
        drop = 2
        if len(words) > 2 and norm(" ".join(words[1:3])) in ("الحادي عشر", "الثاني عشر"):
            drop = 3
    rest = " ".join(words[drop:]).lstrip(" :-–—.").strip()
    return rest or t


def total_label(sheet: Sheet, r: int, cols: Columns) -> str | None:
    text_cols = [c for c, role in cols.roles.items() if role.kind in ("level", "id")]
    for c, v in _texts(sheet, r):
        if not isinstance(v, str) or (text_cols and c not in text_cols and len(_texts(sheet, r))
                                      > 2):
            continue
        n = norm(v)
        if len(n.split()) <= 5 and any(n == t or n.startswith(t + " ") for t in TOTALS):
            return v
    return None


def read_layout(book: Book, sheets: list[Sheet], column_map=None,
                unit: float | None = None) -> Layout:
    """Every sheet's rows classified; problems for what cannot be read."""
    out = Layout()
    segment = 0
    for sheet in sheets:
        cols: Columns | None = None
        headings: dict[str, Heading] = {}
        r = 0
        while r < len(sheet.rows):
            cells = _texts(sheet, r)
            if not cells:
                r += 1
                continue
            if _is_header(sheet, r, column_map, cols is not None):
                cols, r = read_header(book, sheet, r, column_map, unit, out.problems)
                segment += 1
                continue
            distinct = {str(v).strip() for _, v in cells}
            if len(distinct) == 1 and isinstance(cells[0][1], str):
                c = cells[0][0]
                in_text = cols is not None and cols.roles.get(c, Role("x")).kind == "level" \
                    and cols.roles[c].level == (cols.levels or ["action"])[-1]
                found = heading_of(cells[0][1], in_text)
                if found is not None:
                    h = Heading(found[0], found[1], sheet, r, c)
                    headings = {k: v for k, v in headings.items()
                                if RANKS.index(k) < RANKS.index(h.level)}
                    headings[h.level] = h
                    out.headings.append(h)
                    segment += 1
                    r += 1
                    continue
                if cols is None:
                    out.titles.append(cells[0][1])
                    r += 1
                    continue
            if cols is None:
                out.skipped.append((sheet, r))
                r += 1
                continue
            label = total_label(sheet, r, cols)
            if label is not None:
                out.totals.append(TotalRow(sheet, r, cols, label, segment))
            elif any(c in cols.roles and cols.roles[c].kind != "ignore" for c, _ in cells):
                out.rows.append(DataRow(sheet, r, cols, dict(headings), segment))
            else:
                out.skipped.append((sheet, r))
            r += 1
    return out
