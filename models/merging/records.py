"""Naming the records of a merge: an ID number or a record id, as the command line and the
review screens give them, and a record in a few words."""

from dataclasses import dataclass

from models.core.errors import DomainError
from models.core.schema import Person
from models.rules import idcard
from models.texts import merging as mt

RECORD_ID_DIGITS = 9  # a record id fits the id column; an ID number has 15 or 18 digits


@dataclass(frozen=True)
class Brief:
    id: int
    name: str
    masked_id: str | None
    status: str

    def in_words(self) -> str:
        return mt.WHO_PERSON.format(name=self.name, id=self.id)


def brief(person_id: int) -> Brief:
    p = Person.get_or_none(Person.id == person_id)
    if p is None:
        raise DomainError(mt.PERSON_UNKNOWN.format(ref=person_id))
    return Brief(p.id, p.name, idcard.mask(p.id_number) or None, p.status)


def resolve_pair(survivor_ref: str, other_ref: str) -> tuple[int, int]:
    """(survivor id, other id). One ID number for both (a record awaiting merge and the
    one holding its ID): the active record survives."""
    s = _pick(_records(survivor_ref), survivor_ref, prefer_active=True, not_id=None)
    others = _records(other_ref)
    if [r.id for r in others] == [s]:
        raise DomainError(mt.SAME_RECORD)
    o = _pick(others, other_ref, prefer_active=False, not_id=s)
    return s, o


def _records(ref: str) -> list[Person]:
    text = (ref or "").strip()
    if text.isdigit() and len(text) <= RECORD_ID_DIGITS:
        return list(Person.select().where(Person.id == int(text)))
    number = idcard.normalize(text)
    keys = {k for k in (idcard.id_key("resident", number), number) if k}
    return list(Person.select().where(Person.id_key.in_(keys) | (Person.id_number == text))
                .order_by(Person.id))


def _pick(rows: list[Person], ref: str, prefer_active: bool, not_id: int | None) -> int:
    rows = [r for r in rows if r.id != not_id]
    if not rows:
        raise DomainError(mt.PERSON_UNKNOWN.format(ref=ref))
    if len(rows) == 1:
        return rows[0].id
    wanted = [r for r in rows if (r.status == "active") == prefer_active]
    if len(wanted) == 1:
        return wanted[0].id
    ids = mt.LIST_SEPARATOR.join(str(r.id) for r in rows)
    raise DomainError(mt.PERSON_AMBIGUOUS.format(ref=ref, ids=ids))
