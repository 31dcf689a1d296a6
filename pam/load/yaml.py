"""YAML text -> plain data, and YAML errors -> located problems.

Two readers, both used through their public APIs. The fast one is yaml-rs (a Rust YAML 1.2
parser): it reads a plain pam file in ~15 µs, ten times faster than a C-based loader, which is
what lets a city's 158,000 cards load in seconds. It is used only on texts with nothing unusual
in them (no tags, anchors, aliases, merge keys, directives, several documents, control
characters, deep nesting, or the rare number spellings where it reads more than YAML 1.2's
core schema allows), so that it sees only what both readers read alike (tests compare them).
Everything else, and any text yaml-rs refuses, goes to the reference reader: ruamel.yaml's
safe loader (YAML 1.2) with its C parser, whose errors pam turns into located problems.
Timestamps stay text in both (pydantic parses dates).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pam.problems import Problem, error

MAX_BYTES = 20 * 1024 * 1024  # a plan or card file larger than this is refused
MAX_DEPTH = 40  # plan files are at most ~10 levels deep
FAST_DEPTH = 1000  # a text indented this deep goes to the reference reader (see parse)
SHALLOW = 20  # fewer brackets and a shallower indentation: cannot nest past MAX_DEPTH
_REFUSED = object()


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
    # ruamel resolves a lone '=' to YAML 1.1's value tag, which it cannot build; YAML 1.2
    # (and yaml-rs) read it as the text '='
    chosen.add_constructor("tag:yaml.org,2002:value", construct_text)
    return chosen


@lru_cache(maxsize=2)
def _safe_yaml(locate_errors: bool = True):
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    yaml = YAML(typ="safe")  # YAML 1.2; the C parser (ruamel.yaml.clib) when installed
    yaml.Constructor = _pam_constructor(SafeConstructor, locate_errors=locate_errors)
    return yaml


@lru_cache(maxsize=1)
def _fast_reader():
    """yaml-rs's `loads` with pam's settings, or None when yaml-rs is not installed."""
    try:
        import yaml_rs
    except ImportError:
        return None
    from functools import partial

    return partial(yaml_rs.loads, parse_datetime=False,
                   duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)


@lru_cache(maxsize=1)
def _patterns():
    import re

    return (re.compile("[!&*\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]"),  # rare
            re.compile(r"(?:^|[\s\[{,])[&*][^\s,\]}]", re.M),  # an anchor or alias token
            re.compile("[!\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]"),
            re.compile(r"\n[ -]*:\s"),  # an empty key in a block mapping
            re.compile(r"\.[iInN][nNaA][fFnN]"))  # .inf / .nan in any case


def unusual(text: str) -> bool:
    """True when the text goes to the reference reader: YAML features pam refuses or locates
    (tags '!', anchors and aliases, merge keys, directives, document markers, empty keys),
    characters YAML forbids or allows only at the start (controls, a byte-order mark), and
    number spellings outside YAML 1.2's core schema that yaml-rs accepts (0X1F, 0O7, _1,
    .iNf): rare in pam files, and read exactly by ruamel. (yaml-rs also reads numbers of
    thousands of digits that ruamel refuses; no pam field accepts one, and a file that fails
    validation is read again by ruamel for its message: see pam.load.pipeline.read_model.)
    One scan for the rare characters first; the finer tests only when one is there."""
    rare, alias, refused, empty_key, inf_nan = _patterns()
    if rare.search(text) and (refused.search(text) or alias.search(text)):
        return True
    if "<<" in text or "0O" in text or "0X" in text or text.startswith(("%", "---", "...")) \
            or "\n%" in text or "\n---" in text or "\n..." in text:
        return True
    if empty_key.search("\n" + text) or inf_nan.search(text):
        return True
    at = text.find("_")
    while at != -1:  # a scalar that starts with '_' (keys such as next_steps have it inside)
        before = text[at - 1] if at else "\n"
        if before in " \t\n[{,:-+":
            return True
        at = text.find("_", at + 1)
    return False


@lru_cache(maxsize=1)
def _event_yaml():
    from ruamel.yaml import YAML

    return YAML(typ="safe")  # a parser of its own for the event scan, no shared state


def read_text(path: Path | str, rel: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text (a byte-order mark and CRLF line ends are accepted). It is
    looked at first (a pipe is never opened: that would wait for a writer)."""
    import stat as st

    try:
        info = os.stat(path)
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
        with open(path, "rb") as fh:
            data = fh.read()
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


def _link_target(path: Path | str) -> str | None:
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


def parse(text: str, rel: str, *, fast: bool = True) -> tuple[object, list[Problem]]:
    """Parse YAML text; return (data, problems).

    A plain text goes to yaml-rs (unless fast=False); any other to ruamel, after an event
    scan when it may nest deeply or hold aliases: the scan refuses them before anything is
    built (the C composer recurses in C, and 50,000 nested '[' crash the interpreter).
    yaml-rs stops flow nesting at 256 levels by itself but not block nesting (it crashes near
    10,000), so texts that could nest that deep by their indentation never reach it.
    """
    reader = _fast_reader() if fast and not unusual(text) else None
    if reader is not None:
        shallow = text.count("[") + text.count("{") < SHALLOW and \
            not _deep_start(SHALLOW).search(text)
        if shallow or not _deep_start(FAST_DEPTH).search(text):
            try:
                data = reader(text)
            except Exception:  # noqa: BLE001 - refused by yaml-rs: the reference says why
                data = _REFUSED
            if data is not _REFUSED and data is not None and \
                    (shallow or not check_shape(data, rel, text)):
                return data, []
    if _content().search(text) is None:
        return None, [error(rel, 1, 1, "empty-file",
                            "expected YAML data, found an empty file (or only comments); fill "
                            "it in (see docs/plan-format.md) or delete it")]
    return _reference_parse(text, rel)


def _reference_parse(text: str, rel: str) -> tuple[object, list[Problem]]:
    from ruamel.yaml.error import YAMLError

    hostile = may_nest_or_alias(text)
    if hostile:
        found = scan_events(text, rel)
        if found:
            return None, found
    if "<<" in text:
        found = merge_keys(text, rel)
        if found:
            return None, found
    try:
        try:
            data = _safe_yaml(False).load(text)
        except (ValueError, TypeError, KeyError, OverflowError, AttributeError):
            data = _safe_yaml(True).load(text)  # again, to say where
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


def merge_keys(text: str, rel: str) -> list[Problem]:
    """A located problem for each YAML merge key ('<<: ...'): ruamel would merge the keys out
    of sight (yaml-rs never sees such a text: see unusual), and pam files hold plain data."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    try:
        root = _event_yaml().compose(text)
    except Exception:  # noqa: BLE001 - the parse below reports what is wrong
        return []
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    mark = key.start_mark
                    out.append(error(rel, mark.line + 1, mark.column + 1, "yaml-merge-key",
                                     "expected plain keys, found a YAML merge key '<<', which "
                                     "copies keys from another mapping out of sight; pam files "
                                     "hold plain data: write the keys out in full (or quote "
                                     "\"<<\" if it is meant as a key)"))
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return sorted(out)


@lru_cache(maxsize=1)
def _content():
    import re

    return re.compile(r"^[ \t]*[^#\s]", re.M)  # a line that is neither blank nor a comment


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
