"""Pydantic input models: program, domain, axis, project, action, progress card."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr
from pydantic_core import PydanticCustomError

from pam.periods import PATTERN as PERIOD

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
PERIOD_PATTERN = f"^{PERIOD}$"  # a half month (pam.periods.PATTERN)
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


def cost_status(cost) -> str:
    """What a cost cell holds: 'costed' (a number), 'no_cost' ('-'), 'not_fixed' ('*') or
    'blank' (nothing); the kinds are kept apart everywhere ("no cost" is not "unknown")."""
    if cost is None:
        return "blank"
    if cost == NO_COST:
        return "no_cost"
    if cost == NOT_FIXED:
        return "not_fixed"
    return "costed"


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


# An official code (the commune's, its province's, its region's): letters, digits, dots and
# hyphens, as the administration writes them ("07.181.01.01", "MA-07").
Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.-]*$", max_length=32)]
# A web address that a page may link to: http or https, no space, quote or angle bracket.
Url = Annotated[str, Field(pattern=r"^https?://[A-Za-z0-9._~:/?#@!$&()*+,;=%\[\]-]+$",
                           max_length=300)]


class Territory(Data):
    """A region or a province (prefecture) the commune belongs to: its name in Arabic and
    French and, when known, its official code (the roll-ups group communes by it)."""

    ar: Text
    fr: Text | None = None
    code: Code | None = None

    def __str__(self) -> str:
        return self.ar


class Baseline(Data):
    """Where an indicator starts: its value, measured in a year (the end of that year)."""

    value: float
    year: Year | None = None


def _baseline(value):
    """A plain number is the baseline's value (older plans wrote `baseline: 12`)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"value": value}
    return value


Direction = Literal["up", "down"]


class Indicator(Input):
    """A physical indicator of effectiveness (مؤشر الفعالية), e.g. km of road paved: measured
    on the cards (an entry's `indicators: {ID: value}`) against its yearly targets.

    cumulative: each target is the value reached by 31 December of its year (km paved so far);
    false: each target is that year's own amount (beneficiaries served during the year).
    direction: up (more is better) or down (less is better)."""

    id: Id | None = None  # needed to report it on a card (pam validate warns without one)
    name: Name
    unit: Text | None = None
    baseline: Annotated[Baseline, BeforeValidator(
        _baseline, json_schema_input_type=float | Baseline)] | None = None
    targets: YearValues = Field(default_factory=dict)
    cumulative: bool = True
    direction: Direction = "up"


class Partner(Input):
    name: Text
    share: Percent | None = None  # share of the funding, percent


AgreementStatus = Literal["planned", "negotiating", "signed", "cancelled"]
AGREEMENT_STATUSES: tuple[str, ...] = get_args(AgreementStatus)


class Agreement(Data):
    """A partnership agreement (اتفاقية شراكة): its reference, the day it was signed, its state."""

    ref: Text | None = None
    signed: Date | None = None
    status: AgreementStatus = "planned"


class Funding(Input):
    """One source of an action's money: the commune's own resources or a partner's share,
    in million MAD, with the agreement that binds the partner."""

    source: Literal["own", "partner"]
    partner: Text | None = None  # who (a partner source needs it)
    amount: Money | None = None  # None: not fixed yet
    agreement: Agreement | None = None


# credits allocated per budget year (million MAD): the budget year is the calendar year
Budget = Annotated[dict[Year, float], Field(json_schema_extra={
    "propertyNames": {"pattern": YEAR_KEY},
    "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1e9}})]


def _measured_only(values: dict | None) -> dict:
    """A card's indicator values without the ones left empty (`pam card` writes each
    indicator with no value, to fill in when it was measured this half month)."""
    return {k: v for k, v in (values or {}).items() if v is not None}


# values measured on a card, by indicator id; an empty value is one not measured this time
Measures = Annotated[dict[Id, float | None] | None, AfterValidator(_measured_only)]


class Source(Input):
    """Where an imported node was read from: a spreadsheet's file, sheet and row (1-based)."""

    file: Text
    sheet: Text | None = None  # None for a CSV file
    row: int


class Node(Input):
    id: Id
    seed_lines: list[int] = Field(default_factory=list)
    source: Source | None = None  # set by pam import (the spreadsheet row), like seed_lines
    notes: list[Text] = Field(default_factory=list)


class Action(Node):
    text: Text
    text_fr: Text | None = None  # French version of text (pam's translation where the source is Arabic only)
    cost: Money | Literal["-", "*"] | None = None
    targets: Targets = Field(default_factory=dict)
    indicators: list[Indicator] = Field(default_factory=list)
    budget: Budget = Field(default_factory=dict)  # credits allocated, million MAD, by year
    funding: list[Funding] = Field(default_factory=list)  # who pays: own resources, partners
    location: Text | None = None
    added_by: Id | None = None  # the amendment that added it (not in the adopted baseline)
    dropped_by: Id | None = None  # the amendment that dropped it (kept for the baseline)
    if TYPE_CHECKING:  # not a field: set on the actions pam.sheets.build reads, their id cell
        _cell: tuple | None

    @property
    def cost_status(self) -> str:
        return cost_status(self.cost)

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
    partners: list[Partner] = Field(default_factory=list)
    risks: list[Text] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)


class Axis(Node):
    name: Name
    projects: list[Project] = Field(default_factory=list)


class Domain(Node):
    name: Name
    axes: list[Axis] = Field(default_factory=list)


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

    seed_lines: list[int] = Field(default_factory=list)
    domains: list[DeclaredRow] = Field(default_factory=list)
    total: DeclaredRow | None = None
    reason: Name | None = None  # why the plan holds other counts (the annual report says it)


class Document(Input):
    """The document the plan was transcribed from, named so that a reader can find it and
    check that theirs is the same file (SHA-256 of its bytes)."""

    title: Name
    issuer: Name | None = None
    year: Year | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    path: Text | None = None  # where a checkout may hold it, relative to the plan folder's parent


class Thresholds(Input):
    """Status thresholds (ranges here; pam.checks.plan.check_thresholds: late <= at_risk)."""

    at_risk: Annotated[float, Field(ge=-100, le=0)] = -10.0  # variance below this -> at_risk
    late: Annotated[float, Field(ge=-100, le=0)] = -25.0  # variance below this -> late
    # a node is late when at least this % of its due actions are late (by count), and
    # unreported when more than this % of them have no report (pam.monitor.rollup.NODE_RULES)
    late_share: Annotated[float, Field(gt=0, le=100)] = 25.0
    unreported_share: Annotated[float, Field(ge=0, lt=100)] = 50.0
    stale_days: Annotated[int, Field(ge=0, le=3660)] = 31  # last report older -> stale
    # a card committed later than this after its half month: late
    card_grace_days: Annotated[int, Field(ge=0, le=366)] = 5
    # points of divergence that raise an alarm (pam.monitor.money): paid share of the cost
    # ahead of the progress (spending_ahead), progress ahead of an indicator's share of its
    # way (indicator_stalled)
    divergence: Annotated[float, Field(gt=0, le=100)] = 25.0


class Example(Input):
    """Marks a workspace whose progress data is simulated (pam demo)."""

    simulated: bool = True
    fictional: bool = False  # the commune and its plan are invented too (pam demo --fictional)
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

# What the public website and the open data (pam site, pam export datapackage|iati|oc4ids|
# decidim) may leave out, by name (pam/site/public.py says what each covers). The default keeps
# people's names and internal remarks internal.
InternalPart = Literal["reporters", "notes", "heads", "owners", "risks", "next_steps",
                       "obstacles", "solutions"]
INTERNAL_PARTS: tuple[str, ...] = get_args(InternalPart)
DEFAULT_INTERNAL: tuple[InternalPart, ...] = ("reporters", "notes", "heads", "owners", "risks",
                                              "next_steps")
# an OC4IDS project sector (its projectSector codelist, open) and type (projectType, closed)
AssetType = Literal["construction", "rehabilitation", "replacement", "expansion",
                    "decommissioning"]


class Asset(Data):
    """A project or action that builds or rehabilitates an asset (OC4IDS infrastructure)."""

    sector: Annotated[str, Field(pattern=r"^[A-Za-z.]{2,64}$")] | None = None
    type: AssetType | None = None


class Public(Input):
    """What the commune publishes (pam site and the open data): the site's address, what stays
    internal, the licence and publisher of the data, and which projects or actions are
    infrastructure (the OC4IDS export)."""

    site: Annotated[str, Field(pattern=r"^https?://[!-~]+$", max_length=400)] | None = None
    internal: list[InternalPart] = Field(default_factory=lambda: list(DEFAULT_INTERNAL))
    license: Annotated[str, Field(pattern=r"^https?://[!-~]+$", max_length=400)] | None = None
    publisher: Name | None = None  # default: the commune
    # the commune's organisation identifier in IATI (org-id.guide), else a placeholder
    iati_org: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                                   max_length=100)] | None = None
    infrastructure: dict[Id, Asset] = Field(default_factory=dict)  # project or action id


class Program(Input):
    id: Id
    name: Name
    commune: Name
    # where the commune stands in the country (pam rollup groups and names communes by these)
    commune_code: Code | None = None  # the commune's official code
    province: Territory | None = None  # its province or prefecture (عمالة / إقليم)
    region: Territory | None = None  # its region (جهة)
    site: Url | None = None  # the commune's own web page for its PAC (roll-ups link to it)
    period: Period
    currency: Literal["MAD"] = "MAD"
    cost_unit: Literal["million"] = "million"
    legal_basis: list[Text] = Field(default_factory=list)
    funding: list[Text] = Field(default_factory=list)
    source: Document | Text | None = None  # the document, or (older plans) a file name
    governance: list[Body] = Field(default_factory=list)
    reporting: list[Rhythm] = Field(default_factory=list)
    declared: Declared | None = None
    # model_construct, not Thresholds(): that would build a validator when pam.model is
    # imported (and make pydantic scan installed packages for plugins), ~40 ms of every command
    thresholds: Thresholds = Thresholds.model_construct()
    example: Example | None = None
    levels: Levels | None = None
    public: Public | None = None  # the site and open data (pam site); None: the defaults
    notes: list[Text] = Field(default_factory=list)

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
    changes: list[Change] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)


class Decision(Input):
    """A decision of the steering committee: what, who carries it, by when, and its state."""

    id: Id | None = None
    text: Text
    owner: Text | None = None
    due: Date | None = None
    state: Literal["open", "done"] = "open"
    done_on: Date | None = None  # when it was carried out (state: done)
    project: Id | None = None  # the project it is about, if one
    notes: list[Text] = Field(default_factory=list)


class Meeting(Input):
    """A meeting of the steering committee (هيأة القيادة): plan/steering/YYYY-MM-DD.yaml."""

    date: Date
    body: Id = "steering"  # a governance body of program.yaml
    attendees: list[Text] = Field(default_factory=list)
    agenda: list[Text] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)


class Opinion(Input):
    """A standing committee's opinion on the annual evaluation report (decree art. 15)."""

    committee: Text
    date: Date
    opinion: Text


class Vote(Input):
    yes: int = Field(ge=0, le=10000)
    no: int = Field(default=0, ge=0, le=10000)
    abstained: int = Field(default=0, ge=0, le=10000)


class Deliberation(Input):
    """The council's deliberation on the annual evaluation report."""

    date: Date
    session: Text | None = None  # e.g. "الدورة العادية لشهر ماي 2020"
    number: Text | None = None  # the deliberation's number
    vote: Vote | None = None
    decision: Text


class CouncilReview(Input):
    """The committees' opinions and the council's deliberation on the annual report of `year`:
    plan/council/YYYY.yaml."""

    year: Year
    opinions: list[Opinion] = Field(default_factory=list)
    deliberation: Deliberation | None = None
    notes: list[Text] = Field(default_factory=list)


State = Literal["ongoing", "done", "suspended", "cancelled"]


class Entry(Data):
    """One action's line on a project card."""

    action: Id
    progress: Percent
    spent: Money | None = None  # the older name of `paid` (read as paid)
    committed: Money | None = None  # cumulative commitments (الالتزامات), million MAD
    paid: Money | None = None  # cumulative payments (الأداءات), million MAD
    indicators: Measures = Field(default_factory=dict)  # indicator id -> value measured
    state: State = "ongoing"
    note: Text | None = None
    date: Date | None = None  # when this action was measured, if not the card's date
    correction: Text | None = None  # reason, when progress is lower than the previous report

    @property
    def paid_value(self) -> float | None:
        """What was paid: `paid`, else `spent` (its older name)."""
        return self.paid if self.paid is not None else self.spent


# Why projects stall, as real evaluation reports group it (Larache 2023: land not available,
# partner funding not received, tender unsuccessful, studies pending, contractor default,
# approvals and visas awaited), with the commune's own credits and staff that the Dakhla
# monitoring system names beside them. Labels: pam/i18n/*.json 'category'; docs/plan-format.md.
ObstacleCategory = Literal["land", "funding", "partner-funding", "procurement", "studies",
                           "contractor", "approvals", "staff", "technical", "other"]
OBSTACLE_CATEGORIES: tuple[str, ...] = get_args(ObstacleCategory)
Rating = Literal["low", "medium", "high"]
RATINGS: tuple[str, ...] = get_args(Rating)


class Obstacle(Data):
    """An obstacle met (الصعوبات), with its category; a plain text on a card is one too."""

    text: Text
    category: ObstacleCategory | None = None
    id: Id | None = None  # for a solution's `answers:` (else: its number on the card, 1, 2...)


class Solution(Data):
    """A proposed solution (الحلول المقترحة): the obstacle it answers, who carries it, by when."""

    text: Text
    answers: Id | int | None = None  # an obstacle's id on this card, or its number (1-based)
    owner: Text | None = None
    due: Date | None = None


class Risk(Data):
    """A risk seen ahead (المخاطر), rated low | medium | high."""

    text: Text
    likelihood: Rating | None = None
    impact: Rating | None = None


def _plain_text(value):
    """A remark written as plain text is the mapping {text: ...} (older cards stay valid)."""
    return {"text": value} if isinstance(value, str) else value


def _remark(model: type) -> BeforeValidator:
    """The validator of a card's list item (Annotated[model, _remark(model)]): a plain text or
    a mapping, read as `model` either way."""
    return BeforeValidator(_plain_text, json_schema_input_type=Text | model)


class Card(Data):
    """A project monitoring card (بطاقة تتبع المشروع) for one half-month period."""

    project: Id
    period: Annotated[str, Field(pattern=PERIOD_PATTERN)]
    date: Date
    reporter: Text | None = None
    example: bool = False
    actions: list[Entry] = Field(default_factory=list)
    # each item a plain text or a mapping; either way read as Obstacle, Solution, Risk
    obstacles: list[Annotated[Obstacle, _remark(Obstacle)]] = Field(default_factory=list)
    solutions: list[Annotated[Solution, _remark(Solution)]] = Field(default_factory=list)
    risks: list[Annotated[Risk, _remark(Risk)]] = Field(default_factory=list)
    next_steps: list[Text] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)

    def measured_on(self, entry: Entry) -> dt.date:
        """When an entry's action was measured: its own date, else the card's."""
        return entry.date or self.date
