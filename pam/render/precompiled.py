"""pam's report templates compiled to Python ahead of time, as `pip install` byte-compiles
pam's modules: a fresh CI machine (no cache folder) then renders without compiling a single
template. `python -m pam.render.precompiled` writes them (make install does; so does a wheel's
build, setup.py), next to the package in pam/templates_compiled/{md,html}/ with a manifest of
the template sources' SHA-256 and Jinja's version: they are used only when both still match,
and never with --templates (jinja2.ModuleLoader; the code is pam's own, never the work tree's).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "templates_compiled"


def _sources_digest() -> str:
    from pam.render.jinja import templates_dir

    base = templates_dir()
    h = hashlib.sha256()
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        h.update(path.relative_to(base).as_posix().encode())
        h.update(b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _manifest(fmt: str) -> dict:
    import jinja2

    return {"jinja2": jinja2.__version__, "format": fmt, "sources": _sources_digest()}


@lru_cache(maxsize=4)
def loader(fmt: str):
    """A loader that takes the compiled templates of `fmt` first (jinja2.ModuleLoader) and
    the sources for anything not compiled; None when there are none, or they were compiled
    from other sources or by another Jinja."""
    folder = FOLDER / fmt
    try:
        stored = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stored != _manifest(fmt):
        return None
    import jinja2

    from pam.render.jinja import templates_dir

    return jinja2.ChoiceLoader([jinja2.ModuleLoader(str(folder)),
                                jinja2.FileSystemLoader(str(templates_dir()))])


def compile_all(folder: Path = FOLDER) -> list[Path]:
    """Compile every template for each output format into `folder`; the folders written."""
    import shutil

    from pam.render.jinja import FORMATS, make_env

    out = []
    for fmt in FORMATS:
        target = folder / fmt
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        env = make_env(fmt, compiled=False)
        # every file the loader lists (templates, the CSS they include); one that does not
        # compile is left to be read from source, where its error is reported as ever
        env.compile_templates(str(target), zip=None, ignore_errors=True)
        (target / "manifest.json").write_text(json.dumps(_manifest(fmt)) + "\n",
                                              encoding="utf-8")
        out.append(target)
    loader.cache_clear()
    return out


if __name__ == "__main__":  # python -m pam.render.precompiled [FOLDER]
    import sys

    for path in compile_all(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(f"compiled the templates into {path}")
