"""Where a plan's files are (no heavy imports: used on the fast path of cached commands)."""

from __future__ import annotations

from pathlib import Path


def plan_files(root: Path, cards: bool) -> tuple[Path, list[Path], list[Path], list[Path]]:
    """program.yaml, the domain, amendment and card files of a plan folder, sorted.

    Hidden files and folders (an editor's `.#d1.yaml` lock, `.git`) are not plan files."""
    def visible(paths) -> list[Path]:
        return sorted(p for p in paths
                      if not any(part.startswith(".") for part in p.relative_to(root).parts))

    def under(folder: str) -> list[Path]:
        return visible((root / folder).rglob("*.y*ml")) if (root / folder).is_dir() else []

    domains = visible((root / "domains").glob("*.y*ml")) if (root / "domains").is_dir() else []
    return root / "program.yaml", domains, under("amendments"), under("progress") if cards else []
