"""pam init: scaffold a commune's repository (plan, Makefile, CI, pre-commit, README, schemas).

scaffold_files() is pure (settings in, {relative path: text} out); write_scaffold() writes them
atomically into an empty or new folder. Nothing assumes a particular commune.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pam import __version__
from pam.errors import Refused
from pam.fsio import write_atomic
from pam.render.text import char_name, flagged, yaml_quote
from pam.scaffold import ci_files, plan_files, readme

# Where CI and the README install pam from, unless --pam-source (or $PAM_SOURCE) says otherwise.
PLACEHOLDER_SOURCE = "git+https://github.com/<owner>/pam"
SOURCE_CHARS = re.compile(r"^[A-Za-z0-9+._~:/@#%=?&<>,-]+$")
PLACEHOLDER = re.compile(r"@[A-Z][A-Z0-9_]*@")


@dataclass(frozen=True)
class Settings:
    commune: str  # Arabic name, e.g. "جماعة ..."
    commune_fr: str | None = None
    start: int = 2022
    end: int | None = None  # default: start + 5 (the six years of the mandate)
    pam_source: str = PLACEHOLDER_SOURCE

    @property
    def last(self) -> int:
        return self.end if self.end is not None else self.start + 5


def check_settings(s: Settings) -> list[str]:
    """What is wrong with the arguments (each a sentence with the fix); empty when fine."""
    out = []
    if not s.commune.strip():
        out.append("--commune is empty: give the commune's name in Arabic, e.g. "
                   "--commune \"جماعة ...\"")
    if len(s.commune) > 200 or len(s.commune_fr or "") > 200:
        out.append("the commune's name is longer than 200 characters: shorten it")
    for option, name in (("--commune", s.commune), ("--commune-fr", s.commune_fr or "")):
        bad = [(i, ch) for i, ch, kind in flagged(name) if kind in ("control", "bidi")]
        bad += [(i, ch) for i, ch in enumerate(name) if ch in "\n\t"]
        if bad:
            i, ch = min(bad)
            out.append(f"{option} holds {char_name(ch)} at character {i + 1}: a commune's "
                       "name is one line of plain text (no line break, control or bidi "
                       "character); type it again without it")
    if not 1900 <= s.start <= 2190:
        out.append(f"--start {s.start} is not a plausible year: give the first year of the PAC")
    elif not s.start <= s.last <= 2200:
        out.append(f"the period {s.start}-{s.last} ends before it starts: --end must be "
                   f"{s.start} or later (a PAC covers six years, e.g. --end {s.start + 5})")
    if not SOURCE_CHARS.match(s.pam_source):
        out.append(f"--pam-source '{s.pam_source}' has spaces, quotes or other characters a pip "
                   "requirement does not need; give e.g. git+https://github.com/<owner>/pam@v0.1.0")
    return out


def notes_for(s: Settings) -> list[str]:
    """Things worth saying after a scaffold (not errors)."""
    out = []
    if not re.search(r"[\u0600-\u06FF]", s.commune):
        out.append("--commune has no Arabic letters; the plan's commune name is its Arabic name: "
                   "correct commune.ar in plan/program.yaml if needed")
    if s.last - s.start != 5:
        out.append(f"the period {s.start}-{s.last} is not six years, while a PAC covers the six "
                   "years of the council's mandate (law 113-14 art. 78); check --start/--end")
    if s.pam_source == PLACEHOLDER_SOURCE:
        out.append(f"pam's source is the placeholder {PLACEHOLDER_SOURCE}: set PAM_SOURCE in "
                   "your CI settings (or edit .github/workflows/pam.yml, .gitlab-ci.yml and "
                   ".pre-commit-config.yaml), or rerun with --pam-source")
    return out


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def program_id(s: Settings) -> str:
    base = slug(s.commune_fr or "") or slug(s.commune) or "commune"
    suffix = f"-pac-{s.start}-{s.last}"
    return base[:64 - len(suffix)].rstrip("-") + suffix


def example_targets(start: int, end: int) -> tuple[dict[int, int], dict[int, int]]:
    """Cumulative targets of the two example actions, inside the period: one done by the
    third year, one by the last."""
    years = list(range(start, end + 1))
    first = years[1:3] if len(years) >= 3 else years[:2]
    tail = years[-3:]
    return (dict(zip(first, [50, 100][-len(first):], strict=True)),
            dict(zip(tail, [30, 60, 100][-len(tail):], strict=True)))


def precommit_source(source: str) -> tuple[str, str] | None:
    """(repository URL, rev) for pre-commit when pam comes from git; None otherwise."""
    if not source.startswith("git+"):
        return None
    url = source[4:].split("#", 1)[0]
    head, _, last = url.rpartition("/")
    rev = f"v{__version__}"
    if "@" in last:
        last, rev = last.split("@", 1)
    return f"{head}/{last}", rev


def _q(text: str) -> str:
    """A YAML double-quoted scalar, read back as the same text."""
    return yaml_quote(text)


def _flow(targets: dict[int, int]) -> str:
    return "{" + ", ".join(f"{y}: {v}" for y, v in targets.items()) + "}"


def fill(template: str, values: dict[str, str]) -> str:
    """Replace every @NAME@; a placeholder left unfilled is a bug, so it raises."""
    missing = sorted({m for m in PLACEHOLDER.findall(template) if m[1:-1] not in values})
    if missing:
        raise KeyError(f"unfilled placeholders {missing}")
    return PLACEHOLDER.sub(lambda m: values[m.group(0)[1:-1]], template)


def scaffold_files(s: Settings) -> dict[str, str]:
    """{path relative to the new repository: text} for every file pam init writes."""
    commune_fr = (s.commune_fr or "").strip() or None
    commune = s.commune.strip()
    t1, t2 = example_targets(s.start, s.last)
    period = f"{s.start}-{s.last}"
    values = {
        "COMMUNE_AR": commune, "COMMUNE_AR_Q": _q(commune),
        "COMMUNE_LABEL": commune_fr or commune,
        "COMMUNE_FR_LINE": f"  fr: {_q(commune_fr)}\n" if commune_fr else "",
        "ID": program_id(s), "START": str(s.start), "END": str(s.last),
        "NAME_AR": _q(f"برنامج عمل {commune} {period}"),
        "NAME_FR": _q(f"Programme d'action de la commune (PAC) {period} — "
                      f"{commune_fr or commune}"),
        "TARGETS_1": _flow(t1), "TARGETS_2": _flow(t2),
        "BUDGET_1": "{" + f"{min(t1)}: 0.5" + "}",
        "IND_TARGETS_2": _flow({y: round(400 * v / 100) for y, v in t2.items()}),
        "PAM_SOURCE": s.pam_source, "EX_YEAR": str(min(s.start + 2, s.last)),
    }
    remote = precommit_source(s.pam_source)
    if remote:
        values["PAM_REPO"], values["PAM_REV"] = remote
    precommit = ci_files.PRE_COMMIT_REMOTE if remote else ci_files.PRE_COMMIT_LOCAL
    files = {
        "plan/program.yaml": plan_files.PROGRAM,
        "plan/domains/d1.yaml": plan_files.DOMAIN,
        "plan/progress/.gitkeep": "",
        "Makefile": ci_files.MAKEFILE,
        ".github/workflows/pam.yml": ci_files.GITHUB,
        ".gitlab-ci.yml": ci_files.GITLAB,
        ".pre-commit-config.yaml": precommit,
        ".gitignore": ci_files.GITIGNORE,
        "README.md": readme.README,
    }
    return {path: fill(text, values) for path, text in files.items()}


def write_scaffold(target: Path, s: Settings) -> list[Path]:
    """Write the scaffold into `target` (new or empty) and the JSON schemas into target/schema."""
    from pam.outputs import plan_folder_of
    from pam.schema import write_schemas

    if target.exists() and not target.is_dir():
        raise Refused(f"'{target}' exists and is not a folder: choose a new folder")
    inside = plan_folder_of(target.parent)
    if inside is not None:
        raise Refused(f"'{target}' is inside the plan folder {inside}: a new repository "
                      "belongs outside any plan; choose another folder")
    if target.is_dir() and any(target.iterdir()):
        raise Refused(f"'{target}' exists and is not empty: pam init only writes into a new "
                          "or empty folder, so nothing of yours is overwritten")
    files = scaffold_files(s)
    _check_plan(files)
    written = []
    for rel, text in files.items():
        path = target / rel
        write_atomic(path, text)
        written.append(path)
    written += write_schemas(target / "schema")
    return written


def _check_plan(files: dict[str, str]) -> None:
    """The plan pam init would write passes pam validate, or nothing is written."""
    import tempfile

    from pam.load.pipeline import load_plan

    with tempfile.TemporaryDirectory(prefix="pam-init-") as tmp:
        for rel, text in files.items():
            if rel.startswith("plan/"):
                path = Path(tmp) / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        _plan, problems = load_plan(Path(tmp) / "plan")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        shown = "; ".join(f"{p.code}: {p.message}" for p in errors[:3])
        raise Refused(f"the plan pam init would write does not pass pam validate ({shown}); "
                      "nothing was written: check --commune, --commune-fr and the years")
