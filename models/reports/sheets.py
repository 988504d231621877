"""What a report is, before any file: sheets of columns and rows.

    Report(file_title, sheets=[Sheet(name, title, columns, rows, total)])

`rows` is an iterable (a generator reading the register a page at a time), so a report
of a million rows is never held whole. Columns say how wide they are wanted (in display
cells: a Chinese character is two) and whether they hold codes that must stay text (an
ID, a household number). Amounts are integer fen; the writer shows them in yuan.
"""

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.core.errors import DomainError
from models.registry.regions import current_region
from models.rules.policy import policies_for_region, policy_in_force
from models.texts import reports as t

TEXT, FEN, NUMBER, RATE, PLAIN = "text", "fen", "number", "rate", "plain"


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 8  # display cells wanted for the values (the header counts too)
    kind: str = PLAIN  # TEXT: a code kept as text; FEN: money; RATE: a share 0..1


@dataclass
class Sheet:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: Iterable[tuple]
    total: tuple | None = None  # the total row, computed while the rows were read
    totals_of: object = None  # a callable giving the total row after the rows are read
    count: int = 0  # rows written, set by the writer


@dataclass
class Report:
    kind: str
    sheets: list[Sheet] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(s.count for s in self.sheets)


def region_name() -> str:
    region = current_region()
    if region is None:
        raise DomainError(t.NO_REGION)
    return region.name


def report_year(year: int | None, today: dt.date) -> int:
    """The benefit year asked for, which must have a policy file for this region; by
    default the year of the policy the counter works under today."""
    region = current_region()
    if region is None:
        raise DomainError(t.NO_REGION)
    if year is None:
        policy = policy_in_force(region.code, region.name, today)
        if policy is None:
            raise DomainError(t.NO_POLICY_TODAY)
        return policy.benefit_year
    if year not in {p.benefit_year for p in policies_for_region(region.code, region.name)}:
        raise DomainError(t.NO_POLICY_YEAR.format(year=year))
    return year


def display_width(text: str) -> int:
    """Cells a text takes in Excel's default font: a CJK or full-width character two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
