"""Identity tags (subsidy categories) by date: which hold on a day. Pure: no database.

A tag is anything with `category`, `valid_from` and `valid_to` (None: open-ended), such
as models/registry/identities.py's TagView. Both ends are days the tag holds.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

STATES = ("current", "ended", "future")


class DatedTag(Protocol):
    category: str
    valid_from: dt.date
    valid_to: dt.date | None


def holds_on(tag: DatedTag, day: dt.date) -> bool:
    return tag.valid_from <= day and (tag.valid_to is None or day <= tag.valid_to)


def tags_valid_on(tags: Iterable[DatedTag], day: dt.date) -> tuple[str, ...]:
    """The categories of the tags whose validity holds `day`, each once, in the order
    the tags come in (valid_from <= day and (valid_to is None or day <= valid_to))."""
    return tuple(dict.fromkeys(tag.category for tag in tags if holds_on(tag, day)))


def tag_state(tag: DatedTag, day: dt.date) -> str:
    """current (holds `day`), ended (its last day is before it) or future (starts later)."""
    if tag.valid_from > day:
        return "future"
    return "current" if holds_on(tag, day) else "ended"


def overlaps(a_from: dt.date, a_to: dt.date | None, b_from: dt.date, b_to: dt.date | None) -> bool:
    """Two periods (None: no end) share at least one day."""
    return (a_to is None or b_from <= a_to) and (b_to is None or a_from <= b_to)
