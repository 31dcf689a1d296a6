"""Reading cells from xlsx (openpyxl), ods (the standard library) and csv into one grid shape."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pam.problems import Problem, Severity

MAX_BYTES = 50 * 1024 * 1024  # a spreadsheet larger than this is refused
MAX_ROWS = 100_000
MAX_COLS = 500
KINDS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods", ".csv": "csv", ".txt": "csv"}


@dataclass(frozen=True)
class Cell:
    """One cell's value: text (stripped), a number, a date, or None when blank."""

    value: str | float | int | dt.date | None = None
    percent: bool = False  # a number shown as a percent (0.2 displayed as 20%)

    @property
    def blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


BLANK = Cell()


@dataclass
class Sheet:
    name: str | None  # None for a CSV file
    rows: list[list[Cell]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2

    def cell(self, r: int, c: int) -> Cell:
        row = self.rows[r] if 0 <= r < len(self.rows) else []
        return row[c] if 0 <= c < len(row) else BLANK

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Book:
    file: str  # as the user named it, for messages
    kind: str  # xlsx, ods or csv
    sheets: list[Sheet]


def column_letter(c: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        out = chr(65 + rem) + out
    return out


def locate(book: Book, sheet: Sheet | None, r: int, c: int | None) -> tuple[int, int, str | None]:
    """(line, column, where) of a 0-based cell for a Problem: 'Sheet!C7' for workbooks; row and
    column numbers (FILE:ROW:COL) for a CSV file."""
    if book.kind == "csv" or sheet is None or sheet.name is None:
        return r + 1, (c or 0) + 1, None
    name = sheet.name
    if not name.replace("_", "").isalnum():
        name = "'" + name.replace("'", "''") + "'"
    return r + 1, (c or 0) + 1, f"{name}!{column_letter(c)}{r + 1}" if c is not None \
        else f"{name}!{r + 1}:{r + 1}"


def problem(book: Book, sheet: Sheet | None, r: int, c: int | None, severity: Severity,
            code: str, message: str) -> Problem:
    line, column, where = locate(book, sheet, r, c)
    return Problem(book.file, line, column, severity, code, message, where)


def read_book(path: Path, shown: str | None = None) -> tuple[Book | None, list[Problem]]:
    """Read a spreadsheet; (None, problems) when it cannot be read at all."""
    shown = shown or str(path)

    def fail(code, message):
        return None, [Problem(shown, 1, 1, "error", code, message)]

    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        return fail("unknown-file-type",
                    f"expected a .xlsx, .ods or .csv file, found '{path.suffix or 'no extension'}'; "
                    "save the sheet in one of these formats (LibreOffice and Excel both can), "
                    "e.g. File > Save as > Excel 2007-365 (.xlsx)")
    if not path.is_file():
        return fail("file-not-found", f"expected a spreadsheet at '{shown}', found "
                    f"{'a folder' if path.is_dir() else 'nothing'}; check the path")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return fail("file-too-large", f"expected a spreadsheet of at most {MAX_BYTES} bytes, "
                    f"found {size} bytes; is it the PAC's table?")
    data = path.read_bytes()
    try:
        if kind == "csv":
            return _read_csv(data, shown)
        if not zipfile.is_zipfile(io.BytesIO(data)):
            old = data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            return fail("not-a-spreadsheet",
                        f"'{shown}' is not a {kind} file (not a zip archive"
                        + ("; it looks like an old Excel .xls file" if old else "")
                        + "); open it in LibreOffice or Excel and save it as .xlsx")
        sheets = _read_xlsx(data) if kind == "xlsx" else _read_ods(data)
    except ImportError:
        return fail("xlsx-unavailable", "reading .xlsx needs openpyxl: pip install "
                    "'pam-pac[xlsx]' (or save the sheet as .ods or .csv)")
    except Exception as exc:  # noqa: BLE001 - a damaged file is a problem, not a traceback
        return fail("unreadable-spreadsheet",
                    f"'{shown}' could not be read as {kind} ({type(exc).__name__}: "
                    f"{str(exc)[:160]}); open it in LibreOffice or Excel and save it again")
    return Book(shown, kind, sheets), []


# --- xlsx ------------------------------------------------------------------------------------

def _read_xlsx(data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), data_only=True)
    sheets = []
    for ws in wb.worksheets:
        rows = []
        for r, cells in enumerate(ws.iter_rows(max_col=min(ws.max_column, MAX_COLS))):
            if r >= MAX_ROWS:
                break
            rows.append([_xlsx_cell(c) for c in cells])
        merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                  for m in ws.merged_cells.ranges]
        sheets.append(Sheet(ws.title, _trim(rows), merges))
    return sheets


def _xlsx_cell(c) -> Cell:
    v = c.value
    if v is None:
        return BLANK
    if isinstance(v, bool):
        return Cell("true" if v else "false")
    if isinstance(v, dt.datetime):
        return Cell(v.date() if v.time() == dt.time() else v)
    if isinstance(v, (int, float)):
        return Cell(v, "%" in (c.number_format or ""))
    if isinstance(v, (dt.date, dt.time)):
        return Cell(v if isinstance(v, dt.date) else str(v))
    text = str(v).strip()
    return Cell(text) if text else BLANK


def _trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Drop trailing blank cells and trailing blank rows."""
    out = []
    for row in rows:
        end = len(row)
        while end and row[end - 1].blank:
            end -= 1
        out.append(row[:end])
    while out and not out[-1]:
        out.pop()
    return out


# --- ods -------------------------------------------------------------------------------------

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _read_ods(data: bytes) -> list[Sheet]:
    """content.xml read with ElementTree: each cell's office:value-type says whether it is a
    percent, a float or a text, which a target column needs (a 20% cell holds 0.2)."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = ET.fromstring(z.read("content.xml"))
    sheets = []
    for table in root.iter(f"{_T}table"):
        rows: list[list[Cell]] = []
        merges: list[tuple[int, int, int, int]] = []
        pending_blank = 0
        for row in _ods_rows(table):
            repeat = min(int(row.get(f"{_T}number-rows-repeated", "1")), MAX_ROWS)
            cells = _ods_cells(row, len(rows) + pending_blank, merges)
            if not cells:
                pending_blank += repeat
                continue
            rows.extend([[]] * pending_blank)
            pending_blank = 0
            rows.extend([list(cells) for _ in range(min(repeat, MAX_ROWS - len(rows)))])
            if len(rows) >= MAX_ROWS:
                break
        sheets.append(Sheet(table.get(f"{_T}name"), rows, merges))
    return sheets


def _ods_rows(table):
    for child in table:
        if child.tag == f"{_T}table-row":
            yield child
        elif child.tag in (f"{_T}table-header-rows", f"{_T}table-rows", f"{_T}table-row-group"):
            yield from _ods_rows(child)


def _ods_cells(row, r: int, merges: list[tuple[int, int, int, int]]) -> list[Cell]:
    out: list[Cell] = []
    for cell in row:
        if cell.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{_T}number-columns-repeated", "1"))
        value = _ods_value(cell) if cell.tag == f"{_T}table-cell" else BLANK
        spans = int(cell.get(f"{_T}number-rows-spanned", "1")), \
            int(cell.get(f"{_T}number-columns-spanned", "1"))
        if spans != (1, 1):
            merges.append((r, len(out), r + spans[0] - 1, len(out) + spans[1] - 1))
        if value.blank and len(out) + repeat > MAX_COLS:
            break
        out.extend([value] * min(repeat, MAX_COLS - len(out)))
    return _trim([out])[0] if out else []


def _ods_value(cell) -> Cell:
    kind = cell.get(f"{_O}value-type")
    if kind in ("float", "percentage", "currency"):
        text = cell.get(f"{_O}value", "")
        number = float(text)
        return Cell(int(number) if number.is_integer() and "." not in text else number,
                    kind == "percentage")
    if kind == "date":
        text = cell.get(f"{_O}date-value", "")
        try:
            return Cell(dt.date.fromisoformat(text[:10]))
        except ValueError:
            return Cell(text)
    if kind == "boolean":
        return Cell(cell.get(f"{_O}boolean-value", "false"))
    text = "\n".join(_ods_text(p) for p in cell.iter(f"{_X}p")).strip()
    return Cell(text) if text else BLANK


def _ods_text(p) -> str:
    parts = [p.text or ""]
    for child in p:
        if child.tag == f"{_X}s":
            parts.append(" " * int(child.get(f"{_X}c", "1")))
        elif child.tag == f"{_X}tab":
            parts.append("\t")
        elif child.tag == f"{_X}line-break":
            parts.append("\n")
        else:
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# --- csv -------------------------------------------------------------------------------------

def _read_csv(data: bytes, shown: str) -> tuple[Book | None, list[Problem]]:
    """UTF-8 (a byte-order mark is dropped); the separator is ',', ';' or a tab, whichever
    splits the lines most regularly (French Excel writes ';' with decimal commas)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [Problem(shown, line, 1, "error", "encoding",
                              f"expected UTF-8 text, found the byte 0x{data[exc.start]:02x}, "
                              "which is not UTF-8 (Excel's 'CSV' saves in Windows-1256); save "
                              "it as 'CSV UTF-8', or as .xlsx")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = sniff_delimiter(text)
    rows = []
    for r, values in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
        if r >= MAX_ROWS:
            break
        rows.append([Cell(v.strip()) if v.strip() else BLANK for v in values[:MAX_COLS]])
    return Book(shown, "csv", [Sheet(None, _trim(rows))]), []


def sniff_delimiter(text: str) -> str:
    lines = [line for line in text.split("\n")[:50] if line.strip()]
    best, best_score = ",", -1.0
    for d in (";", ",", "\t"):
        counts = [len(next(csv.reader([line], delimiter=d))) for line in lines]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * common
        if score > best_score:
            best, best_score = d, score
    return best
