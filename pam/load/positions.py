"""Where a key or item of a YAML file is: line and column for problem messages, found only for
the files that have a problem (their node tree is composed by ruamel's C parser then)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _composer():
    from ruamel.yaml import YAML

    return YAML(typ="safe")  # compose() builds nodes with their marks, in C when it can


class Locator:
    """Maps a path inside a YAML document (keys and indexes) to its 1-based line and column.

    The document is read and composed on the first question, so files without problems are
    never composed. `text` may be given when it is at hand (e.g. a revision's file)."""

    def __init__(self, text: str | None = None, path: Path | str | None = None):
        self.text = text
        self.path = path
        self._doc = None
        self._parsed = False

    def _root(self):
        if not self._parsed:
            self._parsed = True
            try:
                if self.text is None:
                    from pam.load.yaml import read_text

                    self.text, _ = read_text(Path(self.path), str(self.path))
                self._doc = _composer().compose(self.text)
            except Exception:  # noqa: BLE001 - the reader accepted it; positions are a nicety
                self._doc = None
            self.text = None  # positions only: the text is not kept
        return self._doc

    def position(self, path: tuple) -> tuple[int, int]:
        """(line, column) of the deepest node of `path` found in the document."""
        node = self._root()
        if node is None:
            return 1, 1
        line, column = _mark(node)  # the document's first key
        for key in path:
            child = _child(node, key)
            if child is None:
                break
            key_node, node = child
            line, column = _mark(key_node)
        return line, column

    def value_position(self, path: tuple) -> tuple[int, int]:
        """Like position(), but points at the value of the last key, unless that value is a
        mapping, a list or empty (an empty value has no position of its own)."""
        node = self._root()
        for key in path[:-1]:
            child = _child(node, key) if node is not None else None
            if child is None:
                return self.position(path)
            node = child[1]
        child = _child(node, path[-1]) if node is not None and path else None
        if child is not None and _is_mapping(node) and str(child[1].tag) not in _AT_KEY:
            return _mark(child[1])
        return self.position(path)


_AT_KEY = {f"tag:yaml.org,2002:{t}" for t in ("map", "seq", "null", "omap", "pairs")}


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


@lru_cache(maxsize=1)
def _kinds():
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    return MappingNode, ScalarNode, SequenceNode


def _is_mapping(node) -> bool:
    return isinstance(node, _kinds()[0])


def _is_scalar(node) -> bool:
    return isinstance(node, _kinds()[1])


def _child(node, key):
    """(the node that names it, the child node) for a key of a mapping or an index of a
    sequence; None when there is none. Keys match by their text ('2019' for 2019)."""
    if _is_mapping(node):
        for key_node, value_node in node.value:
            if _text(key_node) == _text(key):
                return key_node, value_node
        return None
    if isinstance(node, _kinds()[2]) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key], node.value[key]
    return None


def _text(key):
    """A key as text, to compare a node with a value: scalars by their text, lists (a complex
    key such as '? [a, b]', read as a tuple) item by item."""
    if isinstance(key, (tuple, list)):
        return tuple(_text(k) for k in key)
    if _is_scalar(key):
        return key.value
    if isinstance(key, _kinds()[2]):
        return tuple(_text(k) for k in key.value)
    return None if isinstance(key, _kinds()[0]) else str(key)


def relpath(path: Path | str, base: Path | None = None) -> str:
    """The path as shown in messages: relative to the working folder (or `base`) when it lies
    inside it; otherwise as it was given (typed `--plan /srv/plan`, shown /srv/plan/..., never
    ../../srv/plan/...)."""
    base_str = str(base) if base is not None else os.getcwd()
    folder, name = os.path.split(str(path))
    parent = _relative_folder(folder, base_str)
    if parent is None or parent == ".." or parent.startswith("../"):
        return str(path)
    return name if parent == "." else f"{parent}/{name}"


@lru_cache(maxsize=1024)
def _relative_folder(folder: str, base: str) -> str | None:
    try:
        return os.path.relpath(folder or ".", base).replace(os.sep, "/")
    except ValueError:
        return None
