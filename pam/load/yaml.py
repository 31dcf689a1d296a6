"""YAML reading: fast C loading, YAML errors as problems, positions recovered on demand."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pam.problems import Problem, error

MAX_BYTES = 20 * 1024 * 1024  # a plan or card file larger than this is refused
MAX_DEPTH = 40  # plan files are at most ~10 levels deep


def _pam_constructor(constructor_cls, *, locate_errors: bool = True):
    """A subclass of a ruamel constructor for pam files.

    Timestamps stay text (pydantic parses dates). With locate_errors, a scalar the constructor
    cannot build (`!!int abc`, `!!bool x`, a number of 5000 digits) becomes a located
    ConstructorError instead of a bare ValueError or KeyError; that wrapper costs a Python call
    per node, so the fast loader goes without it and retries with it only when loading failed.
    """
    from ruamel.yaml.constructor import ConstructorError
    from ruamel.yaml.error import MarkedYAMLError

    class Plain(constructor_cls):
        pass

    class Constructor(constructor_cls):
        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep=deep)
            except (MarkedYAMLError, RecursionError):
                raise
            except (ValueError, TypeError, KeyError, OverflowError, AttributeError) as exc:
                value = node.value if isinstance(node.value, str) else ""
                shown = value if len(value) <= 40 else value[:37] + "..."
                why = (f"a number of {len(value)} digits is far too long"
                       if "digits" in str(exc) else f"{type(exc).__name__}: {str(exc)[:120]}")
                raise ConstructorError(
                    None, None, f"cannot read the value '{shown}' as {node.tag}: {why}",
                    node.start_mark) from None

    def construct_text(self, node):
        return self.construct_scalar(node)

    chosen = Constructor if locate_errors else Plain
    chosen.add_constructor("tag:yaml.org,2002:timestamp", construct_text)
    return chosen


@lru_cache(maxsize=4)
def _safe_yaml(locate_errors: bool = True, yaml12: bool = True):
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    tags: dict[str, Tag] = {}  # one Tag per implicit tag: its text is decoded once
    table: list[dict] = []  # the YAML 1.2 rules by first character, built once

    class Yaml12Resolver(VersionedResolver):
        """YAML 1.2 for every scalar. ruamel asks the parser for the document's version on
        each scalar, through an AttributeError with the C parser: fixing it halves the time of
        a load. Used only for texts without a %YAML directive.

        `resolve` is VersionedResolver.resolve for plain scalars without path resolvers, minus
        its per-scalar costs: the rules table is looked up once instead of twice per scalar,
        and a matched tag is one shared Tag instead of a new one whose text ruamel decodes
        again, character by character (together ~20 % of a cold load)."""

        @property
        def processing_version(self):
            return (1, 2)

        def resolve(self, kind, value, implicit):
            if kind is not ScalarNode or not implicit[0] or self.yaml_path_resolvers:
                return super().resolve(kind, value, implicit)
            if not table:
                table.append(self.versioned_resolver)
            for tag, regexp in table[0].get(value[:1], ()):  # "" for the empty scalar
                if regexp.match(value):
                    found = tags.get(tag)
                    if found is None:
                        found = tags[tag] = Tag(suffix=tag)
                    return found
            return self.DEFAULT_SCALAR_TAG

    yaml = YAML(typ="safe")  # the C parser (ruamel.yaml.clib) when installed
    yaml.Constructor = _pam_constructor(SafeConstructor, locate_errors=locate_errors)
    if yaml12:
        yaml.Resolver = Yaml12Resolver
    return yaml


@lru_cache(maxsize=1)
def _event_yaml():
    from ruamel.yaml import YAML

    return YAML(typ="safe")  # a parser of its own for the event scan, no shared state


@lru_cache(maxsize=1)
def _rt_yaml():
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    yaml = YAML()  # round-trip: keeps positions (line/column) of every key and item
    yaml.Constructor = _pam_constructor(RoundTripConstructor)
    return yaml


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text (a byte-order mark and CRLF line ends are accepted)."""
    import stat as st

    try:
        info = path.stat()
        if st.S_ISDIR(info.st_mode):
            return None, [error(rel, 1, 1, "not-a-file",
                                "expected a YAML file, found a folder; move it out of the way or "
                                "rename it without '.yaml'")]
        if not st.S_ISREG(info.st_mode):
            return None, [error(rel, 1, 1, "not-a-file",
                                "expected a YAML file, found a special file (a pipe, socket or "
                                "device); remove it or rename it without '.yaml'")]
        if info.st_size > MAX_BYTES:
            return None, [error(rel, 1, 1, "file-too-large",
                                f"expected a plan or card file of at most {MAX_BYTES} bytes, "
                                f"found {info.st_size} bytes; is it really a pam file? Split it "
                                "or move it out of the plan folder")]
        data = path.read_bytes()
    except FileNotFoundError:
        target = _link_target(path)
        found = f"a symbolic link to '{target}', which does not exist" if target else \
            "nothing (the file vanished while pam was reading)"
        return None, [error(rel, 1, 1, "file-unreadable",
                            f"expected a readable file, found {found}; fix the link or remove it")]
    except OSError as exc:
        return None, [error(rel, 1, 1, "file-unreadable",
                            f"expected a readable file, but it cannot be read: {exc.strerror}; "
                            "check the file, its links and its permissions")]
    return decode(data, rel)


def _link_target(path: Path) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None


def decode(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 bytes to text: a byte-order mark is dropped, CRLF and CR become LF."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return None, [error(rel, 1, 1, "encoding",
                                "expected UTF-8 text, found UTF-16 (it starts with a UTF-16 "
                                "byte-order mark); save the file as UTF-8")]
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        return None, [error(rel, line, column, "encoding",
                            f"expected UTF-8 text, found the byte 0x{data[exc.start]:02x}, which "
                            "is not valid UTF-8 (the file was saved in another encoding, e.g. "
                            "Windows-1256); save it as UTF-8 ('Save with encoding' -> UTF-8)")]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def _mark(exc) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _reader_position(exc, text: str) -> tuple[int, int]:
    """Line and column of a ReaderError (the C reader counts UTF-8 bytes, Python characters)."""
    pos = exc.position if isinstance(getattr(exc, "position", None), int) else 0
    char = exc.character if isinstance(exc.character, int) else -1
    if not (0 <= pos < len(text) and ord(text[pos]) == char):
        pos = len(text.encode("utf-8")[:pos].decode("utf-8", errors="ignore"))
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _yaml_problem(rel: str, exc: Exception, text: str) -> Problem:
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.reader import ReaderError

    if isinstance(exc, ReaderError):
        line, column = _reader_position(exc, text)
        char = exc.character if isinstance(exc.character, int) else 0
        return error(rel, line, column, "yaml-control-character",
                     f"expected printable text, found the invisible control character "
                     f"U+{char:04X}, which YAML does not allow; delete it (it often comes "
                     "from copy-pasting)")
    line, column = _mark(exc)
    lines = text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    if line > len(lines):  # the end of the stream: point at the end of the last line
        line, column = len(lines), len(lines[-1]) + 1
    problem = str(getattr(exc, "problem", "") or exc).strip()
    context = str(getattr(exc, "context", "") or "").strip()
    if isinstance(exc, DuplicateKeyError):
        return error(rel, line, column, "duplicate-key",
                     f"{problem.splitlines()[0]}: each key may appear once in a mapping; "
                     "remove or rename one of them")
    if "constructor for the tag" in problem or "could not determine a constructor" in problem:
        return error(rel, line, column, "yaml-tag",
                     f"expected plain YAML data, found a tag: {problem}; pam files hold plain "
                     "data only: remove the '!' tag")
    if problem.startswith("cannot read the value") or "failed to" in problem:
        return error(rel, line, column, "yaml-value",
                     f"expected a plain value, but {problem}; write an ordinary number, or a "
                     "text in double quotes, without a '!!' tag")
    src_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in src_line and ("tab" in problem.lower() or src_line[: column].strip() == ""
                             or "\t" in src_line[: column]):
        return error(rel, line, column, "yaml-tab",
                     "expected spaces for indentation, found a tab character; YAML indents "
                     "with spaces only: replace the tab with spaces")
    hint = ""
    both = f"{context} {problem}"
    if "alias" in both or "anchor" in both:
        hint = (" ('*' and '&' start YAML aliases: write \"*\" or \"-\" in double quotes, e.g. "
                "cost: \"*\")")
    elif "mapping values are not allowed" in problem:
        hint = " (a ':' inside a text must be quoted: put the whole text in double quotes)"
    elif "found another document" in problem:
        hint = " (a pam file holds one document: remove the '---' line and what follows it)"
    elif "quoted scalar" in both or "end of stream" in problem:
        hint = " (a quote is not closed, or the file is cut short: check the quotes here)"
    elif "block" in both or "expected" in problem:
        hint = " (check the indentation and the '-' of list items on this line and the one above)"
    quote = _unclosed_quote_line(lines, line)
    if quote and "quote" not in hint:
        hint += f" (line {quote} opens a double quote that is not closed on that line)"
    where = f"{context}: " if context and context not in problem else ""
    return error(rel, line, column, "yaml-syntax",
                 f"the file is not valid YAML: {where}{problem}{hint}")


def _unclosed_quote_line(lines: list[str], upto: int) -> int | None:
    """The last line before `upto` with an odd number of double quotes (outside comments)."""
    for number in range(min(upto, len(lines)), 0, -1):
        body = lines[number - 1].replace('\\"', "")
        if not body.lstrip().startswith("#") and body.count('"') % 2 == 1:
            return number
    return None


def parse(text: str, rel: str) -> tuple[object, list[Problem]]:
    """Parse YAML text with the C loader; return (data, problems).

    An event scan runs first: it refuses aliases and deep nesting before anything is built
    (the C composer recurses in C, and 50,000 nested '[' crash the interpreter).
    """
    from ruamel.yaml.error import YAMLError

    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#")
                               for ln in text.split("\n")):
        return None, [error(rel, 1, 1, "empty-file",
                            "expected YAML data, found an empty file (or only comments); fill "
                            "it in (see docs/plan-format.md) or delete it")]
    hostile = may_nest_or_alias(text)
    if hostile:
        found = scan_events(text, rel)
        if found:
            return None, found
    try:
        yaml12 = "%YAML" not in text
        try:
            data = _safe_yaml(False, yaml12).load(text)
        except (ValueError, TypeError, KeyError, OverflowError, AttributeError):
            data = _safe_yaml(True, yaml12).load(text)  # again, to say where
    except YAMLError as exc:
        return None, [_yaml_problem(rel, exc, text)]
    except RecursionError:
        return None, [error(rel, 1, 1, "too-deep",
                            f"expected at most {MAX_DEPTH} levels of nesting, found more; pam "
                            "files are much flatter: check the indentation")]
    except Exception as exc:  # noqa: BLE001 - a YAML library surprise becomes a problem
        return None, [error(rel, 1, 1, "yaml-syntax",
                            f"the file is not valid YAML: {type(exc).__name__}: "
                            f"{str(exc)[:200]}; check it with a YAML linter")]
    return data, check_shape(data, rel, text) if hostile else []


def may_nest_or_alias(text: str) -> bool:
    """False when the text cannot hold an alias nor nest deeper than MAX_DEPTH: no '*' or '&'
    at all, and fewer brackets plus leading spaces and dashes than MAX_DEPTH. Then the event
    scan and the shape walk (which roughly double the parse time) can be skipped safely."""
    if "*" in text or "&" in text:
        return True
    brackets = text.count("[") + text.count("{")
    if brackets >= MAX_DEPTH:
        return True
    # some line starts with at least this many spaces, dashes, '?' or ':' (one regex search
    # in C instead of a Python loop over the lines)
    return _deep_start(MAX_DEPTH - 1 - brackets).search(text) is not None


@lru_cache(maxsize=MAX_DEPTH + 1)
def _deep_start(n: int):
    import re

    return re.compile(rf"^[ \-?:]{{{max(n, 0)},}}", re.MULTILINE)


def scan_events(text: str, rel: str) -> list[Problem]:
    """Walk the parser's events: YAML syntax errors, aliases and nesting depth, located."""
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        MappingStartEvent,
        SequenceStartEvent,
    )

    depth = 0
    try:
        for event in _event_yaml().parse(text):
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line, column = _event_position(event)
                    return [error(rel, line, column, "too-deep",
                                  f"expected at most {MAX_DEPTH} levels of nesting, found more "
                                  "from here on; pam files are much flatter (about 10 levels): "
                                  "check the indentation and the brackets")]
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif isinstance(event, AliasEvent):
                line, column = _event_position(event)
                return [error(rel, line, column, "yaml-alias",
                              f"expected plain values, found the YAML alias '*{event.anchor}'; "
                              "anchors and aliases ('&name' / '*name') are not allowed in pam "
                              "files: write the values out in full (and quote a \"*\" cost)")]
    except YAMLError as exc:
        return [_yaml_problem(rel, exc, text)]
    except RecursionError:
        return [error(rel, 1, 1, "too-deep",
                      f"expected at most {MAX_DEPTH} levels of nesting, found more")]
    return []


def _event_position(event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def check_shape(data, rel: str, text: str) -> list[Problem]:
    """Defence in depth after the event scan: no shared nodes, no absurd nesting."""
    seen: set[int] = set()
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        if id(node) in seen:
            return [error(rel, 1, 1, "yaml-alias",
                          "expected plain values, found a value used twice (a YAML alias); "
                          "write the values out in full")]
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return [error(rel, 1, 1, "too-deep",
                          f"expected at most {MAX_DEPTH} levels of nesting, found more; pam "
                          "files are much flatter: check the indentation")]
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children)
    return []


class Locator:
    """Maps a path inside a YAML document (keys and indexes) to its line and column.

    The round-trip parse that knows positions is slower than the C loader, so it runs only
    when a problem has to be reported for that file.
    """

    def __init__(self, text: str | None = None, path: Path | str | None = None):
        self.text = text
        self.path = path  # a str from a plan snapshot: a Path is made only when needed
        self._doc = None
        self._parsed = False

    def _root(self):
        if not self._parsed:
            self._parsed = True
            try:
                if self.text is None:
                    self.text, _ = read_text(Path(self.path), str(self.path))
                self._doc = _rt_yaml().load(self.text)
            except Exception:  # the C loader accepted it; positions are a nicety
                self._doc = None
        return self._doc

    def position(self, path: tuple) -> tuple[int, int]:
        """1-based (line, column) of the deepest node of `path` found in the document."""
        node = self._root()
        line, column = 1, 1
        if getattr(node, "lc", None) is not None and node.lc.line is not None:
            line, column = node.lc.line + 1, node.lc.col + 1  # the document's first key
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
            # an empty value (None) has no position of its own: ruamel gives the next token's
            if k is not _MISSING and not isinstance(parent[k], (dict, list, type(None))):
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
    """The path as shown in messages: relative to the working folder (or `base`)."""
    base_str = str(base) if base is not None else os.getcwd()
    folder, name = os.path.split(str(path))
    parent = _relative_folder(folder, base_str)
    return str(path) if parent is None else (name if parent == "." else f"{parent}/{name}")


@lru_cache(maxsize=1024)
def _relative_folder(folder: str, base: str) -> str | None:
    try:
        return os.path.relpath(folder or ".", base).replace(os.sep, "/")
    except ValueError:
        return None
