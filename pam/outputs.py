"""Where pam may write a document (a report, an export, a schema, a sheet): the guard every
writer of a chosen path calls before writing.

Refused unless the command is given --force:
- a path inside a plan folder (the --plan folder, or any folder holding program.yaml and
  domains/): a report written there would overwrite plan data (`pam report -o
  plan/program.yaml`, a slip for --plan) or be taken for it;
- an existing file that pam did not write: pam recognises its own outputs by what they start
  or end with (the generator line of its HTML, the colophon of its Markdown, the header row
  of its CSV, its JSON keys, its TaskJuggler header, 'pam' as an xlsx file's creator, its PDF
  identifier); an empty file holds nothing to lose.
Always refused (a usage error, --force or not): a file where a folder is expected, a folder
where a file is expected. Writes themselves go through pam.fsio.write_atomic.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from pam.errors import Refused, UsageError

FORCE_HINT = "or pass --force to write it anyway"
_HEADS = (b"\xef\xbb\xbfrank,rank_cost_weighted,commune,", b"\xef\xbb\xbfcommune,domain,",
          b"\xef\xbb\xbfkind,key,name_ar,", b'{\n  "format": "pam-rollup"',
          b"\xef\xbb\xbfdomain,axis,project,action,",
          b"\xef\xbb\xbfproject,period,date,reporter,", b"domain,axis,project,action,",
          b"project,period,date,reporter,", b'{\n  "as_of": "', b'project pac "',
          # the tables of indicators, their values on cards, and funding lines
          b"\xef\xbb\xbfdomain,project,owner,indicator,", b"domain,project,owner,indicator,",
          b"\xef\xbb\xbfproject,period,date,action,indicator,",
          b"project,period,date,action,indicator,",
          b"\xef\xbb\xbfdomain,project,action,source,", b"domain,project,action,source,",
          # the site's manifest, stylesheet and scripts, the open data of pam export
          b'{\n  "generator": "pam ', b"/* pam ", b'{\n  "version": "0.9",\n  "uri": "',
          b'{\n  "profile": "tabular-data-package",', b"id;parent/id;title/ar;title/fr;")
_MD_COLOPHON = re.compile(rb"\bpam [0-9]+\.[0-9]+")


def check_output_file(path: Path, *, plan: Path | None = None, force: bool = False,
                      what: str = "--out") -> None:
    """Refuse writing the file `path` when it would destroy something (see the module)."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{what} {path} is a folder; give a file name (e.g. {path}/"
                         f"{'report.html' if what == '--out' else 'out'})")
    if path.exists() and not path.is_symlink() and not path.is_file():
        raise UsageError(f"{what} {path} is a device, pipe or socket, not a file: pam writes "
                         "a whole new file in its place, which it will not do to a device; "
                         "give a file name, or leave out --out to print the result")
    if path.is_symlink() and not force:
        raise Refused(f"{path} is a symbolic link: pam will not write through it; give "
                      f"another name, {FORCE_HINT}")
    if not force:
        folder = plan_folder_of(path.parent, plan)
        if folder is not None:
            raise Refused(f"{path} is inside the plan folder {folder}: a document written "
                          "there would overwrite plan data or be read as it (did you mean "
                          f"--plan?); write it elsewhere (e.g. reports/), {FORCE_HINT}")
        if path.exists() and not written_by_pam(path):
            raise Refused(f"{path} exists and pam did not write it: pam will not overwrite a "
                          f"file it did not make; choose another name, {FORCE_HINT}")


def check_output_folder(folder: Path, names: list[str] | None = None, *,
                        plan: Path | None = None, force: bool = False,
                        what: str = "--out") -> None:
    """Refuse filling the folder `folder` (with files `names`, relative to it) when that would
    destroy something: the folder is a file, lies in a plan folder, or one of the files
    exists and pam did not write it."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{what} {folder} is a file, but pam writes a folder of files there; "
                         "give a folder (new or one pam wrote before)")
    if force:
        return
    inside = plan_folder_of(folder, plan)
    if inside is not None:
        raise Refused(f"{folder} is inside the plan folder {inside}: the files written there "
                      "would be read as plan data; write them elsewhere (e.g. reports/), "
                      f"{FORCE_HINT}")
    for name in names or []:
        path = folder / name
        if path.is_dir():
            raise UsageError(f"{path} is a folder where pam writes a file: move it away")
        if path.exists() and not written_by_pam(path):
            raise Refused(f"{path} exists and pam did not write it: pam will not overwrite a "
                          f"file it did not make; choose another folder, {FORCE_HINT}")


def plan_folder_of(folder: Path, plan: Path | None = None) -> Path | None:
    """The plan folder that holds `folder` (or is it): `plan` when given and it does, else
    the nearest folder up from `folder` holding program.yaml and domains/."""
    try:
        here = Path(os.path.abspath(folder)).resolve()
    except (OSError, RuntimeError):
        return None
    if plan is not None:
        try:
            root = Path(plan).resolve()
            if here == root or here.is_relative_to(root):
                return Path(plan)
        except (OSError, RuntimeError):
            pass
    for candidate in (here, *here.parents):
        if (candidate / "program.yaml").is_file() and (candidate / "domains").is_dir():
            return candidate
    return None


def written_by_pam(path: Path) -> bool:
    """True when the file is one pam writes (a report, an export, a schema, a sheet), or
    empty; False for anything else, or a file that cannot be read."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            return False
        size = info.st_size
        if size == 0:
            return True
        with open(path, "rb") as fh:
            head = fh.read(8192)
            fh.seek(max(0, size - 4096))
            tail = fh.read()
    except OSError:
        return False
    if head.startswith(b"PK"):
        return _zip_by_pam(path)
    if head.startswith(b"%PDF"):
        return b"70616d2d7265706f7274" in tail.lower() or b"pam-report" in tail
    if b'<meta name="generator" content="pam ' in head:
        return True
    if head.startswith(_HEADS):
        return True
    if head.startswith(b"<?xml") and b"\n<!-- pam " in head[:200]:
        return True  # IATI activities
    if head.lstrip(b"{ \n").startswith(b'"$defs"') or b'"$schema": "https://json-schema.org' \
            in tail:
        return path.name.endswith(".schema.json")
    return path.suffix == ".md" and _MD_COLOPHON.search(tail) is not None


def _zip_by_pam(path: Path) -> bool:
    """An xlsx file pam wrote (its creator), or a bundle (pam export bundle: its manifest)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            if "bundle.json" in names:
                return b'"format": "pam-bundle"' in z.read("bundle.json")
            core = z.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False
    # openpyxl writes <dc:creator>, or (3.1.5, installed here) the element with its namespace
    # declared on it
    return re.search(rb"<dc:creator(?: xmlns:dc=\"[^\"]*\")?>pam</dc:creator>", core) is not None
