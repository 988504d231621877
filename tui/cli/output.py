"""The one JSON encoder behind every `--json` (and `--stdin`) output of the command line.

`plain(value)` turns what the services return into JSON's own types:

- `datetime.date` / `datetime.datetime`: ISO text ("2027-01-01", "2026-11-22T09:30:00");
- dataclasses and NamedTuples: objects, one key per field, in field order;
- tuples and lists: lists; dicts: objects (keys as text);
- None, bool, int, float, str: as they are.

Money is integer fen and goes out as yuan text with two decimals ("280.00",
models.rules.money.yuan). The encoder never guesses which ints are fen; an int is money
only when it is marked so, in one of two ways:

1. a dataclass field declared with the FEN metadata of models.rules.money, as the DTOs
   do for their amounts (`gross: int = field(default=0, metadata=FEN)` on Quote, the
   rates on Policy, SubsidyRule.amount): every such field, wherever it sits in the
   value, is written in yuan (None stays null);
2. a value a command wraps with `money(fen)` when it builds a view by hand, e.g. a
   derived amount such as Policy.full_rate that is not a field.

Any other int is written as a number. A type the encoder does not know is a TypeError
(a programming error, caught by the tests), never a silent `str()`.
"""

import dataclasses
import datetime as dt
import json
import sys
from typing import Any, TextIO

from models.rules.clean_text import is_fit
from models.rules.money import is_fen, yuan


class Fen(int):
    """An amount in fen that a command has marked by hand for JSON output (see money())."""


def money(fen: int | None) -> Fen | None:
    return None if fen is None else Fen(fen)


def plain(value: Any) -> Any:
    """`value` with every part turned into JSON's own types (see the module docstring)."""
    if value is None or isinstance(value, (bool, str, float)):
        return value
    if isinstance(value, Fen):
        return yuan(value)
    if isinstance(value, int):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _field(f, getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple
        return {name: plain(item) for name, item in zip(value._fields, value, strict=True)}
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def _field(f: dataclasses.Field, value: Any) -> Any:
    if is_fen(f) and value is not None:
        return yuan(value)
    return plain(value)


def dumps(value: Any, indent: int | None = 2) -> str:
    """One JSON document: Chinese as itself (not \\u escapes), indented unless indent=None."""
    return json.dumps(plain(value), ensure_ascii=False, indent=indent)


def print_json(value: Any, indent: int | None = 2, file: TextIO | None = None) -> None:
    print(dumps(value, indent), file=file or sys.stdout, flush=True)


def shown(text: str) -> str:
    """Text fit to print back to the user: each NUL or lone surrogate (a byte that was not
    UTF-8) as U+FFFD, which every terminal and JSON reader takes."""
    return text if is_fit(text) else "".join(ch if is_fit(ch) else "\ufffd" for ch in text)
