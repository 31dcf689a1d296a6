"""Plain data -> pydantic models, and pydantic's errors -> located problems that say what was
expected, what was found and how to fix it."""

from __future__ import annotations

import typing

from pydantic import BaseModel, ValidationError

from pam.load.positions import Locator
from pam.model import Card, Data, Input
from pam.problems import Problem, did_you_mean, error

if typing.TYPE_CHECKING:
    from pydantic_core import ErrorDetails

# what a field holds, said the way a person filling in the file would understand it
EXPECT = {
    "cost": 'a number of million MAD (e.g. 0.5), "-" for no cost of its own, "*" for a cost '
            "not fixed yet, or nothing for a blank cell",
    "targets": "a mapping of year to cumulative percent, e.g. {2018: 40, 2019: 100}",
    "progress": "a cumulative percent from 0 to 100, written as a number (40, not '40%')",
    "spent": "the cumulative amount paid, in million MAD, as a number (e.g. 0.25); spent is "
             "the older name of paid",
    "paid": "the cumulative amount paid (الأداءات), in million MAD, as a number (e.g. 0.25)",
    "committed": "the cumulative amount committed (الالتزامات), in million MAD, as a number "
                 "(e.g. 0.4)",
    "amount": "an amount in million MAD, as a number (e.g. 1.5)",
    "budget": "a mapping of budget year to the credits allocated that year, in million MAD, "
              "e.g. {2023: 1.5, 2024: 2}",
    "funding": "a list of sources, each {source: own|partner, partner: ..., amount: ..., "
               "agreement: {ref, signed, status}}",
    "source": "own (the commune's own resources) or partner",
    "status": "one of: planned, negotiating, signed, cancelled",
    "signed": "the day the agreement was signed, written YYYY-MM-DD",
    "direction": "up (more is better) or down (less is better)",
    "cumulative": "true (each target is the value reached by 31 December) or false (each "
                  "target is that year's own amount)",
    "indicators": "on a plan node, a list of {id, name, unit, baseline, targets, cumulative, "
                  "direction}; on a card line, a mapping of indicator id to the value "
                  "measured, e.g. {D1.A1.P1.01.I1: 3.5}",
    "baseline": "the value before the program acts: a number, or {value: ..., year: ...}",
    "value": "a number",
    "divergence": "points from 0 to 100 (e.g. 25: paid share of the cost 25 points ahead of "
                  "the progress raises an alarm)",
    "date": "a date written YYYY-MM-DD",
    "as_of": "a date written YYYY-MM-DD",
    "state": "one of: ongoing, done, suspended, cancelled",
    "period": "a half month written YYYY-MMa (1st-15th) or YYYY-MMb (16th-end), e.g. 2019-06a",
    "id": "an id of letters, digits, '.', '-' or '_', e.g. D1.A1.P1.01",
    "action": "the id of an action of the plan, e.g. D1.A1.P1.01",
    "project": "the id of a project of the plan, e.g. D1.A1.P1",
    "share": "a percent from 0 to 100",
    "target": "a cumulative percent from 0 to 100, written as a number (e.g. 2019: 40)",
    "year": "a year written as a plain number, e.g. 2019",
    "start": "a year written as a plain number, e.g. 2017",
    "end": "a year written as a plain number, e.g. 2022",
    "at_risk": "a variance in percentage points from -100 to 0 (e.g. -10: more than 10 points "
               "behind the plan is at risk)",
    "late": "a variance in percentage points from -100 to 0, at or below at_risk (e.g. -25)",
    "stale_days": "a number of days from 0 to 3660 (e.g. 31)",
    "card_grace_days": "a number of days from 0 to 366 (e.g. 5)",
}
TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true/false",
              list: "a list", dict: "a mapping", type(None): "nothing"}



M = typing.TypeVar("M", bound=Data)


def to_model(data, model: type[M], rel: str, locator: Locator,
             problems: list[Problem]) -> M | None:
    """The model built from a file's data, marked with where it came from; None (and the
    problems, located) when the data does not fit the model."""
    if not isinstance(data, dict):
        what = TYPE_NAMES.get(type(data), type(data).__name__)
        problems.append(error(rel, 1, 1, "not-a-mapping",
                              f"expected the file to hold a mapping of keys (like 'id: ...'), "
                              f"found {what}; see docs/plan-format.md"))
        return None
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        found = validation_problems(exc, model, data, rel, locator)
        retry, notes = _numbers_as_text(exc, data, rel, locator)
        if retry is not None:
            problems.extend(notes)
            return to_model(retry, model, rel, locator, problems)
        problems.extend(_not_filled(found, exc, model, data, rel, locator))
        return None
    mark_sources(obj, rel, ())
    return obj


NUMBER_ERRORS = {"float_type", "int_type", "float_parsing", "int_parsing"}


def _numbers_as_text(exc: ValidationError, data, rel: str, locator: Locator):
    """(the data with its numbers written as text read as numbers, the warnings that say so)
    when some value is a number typed the way people type them ('12,5', '٤٠', '١٢٫٥'), else
    (None, []): the one rule of pam.numbers, for files as for the command line."""
    from pam.numbers import is_plain_number, parse_number, written

    fixes = {}
    for err in exc.errors(include_url=False):
        value = err.get("input")
        if err["type"] not in NUMBER_ERRORS or not isinstance(value, str) \
                or "[key]" in err["loc"] or is_plain_number(value):
            continue  # a key is an identifier; "40" in quotes is text on purpose
        number = parse_number(value)
        if number is None or "%" in value:
            continue
        loc = _doc_loc(tuple(err["loc"]), data)
        if err["type"].startswith("int") and not number.is_integer():
            continue
        fixes[loc] = (value, int(number) if err["type"].startswith("int") else number)
    if not fixes:
        return None, []
    import copy

    fixed = copy.deepcopy(data)
    notes = []
    for loc, (text, number) in fixes.items():
        node = fixed
        for key in loc[:-1]:
            node = node[key]
        node[loc[-1]] = number
        line, column = locator.value_position(loc)
        name = next((str(k) for k in reversed(loc) if isinstance(k, str)), "value")
        notes.append(Problem(rel, line, column, "warning", "number-as-text",
                             f"'{name}' is written '{text}' and read as {written(number)}: "
                             f"write {written(number)} (pam writes numbers with the digits 0-9 "
                             "and a decimal point, as the JSON Schemas and other tools read "
                             "them)"))
    return fixed, notes


def _not_filled(found: list[Problem], exc: ValidationError, model, data, rel: str,
                locator: Locator) -> list[Problem]:
    """A card's values left empty (as `pam card` writes them, to be filled in) are one
    problem, card-not-filled, that says which; an untouched card is not a report."""
    if model is not Card:
        return found
    empty = [tuple(e["loc"]) for e in exc.errors(include_url=False)
             if e.get("input") is None and e["type"] != "missing" and e["loc"]
             and e["loc"][0] == "actions"]  # the lines pam card leaves to fill in
    if not empty:
        return found
    places = [_doc_loc(loc, data) for loc in empty]
    keep = [p for p in found if (p.line, p.column) not in
            {locator.value_position(loc) for loc in places}
            | {locator.position(loc) for loc in places}]
    actions = data.get("actions") if isinstance(data.get("actions"), list) else []
    names = []
    for loc in places:
        if len(loc) >= 3 and loc[0] == "actions" and isinstance(loc[1], int) \
                and loc[1] < len(actions) and isinstance(actions[loc[1]], dict):
            names.append(f"{actions[loc[1]].get('action', '?')} {loc[-1]}")
        else:
            names.append(str(loc[-1]))
    if "reporter" in data and not str(data["reporter"] or "").strip():
        names.insert(0, "reporter")
    line, column = locator.position(places[0])
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    keep.append(error(rel, line, column, "card-not-filled",
                      f"the card is not filled in: {len(names)} value"
                      f"{'s' if len(names) != 1 else ''} left empty ({shown}); "
                      "write each action's cumulative progress (0-100; committed, paid and "
                      "indicator values where known), or delete the lines of an action you do "
                      "not report on: an empty card is not a report"))
    return keep


def mark_sources(node, file: str, path: tuple) -> None:
    """Record on each model node the file and YAML path it was read from. A card's lines are
    located through the card (checks name them as ('actions', i, ...)), so they are skipped:
    cards are many and this walk would otherwise cost a tenth of a cold load."""
    if isinstance(node, Card):
        return  # a card's file is kept by the plan (Plan.card_files)
    if isinstance(node, Input):
        node._file, node._path = file, path
        for name in type(node).model_fields:
            value = getattr(node, name)
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, Input):
                        mark_sources(item, file, path + (name, i))
            elif isinstance(value, Input):
                mark_sources(value, file, path + (name,))


def validation_problems(exc: ValidationError, model, data, rel: str,
                        locator: Locator) -> list[Problem]:
    """Turn pydantic's errors into located problems, one per place (union errors merged)."""
    out: dict[tuple, Problem] = {}
    for err in exc.errors(include_url=False):
        raw = tuple(err["loc"])
        loc = _doc_loc(raw, data)
        kind = err["type"]
        if kind == "extra_forbidden":
            line, column = locator.position(loc)
            allowed = _fields_at(model, loc[:-1])
            key = loc[-1]
            msg = (f"unknown key '{key}'.{did_you_mean(key, allowed)} Expected one of: "
                   f"{', '.join(allowed)}; rename or remove it.")
            out[(line, column, "unknown-key")] = error(rel, line, column, "unknown-key", msg)
            continue
        if kind == "missing":
            line, column = locator.position(loc[:-1])
            msg = (f"missing required key '{loc[-1]}'"
                   + (f" ({EXPECT[str(loc[-1])]})" if str(loc[-1]) in EXPECT else "")
                   + f": add '{loc[-1]}: ...' here")
            out[(line, column, "missing-key", loc[-1])] = error(rel, line, column, "missing-key",
                                                                 msg)
            continue
        is_key = kind == "invalid_key" or (bool(raw) and raw[-1] == "[key]")
        line, column = locator.position(loc) if is_key else locator.value_position(loc)
        code, msg = _describe(err, loc, is_key, model)
        place = (loc, is_key)  # the branches of a union all report the same place
        previous = out.get(place)
        if previous is None or (previous.code == "wrong-type" and code != "wrong-type"):
            out[place] = error(rel, line, column, code, msg)
    return list(out.values())


TYPE_EXPECT = {
    "string_type": "text (in double quotes when it starts with a digit or holds ': ')",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list (one '- ' line per item, or [] when empty)",
    "dict_type": "a mapping (one 'key: value' line per key)",
    "none_required": "nothing",
}
BOUND_WORDS = {"ge": "at least", "le": "at most", "gt": "more than", "lt": "less than"}


def _subject(loc: tuple, is_key: bool) -> tuple[str, str | None]:
    """How to name the place of an error ('the 2019 target: ') and what it should hold."""
    if len(loc) >= 2 and loc[-2] == "targets":
        if is_key:
            shown = loc[-1] if isinstance(loc[-1], int) else f"'{loc[-1]}'"
            return f"the target year {shown}: ", EXPECT["year"]
        return f"the {loc[-1]} target: ", EXPECT["target"]
    if loc and isinstance(loc[-1], int):
        parent = next((str(k) for k in reversed(loc[:-1]) if isinstance(k, str)), "")
        return (f"'{parent}' item {loc[-1] + 1}: " if parent else f"item {loc[-1] + 1}: "), None
    field_name = next((str(k) for k in reversed(loc) if isinstance(k, str)), "")
    return (f"'{field_name}': " if field_name else ""), EXPECT.get(field_name)


def _describe(err: ErrorDetails, loc: tuple, is_key: bool, model) -> tuple[str, str]:
    kind, value = err["type"], err.get("input")
    found = _found(value)
    where, expected = _subject(loc, is_key)
    if kind == "invalid_key":
        return "bad-key", (f"expected a key that is a name (like 'id' or 'name'), found {found}; "
                           "write the key as plain text")
    if kind == "finite_number":
        return "not-finite", (f"{where}expected {expected or 'a number'}, found {found}: NaN, "
                              "infinity and numbers too large to store (such as 1e400) cannot "
                              "be used; write an ordinary number")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = err.get("ctx", {})
        bound = ", ".join(f"{BOUND_WORDS.get(k, k)} {_num(v)}" for k, v in ctx.items())
        negative = isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0
        hint = " (a negative amount?)" if negative else ""
        return "out-of-range", (f"{where}expected {expected or 'a value'} ({bound}), found "
                                f"{found}{hint}; correct the value")
    if kind == "bad_date":
        return "bad-date", f"{where}{err['msg']}; write it like 2019-06-14"
    if kind == "string_pattern_mismatch":
        code = "bad-id" if str(loc[-1] if loc else "") in ("id", "action", "project") \
            else "bad-value"
        return code, (f"{where}expected {expected or err['msg']}, found {found}; correct it")
    if kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length", "?")
        length = len(value) if isinstance(value, str) else "?"
        return "too-long", (f"{where}expected a text of at most {limit} characters, found "
                            f"{length} characters; shorten it (details can go to 'notes')")
    fields = _fields_at(model, loc) if kind == "model_type" else []
    if kind == "model_type":
        expected = expected or (f"a mapping with the keys {', '.join(fields)}" if fields
                                else "a mapping")
    hint = ""
    if isinstance(value, str) and _looks_numeric(value) and kind != "string_type":
        hint = " (write the number without quotes or '%')"
    elif kind == "string_type" and isinstance(value, (int, float)):
        hint = " (put the text in double quotes)"
    elif kind == "model_type" and not isinstance(value, (dict, list)) and fields:
        hint = (f" (write the keys on the indented lines below, e.g. '{fields[0]}: ...')")
    return "wrong-type", (f"{where}expected {expected or _pydantic_expectation(err)}, "
                          f"found {found}{hint}")


def _num(value) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _pydantic_expectation(err: ErrorDetails) -> str:
    if err["type"] in TYPE_EXPECT:
        return TYPE_EXPECT[err["type"]]
    if err["type"] == "literal_error" and "expected" in err.get("ctx", {}):
        return f"one of: {err['ctx']['expected']}"
    msg = err["msg"]
    return msg[len("Input should be "):] if msg.startswith("Input should be ") else msg


def _looks_numeric(text: str) -> bool:
    try:
        float(text.strip().rstrip("%"))
        return True
    except ValueError:
        return False


def _found(value) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (dict, list)):
        return TYPE_NAMES[type(value)]
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, float):
        if value != value:
            return ".nan (not a number)"
        if value in (float("inf"), float("-inf")):
            return f"{'-' if value < 0 else ''}infinity"
        return _num(value)
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value) < 10 ** 60 else None
        if digits is None:
            return "a number of more than 60 digits"
        return str(value)
    if isinstance(value, bytes):
        return "binary data (a '!!binary' tag)"
    if isinstance(value, (set, frozenset)):
        return "a set (a '!!set' tag)"
    if isinstance(value, tuple):
        return "a list used as a key"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _doc_loc(loc: tuple, data) -> tuple:
    """pydantic's loc reduced to keys and indexes of the document (union tags dropped)."""
    out, node = [], data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict):
            key = next((k for k in node if k == part or str(k) == str(part)), _NONE)
            if key is not _NONE:
                out.append(key)
                node = node[key]
            elif last:  # a key that is not there: the missing one
                out.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
    return tuple(out)


_NONE = object()


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Names of the fields of the model found at `loc` (for did-you-mean on unknown keys)."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return []
            current = _model_in(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
