"""The bundle's schema, version 2: every table and column, its type and meaning (the one
description: the writer, the loader's checks and docs/bundle-format.md are made from it).

A bundle is one ZIP file (stored, not compressed: Parquet compresses its own pages) holding
`bundle.json` (format, version, the commune, the date, each table's rows and SHA-256) and one
Parquet file per table. Every table starts with `commune`, the commune's key, so the tables of
many bundles can be put together as they are (one folder per table, any engine).

Versioning: a reader reads the one version it knows and refuses any other (there is no silent
best effort). A change to any table or column, added ones included, is a new version.
Version 2 (issue 15) holds the money and the physical indicators: credits allocated by budget
year (`budget`), funding lines with their agreements (`funding`), the indicators with their
kind, direction and baseline year (`indicators`), the values measured on card lines
(`measures`), the commitments and payments of every line (`entries.committed`, `.paid`) and
the divergence threshold; version 1's project partners moved to `partners`.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT = "pam-bundle"
VERSION = 2
MANIFEST = "bundle.json"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, bool, int32, double, date (days), list<string>
    nullable: bool
    doc: str


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]

    @property
    def file(self) -> str:
        return f"{self.name}.parquet"

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, type_: str, doc: str, nullable: bool = False) -> Column:
    return Column(name, type_, nullable, doc)


def _n(name: str, type_: str, doc: str) -> Column:
    return Column(name, type_, True, doc)


COMMUNE = _c("commune", "string", "the commune's key: its official code (`commune_code` in "
                                  "program.yaml), else the program's id")

TABLES: tuple[Table, ...] = (
    Table("program", "one row: the commune, its program, the date the bundle is complete to, "
                     "the thresholds of its status rules", (
        COMMUNE,
        _n("commune_code", "string", "the commune's official code"),
        _c("program_id", "string", "the program's id (program.yaml `id`)"),
        _c("program_ar", "string", "the program's name in Arabic"),
        _n("program_fr", "string", "the program's name in French"),
        _c("commune_ar", "string", "the commune's name in Arabic"),
        _n("commune_fr", "string", "the commune's name in French"),
        _n("province_ar", "string", "its province or prefecture, in Arabic"),
        _n("province_fr", "string", "its province or prefecture, in French"),
        _n("province_code", "string", "the province's official code"),
        _n("region_ar", "string", "its region, in Arabic"),
        _n("region_fr", "string", "its region, in French"),
        _n("region_code", "string", "the region's official code"),
        _n("site", "string", "the commune's web page for its PAC (http or https)"),
        _c("period_start", "int32", "first year of the program"),
        _c("period_end", "int32", "last year of the program"),
        _c("as_of", "date", "the bundle holds every card up to this date (pam export bundle "
                            "--as-of): a roll-up at a later date refuses it"),
        _c("simulated", "bool", "the cards are simulated or synthetic (pam demo, benchmarks)"),
        _c("at_risk", "double", "threshold: an action more than this many points behind is "
                                "at risk (negative)"),
        _c("late", "double", "threshold: an action more than this many points behind is late"),
        _c("late_share", "double", "threshold: a node is late when at least this % of its due "
                                   "actions are late"),
        _c("unreported_share", "double", "threshold: a node is unreported when more than this "
                                         "% of its due actions have no report"),
        _c("divergence", "double", "threshold: the points of divergence that raise an alarm "
                                   "(spending_ahead, indicator_stalled)"),
        _c("stale_days", "int32", "threshold: a last report older than this is stale"),
        _c("card_grace_days", "int32", "threshold: a card dated or committed later than this "
                                       "after its half month is late"),
        _n("arrival_unknown", "string", "why the cards' arrival dates are unknown for the whole "
                                        "bundle: no-git, shallow (null: known from git)"),
        _n("plan_commit", "string", "the git commit of the plan folder, when it describes the "
                                    "files"),
        _c("pam_version", "string", "the version of pam that wrote the bundle"),
    )),
    Table("nodes", "the domains, axes and projects, in plan order", (
        COMMUNE,
        _c("id", "string", "the node's id (D1, D1.A1, D1.A1.P1)"),
        _c("kind", "string", "domain, axis or project"),
        _n("parent", "string", "the id of the domain (of an axis) or axis (of a project)"),
        _c("seq", "int32", "position in the plan (0, 1, ...): domains, then each one's axes "
                           "and projects, depth first"),
        _c("name_ar", "string", "name in Arabic"),
        _n("name_fr", "string", "name in French"),
        _c("hidden", "bool", "a level the commune's PAC does not have (levels: implicit)"),
    )),
    Table("actions", "every action of the domain files, dropped ones included", (
        COMMUNE,
        _c("id", "string", "the action's id"),
        _c("project", "string", "its project's id"),
        _c("seq", "int32", "position in the plan (0, 1, ...); the figures' sums run in this "
                           "order"),
        _c("text", "string", "the action's text (Arabic)"),
        _n("text_fr", "string", "its French text"),
        _n("cost", "double", "cost in million MAD when it is a number"),
        _c("cost_kind", "string", "costed (a number), no_cost ('-'), not_fixed ('*') or blank"),
        _n("added_by", "string", "the amendment that added it"),
        _n("dropped_by", "string", "the amendment that dropped it (then it is left out of the "
                                   "figures, counted as excluded.dropped)"),
        _n("dropped_on", "date", "the date of the amendment that dropped it"),
    )),
    Table("targets", "the cumulative yearly targets (% done by 31 December)", (
        COMMUNE,
        _c("action", "string", "the action's id"),
        _c("year", "int32", "the year"),
        _c("value", "double", "cumulative percent done by 31 December of the year"),
    )),
    Table("budget", "the credits allocated to each action by budget year (its `budget`)", (
        COMMUNE,
        _c("action", "string", "the action's id"),
        _c("line", "int32", "the year's position in the action's `budget` (0, 1, ...): the "
                            "order the credits are summed in"),
        _c("year", "int32", "the budget year (the calendar year; credits open on 1 January)"),
        _c("amount", "double", "credits allocated that year, million MAD"),
    )),
    Table("funding", "who pays for each action: its `funding` lines (own resources or a "
                     "partner) and their agreements", (
        COMMUNE,
        _c("action", "string", "the action's id"),
        _c("line", "int32", "the line's position in the action's `funding` (0, 1, ...)"),
        _c("source", "string", "own (the commune's own resources) or partner"),
        _n("partner", "string", "the partner's name"),
        _n("amount", "double", "million MAD (null: not fixed yet; such a line is in no sum)"),
        _n("agreement_ref", "string", "the partnership agreement's reference"),
        _n("agreement_signed", "date", "the day it was signed"),
        _n("agreement_status", "string", "planned, negotiating, signed or cancelled (null: no "
                                         "agreement); money is under a signed agreement at a "
                                         "date when signed and dated on or before it, or "
                                         "undated"),
    )),
    Table("partners", "the partners named on a project (`partners`: name and share)", (
        COMMUNE,
        _c("project", "string", "the project's id"),
        _c("line", "int32", "its position on the project (0, 1, ...)"),
        _c("partner", "string", "the partner's name"),
        _n("share", "double", "its share of the funding, percent"),
    )),
    Table("indicators", "the physical indicators of effectiveness of actions and projects", (
        COMMUNE,
        _c("level", "string", "action or project: what carries it"),
        _c("node", "string", "the action's or project's id"),
        _c("indicator", "int32", "its position under the node (0, 1, ...)"),
        _n("id", "string", "its id, as cards name it (null: no card can report it, and the "
                           "figures leave it out)"),
        _c("name_ar", "string", "name in Arabic"),
        _n("name_fr", "string", "name in French"),
        _n("unit", "string", "unit (km, m², ...); the roll-ups sum only within one unit, "
                             "direction and kind"),
        _n("baseline", "double", "value at the start (null: none)"),
        _n("baseline_year", "int32", "the year at whose end the baseline was measured"),
        _c("cumulative", "bool", "true: a target is the value reached by 31 December; false: "
                                 "that year's own amount"),
        _c("direction", "string", "up (more is better) or down (less is better)"),
    )),
    Table("indicator_targets", "the indicators' yearly targets", (
        COMMUNE,
        _c("level", "string", "indicators.level"),
        _c("node", "string", "the action's or project's id"),
        _c("indicator", "int32", "indicators.indicator"),
        _c("year", "int32", "the year"),
        _c("value", "double", "the target value, in the indicator's unit"),
    )),
    Table("cards", "the project cards, one per project per half month", (
        COMMUNE,
        _c("card", "int32", "the card's number in the bundle (0, 1, ...): the order pam reads "
                            "them, which breaks ties between reports of the same day"),
        _c("project", "string", "the project's id"),
        _c("period", "string", "the half month: 2020-06a (1-15 June), 2020-06b (16-30)"),
        _c("date", "date", "the card's date"),
        _n("reporter", "string", "who filled it in"),
        _c("file", "string", "its file, relative to the plan folder"),
        _n("arrived", "date", "when its file was first committed (null: not known)"),
        _c("example", "bool", "the card says it is example data"),
    )),
    Table("entries", "every line of every card: one action's cumulative progress and money", (
        COMMUNE,
        _c("card", "int32", "the card (cards.card)"),
        _c("line", "int32", "the line's position on the card (0, 1, ...)"),
        _c("action", "string", "the action's id"),
        _c("date", "date", "when the action was measured: the line's own date, else the card's"),
        _c("progress", "double", "cumulative percent done"),
        _n("paid", "double", "cumulative amount paid, million MAD (the line's `paid`, else "
                             "`spent`, its older name)"),
        _n("committed", "double", "cumulative amount committed, million MAD"),
        _c("state", "string", "ongoing, done, suspended or cancelled"),
        _n("note", "string", "the line's note"),
        _n("correction", "string", "why the progress is lower than the previous report"),
    )),
    Table("measures", "the indicator values measured on card lines (a line's `indicators`)", (
        COMMUNE,
        _c("card", "int32", "the card (cards.card)"),
        _c("line", "int32", "the line (entries.line)"),
        _c("indicator", "string", "the indicator's id (of the line's action or of its "
                                  "project)"),
        _c("value", "double", "the value measured, in the indicator's unit"),
    )),
    Table("remarks", "the obstacles, proposed solutions and risks written on the cards", (
        COMMUNE,
        _c("card", "int32", "the card (cards.card)"),
        _c("kind", "string", "obstacle, solution or risk"),
        _c("line", "int32", "its position in its list on the card"),
        _n("category", "string", "an obstacle's category (land, funding, procurement ...)"),
        _c("text", "string", "the text"),
    )),
    Table("amendments", "the program's updates (التحيين)", (
        COMMUNE,
        _c("id", "string", "the amendment's id"),
        _c("date", "date", "the council's deliberation"),
        _n("approved", "date", "the governor's approval"),
    )),
)

BY_NAME = {t.name: t for t in TABLES}


def markdown() -> str:
    """docs/bundle-format.md's tables: every table, its columns, types and meanings."""
    lines = []
    for t in TABLES:
        lines += [f"### `{t.name}`", "", f"{t.doc[0].upper()}{t.doc[1:]} (`{t.file}`).", "",
                  "| column | type | null | meaning |", "|---|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {'yes' if c.nullable else 'no'} | {c.doc} |"
                  for c in t.columns]
        lines.append("")
    return "\n".join(lines)
