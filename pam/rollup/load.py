"""Bundle files -> checked, staged Parquet files -> one DuckDB connection holding every commune.

Each file is read whole and checked before anything is computed: a ZIP with `bundle.json`
of pam's format and version (schema.VERSION), every table present with its SHA-256, its row
count and the columns of pam/rollup/schema.py, every row of the commune the manifest names,
the program's date the manifest's. A commune given twice, and a bundle that does not cover
the roll-up's date, are refused too. Every problem names its file; all of them are said at
once (exit 1), and nothing is computed. The checked tables are staged in a temporary folder
laid out one folder per table (as on object storage, docs/bundle-format.md; one file per
table for each batch of bundles), copied into DuckDB, and the folder removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pam.errors import Refused, Unavailable, UsageError, WriteFailed
from pam.rollup.schema import FORMAT, MANIFEST, TABLES, VERSION

MAX_BYTES = 4 << 30  # a bundle larger than this is refused (a national total is ~1 GiB)
SHOWN = 30  # problems said at most
MEMORY_LIMIT = "3GB"  # DuckDB's own (the Arrow tables it reads come on top)


class BadBundle(Exception):
    """One file that is not a bundle pam can read (the message says why and what to do)."""


@dataclass
class Bundle:
    path: Path
    manifest: dict
    tables: dict  # table name -> pyarrow.Table (read_bundle; empty once staged as files)
    period_end: int | None = None  # the program's last year (program.period_end)

    @property
    def commune(self) -> str:
        return self.manifest["commune"]

    @property
    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(self.manifest["as_of"])

    def measured_on(self, day: dt.date) -> dt.date:
        """The date its commune is measured at in a roll-up at `day`: `day`, capped to the
        last day of its program (as pam status caps a later --as-of)."""
        if self.period_end is None:
            return day
        return min(day, dt.date(self.period_end, 12, 31))


@dataclass
class Loaded:
    """The bundles read, and the connection that holds their tables (one per table name)."""

    bundles: list[Bundle]
    con: Any  # a DuckDB connection; None once closed
    older: list[Bundle] = field(default_factory=list)  # covered to an earlier date (allowed)

    def close(self) -> None:
        self.con.close()
        self.con = None  # its spill folder goes with it (load.new_connection)


MISSING = "pam rollup needs duckdb and pyarrow: pip install 'pam-pac[rollup]'"


def need_engine():
    """duckdb and pyarrow, or an Unavailable error saying how to install them."""
    try:
        import duckdb
        import pyarrow
    except ImportError:
        raise Unavailable(MISSING) from None
    return duckdb, pyarrow


def check_engine() -> None:
    """need_engine without importing them (load_bundles forks before it uses them)."""
    from importlib.util import find_spec

    if find_spec("duckdb") is None or find_spec("pyarrow") is None:
        raise Unavailable(MISSING)


def bundle_files(paths: list[Path]) -> list[Path]:
    """The bundle files named: files as given, folders searched for *.zip (sorted, any depth,
    hidden folders skipped). A path that does not exist, or no bundle at all, is a usage
    error."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.zip")
                           if p.is_file() and not any(part.startswith(".")
                                                      for part in p.relative_to(path).parts))
            if not found:
                raise UsageError(f"{path}: no bundle (*.zip) in this folder; write one per "
                                 "commune with pam export bundle --out FILE.zip")
            out += found
        elif path.is_file():
            out.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return out


def read_bundle(path: Path) -> Bundle:
    """One bundle file, checked (BadBundle says what is wrong), its tables read into Arrow."""
    try:
        with zipfile.ZipFile(path) as z:
            manifest = _manifest(z)
            return Bundle(path, manifest, _tables(z, manifest))
    except zipfile.BadZipFile as exc:
        raise BadBundle(f"not a complete pam bundle: the file is cut short or damaged ({exc}); "
                        "copy it again, or export it again with pam export bundle") from None
    except OSError as exc:
        raise BadBundle(f"cannot be read: {exc.strerror or exc}") from None


def _manifest(z: zipfile.ZipFile) -> dict:
    if MANIFEST not in z.namelist():
        raise BadBundle(f"not a pam bundle: a ZIP file without {MANIFEST} (pam export bundle "
                        "writes one)")
    if sum(i.file_size for i in z.infolist()) > MAX_BYTES:
        raise BadBundle(f"holds more than {MAX_BYTES >> 30} GiB once read: not a commune's "
                        "bundle")
    try:
        manifest = json.loads(z.read(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadBundle(f"{MANIFEST} is not JSON ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BadBundle(f"not a pam bundle: {MANIFEST} does not say format '{FORMAT}'")
    version = manifest.get("version")
    if version != VERSION:
        raise BadBundle(_version_message(version))
    for key in ("commune", "as_of", "tables"):
        if key not in manifest:
            raise BadBundle(f"{MANIFEST} has no '{key}'")
    try:
        dt.date.fromisoformat(str(manifest["as_of"]))
    except ValueError:
        raise BadBundle(f"{MANIFEST}: as_of '{manifest['as_of']}' is not a date") from None
    if not isinstance(manifest["commune"], str) or not manifest["commune"]:
        raise BadBundle(f"{MANIFEST}: commune is not a name")
    return manifest


# what a bundle of an older version lacks, said when one is refused
OLDER = {1: "a version 1 bundle has no credits, funding lines, indicator kinds or values "
            "measured (issue 15), so its money and indicator figures cannot be pam status's"}


def _version_message(version) -> str:
    newer = isinstance(version, int) and not isinstance(version, bool) and version > VERSION
    hint = ("upgrade pam to read it" if newer else
            "ask the commune to export it again with this version of pam")
    why = f": {OLDER[version]}" if isinstance(version, int) and version in OLDER else ""
    return (f"bundle schema version {version!r}, but this pam (reading version {VERSION}) "
            f"reads only that one{why}; {hint} (pam export bundle)")


def _tables(z: zipfile.ZipFile, manifest: dict) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pam.rollup.bundle import arrow_schema

    listed = manifest["tables"]
    out = {}
    for table in TABLES:
        meta = listed.get(table.name) if isinstance(listed, dict) else None
        if not isinstance(meta, dict) or table.file not in z.namelist():
            raise BadBundle(f"the table '{table.name}' ({table.file}) is missing")
        data = z.read(table.file)  # checks the member's CRC
        if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
            raise BadBundle(f"{table.file} is not the file its manifest describes (SHA-256 "
                            "differs): the bundle was changed or damaged; export it again")
        try:
            parquet = pq.ParquetFile(pa.BufferReader(data))
            found = parquet.schema_arrow
        except (pa.ArrowException, OSError) as exc:
            raise BadBundle(f"{table.file} is not a readable Parquet file ({exc})") from None
        if not found.equals(arrow_schema(table), check_metadata=False):
            raise BadBundle(f"{table.file}: its columns are not those of bundle version "
                            f"{VERSION} (expected {', '.join(table.names)}; found "
                            f"{', '.join(found.names)})")
        if parquet.metadata.num_rows != meta.get("rows"):
            raise BadBundle(f"{table.file} holds {parquet.metadata.num_rows} rows, its "
                            f"manifest says {meta.get('rows')}")
        if not _one_commune(parquet, manifest["commune"]):
            raise BadBundle(f"{table.file} holds rows of another commune than "
                            f"'{manifest['commune']}'")
        try:
            arrow = parquet.read(use_threads=False) if parquet.metadata.num_rows else \
                found.empty_table()
        except (pa.ArrowException, OSError) as exc:
            raise BadBundle(f"{table.file} is not a readable Parquet file ({exc})") from None
        out[table.name] = arrow
    if listed["program"].get("rows") != 1:
        raise BadBundle("program.parquet must hold exactly one row")
    as_of = out["program"]["as_of"][0].as_py()
    if as_of.isoformat() != manifest["as_of"]:
        raise BadBundle(f"program.parquet's as_of {as_of} differs from the manifest's "
                        f"{manifest['as_of']}")
    return out


BATCH = 50  # bundles per staged file of each table


def _read_all(files: list[Path], stage: Path) -> list:
    """Each file's Bundle (its tables staged as files), or the BadBundle that says why not,
    in order. Checking a bundle is mostly Python's work: for many files, two processes share
    it (pam.cache.parallel, forked before this process uses pyarrow or DuckDB). The good
    bundles of each batch of BATCH files are staged together, one Parquet file per table (a
    few large files read faster than one per commune and table; a refused bundle stops the
    roll-up, so what a batch holds is only ever used when every bundle is good)."""
    from pam.cache.parallel import map_json

    for table in TABLES:
        (stage / table.name).mkdir()
    batches = [list(range(i, min(i + BATCH, len(files)))) for i in range(0, len(files), BATCH)]

    def one(b: int) -> list:
        out: list[dict[str, Any]] = []
        parts: list = []
        for i in batches[b]:
            try:
                found = read_bundle(files[i])
            except BadBundle as exc:
                out.append({"bad": str(exc)})
                continue
            out.append({"manifest": found.manifest,
                        "period_end": found.tables["program"]["period_end"][0].as_py()})
            parts.append(found.tables)
        _stage_batch(stage, f"{b:05d}", parts)
        return out

    done = [d for batch in map_json(one, list(range(len(batches))), min_items=2)
            for d in batch]
    return [Bundle(path, d["manifest"], {}, d["period_end"]) if "manifest" in d
            else BadBundle(d["bad"]) for path, d in zip(files, done, strict=True)]


def _stage_batch(stage: Path, name: str, parts: list[dict]) -> None:
    """The tables of some bundles (read into Arrow), one Parquet file per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pam.rollup.bundle import arrow_schema

    for table in TABLES:
        schema = arrow_schema(table)
        data = pa.concat_tables([p[table.name] for p in parts]) if parts else \
            schema.empty_table()
        pq.write_table(data, stage / table.name / f"{name}.parquet", compression="snappy",
                       row_group_size=1 << 20)


def _one_commune(parquet, key: str) -> bool:
    """Every row's `commune` is `key`: from each row group's statistics (min = max = key),
    else from the column itself."""
    meta = parquet.metadata
    if meta.num_rows == 0:
        return True
    stats = [meta.row_group(i).column(0).statistics for i in range(meta.num_row_groups)]
    if all(s is not None and s.has_min_max and s.min == key and s.max == key for s in stats):
        return True
    import pyarrow.compute as pc

    column = parquet.read(columns=["commune"], use_threads=False)["commune"]
    return column.null_count == 0 and pc.all(pc.equal(column, key)).as_py() is not False


def load_bundles(paths: list[Path], as_of: dt.date, *, allow_older: bool = False) -> Loaded:
    """Read and check every bundle named (files or folders); put their tables into one DuckDB
    connection. Refused (every problem at once, each naming its file): a file that is not a
    bundle of this version, a commune given twice, a bundle complete only to a date before
    the one its commune is measured at (`as_of`, capped to the end of its program; unless
    allow_older: then it is kept and marked)."""
    import tempfile

    check_engine()
    files = bundle_files(paths)
    problems: list[str] = []
    bundles: list[Bundle] = []
    seen: dict[str, Path] = {}
    staged = tempfile.TemporaryDirectory(prefix="pam-rollup-")
    try:
        read = _read_all(files, Path(staged.name))
    except OSError as exc:
        staged.cleanup()
        raise WriteFailed(f"cannot stage the bundles' tables in {staged.name}: "
                          f"{exc.strerror or exc}; free some space (or set TMPDIR)") from None
    for path, b in zip(files, read, strict=True):
        if isinstance(b, BadBundle):
            problems.append(f"{path}: {b}")
            continue
        if b.commune in seen:
            problems.append(f"{path}: the commune '{b.commune}' is already in {seen[b.commune]}"
                            "; give each commune once (its newest bundle), and each commune "
                            "its own code (commune_code in program.yaml)")
            continue
        seen[b.commune] = path
        bundles.append(b)
    older = [b for b in bundles if b.as_of < b.measured_on(as_of)]
    if older and not allow_older:
        problems += [f"{b.path}: complete only to {b.as_of}, before --as-of {as_of}"
                     + (f" (its program ends on {b.measured_on(as_of)})"
                        if b.measured_on(as_of) != as_of else "")
                     + ": its cards after that date are not in it, so its figures would be of "
                     "another date; export a newer bundle, roll up at an earlier --as-of, or "
                     "pass --allow-older to keep it, marked" for b in older]
    if problems:
        from pam.render.text import neutralize

        staged.cleanup()
        shown = [neutralize(p, newlines=False) for p in problems[:SHOWN]]
        more = f"\n(and {len(problems) - SHOWN} more)" if len(problems) > SHOWN else ""
        raise Refused(f"{len(problems)} bundle(s) cannot be rolled up; nothing was computed:\n"
                      + "\n".join(shown) + more)
    try:
        con = connect_files(Path(staged.name))
    finally:
        staged.cleanup()
    return Loaded(bundles, con, older if allow_older else [])


def new_connection():
    """An in-memory DuckDB connection that spills to a temporary folder of its own past
    MEMORY_LIMIT (the roll-up of every commune stays under 4 GiB), never to the current
    folder (DuckDB's default); the folder goes with the connection."""
    import shutil
    import tempfile
    import weakref

    duckdb, _pa = need_engine()
    spill = tempfile.mkdtemp(prefix="pam-rollup-spill-")
    try:
        con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": spill})
    except BaseException:
        shutil.rmtree(spill, ignore_errors=True)
        raise
    weakref.finalize(con, shutil.rmtree, spill, True)
    return con


def connect_files(folder: Path, *, views: bool = False):
    """A DuckDB connection holding every bundle table, read from its Parquet files
    folder/TABLE/*.parquet (as laid out on object storage: docs/bundle-format.md): copied
    into DuckDB once (the figures read the small tables many times), or with `views`, read
    from the files by every query."""
    con = new_connection()
    for table in TABLES:
        files = str(folder / table.name / "*.parquet").replace("'", "''")
        kind = "VIEW" if views else "TABLE"
        con.execute(f"CREATE {kind} {table.name} AS SELECT * FROM read_parquet('{files}')")
    return con


def connect(parts: list[dict]):
    """A DuckDB connection with one view per bundle table (schema.TABLES), each holding the
    rows of every part ({table name: Arrow table}, one per commune)."""
    _duckdb, pa = need_engine()
    from pam.rollup.bundle import arrow_schema

    con = new_connection()
    for table in TABLES:
        tables = [p[table.name] for p in parts]
        con.register(table.name, pa.concat_tables(tables) if tables else
                     arrow_schema(table).empty_table())
    return con
