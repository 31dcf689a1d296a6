"""Computed results: per-action and per-node figures, the status at a date, and their JSON.

Plain frozen dataclasses with no pydantic, so a cached result loads without the input models.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

STATUSES = ("done", "late", "at_risk", "unreported", "on_track", "not_due", "no_target")


@dataclass(frozen=True)
class ActionResult:
    id: str
    project: str
    text: str
    planned: float | None
    actual: float | None
    variance: float | None
    status: str
    stale: bool
    last_report: dt.date | None
    cost: float | None
    spent: float | None
    pv: float | None
    ev: float | None
    ac: float | None
    spi: float | None
    cpi: float | None
    state: str | None = None


@dataclass(frozen=True)
class NodeResult:
    id: str
    name: str
    kind: str
    planned: float | None
    actual: float | None
    variance: float | None
    status: str
    planned_cost_weighted: float | None
    actual_cost_weighted: float | None
    pv: float
    ev: float
    ac: float
    spi: float | None
    cpi: float | None
    cost: float
    counts: dict = field(default_factory=dict)
    stale: int = 0


@dataclass(frozen=True)
class Status:
    as_of: dt.date
    program: NodeResult
    domains: list[NodeResult]
    axes: list[NodeResult]
    projects: list[NodeResult]
    actions: list[ActionResult]


def _clean(value):
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


NODE_KEYS = ("id", "name", "planned", "actual", "variance", "status", "planned_cost_weighted",
             "actual_cost_weighted", "pv", "ev", "ac", "spi", "cpi", "counts")
ACTION_KEYS = ("id", "project", "text", "planned", "actual", "variance", "status", "stale",
               "last_report", "cost", "spent", "pv", "ev", "ac", "spi", "cpi")


def status_json(status: Status) -> dict:
    def node(n: NodeResult) -> dict:
        d = asdict(n)
        return {k: _clean(d[k]) for k in NODE_KEYS}

    def action(a: ActionResult) -> dict:
        d = asdict(a)
        return {k: _clean(d[k]) for k in ACTION_KEYS}

    return {
        "as_of": status.as_of.isoformat(),
        "program": node(status.program),
        "domains": [node(n) for n in status.domains],
        "axes": [node(n) for n in status.axes],
        "projects": [node(n) for n in status.projects],
        "actions": [action(a) for a in status.actions],
    }


def to_data(result) -> list:
    """A result (ActionResult or NodeResult) as JSON data, field by field (dates as text);
    from_data gives it back equal, for results kept between commands (pam/cache)."""
    from dataclasses import fields

    return [_date_text(getattr(result, f.name)) for f in fields(result)]


def from_data(kind: type, data: list):
    """The inverse of to_data for the dataclass `kind`."""
    names, dates = _layout(kind)
    if len(data) != len(names):
        raise ValueError(f"{kind.__name__}: {len(data)} values for {len(names)} fields")
    values = dict(zip(names, data, strict=True))
    for name in dates:
        if values[name] is not None:
            values[name] = dt.date.fromisoformat(values[name])
    return kind(**values)


_LAYOUTS: dict[type, tuple] = {}


def _layout(kind: type) -> tuple[list[str], list[str]]:
    """The field names of a result dataclass, and those that hold dates."""
    if kind not in _LAYOUTS:
        from dataclasses import fields

        found = fields(kind)
        _LAYOUTS[kind] = ([f.name for f in found], [f.name for f in found if "date" in str(f.type)])
    return _LAYOUTS[kind]


def _date_text(value):
    return value.isoformat() if isinstance(value, dt.date) else value
