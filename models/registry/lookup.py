"""The counter's lookup: one text box that takes an ID, a name, pinyin, a household or a phone."""

import datetime as dt
import re
from typing import NamedTuple

import peewee as pw

from models.core.clock import Clock
from models.core.db import database, is_postgres
from models.core.errors import DomainError
from models.core.schema import Household, PaymentLine, Person, Township, Village
from models.rules import idcard, names
from models.rules.clean_text import is_fit
from models.rules.masking import mask_id
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


class LookupPage(NamedTuple):
    """A page of results. A NamedTuple for the reason PersonHit is one: a frozen
    dataclass's __init__ alone was a twentieth of an ID lookup."""

    query: str
    kinds: tuple[str, ...]
    hits: tuple[PersonHit, ...]
    offset: int
    has_more: bool
    check_expected: str | None = None  # the right check character, when the typed one is not


def classify(text: str) -> list[tuple[str, str]]:
    """What a query can mean, most specific first, as (kind, search key) pairs."""
    return _classify(text)[0]


def _classify(text: str) -> tuple[list[tuple[str, str]], str | None]:
    """classify()'s pairs and, for 18 characters whose check character is wrong, the right
    one (worked out once: the keystroke path runs this on every change)."""
    raw = (text or "").strip()
    if not raw:
        raise DomainError(msg.LOOKUP_EMPTY)
    if len(raw) > MAX_QUERY_LENGTH:
        raise DomainError(msg.LOOKUP_TOO_LONG.format(limit=MAX_QUERY_LENGTH))
    if raw.isascii() and raw.isalnum():
        # The usual query: no NUL, no Han, nothing that normalize() would change but case.
        compact = raw.upper()
    else:
        if not is_fit(raw):  # a lone surrogate reaches neither driver, a NUL not PG
            raise DomainError(msg.LOOKUP_NOT_TEXT)
        if _HAN.search(raw):
            return [("name", names.normalize_name(raw))], None
        compact = idcard.normalize(raw)
    if (compact.isascii() and compact.isdigit()) or _DIGITS_X.match(compact):
        length = len(compact)
        if length == 18:
            expected = idcard.check_character(compact)  # 17 ASCII digits, by _DIGITS_X
            expected = expected if expected != compact[17] else None
            if expected:  # near matches: the same first 17
                return [("id", compact), ("id_prefix", compact[:17])], expected
            return [("id", compact)], None
        if length == 15 and compact.isascii() and compact.isdigit():
            return [("id", idcard.id_key("resident", compact)), ("household", compact)], None
        if length < 6:
            raise DomainError(msg.LOOKUP_TOO_SHORT_DIGITS)
        kinds = [("household", compact)] if compact.isascii() and compact.isdigit() else []
        if MOBILE_NUMBER.match(compact):
            kinds.insert(0, ("phone", compact))
        return [*kinds, ("id_suffix", compact)], None
    if _OTHER_DOCUMENT.match(compact):
        return [("id", compact)], None
    if _LETTERS.match(raw):
        key = names.query_key(raw)
        return [("initials", key), ("pinyin", key)], None
    raise DomainError(msg.LOOKUP_UNRECOGNISED.format(text=raw))


def lookup(text: str, clock: Clock, *, limit: int = PAGE_SIZE, offset: int = 0,
           benefit_year: int | None = None) -> LookupPage:
    kinds, expected = _classify(text)
    wanted = offset + limit + 1
    if len(kinds) == 1:  # most queries: one statement, its rows distinct already
        kind, key = kinds[0]
        rows = _fetch(*statement(kind, key, wanted))
        more = len(rows) > offset + limit
        if offset or more:
            rows = rows[offset:offset + limit]
        kind_of = None
        kinds_asked: tuple[str, ...] = (kind,)
    else:
        rows, kind_of = [], {}
        for kind, key in kinds:
            for row in _query(kind, key, wanted):
                if row[0] not in kind_of:
                    kind_of[row[0]] = kind
                    rows.append(row)
            if len(rows) >= wanted:
                break
        more = len(rows) > offset + limit
        rows = rows[offset:offset + limit]
        kinds_asked = tuple([k for k, _ in kinds])
    today = clock.today()
    statuses = year_statuses([r[0] for r in rows], benefit_year) if benefit_year else None
    hits = tuple([_hit(kind_of[row[0]] if kind_of else kind, row, today,
                       None if statuses is None else year_status(row[8], statuses.get(row[0])))
                  for row in rows])
    return _new_page(LookupPage, (text, kinds_asked, with_collisions(hits), offset, more,
                                  expected))


def with_collisions(hits: tuple[PersonHit, ...]) -> tuple[PersonHit, ...]:
    """Each record awaiting merge with the active record it collides with (one query, and
    only when such a record is among the hits)."""
    for hit in hits:  # a plain loop: most pages hold no such record
        if hit.status == "awaiting_merge" and hit.id_number:
            break
    else:
        return hits
    keys = {h.id: idcard.id_key(h.id_type, h.id_number) for h in hits
            if h.status == "awaiting_merge" and h.id_number}
    holders: dict[str, int] = {}
    for person_id, key in (Person.select(Person.id, Person.id_key)
                           .where(Person.id_key.in_(set(keys.values())),
                                  Person.status == "active").order_by(Person.id).tuples()):
        holders.setdefault(key, person_id)
    return tuple(h._replace(collides_with=holders.get(keys[h.id])) if h.id in keys else h
                 for h in hits)


_SENTINELS = ("\x00key0", "\x00key1")


class _Statement(NamedTuple):
    sql: str
    template: tuple  # the parameters, the search key's sentinels among them
    slots: tuple[tuple[int, int], ...]  # (parameter's position, which sentinel)


_statements: dict[tuple[type, str, int], _Statement] = {}


def statement(kind: str, key: str, limit: int) -> tuple[str, list]:
    """The SQL a kind's query runs for `key`, and its parameters. Peewee builds the SQL once
    per dialect, kind and limit; after that only the parameters are filled in: building a
    query costs far more than the indexed lookup itself."""
    if kind == "id_suffix":
        key = key[::-1]  # suffixes are searched as prefixes of the reversed number
    cache_key = (type(database.obj), kind, limit)  # the SQL differs only by dialect
    cached = _statements.get(cache_key)
    if cached is None:
        sql, template = _build(kind, limit).sql()
        slots = tuple((i, _SENTINELS.index(p)) for i, p in enumerate(template)
                      if isinstance(p, str) and p in _SENTINELS)
        cached = _statements[cache_key] = _Statement(sql, tuple(template), slots)
    params = list(cached.template)
    values = (key, key + _TOP)
    for position, which in cached.slots:
        params[position] = values[which]
    return cached.sql, params


def _query(kind: str, key: str, limit: int) -> list[tuple]:
    return _fetch(*statement(kind, key, limit))


def _fetch(sql: str, params: list) -> list[tuple]:
    """A bare cursor on the keystroke path (Peewee's execute_sql adds little, but it adds
    it to every lookup), errors through Peewee's exception wrapper: the driver's still arrive
    as Peewee's, which the callers (and models/core/db.py's DATABASE_ERRORS) know."""
    try:
        cursor = database.obj.cursor()
        cursor.execute(sql, params)
        return cursor.fetchall()
    except Exception:
        with pw.__exception_wrapper__:  # free on the way that does not raise
            raise


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
        return query.where(column == _SENTINELS[0]).order_by(*order).limit(limit)
    condition = (column >= _SENTINELS[0]) & (column < _SENTINELS[1])
    if is_postgres():
        # PostgreSQL prices a plan by its estimate of the matches, and for a common prefix
        # (陈波, 张杰) it guessed 32 where 6,521 matched, then joined and sorted them all:
        # 60-175 ms at ten million. The page is chosen by the index alone, then joined.
        page = Person.select(Person.id).where(condition).order_by(*order).limit(limit)
        return query.where(Person.id.in_(page)).order_by(*order).limit(limit)
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
    for person_id, status in _fetch(*status_statement(person_ids, benefit_year)):
        if status in ("paid", "unpaid") and statuses.get(person_id) != "paid":
            statuses[person_id] = status
    return statuses


_ID_MARK, _YEAR_MARK = 10**12, -(10**6)  # stand-ins for the ids and the year, found by value
_status_statements: dict[tuple[type, int], tuple[str, tuple]] = {}


def status_statement(person_ids: list[int], benefit_year: int) -> tuple[str, list]:
    """year_status_query()'s SQL and parameters, built by Peewee once per dialect and
    number of people (a page holds at most PAGE_SIZE)."""
    count = len(person_ids)
    cache_key = (type(database.obj), count)
    cached = _status_statements.get(cache_key)
    if cached is None:
        sql, template = year_status_query([_ID_MARK + i for i in range(count)],
                                          _YEAR_MARK).sql()
        cached = _status_statements[cache_key] = (sql, tuple(template))
    sql, template = cached
    return sql, [person_ids[p - _ID_MARK] if type(p) is int and p >= _ID_MARK
                 else benefit_year if p == _YEAR_MARK else p for p in template]


def year_status_query(person_ids: list[int], benefit_year: int):
    """The benefit year's own lines (payments are the truth): a `paid` one makes the year
    paid; a void or refunded one leaves it unpaid."""
    return (PaymentLine.select(PaymentLine.person, PaymentLine.status)
            .where(PaymentLine.person.in_(person_ids), PaymentLine.benefit_year == benefit_year,
                   PaymentLine.kind == "year"))


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


# A NamedTuple's own __new__ spells out its arguments: 2 µs for a PersonHit's twenty.
_new_hit = _new_page = tuple.__new__
_fromisoformat = dt.date.fromisoformat


def _hit(kind: str, row: tuple, today: dt.date, year_status: str | None) -> PersonHit:
    # row: the columns of _build()'s select, in order: (id, name, id_type, id_number,
    # gender, birth_date, relation, phone, status, merged_into, placeholder, household_id,
    # hukou_no, village, township)
    birth = row[5]
    if birth.__class__ is str:  # SQLite hands dates back as text
        birth = _fromisoformat(birth)
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return _new_hit(PersonHit, (row[0], row[1], row[2], row[3], mask_id(row[3]), row[4],
                                birth, age, row[14], row[13], row[11], row[12], row[6],
                                row[7], row[8], row[9], bool(row[10]), kind, year_status,
                                None))
