"""What the duplicate scorer compares, and what it answers."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Decision(StrEnum):
    SURE = "sure"  # one person: a supervisor may merge the band in bulk
    REVIEW = "review"  # a clerk looks at the two records side by side
    DIFFERENT = "different"  # two people: never stored


@dataclass(frozen=True)
class PersonRecord:
    """One person record as the scorer sees it: no database row, just values."""

    id: int | None
    name: str
    id_type: str
    id_number: str | None
    gender: str
    birth_date: dt.date
    household_id: int | None = None
    village_id: int | None = None
    placeholder: bool = False
    status: str = "active"
    pinyin: str = ""  # the name's pinyin as stored (person.name_pinyin); "" to compute it


@dataclass(frozen=True)
class Score:
    score: float  # 0..1: how likely the two records are one person
    decision: Decision
    reasons: tuple[str, ...]  # Chinese, one per piece of evidence, strongest first

    @property
    def is_candidate(self) -> bool:
        return self.decision is not Decision.DIFFERENT
