"""Writing plan files: program.yaml and domains/dN.yaml as pam writes them by hand (quoted
texts, flow mappings for targets and sources), into a temp folder renamed into place."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import cast

from pam.model import Action, Domain, Program
from pam.sheets.values import number


def q(text) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps("" if text is None else str(text), ensure_ascii=False)


def _num(value) -> str:
    return str(number(value))


def _cost(cost) -> str:
    if cost is None:
        return "null"
    if isinstance(cost, str):
        return q(cost)
    return _num(cost)


def _targets(targets: dict) -> str:
    return "{" + ", ".join(f"{y}: {_num(v)}" for y, v in sorted(targets.items())) + "}"


def _source(source, pad: str) -> list[str]:
    if source is None:
        return []
    sheet = f", sheet: {q(source.sheet)}" if source.sheet is not None else ""
    return [f"{pad}source: {{file: {q(source.file)}{sheet}, row: {source.row}}}"]


def _notes(notes, pad: str) -> list[str]:
    if not notes:
        return [f"{pad}notes: []"]
    return [f"{pad}notes:"] + [f"{pad}- {q(n)}" for n in notes]


def _name(name, pad: str) -> list[str]:
    out = [f"{pad}name:", f"{pad}  ar: {q(name.ar)}"]
    if name.fr:
        out.append(f"{pad}  fr: {q(name.fr)}")
    return out


def program_text(p: Program) -> str:
    lines = ["# yaml-language-server: $schema=../schema/program.schema.json",
             f"# Written by pam import from {p.source}; check it, then edit freely.",
             f"id: {q(p.id)}", *_name(p.name, ""), "commune:", f"  ar: {q(p.commune.ar)}"]
    if p.commune.fr:
        lines.append(f"  fr: {q(p.commune.fr)}")
    lines += ["period:", f"  start: {p.period.start}", f"  end: {p.period.end}",
              "currency: MAD", "cost_unit: million", f"source: {q(p.source)}"]
    if p.levels is not None:
        lines.append("levels:  # the commune's names for its levels; implicit: not in its PAC")
        for kind in ("domain", "axis", "project", "action"):
            level = getattr(p.levels, kind)
            if level is None:
                continue
            extra = ", implicit: true" if level.implicit else ""
            fr = f", fr: {q(level.fr)}" if level.fr else ""
            lines.append(f"  {kind}: {{ar: {q(level.ar)}{fr}{extra}}}")
    lines += _notes(p.notes, "")
    return "\n".join(lines) + "\n"


def _action(x: Action, pad: str) -> list[str]:
    out = [f"{pad}- id: {x.id}", f"{pad}  text: {q(x.text)}", f"{pad}  cost: {_cost(x.cost)}",
           f"{pad}  targets: {_targets(x.targets)}"]
    out += _source(x.source, pad + "  ")
    return out + _notes(x.notes, pad + "  ")


def domain_text(d: Domain, source: str) -> str:
    lines = ["# yaml-language-server: $schema=../../schema/domain.schema.json",
             f"# Written by pam import from {source}: each node's source is its row.",
             f"id: {d.id}", *_name(d.name, "")]
    lines += _source(d.source, "") + _notes(d.notes, "")
    lines.append("axes:" if d.axes else "axes: []")
    for a in d.axes:
        lines += [f"- id: {a.id}", *_name(a.name, "  ")] + _source(a.source, "  ") \
            + _notes(a.notes, "  ")
        lines.append("  projects:" if a.projects else "  projects: []")
        for p in a.projects:
            lines += [f"  - id: {p.id}", *_name(p.name, "    ")]
            if p.head:
                lines.append(f"    head: {q(p.head)}")
            lines += _source(p.source, "    ") + _notes(p.notes, "    ")
            lines.append("    actions:" if p.actions else "    actions: []")
            for x in p.actions:
                lines += _action(x, "    ")
    return "\n".join(lines) + "\n"


def plan_texts(program: Program, domains: list[Domain]) -> dict[str, str]:
    """Relative path -> text of every file of the plan folder."""
    out = {"program.yaml": program_text(program)}
    source = cast(str, program.source)  # the program built from a sheet: the sheet's file name
    for d in domains:
        out[f"domains/{d.id.lower().replace('/', '_')}.yaml"] = domain_text(d, source)
    return out


def stage(out: Path, texts: dict[str, str]) -> Path:
    """Write the files into a new temp folder beside `out`; its plan folder is returned (the
    caller validates it, then commit() or discard())."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".pam-import-", dir=out.parent))
    plan = tmp / "plan"
    for rel, text in texts.items():
        path = plan / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return plan


def commit(staged: Path, out: Path) -> None:
    """Move the staged plan folder to `out` (absent or empty) in one rename."""
    for path in staged.rglob("*.yaml"):
        with open(path, "rb") as fh:
            os.fsync(fh.fileno())
    shutil.rmtree(staged.parent / ".pam-cache", ignore_errors=True)
    if out.is_dir():
        out.rmdir()  # empty: checked by the caller
    os.replace(staged, out)
    shutil.rmtree(staged.parent, ignore_errors=True)
    _fsync_dir(out.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def discard(staged: Path) -> None:
    shutil.rmtree(staged.parent, ignore_errors=True)
