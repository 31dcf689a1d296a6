"""Pydantic input models: program, domain, axis, project, action, progress card."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr
from pydantic_core import PydanticCustomError

# Patterns are written with explicit ASCII classes ([0-9], never \d): pydantic's regex engine
# reads \d as any Unicode digit (so '٢٠١٩-06a' passed), JSON Schema's as 0-9 only; written
# this way the model and the schemas (pam schema) mean the same thing.
Percent = Annotated[float, Field(ge=0, le=100)]
Money = Annotated[float, Field(ge=0, le=1e9)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64)]
# What pam validate refuses in a text (pam.checks.texts: control and bidi formatting
# characters), said to editors by the schemas; the check itself gives the located message.
TEXT_PATTERN = r"^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$"
Text = Annotated[str, Field(max_length=4000, json_schema_extra={"pattern": TEXT_PATTERN})]
YEAR_KEY = "^(19[0-9]{2}|2[01][0-9]{2}|2200)$"  # a Year written as a mapping key
PERIOD_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])[ab]$"
# the yearly targets: cumulative percents by year (pam.checks.plan.check_targets says where a
# value is out of range; the schema says the same to editors)
Targets = Annotated[dict[Year, float], Field(json_schema_extra={
    "propertyNames": {"pattern": YEAR_KEY},
    "additionalProperties": {"type": "number", "minimum": 0, "maximum": 100}})]
YearValues = Annotated[dict[Year, float], Field(json_schema_extra={
    "propertyNames": {"pattern": YEAR_KEY}})]


def _to_date(value):
    """Accept a date or a 'YYYY-MM-DD' string (YAML timestamps are read as text)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise PydanticCustomError(
                "bad_date", "expected a real date written YYYY-MM-DD, found '{value}' ({reason})",
                {"value": value, "reason": str(exc)},
            ) from None
    raise PydanticCustomError(
        "bad_date", "expected a date written YYYY-MM-DD, found {found}",
        {"found": "nothing" if value is None else f"'{str(value)[:40]}'"},
    )


Date = Annotated[dt.date, BeforeValidator(_to_date)]

NO_COST = "-"  # the seed prints '-': the action has no cost of its own
NOT_FIXED = "*"  # the seed prints '*': the cost is not fixed yet


class Data(BaseModel):
    """Base for every model read from a file: unknown keys refused, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, defer_build=True)


class Input(Data):
    """A model that problems can point at: it knows the file and the YAML path it was read
    from. Parts located through their parent (a card's lines, names) are plain Data: private
    attributes cost pydantic a Python call per instance, and cards' lines are many."""

    _file: str = PrivateAttr(default="")
    _path: tuple = PrivateAttr(default=())


class Name(Data):
    ar: Text
    fr: Text | None = None

    def __str__(self) -> str:
        return self.ar


class Indicator(Input):
    """A physical indicator of effectiveness (مؤشر الفعالية), e.g. km of road paved."""

    name: Name
    unit: Text | None = None
    baseline: float | None = None
    targets: YearValues = {}


class Partner(Input):
    name: Text
    share: Percent | None = None  # share of the funding, percent


class Source(Input):
    """Where an imported node was read from: a spreadsheet's file, sheet and row (1-based)."""

    file: Text
    sheet: Text | None = None  # None for a CSV file
    row: int


class Node(Input):
    id: Id
    seed_lines: list[int] = []
    source: Source | None = None  # set by pam import (the spreadsheet row), like seed_lines
    notes: list[Text] = []


class Action(Node):
    text: Text
    text_fr: Text | None = None  # French version of text (pam's translation where the source is Arabic only)
    cost: Money | Literal["-", "*"] | None = None
    targets: Targets = {}
    indicators: list[Indicator] = []
    location: Text | None = None
    added_by: Id | None = None  # the amendment that added it (not in the adopted baseline)
    dropped_by: Id | None = None  # the amendment that dropped it (kept for the baseline)

    @property
    def cost_status(self) -> str:
        if self.cost is None:
            return "blank"
        if self.cost == NO_COST:
            return "no_cost"
        if self.cost == NOT_FIXED:
            return "not_fixed"
        return "costed"

    @property
    def cost_value(self) -> float | None:
        return self.cost if isinstance(self.cost, (int, float)) else None

    @property
    def name(self) -> Name:
        return Name(ar=self.text)


class Project(Node):
    name: Name
    head: Text | None = None
    service: Text | None = None
    location: Text | None = None
    partners: list[Partner] = []
    risks: list[Text] = []
    indicators: list[Indicator] = []
    actions: list[Action] = []


class Axis(Node):
    name: Name
    projects: list[Project] = []


class Domain(Node):
    name: Name
    axes: list[Axis] = []


class Period(Input):
    start: Year
    end: Year


class Body(Input):
    """A governance body or role from the monitoring system."""

    id: Id
    name: Name
    role: Text | None = None
    meets: Text | None = None


class Rhythm(Input):
    """A reporting rhythm: who reports what, to whom, how often."""

    id: Id
    name: Name
    every: Literal["half-month", "quarter", "half-year", "year"]
    by: Text | None = None
    to: Text | None = None


class DeclaredRow(Input):
    domain: Id | None = None
    name: Text
    axes: int
    projects: int
    actions: int
    seed_line: int | None = None


class Declared(Input):
    """The summary table as the source document prints it (it need not match the details)."""

    seed_lines: list[int] = []
    domains: list[DeclaredRow] = []
    total: DeclaredRow | None = None


class Thresholds(Input):
    """Status thresholds (ranges here; pam.checks.plan.check_thresholds: late <= at_risk)."""

    at_risk: Annotated[float, Field(ge=-100, le=0)] = -10.0  # variance below this -> at_risk
    late: Annotated[float, Field(ge=-100, le=0)] = -25.0  # variance below this -> late
    stale_days: Annotated[int, Field(ge=0, le=3660)] = 31  # last report older -> stale
    # a card committed later than this after its half month: late
    card_grace_days: Annotated[int, Field(ge=0, le=366)] = 5


class Example(Input):
    """Marks a workspace whose progress data is simulated (pam demo)."""

    simulated: bool = True
    as_of: Date | None = None
    seed: int | None = None
    notice: Text = "SIMULATED EXAMPLE DATA: not real progress of the commune."


class Level(Input):
    """The commune's own name for one level of its PAC, in Arabic and French.

    implicit: the PAC has no such level; its nodes are mere containers (one per parent, written
    by pam import) and every view skips them, showing their children in their place."""

    ar: Text
    fr: Text | None = None
    implicit: bool = False


class Levels(Input):
    """The commune's names for pam's four levels (domain -> axis -> project -> action)."""

    domain: Level | None = None
    axis: Level | None = None
    project: Level | None = None
    action: Level | None = None


LEVEL_KINDS = ("domain", "axis", "project", "action")


class Program(Input):
    id: Id
    name: Name
    commune: Name
    region: Name | None = None
    period: Period
    currency: Literal["MAD"] = "MAD"
    cost_unit: Literal["million"] = "million"
    legal_basis: list[Text] = []
    funding: list[Text] = []
    source: Text | None = None
    governance: list[Body] = []
    reporting: list[Rhythm] = []
    declared: Declared | None = None
    # model_construct, not Thresholds(): that would build a validator when pam.model is
    # imported (and make pydantic scan installed packages for plugins), ~40 ms of every command
    thresholds: Thresholds = Thresholds.model_construct()
    example: Example | None = None
    levels: Levels | None = None
    notes: list[Text] = []

    @property
    def years(self) -> range:
        return range(self.period.start, self.period.end + 1)

    def implicit_kinds(self) -> frozenset[str]:
        """The levels ('domain', 'axis', 'project') the commune's PAC does not have."""
        if self.levels is None:
            return frozenset()
        return frozenset(k for k in LEVEL_KINDS[:3]
                         if getattr(self.levels, k) is not None and getattr(self.levels, k).implicit)

    def level_name(self, kind: str, lang: str = "ar") -> str | None:
        """The commune's name for a level ('axis' -> 'المحور'), None when it gave none."""
        level = getattr(self.levels, kind, None) if self.levels is not None else None
        if level is None:
            return None
        return (level.fr or level.ar) if lang == "fr" else level.ar


class Change(Input):
    """One change an amendment makes to an action."""

    action: Id
    change: Literal["added", "dropped", "cost", "targets", "text"]
    before: Money | Literal["-", "*"] | Targets | Text | None = None
    after: Money | Literal["-", "*"] | Targets | Text | None = None


class Amendment(Input):
    """An update of the program (التحيين), decided by the council and approved by the governor."""

    id: Id
    date: Date  # the council's deliberation
    session: Text | None = None
    deliberation: Text | None = None  # deliberation number
    approved: Date | None = None  # the governor's approval
    reason: Text
    changes: list[Change] = []
    notes: list[Text] = []


State = Literal["ongoing", "done", "suspended", "cancelled"]


class Entry(Data):
    """One action's line on a project card."""

    action: Id
    progress: Percent
    spent: Money | None = None
    state: State = "ongoing"
    note: Text | None = None
    date: Date | None = None  # when this action was measured, if not the card's date
    correction: Text | None = None  # reason, when progress is lower than the previous report


class Card(Input):
    """A project monitoring card (بطاقة تتبع المشروع) for one half-month period."""

    project: Id
    period: Annotated[str, Field(pattern=PERIOD_PATTERN)]
    date: Date
    reporter: Text | None = None
    example: bool = False
    actions: list[Entry] = []
    obstacles: list[Text] = []
    solutions: list[Text] = []
    risks: list[Text] = []
    next_steps: list[Text] = []
    notes: list[Text] = []

    def measured_on(self, entry: Entry) -> dt.date:
        """When an entry's action was measured: its own date, else the card's."""
        return entry.date or self.date
