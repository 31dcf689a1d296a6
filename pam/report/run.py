"""Which report for which period, file names, and `pam report all` (every report + index)."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pam.fsio import write_atomic
from pam.monitor.status import default_as_of
from pam.periods import period_of
from pam.plan import Plan
from pam.report import kinds
from pam.report.registry import KINDS, Request, pdf_kinds
from pam.report.render import render, render_pdf
from pam.report.shared import plan_commit


def build(plan: Plan, kind: str, *, period: str | None = None, project: str | None = None,
          as_of: dt.date | None = None, commit: dict | None = None) -> dict:
    """The data of one report (see pam/report/registry.py); `period` in the kind's own form,
    else chosen from the as-of date."""
    return KINDS[kind].build(plan, Request(period, project, as_of, commit))


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
        if "pdf" not in KINDS[data["kind"]].formats:
            raise ValueError(f"PDF is made for {', '.join(pdf_kinds())} reports, not "
                             f"{data['kind']}; use --format html")
        return render_pdf(render(data, "html", lang, override))
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
              formats: tuple[str, ...] = ("md", "html"), override: Path | None = None) -> Written:
    """Every report for the periods around the as-of date into `out`, with an index
    (index.html in Arabic, index.fr.html in French, so both languages can share a folder).

    semiannual: the half year holding the as-of date; annual: the last complete year;
    steering: the quarter holding it; public: at the as-of date; cards: every project's card
    for the half month of the as-of date (a project without a card gets a page saying so).
    """
    with _loaded_objects_frozen():
        return _write_all(plan, out, lang=lang, as_of=as_of, formats=formats,
                          override=override)


def _write_all(plan: Plan, out: Path, *, lang: str, as_of: dt.date | None,
               formats: tuple[str, ...], override: Path | None) -> Written:
    base = as_of or default_as_of(plan)
    commit = plan_commit(plan.root)
    done = Written()
    entries = []
    pdfs: list[tuple[Path, str]] = []  # printed together at the end: one browser for all

    def emit(path: Path, data: dict, fmt: str) -> None:
        if fmt == "pdf":
            pdfs.append((path, render(data, "html", lang, override)))
        else:
            _write(path, render_as(data, fmt, lang, override))
        done.files.append(path)

    reports = [build(plan, k.name, as_of=as_of, commit=commit)
               for k in KINDS.values() if not k.per_project]
    for data in reports:
        files = []
        for fmt in formats:
            if fmt not in KINDS[data["kind"]].formats:
                continue
            name = file_name(data, lang, fmt)
            emit(out / name, data, fmt)
            files.append((fmt, name))
        entries.append({"kind": data["kind"], "period": data["meta"]["period"],
                        "as_of": data["meta"]["as_of"], "files": files})
    card_period = period_of(base)
    cards = []
    for project in plan.projects():
        data = kinds.build_card(plan, project.id, card_period, as_of=base, commit=commit)
        files = []
        for fmt in (f for f in formats if f in KINDS["card"].formats):
            name = "cards/" + file_name(data, lang, fmt)
            emit(out / name, data, fmt)
            files.append((fmt, name))
        cards.append({"project": project.id, "name": project.name,
                      "received": data["card"] is not None, "files": files})
    if pdfs:
        from pam.report.pdf import render_pdfs

        for (path, _html), pdf in zip(pdfs, render_pdfs(html for _p, html in pdfs),
                                      strict=True):
            _write(path, pdf)
    index = {"kind": "index", "meta": reports[-1]["meta"], "entries": entries,
             "cards": cards, "card_period": card_period}
    from pam.i18n import DIRECTION, load_messages
    from pam.report.render import shared_env, tidy

    html = shared_env("html", lang, override).get_template("index.html.j2").render(d=index, L=load_messages(lang),
                                                    dir=DIRECTION[lang], charts={})
    done.index = out / index_name(lang)
    _write(done.index, tidy(html, "html"))
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
