"""One subsidy-roster row (资助对象花名册) read and checked: pure, no database.

A department's roster names people by ID and name, with a category (特困人员, 低保对象,
…: the identity categories of labels.IDENTITY_LABELS by their Chinese names, or the
words rosters use for them), and optionally the department and the dates the status
holds. `check_subsidy_row` returns a `SubsidyRow` or raises `RowRefused` in Chinese.
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass

from models.rosters.base_rows import (
    IDENTITIES,
    RowRefused,
    header_key,
    read_date,
    read_id,
    read_name,
    read_text,
)
from models.rules import limits
from models.rules.clean_text import clean
from models.texts import labels
from models.texts import rosters as t

SUBSIDY_FIELDS = tuple(t.SUBSIDY_HEADERS)
SUBSIDY_REQUIRED = tuple(f for f in SUBSIDY_FIELDS if f not in t.SUBSIDY_OPTIONAL)
SUBSIDY_KEYS = {**{header_key(v): k for k, v in t.SUBSIDY_HEADERS.items()},
                **{header_key(k): v for k, v in t.SUBSIDY_ALIASES.items()}}
CATEGORIES = {**IDENTITIES, **{unicodedata.normalize("NFKC", v): k
                               for k, v in labels.IDENTITY_LABELS.items()}}


@dataclass(frozen=True)
class SubsidyRow:
    line: int
    id_number: str
    id_key: str
    name: str
    category: str
    source: str
    valid_from: dt.date
    valid_to: dt.date | None


def subsidy_fields(cells) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        field = SUBSIDY_KEYS.get(header_key(cell))
        if field and field not in found:
            found[field] = i
    return found


def check_subsidy_row(line: int, values: dict, source: str | None, on: dt.date,
                      today: dt.date) -> SubsidyRow:
    """`source`: the --source given for the whole file (a column, when filled, wins);
    `on`: the roster's date, the start of a row that gives none."""
    cell = values.get("id_number")
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        raise RowRefused(t.ROW_NO_ID)
    _, number, key, expected, _ = read_id(cell, None, None, today)
    if expected:  # a wrong check character cannot be matched to anyone safely
        raise RowRefused(t.ROW_SUBSIDY_CHECK_CHARACTER.format(expected=expected))
    name = read_name(values)
    category = _category(values.get("category"))
    given = read_text(values, "source", limits.SOURCE_LENGTH) if "source" in values else ""
    source = given or clean(source or "").strip()
    if not source:
        raise RowRefused(t.ROW_NO_SOURCE)
    valid_from = _day(values, "valid_from") or on
    valid_to = _day(values, "valid_to")
    if valid_to is not None and valid_to < valid_from:
        raise RowRefused(t.ROW_ENDS_BEFORE_START.format(valid_from=valid_from,
                                                        valid_to=valid_to))
    return SubsidyRow(line, number, key, name, category, source[:limits.SOURCE_LENGTH],
                      valid_from, valid_to)


def _day(values: dict, field: str) -> dt.date | None:
    try:
        return read_date(values.get(field))
    except RowRefused:
        raise RowRefused(t.ROW_BAD_DAY.format(field=t.SUBSIDY_HEADERS[field],
                                              value=values.get(field))) from None


def _category(value) -> str:
    text = unicodedata.normalize("NFKC", clean(value)).strip() if isinstance(value, str) else ""
    code = CATEGORIES.get(text) or CATEGORIES.get(text.replace(" ", ""))
    if code is None:
        known = t.HEADER_LIST_SEPARATOR.join(labels.IDENTITY_LABELS.values())
        raise RowRefused(t.ROW_BAD_CATEGORY.format(value=value if value is not None else "",
                                                   known=known))
    return code
