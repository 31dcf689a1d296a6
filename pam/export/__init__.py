"""Exports of the plan and its progress: flat tables (CSV, JSON, XLSX) and TaskJuggler (tjp)."""

from pam.export.tables import (  # noqa: F401 (the package's interface)
    COLUMNS,
    TABLES,
    export_tables,
    to_csv,
    to_json,
    write_csv,
    write_text,
    write_xlsx,
)
