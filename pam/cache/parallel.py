"""Map a function over items in two (or more) processes with fork, results as JSON.

Used where a cold run of a big workspace reads thousands of files: the work is CPU-bound
Python, so threads would not help. Each child inherits what the parent loaded (the plan's
structure) and sends back plain JSON on a pipe. Without fork (Windows), with one core, or
for little work, the map runs in this process. A child that fails makes its items be done
again here, so a failure is never silent and never a different result.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence

MIN_ITEMS = 64  # fewer items than this: no fork (its cost would not pay)


def workers() -> int:
    return max(1, min(2, os.cpu_count() or 1)) if hasattr(os, "fork") else 1


def map_json(fn: Callable, items: Sequence, *, weight: Callable | None = None,
             min_items: int | None = None) -> list:
    """[fn(item) for item in items], computed in up to `workers()` processes; every result
    must be JSON data. `weight(item)` balances the chunks (default: one each); with fewer
    than `min_items` items (default MIN_ITEMS) everything runs here."""
    n = workers()
    if n < 2 or len(items) < (MIN_ITEMS if min_items is None else min_items):
        return [fn(item) for item in items]
    chunks = _chunks(items, n, weight)
    children = []
    for chunk in chunks[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running the parent's exit code
            os.close(read_end)
            try:
                data = json.dumps([fn(items[i]) for i in chunk]).encode("utf-8")
            except BaseException:  # noqa: BLE001 - the parent does this chunk again
                data = b"null"
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            os._exit(0)
        os.close(write_end)
        children.append((pid, read_end, chunk))
    results: dict[int, object] = {i: fn(items[i]) for i in chunks[0]}
    for pid, read_end, chunk in children:
        with os.fdopen(read_end, "rb") as pipe:
            raw = pipe.read()
        os.waitpid(pid, 0)
        try:
            values = json.loads(raw)
        except ValueError:
            values = None
        if not isinstance(values, list) or len(values) != len(chunk):
            values = [fn(items[i]) for i in chunk]
        results.update(zip(chunk, values, strict=True))
    return [results[i] for i in range(len(items))]


def _chunks(items: Sequence, n: int, weight: Callable | None) -> list[list[int]]:
    """Indexes of `items` in n chunks of about equal weight (greedy, heaviest first)."""
    order = sorted(range(len(items)), key=(lambda i: -weight(items[i])) if weight else None)
    chunks: list[list[int]] = [[] for _ in range(n)]
    loads = [0.0] * n
    for i in order:
        k = loads.index(min(loads))
        chunks[k].append(i)
        loads[k] += weight(items[i]) if weight else 1
    return [sorted(c) for c in chunks]
