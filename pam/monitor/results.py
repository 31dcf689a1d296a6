"""Computed results: per-action and per-node figures, the status at a date, and their JSON.

Plain frozen dataclasses with no pydantic, so a cached result loads without the input models.

Rounding, defined once: a figure is kept unrounded inside pam and **shown** rounded to 2
decimals in JSON (`r2`); the terminal and the reports show the JSON figure rounded half up to
whole points (`shown`). A variance is never rounded on its own: it is the shown actual minus
the shown planned (`gap`), so the reader's subtraction always gives the printed variance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, overload

STATUSES = ("done", "late", "at_risk", "unreported", "on_track", "not_due", "no_target",
            "cancelled")
# why an action is outside a node's means (besides being unreported, which counts as 0)
EXCLUSIONS = ("no_target", "cancelled", "dropped", "added")
# what a project is, by its actions' reports (a partition), and the counts beside it
STAGES = ("done", "in_progress", "not_started")


@overload
def r2(value: float) -> float: ...
@overload
def r2(value: None) -> None: ...
@overload
def r2(value: float | None) -> float | None: ...
def r2(value: float | None) -> float | None:
    """A figure as JSON prints it: rounded to 2 decimals (never -0.0)."""
    return None if value is None else round(value, 2) + 0.0


@overload
def shown(value: float, digits: int = 0) -> float: ...
@overload
def shown(value: None, digits: int = 0) -> None: ...
@overload
def shown(value: float | None, digits: int = 0) -> float | None: ...
def shown(value: float | None, digits: int = 0) -> float | None:
    """A figure as the terminal and the reports print it: its 2-decimal (JSON) value rounded
    half up to `digits` (0 to 2) decimals (58.50 -> 59, 58.49 -> 58)."""
    if value is None:
        return None
    exact = Decimal(repr(r2(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    return float(exact) + 0.0


GRADES = ("ahead", "slight", "behind", "far")  # the reports' words for a variance


def grade(variance: float | None, t) -> str | None:
    """The verbal grade of a variance *as shown* (whole points): ahead (0 or more), slight
    (down to the at-risk threshold), behind (down to the late threshold), far (beyond)."""
    if variance is None:
        return None
    if variance >= 0:
        return "ahead"
    if variance >= t.at_risk:
        return "slight"
    if variance >= t.late:
        return "behind"
    return "far"


def gap(actual: float | None, planned: float | None, digits: int = 2) -> float | None:
    """A variance as shown with `digits` decimals: shown actual - shown planned."""
    if actual is None or planned is None:
        return None
    if digits == 2:
        return r2(r2(actual) - r2(planned))
    return shown(shown(actual, digits) - shown(planned, digits), digits)


@dataclass(frozen=True)
class IndicatorResult:
    """One physical indicator at a date (pam.monitor.indicators): the plan by the schedule
    rules, the last value measured, the variance in its unit and a direction-aware status."""

    id: str
    owner: str  # the action (or project) that carries it
    name: str
    unit: str | None
    direction: str  # up | down
    cumulative: bool
    start: float | None  # where the plan starts: the baseline (0 for `up` without one)
    target: float | None  # what the status looks to: the last target, or the year's (per year)
    planned: float | None
    actual: float | None
    variance: float | None  # actual - planned, in the unit (2-decimal figures)
    status: str
    measured_on: dt.date | None = None  # the date of the value used


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
    # money in stages (pam.monitor.money): credits allocated up to the date's budget year, and
    # the last reported commitments; `spent` above is what was paid (EVM's AC)
    allocated: float | None = None
    committed: float | None = None
    # (source 'own' | 'partner', partner name or '', amount, under a signed agreement at the date)
    funding: tuple[tuple[str, str, float, bool], ...] = ()
    indicators: tuple[IndicatorResult, ...] = ()
    alarms: tuple[str, ...] = ()  # spending_ahead, indicator_stalled (ALARMS)

    @property
    def paid(self) -> float | None:
        return self.spent

    @property
    def own(self) -> float | None:
        return _source_sum(self.funding, "own")

    @property
    def partner(self) -> float | None:
        return _source_sum(self.funding, "partner")

    @property
    def partner_signed(self) -> float | None:
        return _source_sum(self.funding, "partner", signed=True)


def _source_sum(funding: tuple, source: str, signed: bool = False) -> float | None:
    """The amounts of one source (None when the action declares no funding at all)."""
    if not funding:
        return None
    return sum(amount for src, _p, amount, ok in funding
               if src == source and (ok or not signed)) + 0.0


ALARMS = ("spending_ahead", "indicator_stalled")


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
    # what the figures rest on (see roll_up): every count is of actions under the node
    actions: int = 0  # in this view of the plan (dropped / added ones are in `excluded`)
    measured: int = 0  # in the means: a target, not cancelled
    due: int = 0  # programmed: measured, with a planned share above 0 at the date
    due_done: int = 0  # programmed and done
    reported: int = 0  # measured, with a report on or before the date (the others count 0)
    planned_reported: float | None = None  # the means over the reported measured actions
    actual_reported: float | None = None
    costed: int = 0  # measured with a numeric cost above 0: in the cost-weighted means
    weight: float = 0.0  # their total cost (M MAD), the base of the cost-weighted means
    excluded: dict = field(default_factory=dict)  # reason (EXCLUSIONS) -> actions left out
    projects: dict = field(default_factory=dict)  # stages, late, programmed -> projects
    rule: str = ""  # the status rule that fired (NODE_RULES)
    # money in stages and funding, summed over the node's actions (pam.monitor.money.money_of)
    money: dict = field(default_factory=dict)
    # indicators rolled up where unit, direction and kind agree (pam.monitor.indicators)
    indicators: list = field(default_factory=list)
    # a project's own indicators (on the project, not on an action), measured
    project_indicators: tuple = ()
    alarms: dict = field(default_factory=dict)  # alarm -> actions flagged

    @property
    def counted_as_zero(self) -> int:
        """Measured actions without a report: in the means as 0% done."""
        return self.measured - self.reported


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
        return r2(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _clean(getattr(value, f.name)) for f in fields(value)}
    return value


NODE_KEYS = ("id", "name", "planned", "actual", "variance", "status", "rule",
             "planned_cost_weighted", "actual_cost_weighted", "pv", "ev", "ac", "spi", "cpi",
             "cost", "counts", "actions", "measured", "due", "due_done", "reported",
             "counted_as_zero", "planned_reported", "actual_reported", "costed", "weight",
             "excluded", "projects", "stale", "money", "indicators", "alarms")
ACTION_KEYS = ("id", "project", "text", "planned", "actual", "variance", "status", "state",
               "stale", "last_report", "cost", "spent", "pv", "ev", "ac", "spi", "cpi",
               "allocated", "committed", "paid", "paid_of_allocated", "committed_of_cost",
               "own", "partner", "partner_signed", "funding", "indicators", "alarms")
INDICATOR_KEYS = ("id", "unit", "planned", "actual", "variance", "status", "name",
                  "direction", "cumulative", "start", "target", "measured_on")
FUNDING_KEYS = ("source", "partner", "amount", "signed")


def indicator_json(i: IndicatorResult) -> dict:
    """One indicator as `pam status --format json` prints it (under its action or project)."""
    return {k: _clean(getattr(i, k)) for k in INDICATOR_KEYS}


def node_json(n: NodeResult) -> dict:
    """One node as `pam status --format json` prints it (and every report's JSON)."""
    out = {k: _clean(getattr(n, k)) for k in NODE_KEYS}
    if n.kind == "project":
        out["project_indicators"] = [indicator_json(i) for i in n.project_indicators]
    return out


def rate(part: float | None, whole: float | None) -> float | None:
    """part / whole in percent; None when either is unknown or the whole is 0."""
    if part is None or not whole:
        return None
    return 100 * part / whole


def action_json(a: ActionResult) -> dict:
    """One action as `pam status --format json` prints it."""
    d = {f: getattr(a, f) for f in ACTION_KEYS if f not in (
        "paid_of_allocated", "committed_of_cost", "funding", "indicators", "alarms")}
    d["paid_of_allocated"] = rate(a.paid, a.allocated)
    d["committed_of_cost"] = rate(a.committed, a.cost)
    d["funding"] = [dict(zip(FUNDING_KEYS, (src, partner or None, amount, signed),
                             strict=True)) for src, partner, amount, signed in a.funding]
    d["indicators"] = [indicator_json(i) for i in a.indicators]
    d["alarms"] = list(a.alarms)
    return {k: _clean(d[k]) for k in ACTION_KEYS}


def status_json(status: Status) -> dict:
    return {
        "as_of": status.as_of.isoformat(),
        "program": node_json(status.program),
        "domains": [node_json(n) for n in status.domains],
        "axes": [node_json(n) for n in status.axes],
        "projects": [node_json(n) for n in status.projects],
        "actions": [action_json(a) for a in status.actions],
    }


def to_data(result) -> list:
    """A result (ActionResult, IndicatorResult or NodeResult) as JSON data, field by field
    (dates as text, nested results and tuples as lists); from_data gives it back equal, for
    results kept between commands (pam/cache)."""
    from dataclasses import fields

    return [_data(getattr(result, f.name)) for f in fields(result)]


def from_data(kind: type, data: list):
    """The inverse of to_data for the dataclass `kind`."""
    names, convert = _layout(kind)
    if len(data) != len(names):
        raise ValueError(f"{kind.__name__}: {len(data)} values for {len(names)} fields")
    values = dict(zip(names, data, strict=True))
    for name, how in convert.items():
        if values[name] is not None:
            values[name] = how(values[name])
    return kind(**values)


_LAYOUTS: dict[type, tuple] = {}


def _layout(kind: type) -> tuple[list[str], dict]:
    """The field names of a result dataclass, and how to read back those that JSON does not
    hold as they are: dates, nested indicator results, tuples."""
    if kind not in _LAYOUTS:
        from dataclasses import fields

        found = fields(kind)
        convert: dict[str, Any] = {}
        for f in found:
            kind_text = str(f.type)
            if "IndicatorResult" in kind_text:
                convert[f.name] = _indicators
            elif kind_text.startswith("tuple"):
                convert[f.name] = _tuples
            elif "date" in kind_text:
                convert[f.name] = dt.date.fromisoformat
        _LAYOUTS[kind] = ([f.name for f in found], convert)
    return _LAYOUTS[kind]


def _indicators(data: list) -> tuple:
    return tuple(from_data(IndicatorResult, d) for d in data)


def _tuples(data):
    return tuple(_tuples(v) for v in data) if isinstance(data, list) else data


def _data(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, IndicatorResult):
        return to_data(value)
    if isinstance(value, tuple):
        return [_data(v) for v in value]
    return value
