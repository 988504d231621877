"""The counter's lookup: one text box that takes an ID, a name, pinyin, a household or a phone."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple

from models.core.clock import Clock
from models.core.db import database
from models.core.errors import DomainError
from models.core.schema import Household, PaymentLine, Person, Township, Village
from models.rules import idcard, names
from models.rules.clean_text import is_fit
from models.rules.person import MOBILE_NUMBER
from models.texts import messages as msg

PAGE_SIZE = 50
MAX_QUERY_LENGTH = 60
_TOP = "\U0010ffff"  # sorts after every character: the upper end of a prefix range
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134F\uf900-\ufaff]")
_LETTERS = re.compile(r"^[A-Za-z][A-Za-z ']*$")
_DIGITS_X = re.compile(r"^[0-9]+X?$")
_OTHER_DOCUMENT = re.compile(r"^([A-Z][0-9]{9}|[A-Z]{3}[0-9]{12})$")


class PersonHit(NamedTuple):
    """One result row. A NamedTuple: immutable like the other DTOs, and cheap to build on
    the lookup path, which runs on every keystroke."""

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
    year_status: str | None = None  # see year_status(), for the benefit year asked about
    collides_with: int | None = None  # awaiting merge: the active record holding its ID


@dataclass(frozen=True)
class LookupPage:
    query: str
    kinds: tuple[str, ...]
    hits: tuple[PersonHit, ...]
    offset: int
    has_more: bool
    check_expected: str | None = None  # the right check character, when the typed one is not


def classify(text: str) -> list[tuple[str, str]]:
    """What a query can mean, most specific first, as (kind, search key) pairs."""
    raw = (text or "").strip()
    if not raw:
        raise DomainError(msg.LOOKUP_EMPTY)
    if len(raw) > MAX_QUERY_LENGTH:
        raise DomainError(msg.LOOKUP_TOO_LONG.format(limit=MAX_QUERY_LENGTH))
    if not is_fit(raw):  # a lone surrogate cannot be sent to either driver, a NUL not to PG
        raise DomainError(msg.LOOKUP_NOT_TEXT)
    if _HAN.search(raw):
        name = names.normalize_name(raw)
        return [("name", name)]
    compact = idcard.normalize(raw)
    if _DIGITS_X.match(compact):
        length = len(compact)
        if length == 18:
            if idcard.wrong_check_character(compact):  # near matches: the same first 17
                return [("id", compact), ("id_prefix", compact[:17])]
            return [("id", compact)]
        if length == 15 and compact.isascii() and compact.isdigit():
            return [("id", idcard.id_key("resident", compact)), ("household", compact)]
        if length < 6:
            raise DomainError(msg.LOOKUP_TOO_SHORT_DIGITS)
        kinds = [("household", compact)] if compact.isascii() and compact.isdigit() else []
        if MOBILE_NUMBER.match(compact):
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
    rows: list[tuple[str, tuple]] = []
    seen: set[int] = set()
    for kind, key in kinds:
        for row in _query(kind, key, wanted):
            if row[0] not in seen:
                seen.add(row[0])
                rows.append((kind, row))
        if len(rows) >= wanted:
            break
    page = rows[offset:offset + limit]
    today = clock.today()
    if benefit_year:
        statuses = year_statuses([r[0] for _, r in page], benefit_year)
        hits = tuple(_hit(kind, row, today, year_status(row[8], statuses.get(row[0])))
                     for kind, row in page)
    else:
        hits = tuple(_hit(kind, row, today, None) for kind, row in page)
    expected = next((idcard.wrong_check_character(key) for kind, key in kinds if kind == "id"),
                    None)
    return LookupPage(text, tuple(k for k, _ in kinds), with_collisions(hits), offset,
                      len(rows) > offset + limit, expected)


def with_collisions(hits: tuple[PersonHit, ...]) -> tuple[PersonHit, ...]:
    """Each record awaiting merge with the active record it collides with (one query, and
    only when such a record is among the hits)."""
    keys = {h.id: idcard.id_key(h.id_type, h.id_number) for h in hits
            if h.status == "awaiting_merge" and h.id_number}
    if not keys:
        return hits
    holders: dict[str, int] = {}
    for person_id, key in (Person.select(Person.id, Person.id_key)
                           .where(Person.id_key.in_(set(keys.values())),
                                  Person.status == "active").order_by(Person.id).tuples()):
        holders.setdefault(key, person_id)
    return tuple(h._replace(collides_with=holders.get(keys[h.id])) if h.id in keys else h
                 for h in hits)


_SENTINELS = ("\x00key0", "\x00key1")
_sql_cache: dict[tuple[type, str, int], tuple[str, list]] = {}


def _query(kind: str, key: str, limit: int) -> list[tuple]:
    """Run the kind's query. The SQL is built by Peewee once per kind and limit, then reused:
    building it costs far more than the indexed lookup itself."""
    if kind == "id_suffix":
        key = key[::-1]  # suffixes are searched as prefixes of the reversed number
    values = {_SENTINELS[0]: key, _SENTINELS[1]: key + _TOP}
    cache_key = (type(database.obj), kind, limit)  # the SQL differs only by dialect
    cached = _sql_cache.get(cache_key)
    if cached is None:
        cached = _sql_cache[cache_key] = _build(kind, limit).sql()
    sql, template = cached
    # Through Peewee, not a bare cursor: the driver's errors arrive as Peewee's, which the
    # callers (and models/core/db.py's DATABASE_ERRORS) know.
    return database.execute_sql(sql, [values.get(p, p) for p in template]).fetchall()


def _select():
    return (Person.select(Person.id, Person.name, Person.id_type, Person.id_number,
                          Person.gender, Person.birth_date, Person.relation, Person.phone,
                          Person.status, Person.merged_into, Person.placeholder,
                          Person.household, Household.hukou_no, Village.name, Township.name)
            .join(Household).join(Village).join(Township))


def _build(kind: str, limit: int):
    query = _select()
    ordered = {
        "id": (Person.id_key, (Person.status != "active", Person.id)),
        "id_suffix": (Person.id_key_rev, (Person.id_key_rev, Person.id)),
        "id_prefix": (Person.id_key, (Person.id_key, Person.id)),
        "name": (Person.name, (Person.name, Person.id)),
        "initials": (Person.name_initials, (Person.name_initials, Person.id)),
        "pinyin": (Person.name_pinyin, (Person.name_pinyin, Person.id)),
        "household": (Household.hukou_no, (Person.relation != "self", Person.birth_date,
                                           Person.id)),
        "phone": (Person.phone, (Person.id,)),
    }
    column, order = ordered[kind]
    if kind in ("id", "household", "phone"):
        condition = column == _SENTINELS[0]
    else:
        condition = (column >= _SENTINELS[0]) & (column < _SENTINELS[1])
    return query.where(condition).order_by(*order).limit(limit)


def year_status(person_status: str, enrollment_status: str | None) -> str:
    """The year's status a clerk sees: paid; unpaid (registered, not yet paid); or none
    (no registration in force: moved out, deceased or merged)."""
    if enrollment_status == "paid":
        return "paid"
    return "unpaid" if person_status == "active" else "none"


def year_statuses(person_ids: list[int], benefit_year: int | None) -> dict[int, str]:
    """"paid" per person with a paid line for the benefit year."""
    if not person_ids or not benefit_year:
        return {}
    statuses: dict[int, str] = {}
    for person_id, status in year_status_query(person_ids, benefit_year).tuples():
        if status in ("paid", "unpaid") and statuses.get(person_id) != "paid":
            statuses[person_id] = status
    return statuses


def year_status_query(person_ids: list[int], benefit_year: int):
    """The benefit year's own lines (payments are the truth): a `paid` one makes the year
    paid; a void or refunded one leaves it unpaid."""
    return (PaymentLine.select(PaymentLine.person, PaymentLine.status)
            .where(PaymentLine.person.in_(person_ids), PaymentLine.benefit_year == benefit_year,
                   PaymentLine.kind == "year"))


def lookup_duplicates(id_key: str | None, name: str, birth_date: dt.date, gender: str,
                      today: dt.date) -> list[PersonHit]:
    """Records that may be this person: the same ID key, or the same name, birth date and
    gender. Both are index lookups."""
    rows: dict[int, tuple[str, tuple]] = {}
    if id_key:
        for row in _query("id", id_key, 20):
            rows.setdefault(row[0], ("id", row))
    query = (_select().where(Person.name == name, Person.birth_date == birth_date,
                             Person.gender == gender).order_by(Person.id).limit(20).tuples())
    for row in query:
        rows.setdefault(row[0], ("name_birth", row))
    return list(with_collisions(tuple(_hit(kind, row, today, None)
                                      for kind, row in rows.values())))


_ID_SLOTS = 32
_by_id_sql: dict[type, str] = {}


def hits_by_id(kinds: dict[int, str], today: dt.date) -> list[PersonHit]:
    """The records with these ids as result rows, each with its match kind, in the order
    given (the duplicate check's, best first)."""
    if not kinds:
        return []
    rows: dict[int, tuple] = {}
    ids = list(kinds)
    for start in range(0, len(ids), _ID_SLOTS):
        chunk = ids[start:start + _ID_SLOTS]
        sql = _by_id_sql.get(type(database.obj))
        if sql is None:  # built once: Peewee's building costs more than the query
            sql = _by_id_sql[type(database.obj)] = (
                _select().where(Person.id.in_(list(range(_ID_SLOTS)))).sql()[0])
        chunk += [chunk[0]] * (_ID_SLOTS - len(chunk))
        rows.update((row[0], row) for row in database.execute_sql(sql, chunk).fetchall())
    return list(with_collisions(tuple(_hit(kinds[i], rows[i], today, None)
                                      for i in kinds if i in rows)))


def _hit(kind: str, row: tuple, today: dt.date, year_status: str | None) -> PersonHit:
    # row: the columns of _build()'s select, in order
    (person_id, name, id_type, id_number, gender, birth, relation, phone, status, merged_into,
     placeholder, household_id, hukou_no, village, township) = row
    if isinstance(birth, str):  # SQLite hands dates back as text
        birth = dt.date.fromisoformat(birth)
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return PersonHit(person_id, name, id_type, id_number, idcard.mask(id_number), gender, birth,
                     age, township, village, household_id, hukou_no, relation, phone, status,
                     merged_into, bool(placeholder), kind, year_status)
