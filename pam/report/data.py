"""A report's data as its JSON prints it: every figure rounded once, to 2 decimals (the
templates show these values, so a Markdown or HTML figure always comes from the JSON one),
and the JSON itself (`pam report KIND --format json`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from pam.monitor.results import r2


def rounded(value):
    """The data with every float rounded to 2 decimals (dicts, lists and tuples walked;
    dates, texts and names kept as they are)."""
    if isinstance(value, float):
        return r2(value)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, tuple):
        return tuple(rounded(v) for v in value)
    return value


def plain(value):
    """JSON-ready: dates as YYYY-MM-DD, names, other models and dataclasses as their fields,
    tuples as lists, floats to 2 decimals."""
    if isinstance(value, float):
        return r2(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [plain(v) for v in items]
    if hasattr(value, "model_dump"):
        return plain(value.model_dump(mode="json"))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    return value


def report_json(data: dict) -> str:
    """The report's data as JSON: `as_of` and `program` (the keys of `pam status --format
    json`'s program node, at the report's date) first, then everything the templates use."""
    out = {"kind": data["kind"], "as_of": data["meta"]["as_of"], "program": data["program"]}
    out.update((k, v) for k, v in data.items() if k not in out)
    return json.dumps(plain(out), ensure_ascii=False, indent=2) + "\n"
