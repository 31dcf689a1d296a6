"""Which report for which period, file names, and `pam report all` (every report + index)."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from pam.fsio import write_atomic
from pam.monitor.baseline import view
from pam.monitor.status import default_as_of
from pam.periods import period_of
from pam.plan import Plan
from pam.report import kinds
from pam.report.data import rounded
from pam.report.registry import KINDS, Request, pdf_kinds
from pam.report.render import render, render_pdf
from pam.report.shared import plan_commit


def build(plan: Plan, kind: str, *, period: str | None = None, project: str | None = None,
          as_of: dt.date | None = None, commit: dict | None = None) -> dict:
    """The data of one report (see pam/report/registry.py), as its JSON prints it (every
    figure to 2 decimals, which the templates then show); `period` in the kind's own form,
    else chosen from the as-of date. Measured against the plan as amended, like `pam status`."""
    return rounded(KINDS[kind].build(view(plan, "current"),
                                     Request(period, project, as_of, commit)))


def file_name(data: dict, lang: str, fmt: str) -> str:
    """annual-2019.ar.html, card-D1.A1.P1-2020-06b.fr.md, public-2020-06-30.ar.pdf ..."""
    meta = data["meta"]
    stem = data["kind"]
    if data["kind"] == "card":
        stem += f"-{data['project']['id']}"
    return f"{stem}-{meta['period']}.{lang}.{fmt}"


def render_as(data: dict, fmt: str, lang: str, override: Path | None = None) -> str | bytes:
    """The report as text (md, html, json: its data) or bytes (pdf)."""
    if fmt == "json":
        from pam.report.data import report_json

        return report_json(data)
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
              formats: tuple[str, ...] = ("md", "html"), override: Path | None = None,
              guard=None) -> Written:
    """Every report for the periods around the as-of date into `out`, with an index
    (index.html in Arabic, index.fr.html in French, so both languages can share a folder).

    semiannual: the half year holding the as-of date; annual: the last complete year;
    steering: the quarter holding it; public: the summary of that annual report (art. 15: the
    summary of the year's evaluation, not a snapshot); cards: every project's card for the
    half month of the as-of date (a project without a card gets a page saying so).
    The files to write are known before any is rendered: `guard(names)` (their names relative
    to `out`) may refuse before a single file is written (pam.outputs.check_output_folder).
    """
    with _loaded_objects_frozen():
        return _write_all(plan, out, lang=lang, as_of=as_of, formats=formats,
                          override=override, guard=guard)


def _write_all(plan: Plan, out: Path, *, lang: str, as_of: dt.date | None,
               formats: tuple[str, ...], override: Path | None, guard) -> Written:
    plan = view(plan, "current")
    base = as_of or default_as_of(plan)
    commit = plan_commit(plan.root)
    jobs: list[tuple[dict, str, str]] = []  # (data, format, file name)
    entries = []
    reports = [build(plan, k.name, as_of=as_of, commit=commit)
               for k in KINDS.values() if not k.per_project]
    for data in reports:
        files = [(fmt, file_name(data, lang, fmt)) for fmt in formats
                 if fmt in KINDS[data["kind"]].formats]
        jobs += [(data, fmt, name) for fmt, name in files]
        entries.append({"kind": data["kind"], "period": data["meta"]["period"],
                        "as_of": data["meta"]["as_of"], "files": files})
    card_period = period_of(base)
    cards = []
    for project in plan.projects():
        data = rounded(kinds.build_card(plan, project.id, card_period, as_of=base,
                                        commit=commit))
        files = [(fmt, "cards/" + file_name(data, lang, fmt)) for fmt in formats
                 if fmt in KINDS["card"].formats]
        jobs += [(data, fmt, name) for fmt, name in files]
        cards.append({"project": project.id, "name": project.name,
                      "received": data["card"] is not None, "files": files})
    latest = max(reports, key=lambda r: r["meta"]["as_of"])  # the as-of date, not a year's end
    index = {"kind": "index", "meta": latest["meta"], "entries": entries,
             "cards": cards, "card_period": card_period}
    index_path = out / index_name(lang)
    done = Written([out / name for _data, _fmt, name in jobs], index_path)
    if guard is not None:
        guard([name for _data, _fmt, name in jobs] + [index_path.name])
    rendered = _render_jobs(jobs, lang, override)
    from pam.i18n import DIRECTION, load_messages
    from pam.report.render import shared_env, tidy, user_templates

    with user_templates(override):
        html = shared_env("html", lang, override).get_template("index.html.j2").render(
            d=index, L=load_messages(lang), dir=DIRECTION[lang], charts={})
    for name, content in rendered:  # everything rendered: now written, each atomically
        _write(out / name, content)
    _write(index_path, tidy(html, "html"))
    return done


def _render_jobs(jobs: list[tuple[dict, str, str]], lang: str,
                 override: Path | None) -> list[tuple[str, str | bytes]]:
    """Each (data, format, name) rendered: [(name, content)], in the order of `jobs`. One
    process per format when there are two or more (each compiles only its own templates),
    since CI renders on a fresh clone, where compiling the templates is a good part of the
    time; nothing is written here, so that a failing template leaves nothing half done."""
    import base64

    from pam.cache.parallel import map_json

    by_format: dict[str, list] = {}
    for job in jobs:
        by_format.setdefault(job[1], []).append(job)

    def run(fmt: str) -> list[str]:
        if fmt == "pdf":  # one browser prints them all (pam/report/pdf.py)
            from pam.report.pdf import render_pdfs

            htmls = [render(data, "html", lang, override) for data, _f, _n in by_format[fmt]]
            return [base64.b64encode(pdf).decode("ascii") for pdf in render_pdfs(htmls)]
        # not PDF: text
        return [cast(str, render_as(data, fmt, lang, override)) for data, _f, _n in by_format[fmt]]

    formats = sorted(by_format)
    rendered = {}
    for fmt, contents in zip(formats, map_json(run, formats, min_items=2), strict=True):
        for (_data, _fmt, name), content in zip(by_format[fmt], contents, strict=True):
            rendered[name] = base64.b64decode(content) if fmt == "pdf" else content
    return [(name, rendered[name]) for _data, _fmt, name in jobs]


def index_name(lang: str) -> str:
    """index.html for Arabic (the default language), index.fr.html for French."""
    return "index.html" if lang == "ar" else f"index.{lang}.html"


def _write(path: Path, content: str | bytes) -> None:
    """Write only when the content changed (keeps timestamps of unchanged reports)."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == raw:
        return
    write_atomic(path, raw, durable=False)  # made again from the plan at will
