"""`pam site`: every file of the site made in memory (pages in both languages, assets, the
search index, the open data, a copy of the reports `pam report all` wrote), the folder guarded
as `pam report all` guards its own (pam.outputs), then each file written atomically.

The folder keeps a manifest, `.pam-files.json` (each file pam wrote and its SHA-256): a later run
may replace what it wrote, never a file someone added or changed (unless --force). The same
plan, cards and date give the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pam import __version__
from pam.fsio import write_atomic
from pam.plan import Plan

MANIFEST = ".pam-files.json"  # also in a folder of `pam export datapackage`
REPORT_NAME = re.compile(r"^(?P<kind>[a-z]+)-(?P<period>.+)\.(?P<lang>ar|fr)\.(?P<fmt>html|pdf|md)$")
REPORT_SUFFIXES = (".html", ".pdf", ".md", ".json")


@dataclass
class Built:
    files: dict[str, bytes] = field(default_factory=dict)  # site path -> content
    pages: int = 0
    data: int = 0
    reports: int = 0


def build_files(plan: Plan, as_of: dt.date, *, reports_dir: Path | None = None,
                override: Path | None = None, commit: dict | None = None) -> Built:
    """Every file of the site, by its path in the site (nothing is written here)."""
    from pam.site.pages import build_site
    from pam.site.render import render_site
    from pam.site.search import search_index

    site = build_site(plan, as_of, commit=commit)
    built = Built()
    data = open_data(plan, as_of)
    built.files.update(data)
    built.data = len(data)
    copied, links = copy_reports(reports_dir)
    built.files.update(copied)
    built.reports = len(copied)
    listing = data_listing(data)
    for lang in ("ar", "fr"):
        for path, html in render_site(site, lang, reports=links, data_files=listing,
                                      override=override).items():
            built.files[path] = html.encode("utf-8")
            built.pages += 1
    built.files["assets/site.css"] = _asset("site.css")
    built.files["assets/search.js"] = _asset("search.js")
    built.files["assets/search-index.js"] = search_index(site).encode("utf-8")
    return built


def _asset(name: str) -> bytes:
    from pam.render.jinja import templates_dir

    return (templates_dir() / "site" / name).read_bytes()


def open_data(plan: Plan, as_of: dt.date) -> dict[str, bytes]:
    """The open data files under data/ (pam/export/: data package, IATI, OC4IDS, Decidim)."""
    from pam.export import decidim, iati, oc4ids, opendata

    files = {f"data/{name}": content
             for name, content in opendata.package_files(plan, as_of).items()}
    files["data/iati-activities.xml"] = iati.render_iati(plan, as_of).encode("utf-8")
    projects = oc4ids.render_oc4ids(plan, as_of)
    if projects is not None:
        files["data/oc4ids-projects.json"] = projects.encode("utf-8")
    files["data/decidim-results.csv"] = decidim.render_decidim(plan, as_of).encode("utf-8")
    return files


DATA_ABOUT = {"plan": "plan", "nodes": "nodes", "progress": "progress", "cards": "cards",
              "indicators": "indicators", "funding": "funding", "remarks": "remarks",
              "datapackage": "datapackage", "iati-activities": "iati",
              "oc4ids-projects": "oc4ids", "decidim-results": "decidim"}
FORMATS = {".csv": "CSV (UTF-8)", ".json": "JSON", ".xml": "XML (IATI 2.03)"}


def data_listing(files: dict[str, bytes]) -> list[dict]:
    """The open data files for the data page: path, name, format and what they hold."""
    out = []
    for path in sorted(files, key=lambda p: (p != "data/datapackage.json", p)):
        name = path.rsplit("/", 1)[-1]
        stem, suffix = name.rsplit(".", 1)
        fmt = FORMATS.get("." + suffix, suffix)
        if stem == "oc4ids-projects":
            fmt = "JSON (OC4IDS 0.9)"
        elif stem == "decidim-results":
            fmt = "CSV (Decidim)"
        elif stem == "datapackage":
            fmt = "JSON (Frictionless)"
        out.append({"path": path, "name": name, "format": fmt,
                    "about": DATA_ABOUT.get(stem, "plan")})
    return out


def copy_reports(folder: Path | None) -> tuple[dict[str, bytes], dict]:
    """The files of the reports folder (what `pam report all` wrote) under reports/, and per
    language the links of the home page: the latest annual report, the latest public summary
    and the index of all reports."""
    if folder is None or not Path(folder).is_dir():
        return {}, {}
    folder = Path(folder)
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.suffix not in REPORT_SUFFIXES:
            continue
        rel = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        files[f"reports/{rel}"] = path.read_bytes()
    links: dict[str, dict] = {}
    for lang in ("ar", "fr"):
        found: dict[str, dict] = {}
        for rel in files:
            m = REPORT_NAME.match(rel.removeprefix("reports/"))
            if m is None or m["lang"] != lang or m["kind"] not in ("annual", "public"):
                continue
            entry = found.get(m["kind"])
            if entry is None or m["period"] > entry["period"]:
                entry = found[m["kind"]] = {"period": m["period"], "label": m["period"],
                                            "files": []}
            if m["period"] == entry["period"]:
                entry["files"].append({"format": m["fmt"], "path": rel, "lang": lang})
        for entry in found.values():
            entry["files"].sort(key=lambda f: ("html", "pdf", "md").index(f["format"]))
        index = f"reports/{'index.html' if lang == 'ar' else 'index.fr.html'}"
        links[lang] = {**found, "index": index if index in files else None}
    for lang, other in (("ar", "fr"), ("fr", "ar")):  # a language without its own reports
        for key in ("annual", "public", "index"):    # links to the other's
            if not links[lang].get(key) and links[other].get(key):
                links[lang][key] = links[other][key]
    return files, links


def read_manifest(out: Path) -> dict[str, str]:
    """{site path: sha256} of the files a previous `pam site` wrote into `out`."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", {})
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def manifest_text(files: dict[str, bytes]) -> str:
    return json.dumps({"generator": f"pam {__version__}",
                       "files": {k: hashlib.sha256(v).hexdigest()
                                 for k, v in sorted(files.items())}},
                      ensure_ascii=False, indent=2) + "\n"


def unknown_names(out: Path, names: list[str]) -> list[str]:
    """The names that the manifest does not vouch for: not written by pam, or changed since."""
    known = read_manifest(out)
    unknown = []
    for name in names:
        path = out / name
        if name in known and path.is_file() and not path.is_symlink():
            if hashlib.sha256(path.read_bytes()).hexdigest() == known[name]:
                continue
        unknown.append(name)
    return unknown


def write_files(out: Path, files: dict[str, bytes]) -> int:
    """Write every file (only those whose bytes changed), then the manifest; the count of
    files written."""
    written = 0
    for name, content in sorted(files.items()):
        path = out / name
        if path.is_file() and not path.is_symlink() and path.read_bytes() == content:
            continue
        write_atomic(path, content, durable=False)  # made again from the plan at will
        written += 1
    manifest = manifest_text(files).encode("utf-8")
    if not ((out / MANIFEST).is_file() and (out / MANIFEST).read_bytes() == manifest):
        write_atomic(out / MANIFEST, manifest, durable=False)
    return written
