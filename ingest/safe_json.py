"""JSON from outside, read without surprises: bounded depth, no crash on odd numbers or text.

The standard library's ``json.loads`` fails in ways a hostile body can pick: a document
nested 10,000 deep raises ``RecursionError``; an integer of more than 4,300 digits
raises a bare ``ValueError`` (Python's int-conversion limit); ``\\ud800`` decodes to a
lone surrogate that later cannot be encoded as UTF-8; ``NaN`` decodes to a float.
:func:`loads` refuses too-deep documents *before* parsing (:class:`JsonRefused`, which
callers answer with a 4xx) and turns the odd values into markers, so one bad record can
be rejected on its own while the rest of the batch goes on; :func:`odd_values` finds
them (with NUL characters) and says where, for a per-record error.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 64  # records need 4; deeper bodies are refused whole, before parsing
MAX_INT_DIGITS = 4_300  # Python's int-conversion limit (sys.get_int_max_str_digits)

_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonRefused(ValueError):
    """A document refused before or while parsing; the message says why."""


@dataclass(frozen=True, slots=True)
class OddValue:
    """A value JSON allows but the hub cannot take: shown as ``what`` in errors."""

    what: str

    def __str__(self) -> str:
        return f"<{self.what}>"


def nesting_depth(data: bytes) -> int:
    """Deepest nesting of arrays and objects (brackets inside strings do not count)."""
    brackets = _STRINGS.sub(b"", data).translate(None, _NOT_BRACKETS)
    if not brackets:
        return 0
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)))


def _int(text: str) -> int | OddValue:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        return OddValue(f"integer of {digits} digits")
    return int(text)


def _constant(name: str) -> OddValue:
    return OddValue(f"{name} (not a number)")


def loads(data: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``data``; :class:`JsonRefused` for bad UTF-8, bad JSON or nesting over
    ``max_depth``. Oversize integers and ``NaN``/``Infinity`` come back as :class:`OddValue`."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    depth = nesting_depth(raw)
    if depth > max_depth:
        raise JsonRefused(f"JSON nested {depth} deep; at most {max_depth} levels are accepted")
    try:
        text = raw.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise JsonRefused(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return json.loads(text, parse_int=_int, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise JsonRefused(
            f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:  # belt and braces: never a 5xx
        raise JsonRefused(f"invalid JSON: {exc}") from None


def _string_problem(text: str) -> str | None:
    if "\x00" in text:
        return "contains a NUL character (\\u0000)"
    match = _SURROGATE.search(text)
    if match:
        return (
            f"contains a lone UTF-16 surrogate (\\u{ord(match.group()):04x}), "
            "which is not a character; send valid Unicode"
        )
    return None


def odd_values(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """``(field path, reason)`` for each value the hub refuses: NUL, lone surrogates
    (in keys too), oversize integers, NaN/Infinity."""
    if not _has_odd(value):  # the common case: one cheap walk, no paths built
        return
    if isinstance(value, OddValue):
        yield path or "(record)", f"{value.what} is out of range"
    elif isinstance(value, str):
        problem = _string_problem(value)
        if problem:
            yield path or "(record)", problem
    elif isinstance(value, dict):
        for key, item in value.items():
            problem = _string_problem(key)
            where = f"{path}.{safe_text(key)}" if path else safe_text(key)
            if problem:
                yield where, f"field name {problem}"
                continue
            yield from odd_values(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from odd_values(item, f"{path}.{index}" if path else str(index))


def _has_odd(value: Any) -> bool:
    """Whether :func:`odd_values` would find anything in ``value``."""
    kind = type(value)
    if kind is str:
        return "\x00" in value or _SURROGATE.search(value) is not None
    if kind is dict:
        return any(_has_odd(k) or _has_odd(v) for k, v in value.items())
    if kind is list:
        return any(_has_odd(v) for v in value)
    # an OddValue, or a type only the full walk knows: let it decide
    return not (kind in (int, float, bool) or value is None)


def safe_text(text: str, limit: int = 200) -> str:
    """``text`` shortened and made encodable (lone surrogates and NUL as U+FFFD)."""
    return _SURROGATE.sub("\ufffd", text[:limit]).replace("\x00", "\ufffd")


def dumps(value: Any) -> str:
    """JSON text of a parsed value (markers as text), always encodable as UTF-8."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    if _SURROGATE.search(text):
        return json.dumps(value, ensure_ascii=True, default=str)
    return text
