"""Which report for which period, file names, and `pam report all` (every report + index)."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pam.errors import NotFound, UsageError
from pam.fsio import write_atomic
from pam.monitor.status import default_as_of
from pam.periods import period_of
from pam.plan import Plan
from pam.report import kinds, spans
from pam.report.render import PDF_KINDS, render, render_pdf
from pam.report.shared import plan_commit

SPAN_OF_KIND = {"semiannual": spans.half_year, "annual": spans.year,
                "steering": spans.quarter, "card": spans.half_month}
DEFAULT_SPAN = {"semiannual": "half", "steering": "quarter", "card": "half-month"}


def build(plan: Plan, kind: str, *, period: str | None = None, project: str | None = None,
          as_of: dt.date | None = None, commit: dict | None = None) -> dict:
    """The data of one report; `period` in the kind's own form, else chosen from the as-of."""
    base = as_of or default_as_of(plan)
    if kind == "public":
        return kinds.build_public(plan, base, commit=commit)
    if kind == "card":
        if not project:
            raise UsageError("a card report needs --project ID (e.g. --project D1.A1.P1)")
        found = plan.find(project)
        if found is None or found[0] != "project":
            raise NotFound(f"no project '{project}' in the plan (pam tree lists the ids)")
        label = period or kinds.card_span_default(plan, found[1].id, base)
        spans.half_month(label)
        return kinds.build_card(plan, found[1].id, label, as_of=base, commit=commit)
    if period:
        span = SPAN_OF_KIND[kind](period)
    elif kind == "annual":
        span = spans.last_complete_year(base)
    else:
        span = spans.containing(DEFAULT_SPAN[kind], base)
    day = kinds.resolve_as_of(plan, span, as_of)
    builder = {"semiannual": kinds.build_semiannual, "annual": kinds.build_annual,
               "steering": kinds.build_steering}[kind]
    return builder(plan, span, day, commit=commit)


def file_name(data: dict, lang: str, fmt: str) -> str:
    """annual-2019.ar.html, card-D1.A1.P1-2020-06b.fr.md, public-2020-06-30.ar.pdf ..."""
    meta = data["meta"]
    stem = data["kind"]
    if data["kind"] == "card":
        stem += f"-{data['project']['id']}"
    return f"{stem}-{meta['period']}.{lang}.{fmt}"


def render_as(data: dict, fmt: str, lang: str, override: Path | None = None) -> str | bytes:
    """The report as text (md, html) or bytes (pdf)."""
    if fmt == "pdf":
        if data["kind"] not in PDF_KINDS:
            raise ValueError(f"PDF is made for {', '.join(PDF_KINDS)} reports, not "
                             f"{data['kind']}; use --format html")
        return render_pdf(render(data, "html", lang, override, for_pdf=True))
    return render(data, fmt, lang, override)


@dataclass
class Written:
    files: list[Path] = field(default_factory=list)
    index: Path | None = None


@contextmanager
def _loaded_objects_frozen():
    """Keep the garbage collector off the objects that exist now (the loaded plan and its
    cards, which outlive the block) while the block runs: rendering makes many short-lived
    objects, and each full collection would otherwise walk the whole plan again. They
    return to the collector afterwards (unless someone else froze objects before)."""
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def write_all(plan: Plan, out: Path, *, lang: str = "ar", as_of: dt.date | None = None,
              formats: tuple[str, ...] = ("md", "html"), override: Path | None = None,
              guard=None) -> Written:
    """Every report for the periods around the as-of date into `out`, with an index
    (index.html in Arabic, index.fr.html in French, so both languages can share a folder).

    semiannual: the half year holding the as-of date; annual: the last complete year;
    steering: the quarter holding it; public: at the as-of date; cards: every project's card
    for the half month of the as-of date (a project without a card gets a page saying so).
    Everything is rendered first; `guard(names)` (the relative names of the files) may then
    refuse before a single file is written (pam.outputs.check_output_folder).
    """
    with _loaded_objects_frozen():
        pending: list[tuple[Path, str | bytes]] = []
        done = _write_all(plan, out, lang=lang, as_of=as_of, formats=formats,
                          override=override, write=lambda p, c: pending.append((p, c)))
        if guard is not None:
            guard([p.relative_to(out).as_posix() for p, _ in pending])
        for path, content in pending:
            _write(path, content)
        return done


def _write_all(plan: Plan, out: Path, *, lang: str, as_of: dt.date | None,
               formats: tuple[str, ...], override: Path | None, write) -> Written:
    base = as_of or default_as_of(plan)
    commit = plan_commit(plan.root)
    done = Written()
    entries = []
    reports = [build(plan, k, as_of=as_of, commit=commit)
               for k in ("annual", "semiannual", "steering", "public")]
    for data in reports:
        files = []
        for fmt in formats:
            if fmt == "pdf" and data["kind"] not in PDF_KINDS:
                continue
            name = file_name(data, lang, fmt)
            write(out / name, render_as(data, fmt, lang, override))
            done.files.append(out / name)
            files.append((fmt, name))
        entries.append({"kind": data["kind"], "period": data["meta"]["period"],
                        "as_of": data["meta"]["as_of"], "files": files})
    card_period = period_of(base)
    cards = []
    for project in plan.projects():
        data = kinds.build_card(plan, project.id, card_period, as_of=base, commit=commit)
        files = []
        for fmt in (f for f in formats if f != "pdf"):
            name = "cards/" + file_name(data, lang, fmt)
            write(out / name, render_as(data, fmt, lang, override))
            done.files.append(out / name)
            files.append((fmt, name))
        cards.append({"project": project.id, "name": project.name,
                      "received": data["card"] is not None, "files": files})
    index = {"kind": "index", "meta": reports[-1]["meta"], "entries": entries,
             "cards": cards, "card_period": card_period}
    from pam.i18n import DIRECTION, load_messages
    from pam.report.render import shared_env, tidy, user_templates

    with user_templates(override):
        html = shared_env("html", lang, override).get_template("index.html.j2").render(
            d=index, L=load_messages(lang), dir=DIRECTION[lang], charts={})
    done.index = out / index_name(lang)
    write(done.index, tidy(html, "html"))
    return done


def index_name(lang: str) -> str:
    """index.html for Arabic (the default language), index.fr.html for French."""
    return "index.html" if lang == "ar" else f"index.{lang}.html"


def _write(path: Path, content: str | bytes) -> None:
    """Write only when the content changed (keeps timestamps of unchanged reports)."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == raw:
        return
    write_atomic(path, raw)
