"""People at the counter: what a registration says, checking it, and reading a record.

`check_person` is pure (the rules a form applies as the clerk types); the rest read
the database and return frozen DTOs, never Peewee rows.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass

from models import idcard, names
from models import messages as msg
from models.errors import DomainError
from models.idcard import IdType
from models.lookup import PersonHit, lookup_duplicates, year_status, year_statuses
from models.schema import AuditEvent, Enrollment, Household, IdentityTag, Person, Township, Village

RELATIONS = tuple(msg.RELATION_LABELS)
PLACEHOLDER_SUFFIX = "宝宝"
_PHONE = re.compile(r"^1[0-9]{10}$")


@dataclass(frozen=True)
class PersonInput:
    """What the clerk typed. Birth date and gender may be left for the ID to supply."""

    name: str
    id_type: str
    id_number: str | None
    gender: str | None
    birth_date: dt.date | None
    relation: str
    phone: str | None = None
    placeholder: bool = False


@dataclass(frozen=True)
class CheckedPerson:
    """A registration that passed every rule, normalised and ready to store."""

    name: str
    name_pinyin: str
    name_initials: str
    id_type: str
    id_number: str | None
    id_key: str | None
    gender: str
    birth_date: dt.date
    relation: str
    phone: str | None
    placeholder: bool

    def columns(self) -> dict:
        return {
            "name": self.name, "name_pinyin": self.name_pinyin,
            "name_initials": self.name_initials, "id_type": self.id_type,
            "id_number": self.id_number, "id_key": self.id_key,
            "id_key_rev": self.id_key[::-1] if self.id_key else None, "gender": self.gender,
            "birth_date": self.birth_date, "relation": self.relation, "phone": self.phone,
            "placeholder": self.placeholder,
        }


@dataclass(frozen=True)
class IdentityView:
    category: str
    source: str
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass(frozen=True)
class EnrollmentView:
    benefit_year: int
    case: str
    rate_kind: str
    gross: int
    subsidy: int
    payable: int
    benefit_start: dt.date | None
    benefit_end: dt.date | None
    status: str
    paid_at: dt.datetime | None


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    clerk: str
    action: str
    before: dict
    after: dict
    reason: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class MemberView:
    id: int
    name: str
    relation: str
    gender: str
    age: int
    masked_id: str
    status: str
    year_status: str


@dataclass(frozen=True)
class HouseholdDetail:
    id: int
    hukou_no: str
    village_id: int
    village: str
    township: str
    address: str
    version: int
    head_id: int | None
    members: tuple[MemberView, ...]


@dataclass(frozen=True)
class PersonDetail:
    id: int
    name: str
    id_type: str
    id_number: str | None
    masked_id: str
    gender: str
    birth_date: dt.date
    age: int
    relation: str
    phone: str | None
    status: str
    status_date: dt.date | None
    merged_into: int | None
    placeholder: bool
    version: int
    household: HouseholdDetail
    identities: tuple[IdentityView, ...]
    enrollments: tuple[EnrollmentView, ...]
    history: tuple[HistoryEntry, ...]

    def as_input(self) -> PersonInput:
        return PersonInput(self.name, self.id_type, self.id_number, self.gender,
                           self.birth_date, self.relation, self.phone, self.placeholder)


def hukou_number(region_code: str, household_id: int) -> str:
    """Region code and the household's row id: a number is never handed out twice."""
    return f"{region_code}{household_id:07d}"


# --- the rules a form applies ------------------------------------------------


def check_person(data: PersonInput, today: dt.date) -> CheckedPerson:
    """Every rule on one registration; the first broken one is raised in Chinese."""
    if data.relation not in RELATIONS:
        raise DomainError(msg.BAD_RELATION.format(relation=data.relation))
    name = names.validate_name(data.name)
    if data.placeholder and (not name.endswith(PLACEHOLDER_SUFFIX)
                             or len(name) <= len(PLACEHOLDER_SUFFIX)):
        raise DomainError(msg.PLACEHOLDER_NEEDS_PARENT)
    birth, gender = data.birth_date, data.gender
    id_type = IdType(data.id_type)
    number = key = None
    if id_type is not IdType.NONE:
        if not (data.id_number or "").strip():
            raise DomainError(msg.ID_NUMBER_REQUIRED)
        doc = idcard.parse_id(data.id_number, today, id_type)
        idcard.check_against(doc, birth, gender)
        number, key = doc.number, idcard.id_key(doc.id_type, doc.number)
        birth, gender = birth or doc.birth_date, gender or doc.gender
    if gender not in ("M", "F"):
        raise DomainError(msg.BAD_GENDER)
    if birth is None:
        raise DomainError(msg.NEEDS_BIRTH_DATE)
    if birth > today:
        raise DomainError(msg.BIRTH_IN_FUTURE.format(date=birth))
    phone = idcard.normalize(data.phone or "") or None
    if phone and not _PHONE.match(phone):
        raise DomainError(msg.BAD_PHONE)
    keys = names.name_keys(name)
    return CheckedPerson(name, keys.pinyin, keys.initials, id_type.value, number, key, gender,
                         birth, data.relation, phone, data.placeholder)


def possible_duplicates(person: CheckedPerson, today: dt.date,
                        exclude_id: int | None = None) -> tuple[PersonHit, ...]:
    """Records that may be the same person: the same ID (after 15 → 18), or the same
    name, birth date and gender."""
    return tuple(h for h in lookup_duplicates(person.id_key, person.name, person.birth_date,
                                              person.gender, today) if h.id != exclude_id)


# --- reading -----------------------------------------------------------------


def get_person(person_id: int) -> Person:
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise DomainError(msg.PERSON_NOT_FOUND.format(id=person_id))
    return person


def person_detail(person_id: int, today: dt.date, benefit_year: int | None) -> PersonDetail:
    p = get_person(person_id)
    identities = tuple(IdentityView(t.category, t.source, t.valid_from, t.valid_to)
                       for t in IdentityTag.select().where(IdentityTag.person == p.id)
                       .order_by(IdentityTag.valid_from, IdentityTag.id))
    enrollments = tuple(
        EnrollmentView(e.benefit_year, e.case, e.rate_kind, e.gross, e.subsidy, e.payable,
                       e.benefit_start, e.benefit_end, e.status, e.paid_at)
        for e in Enrollment.select().where(Enrollment.person == p.id)
        .order_by(Enrollment.benefit_year.desc(), Enrollment.id.desc()))
    return PersonDetail(
        p.id, p.name, p.id_type, p.id_number, idcard.mask(p.id_number), p.gender, p.birth_date,
        idcard.age_on(p.birth_date, today), p.relation, p.phone, p.status, p.status_date,
        p.merged_into_id, p.placeholder, p.version,
        household_detail(p.household_id, today, benefit_year), identities, enrollments,
        person_history(p.id))


def person_history(person_id: int) -> tuple[HistoryEntry, ...]:
    rows = (AuditEvent.select()
            .where(AuditEvent.entity == "person", AuditEvent.entity_id == str(person_id))
            .order_by(AuditEvent.seq.desc()))
    return tuple(HistoryEntry(r.at, r.clerk, r.action, json.loads(r.before or "{}"),
                              json.loads(r.after or "{}"), r.reason,
                              tuple(json.loads(r.documents or "[]"))) for r in rows)


def household_detail(household_id: int, today: dt.date,
                     benefit_year: int | None) -> HouseholdDetail:
    row = (Household.select(Household, Village.name.alias("village_name"),
                            Township.name.alias("township_name"))
           .join(Village).join(Township).where(Household.id == household_id).objects().first())
    if row is None:
        raise DomainError(msg.HOUSEHOLD_NOT_FOUND.format(ref=household_id))
    people = list(Person.select().where(Person.household == household_id)
                  .order_by(Person.relation != "self", Person.birth_date, Person.id))
    statuses = year_statuses([p.id for p in people], benefit_year)
    members = tuple(MemberView(p.id, p.name, p.relation, p.gender,
                               idcard.age_on(p.birth_date, today), idcard.mask(p.id_number),
                               p.status, year_status(p.status, statuses.get(p.id)))
                    for p in people)
    head = next((m.id for m in members if m.relation == "self" and m.status == "active"), None)
    return HouseholdDetail(row.id, row.hukou_no, row.village_id, row.village_name,
                           row.township_name, row.address, row.version, head, members)


def household_by_number(hukou_no: str) -> int:
    row = Household.get_or_none(Household.hukou_no == hukou_no.strip())
    if row is None:
        raise DomainError(msg.HOUSEHOLD_NOT_FOUND.format(ref=hukou_no))
    return row.id


def villages() -> tuple[tuple[int, str], ...]:
    """(id, "乡镇 村") for every village, for the new-household form."""
    rows = (Village.select(Village.id, Village.name, Township.name.alias("township"))
            .join(Township).order_by(Township.id, Village.id).dicts())
    return tuple((r["id"], f"{r['township']} {r['name']}") for r in rows)


def active_head(household_id: int) -> Person | None:
    return (Person.select().where(Person.household == household_id, Person.relation == "self",
                                  Person.status == "active").first())

