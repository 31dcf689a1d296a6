"""The report kinds, in one place. Each declares the option that names its period, how a
period label is read and which period an as-of date falls in, how its data is built, the
formats it is made in, and whether `pam report all` writes it (once, or once per project).
Adding a kind is one entry here, one template (templates/<name>.j2) and its labels in
pam/i18n; the command line, `pam report all` and the index follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from pam.report import spans


@dataclass(frozen=True)
class Request:
    """What one report is asked for: its period label (or None: chosen from the as-of
    date), a project (cards), the as-of date given (or None) and the plan's commit."""

    period: str | None = None
    project: str | None = None
    as_of: dt.date | None = None
    commit: dict | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    about: str  # for whom and what: --help and the README's table say the same
    option: str | None  # the option that names its period, e.g. '--year'; None: no period
    build: Callable  # (plan, Request) -> the data its template renders
    formats: tuple[str, ...] = ("md", "html", "pdf")
    per_project: bool = False  # `pam report all` writes one per project
    parse: Callable | None = None  # a period label -> spans.Span

    @property
    def template(self) -> str:
        return f"{self.name}.j2"


def _spanned(parse: Callable, containing: str | None, builder_name: str):
    """A builder for a kind measured over a span: the label given, else the span holding the
    as-of date (or the last complete year), measured at its end (see kinds.resolve_as_of)."""
    def build(plan, req: Request):
        from pam.monitor.status import default_as_of
        from pam.report import kinds

        base = req.as_of or default_as_of(plan)
        if req.period:
            span = parse(req.period)
        elif containing is None:
            span = spans.last_complete_year(base)
        else:
            span = spans.containing(containing, base)
        day = kinds.resolve_as_of(plan, span, req.as_of)
        return getattr(kinds, builder_name)(plan, span, day, commit=req.commit)
    return build


def _card(plan, req: Request):
    from pam.errors import NotFound, UsageError
    from pam.monitor.status import default_as_of
    from pam.report import kinds

    if not req.project:
        raise UsageError("a card report needs --project ID (e.g. --project D1.A1.P1)")
    found = plan.find(req.project)
    if found is None or found[0] != "project":
        raise NotFound(f"no project '{req.project}' in the plan (pam tree lists the ids)")
    base = req.as_of or default_as_of(plan)
    label = req.period or kinds.card_span_default(plan, found[1].id, base)
    spans.half_month(label)
    return kinds.build_card(plan, found[1].id, label, as_of=base, commit=req.commit)


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("annual", "committees, council (decree art. 14): the annual evaluation report",
         "--year", _spanned(spans.year, None, "build_annual"), parse=spans.year),
    Kind("semiannual", "the council president: the monitoring report of a half year",
         "--half", _spanned(spans.half_year, "half", "build_semiannual"),
         parse=spans.half_year),
    Kind("steering", "the steering committee (quarterly): what needs a decision",
         "--quarter", _spanned(spans.quarter, "quarter", "build_steering"),
         parse=spans.quarter),
    Kind("public", "everyone (art. 15): the summary of the annual report, posted at the "
         "commune's seat", "--year", _spanned(spans.year, None, "build_public"),
         parse=spans.year),
    Kind("card", "project head, DGS: one project's half-monthly card", "--period", _card,
         per_project=True, parse=spans.half_month),
)}


def pdf_kinds() -> tuple[str, ...]:
    return tuple(k.name for k in KINDS.values() if "pdf" in k.formats)
