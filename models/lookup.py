"""The counter's lookup: one text box that takes an ID, a name, pinyin, a household or a phone."""

import datetime as dt
import re
from dataclasses import dataclass

from models import idcard, names
from models import messages as msg
from models.clock import Clock
from models.errors import DomainError
from models.schema import Enrollment, Household, Person, Township, Village

PAGE_SIZE = 50
MAX_QUERY_LENGTH = 60
_TOP = "\U0010ffff"  # sorts after every character: the upper end of a prefix range
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134F\uf900-\ufaff]")
_LETTERS = re.compile(r"^[A-Za-z][A-Za-z ']*$")
_DIGITS_X = re.compile(r"^[0-9]+X?$")
_PHONE = re.compile(r"^1[0-9]{10}$")
_OTHER_DOCUMENT = re.compile(r"^([A-Z][0-9]{9}|[A-Z]{3}[0-9]{12})$")


@dataclass(frozen=True)
class PersonHit:
    id: int
    name: str
    id_type: str
    id_number: str | None
    masked_id: str
    gender: str
    birth_date: dt.date
    age: int
    township: str
    village: str
    household_id: int
    hukou_no: str
    relation: str
    phone: str | None
    status: str
    merged_into: int | None
    placeholder: bool
    match: str
    year_status: str | None = None  # paid / unpaid / none, for the benefit year asked about


@dataclass(frozen=True)
class LookupPage:
    query: str
    kinds: tuple[str, ...]
    hits: tuple[PersonHit, ...]
    offset: int
    has_more: bool


def classify(text: str) -> list[tuple[str, str]]:
    """What a query can mean, most specific first, as (kind, search key) pairs."""
    raw = (text or "").strip()
    if not raw:
        raise DomainError(msg.LOOKUP_EMPTY)
    if len(raw) > MAX_QUERY_LENGTH:
        raise DomainError(msg.LOOKUP_TOO_LONG.format(limit=MAX_QUERY_LENGTH))
    if _HAN.search(raw):
        name = names.normalize_name(raw)
        return [("name", name)]
    compact = idcard.normalize(raw)
    if _DIGITS_X.match(compact):
        length = len(compact)
        if length == 18:
            return [("id", compact)]
        if length == 15 and compact.isascii() and compact.isdigit():
            return [("id", idcard.id_key("resident", compact)), ("household", compact)]
        if length < 6:
            raise DomainError(msg.LOOKUP_TOO_SHORT_DIGITS)
        kinds = [("household", compact)] if compact.isascii() and compact.isdigit() else []
        if _PHONE.match(compact):
            kinds.insert(0, ("phone", compact))
        return [*kinds, ("id_suffix", compact)]
    if _OTHER_DOCUMENT.match(compact):
        return [("id", compact)]
    if _LETTERS.match(raw):
        key = names.query_key(raw)
        return [("initials", key), ("pinyin", key)]
    raise DomainError(msg.LOOKUP_UNRECOGNISED.format(text=raw))


def lookup(text: str, clock: Clock, *, limit: int = PAGE_SIZE, offset: int = 0,
           benefit_year: int | None = None) -> LookupPage:
    kinds = classify(text)
    wanted = offset + limit + 1
    seen: set[int] = set()
    rows: list[tuple[str, dict]] = []
    for kind, key in kinds:
        for row in _query(kind, key, wanted):
            if row["id"] not in seen:
                seen.add(row["id"])
                rows.append((kind, row))
        if len(rows) >= wanted:
            break
    page = rows[offset:offset + limit]
    statuses = _year_statuses([r["id"] for _, r in page], benefit_year) if benefit_year else {}
    today = clock.today()
    hits = tuple(_hit(kind, row, today, statuses.get(row["id"], "none") if benefit_year else None)
                 for kind, row in page)
    return LookupPage(text, tuple(k for k, _ in kinds), hits, offset, len(rows) > offset + limit)


def _prefix(column, key: str):
    return (column >= key) & (column < key + _TOP)


def _query(kind: str, key: str, limit: int) -> list[dict]:
    query = (Person.select(Person.id, Person.name, Person.id_type, Person.id_number,
                           Person.gender, Person.birth_date, Person.relation, Person.phone,
                           Person.status, Person.merged_into, Person.placeholder,
                           Person.household, Household.hukou_no, Village.name.alias("village"),
                           Township.name.alias("township"))
             .join(Household).join(Village).join(Township))
    if kind == "id":
        query = query.where(Person.id_key == key).order_by(Person.status != "active", Person.id)
    elif kind == "id_suffix":
        query = query.where(_prefix(Person.id_key_rev, key[::-1])).order_by(Person.id_key_rev,
                                                                           Person.id)
    elif kind == "name":
        query = query.where(_prefix(Person.name, key)).order_by(Person.name, Person.id)
    elif kind == "initials":
        query = query.where(_prefix(Person.name_initials, key)).order_by(Person.name_initials,
                                                                        Person.id)
    elif kind == "pinyin":
        query = query.where(_prefix(Person.name_pinyin, key)).order_by(Person.name_pinyin,
                                                                      Person.id)
    elif kind == "household":
        query = query.where(Household.hukou_no == key).order_by(Person.relation != "self",
                                                                Person.birth_date, Person.id)
    elif kind == "phone":
        query = query.where(Person.phone == key).order_by(Person.id)
    else:  # pragma: no cover - classify() only yields the kinds above
        raise ValueError(kind)
    return list(query.limit(limit).dicts())


def _year_statuses(person_ids: list[int], benefit_year: int) -> dict[int, str]:
    if not person_ids:
        return {}
    rows = (Enrollment.select(Enrollment.person, Enrollment.status)
            .where(Enrollment.person.in_(person_ids), Enrollment.benefit_year == benefit_year,
                   Enrollment.status.in_(("paid", "unpaid")))
            .tuples())
    statuses: dict[int, str] = {}
    for person_id, status in rows:
        if statuses.get(person_id) != "paid":
            statuses[person_id] = status
    return statuses


def _hit(kind: str, row: dict, today: dt.date, year_status: str | None) -> PersonHit:
    return PersonHit(
        id=row["id"], name=row["name"], id_type=row["id_type"], id_number=row["id_number"],
        masked_id=idcard.mask(row["id_number"]), gender=row["gender"],
        birth_date=row["birth_date"], age=idcard.age_on(row["birth_date"], today),
        township=row["township"], village=row["village"], household_id=row["household"],
        hukou_no=row["hukou_no"], relation=row["relation"], phone=row["phone"],
        status=row["status"], merged_into=row["merged_into"], placeholder=bool(row["placeholder"]),
        match=kind, year_status=year_status,
    )
