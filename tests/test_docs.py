"""Docs that cannot rot: the CLI reference is the commands' own --help, every command and
option has help text and is named in README, and README's generated parts are current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _cog_check(path: Path) -> int:
    cogapp = pytest.importorskip("cogapp", reason="cogapp is a dev dependency (pip install -e '.[dev]')")
    return cogapp.Cog().main(["cog", "--check", str(path)])


@pytest.mark.parametrize("name", ["docs/cli.md", "README.md", "docs/bundle-format.md"])
def test_generated_parts_are_current(name):
    assert _cog_check(ROOT / name) == 0, f"{name} is out of date: run `make docs`"


def test_every_command_and_option_has_help():
    from pam.cli.reference import undocumented

    assert undocumented() == []


def test_every_command_is_in_readme():
    from pam.cli.reference import command_names

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in command_names() if f"`pam {c}" not in readme]
    assert missing == [], f"commands README does not mention: {missing}"


def test_readme_options_exist():
    """Every `pam CMD ... --option` written in README's code blocks is an option of CMD."""
    from pam.cli.reference import command_names, help_text

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)\n(.*?)```", readme, flags=re.S)
    commands = set(command_names())
    wrong, checked = [], 0
    for block in blocks:
        for line in block.replace("\\\n", " ").splitlines():
            words = line.split("#")[0].split()
            if len(words) < 2 or words[0] != "pam" or words[1] not in commands:
                continue
            known = help_text([words[1]])
            for word in words[2:]:
                option = word.split("=")[0]
                checked += option.startswith("--")
                if option.startswith("--") and not re.search(
                        rf"(?<![\w-]){re.escape(option)}(?![\w-])", known):
                    wrong.append(f"{line.strip()}: {option}")
    assert wrong == []
    assert checked > 30  # the README's examples were found and read
