"""Which rows a name belongs to when a spreadsheet prints it once for its group: a merged
cell (exact), the name on the group's first row (filled down), or roughly in the middle of
its group (as in the seed's tables, where merged cells were flattened)."""

from __future__ import annotations

from functools import cache


def middle_groups(n: int, names: list[int]) -> tuple[list[tuple[int, int]] | None, bool]:
    """Split rows 0..n-1 into contiguous groups, one per name row (sorted), each name in the
    middle row of its group (or one of its two middle rows). Returns (groups as (first, last)
    rows, ambiguous) or (None, False) when no such split exists. A name on the upper of two
    middle rows (as the seed prints them) is preferred to the lower one, then groups of even
    sizes (the smallest sum of squared sizes); `ambiguous` says
    that another split fits too (the caller says so next to the data)."""
    k = len(names)

    @cache
    def best(i: int, start: int):
        """(cost, groups) for names[i:] with group i starting at `start`; None if impossible."""
        p = names[i]
        last_end = n - 1 if i == k - 1 else names[i + 1] - 1
        found = None
        count = 0
        for end in range(p, last_end + 1):
            size, pos = end - start + 1, p - start
            if 2 * pos not in (size - 1, size - 2, size):
                continue
            cost = (0 if pos == (size - 1) // 2 else 1, size * size)
            if i == k - 1:
                rest = ((0, 0), (), 1) if end == n - 1 else None
            else:
                rest = best(i + 1, end + 1)
            if rest is None:
                continue
            total = (cost[0] + rest[0][0], cost[1] + rest[0][1])
            count += rest[2]
            if found is None or total < found[0]:
                found = (total, ((start, end),) + rest[1])
        return None if found is None else (found[0], found[1], count)

    if not names or names[0] < 0:
        return None, False
    result = best(0, 0)
    if result is None:
        return None, False
    return list(result[1]), result[2] > 1


def nearest_groups(n: int, names: list[int]) -> list[tuple[int, int]]:
    """Each row goes to the nearest name row (a tie to the one above): the fallback."""
    bounds = []
    for i, p in enumerate(names):
        first = 0 if i == 0 else (names[i - 1] + p) // 2 + 1
        last = n - 1 if i == len(names) - 1 else (p + names[i + 1]) // 2
        bounds.append((first, last))
    return bounds


def down_groups(n: int, names: list[int]) -> list[tuple[int, int]]:
    """Each name holds for its row and the rows below it, up to the next name."""
    return [(p, (names[i + 1] - 1) if i + 1 < len(names) else n - 1)
            for i, p in enumerate(names)]
