"""YAML reading: fast C loading, YAML errors as problems, positions recovered on demand."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .problems import Problem, error

MAX_BYTES = 20 * 1024 * 1024  # a plan or card file larger than this is refused
MAX_DEPTH = 40  # plan files are at most ~10 levels deep


def _plain_timestamps(constructor_cls):
    """A subclass of a ruamel constructor that keeps timestamps as text (pydantic parses dates)."""

    class Constructor(constructor_cls):
        pass

    def construct_text(self, node):
        return self.construct_scalar(node)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", construct_text)
    return Constructor


@lru_cache(maxsize=1)
def _safe_yaml():
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    yaml = YAML(typ="safe")  # the C parser (ruamel.yaml.clib) when installed
    yaml.Constructor = _plain_timestamps(SafeConstructor)
    return yaml


@lru_cache(maxsize=1)
def _rt_yaml():
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    yaml = YAML()  # round-trip: keeps positions (line/column) of every key and item
    yaml.Constructor = _plain_timestamps(RoundTripConstructor)
    return yaml


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text (a byte-order mark and CRLF line ends are accepted)."""
    try:
        if path.is_dir():
            return None, [error(rel, 1, 1, "not-a-file", "this is a folder, expected a YAML file; "
                                "move it out of the way or rename it without '.yaml'")]
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [error(rel, 1, 1, "file-too-large",
                                f"file is {size} bytes, more than the {MAX_BYTES} pam reads; "
                                "is it really a plan or card file?")]
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [error(rel, 1, 1, "file-unreadable",
                            "cannot open the file (a broken symbolic link?); fix or remove it")]
    except OSError as exc:
        return None, [error(rel, 1, 1, "file-unreadable",
                            f"cannot read the file: {exc.strerror}; check its permissions")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(rel, line, column, "encoding",
                            f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as "
                            "UTF-8 (in most editors: 'Save with encoding' -> UTF-8)")]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def _mark(exc) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _yaml_problem(rel: str, exc: Exception, text: str) -> Problem:
    from ruamel.yaml.constructor import DuplicateKeyError

    line, column = _mark(exc)
    problem = str(getattr(exc, "problem", "") or exc).strip()
    if isinstance(exc, DuplicateKeyError):
        return error(rel, line, column, "duplicate-key",
                     f"{problem.splitlines()[0]}: each key may appear once in a mapping; "
                     "remove or rename one of them")
    if "constructor for the tag" in problem or "could not determine a constructor" in problem:
        return error(rel, line, column, "yaml-tag",
                     f"{problem}: pam files hold plain YAML data only; remove the '!' tag")
    src_line = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
    if "\t" in src_line and ("tab" in problem.lower() or src_line[: column].strip() == ""):
        return error(rel, line, column, "yaml-tab",
                     "a tab character is used for indentation; YAML indents with spaces: "
                     "replace the tab with spaces")
    hint = ""
    if "alias" in problem or "anchor" in problem:
        hint = " ('*' and '&' start YAML aliases: write \"*\" or \"-\" in quotes for a cost)"
    elif "mapping values are not allowed" in problem:
        hint = " (a ':' inside a text must be quoted: put the whole text in double quotes)"
    elif "block" in problem or "expected" in problem:
        hint = " (check the indentation and the '-' of list items on this line and the one above)"
    context = str(getattr(exc, "context", "") or "").strip()
    cmark = getattr(exc, "context_mark", None)
    if context and cmark is not None and cmark.line + 1 != line:
        problem += f" ({context} started at line {cmark.line + 1})"
    return error(rel, line, column, "yaml-syntax",
                 f"the file is not valid YAML: {problem}{hint}")


def parse(text: str, rel: str) -> tuple[object, list[Problem]]:
    """Parse YAML text with the C loader; return (data, problems)."""
    from ruamel.yaml.error import YAMLError

    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#")
                               for ln in text.split("\n")):
        return None, [error(rel, 1, 1, "empty-file",
                            "the file is empty; fill it in (see docs/plan-format.md) or delete it")]
    try:
        data = _safe_yaml().load(text)
    except YAMLError as exc:
        return None, [_yaml_problem(rel, exc, text)]
    except RecursionError:
        return None, [error(rel, 1, 1, "too-deep",
                            f"the YAML is nested too deeply; pam files have at most {MAX_DEPTH} "
                            "levels")]
    except ValueError as exc:  # e.g. an out-of-range number the constructor cannot build
        return None, [error(rel, 1, 1, "yaml-syntax", f"the file is not valid YAML: {exc}")]
    return data, check_shape(data, rel, text)


def check_shape(data, rel: str, text: str) -> list[Problem]:
    """Refuse aliases (shared nodes: the 'billion laughs' bomb) and absurd nesting."""
    seen: set[int] = set()
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        if id(node) in seen:
            line = _first_alias_line(text)
            return [error(rel, line, 1, "yaml-alias",
                          "YAML anchors and aliases ('&name' / '*name') are not allowed in pam "
                          "files; write the values out in full")]
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return [error(rel, 1, 1, "too-deep",
                          f"the YAML is nested more than {MAX_DEPTH} levels deep; pam files are "
                          "much flatter: check the indentation")]
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children)
    return []


def _first_alias_line(text: str) -> int:
    import re

    match = re.search(r"(^|[\s\[{,:-])\*[A-Za-z0-9_]", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


class Locator:
    """Maps a path inside a YAML document (keys and indexes) to its line and column.

    The round-trip parse that knows positions is slower than the C loader, so it runs only
    when a problem has to be reported for that file.
    """

    def __init__(self, text: str | None = None, path: Path | None = None):
        self.text = text
        self.path = path
        self._doc = None
        self._parsed = False

    def _root(self):
        if not self._parsed:
            self._parsed = True
            try:
                if self.text is None:
                    self.text, _ = read_text(self.path, str(self.path))
                self._doc = _rt_yaml().load(self.text)
            except Exception:  # the C loader accepted it; positions are a nicety
                self._doc = None
        return self._doc

    def position(self, path: tuple) -> tuple[int, int]:
        """1-based (line, column) of the deepest node of `path` found in the document."""
        node = self._root()
        line, column = 1, 1
        for key in path:
            lc = getattr(node, "lc", None)
            if lc is None:
                break
            if isinstance(node, dict):
                match = _find_key(node, key)
                if match is _MISSING:
                    break
                kl, kc = lc.key(match)
                line, column = kl + 1, kc + 1
                node = node[match]
            elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
                il, ic = lc.item(key)
                line, column = il + 1, ic + 1
                node = node[key]
            else:
                break
        return line, column

    def value_position(self, path: tuple) -> tuple[int, int]:
        """Like position(), but points at the value of the last key when it is a scalar."""
        node = self._root()
        parent_path, last = path[:-1], path[-1] if path else None
        parent = node
        for key in parent_path:
            if isinstance(parent, dict):
                k = _find_key(parent, key)
                if k is _MISSING:
                    return self.position(path)
                parent = parent[k]
            elif isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
                parent = parent[key]
            else:
                return self.position(path)
        if isinstance(parent, dict) and hasattr(parent, "lc"):
            k = _find_key(parent, last)
            if k is not _MISSING and not isinstance(parent[k], (dict, list)):
                vl, vc = parent.lc.value(k)
                return vl + 1, vc + 1
        return self.position(path)


_MISSING = object()


def _find_key(mapping: dict, key):
    if key in mapping:
        return key
    for k in mapping:  # pydantic reports dict keys as text sometimes ('2019' for 2019)
        if str(k) == str(key):
            return k
    return _MISSING


def relpath(path: Path, base: Path | None = None) -> str:
    try:
        return os.path.relpath(path, base or Path.cwd())
    except ValueError:
        return str(path)
