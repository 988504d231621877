"""Reading a person and their household: frozen DTOs for the counter, never Peewee rows."""

import datetime as dt
import json
from dataclasses import dataclass

import peewee as pw

from models.core.errors import DomainError
from models.core.schema import (
    AuditEvent,
    AuditHead,
    Enrollment,
    Household,
    IdentityTag,
    Payment,
    PaymentLine,
    Person,
    Township,
    Village,
)
from models.dedup.counter import likely_duplicates
from models.registry.lookup import PersonHit, hits_by_id, year_status, year_statuses
from models.rules import idcard
from models.rules.duplicates import PersonRecord
from models.rules.money import yuan
from models.rules.person import CheckedPerson, PersonInput
from models.texts import labels
from models.texts import messages as msg


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
    status: str  # the payment line's: paid / void / refunded
    paid_at: dt.datetime | None
    receipt_no: str = ""
    kind: str = "year"  # year / repaid_year (a missed year paid back)


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


# Whom a baby registered with this relation to the head has for parents, by their relation.
PARENTS_BY_RELATION = {"child": ("self", "spouse"), "grandchild": ("child",),
                       "sibling": ("parent",)}
PARENT_MIN_AGE = 16


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

    def likely_parent(self, baby_relation: str) -> MemberView | None:
        """Whom an unnamed baby is registered after ("name + 宝宝"): the mother, else the
        father, among the active adults its relation makes its parents; else the head."""
        parents = [m for m in self.members if m.status == "active" and m.age >= PARENT_MIN_AGE
                   and m.relation in PARENTS_BY_RELATION.get(baby_relation, ())]
        for gender in ("F", "M"):
            found = sorted((m for m in parents if m.gender == gender), key=lambda m: m.age)
            if found:
                return found[0]  # the youngest: of several grown children, likeliest
        return next((m for m in self.members if m.id == self.head_id), None)


@dataclass(frozen=True)
class Collision:
    """The active record holding the ID of a record awaiting merge."""

    id: int
    name: str
    hukou_no: str


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
    collision: Collision | None = None  # awaiting merge: the record it collides with

    def as_input(self) -> PersonInput:
        return PersonInput(self.name, self.id_type, self.id_number, self.gender,
                           self.birth_date, self.relation, self.phone, self.placeholder)


@dataclass(frozen=True)
class Duplicates:
    """What the counter's duplicate check found: result rows (match "id" for a record
    holding the same ID key, else the scorer's band) and each one's score, best first."""

    hits: tuple[PersonHit, ...]
    scores: dict  # person id → models.rules.duplicates.Score

    def __bool__(self) -> bool:
        return bool(self.hits)


def possible_duplicates(person: CheckedPerson, today: dt.date, exclude_id: int | None = None,
                        household_id: int | None = None,
                        village_id: int | None = None) -> Duplicates:
    """Records that may be the same person, by the duplicate scorer (models/rules/
    duplicates) over the candidates the blocking keys fetch (models/dedup/counter.py).
    A record holding the same ID key is always among them."""
    if household_id is not None and village_id is None:
        village_id = (Household.select(Household.village).where(Household.id == household_id)
                      .scalar())
    record = PersonRecord(None, person.name, person.id_type, person.id_number, person.gender,
                          person.birth_date, household_id, village_id, person.placeholder,
                          pinyin=person.name_pinyin)
    found = likely_duplicates(record, exclude_id)
    kinds = {f.id: str(f.score.decision) for f in found}
    if person.id_key:
        holders = Person.select(Person.id).where(Person.id_key == person.id_key)
        for (holder_id,) in holders.order_by(Person.id).limit(20).tuples():
            if holder_id != exclude_id:
                kinds[holder_id] = "id"
    return Duplicates(tuple(hits_by_id(kinds, today)), {f.id: f.score for f in found})


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
    enrollments = person_payments(p.id)
    return PersonDetail(
        p.id, p.name, p.id_type, p.id_number, idcard.mask(p.id_number), p.gender, p.birth_date,
        idcard.age_on(p.birth_date, today), p.relation, p.phone, p.status, p.status_date,
        p.merged_into_id, p.placeholder, p.version,
        household_detail(p.household_id, today, benefit_year), identities, enrollments,
        person_history(p.id), colliding_record(p))


def person_payments(person_id: int) -> tuple[EnrollmentView, ...]:
    """The person's paid, void and refunded years, newest year first: the payment lines
    (payments are the truth), each with its enrollment's terms and its receipt."""
    rows = (PaymentLine.select(PaymentLine, Payment.paid_at, Payment.receipt_no,
                               Enrollment.benefit_start, Enrollment.benefit_end)
            .join(Payment, on=(PaymentLine.payment == Payment.id))
            .switch(PaymentLine)
            .join(Enrollment, pw.JOIN.LEFT_OUTER, on=(PaymentLine.enrollment == Enrollment.id))
            .where(PaymentLine.person == person_id)
            .order_by(PaymentLine.benefit_year.desc(), PaymentLine.id.desc()).objects())
    return tuple(EnrollmentView(r.benefit_year, r.case, r.rate_kind or "", r.gross, r.subsidy,
                                r.payable, r.benefit_start, r.benefit_end, r.status, r.paid_at,
                                r.receipt_no, r.kind) for r in rows)


def colliding_record(person: Person) -> Collision | None:
    """For a record awaiting merge, the active record that holds its ID."""
    if person.status != "awaiting_merge" or not person.id_key:
        return None
    return active_holder(person.id_key, exclude_id=person.id)


def active_holder(id_key: str | None, exclude_id: int | None = None) -> Collision | None:
    """The active person registered under this ID key, if any."""
    if not id_key:
        return None
    query = (Person.select(Person.id, Person.name, Household.hukou_no).join(Household)
             .where(Person.id_key == id_key, Person.status == "active"))
    if exclude_id is not None:
        query = query.where(Person.id != exclude_id)
    row = query.order_by(Person.id).tuples().first()
    return Collision(*row) if row else None


def payable_block(person_id: int, person: Person | None = None) -> str | None:
    """Why this person cannot be paid for now (a message for the clerk), or None. The
    payment service asks this first: a record awaiting merge is paid for after the merge,
    on the record it is merged into. `person`: the row, when the caller has it (locked)."""
    p = person if person is not None and person.id == person_id else get_person(person_id)
    if p.status == "active":
        return None
    if p.status == "awaiting_merge":
        holder = colliding_record(p)
        if holder is None:
            return msg.PAY_AWAITING_MERGE_ALONE
        return msg.PAY_AWAITING_MERGE.format(name=holder.name, hukou_no=holder.hukou_no)
    if p.status == "merged" and p.merged_into_id:
        target = (Person.select(Person.name, Household.hukou_no).join(Household)
                  .where(Person.id == p.merged_into_id).tuples().first())
        if target:
            return msg.PAY_MERGED.format(name=target[0], hukou_no=target[1])
    return msg.PAY_NOT_ACTIVE.format(status=labels.STATUS_LABELS.get(p.status, p.status))


def person_history(person_id: int) -> tuple[HistoryEntry, ...]:
    """The person's audit events, newest first, in the clerk's words: the ids an event
    stores (household_id, new_head_id, possible_duplicates) become household numbers and
    names (hukou_no, new_head, possible_duplicates)."""
    # Only events inside the chain (1..head): verify reports any other as forged.
    head = AuditHead.select(AuditHead.seq).order_by(AuditHead.id).scalar() or 0
    payments = [str(i) for (i,) in PaymentLine.select(PaymentLine.payment).distinct()
                .where(PaymentLine.person == person_id).tuples()]
    # and the history of every record merged into this one (issue 14)
    merged = [str(i) for (i,) in Person.select(Person.id)
              .where(Person.merged_into == person_id).tuples()]
    mine = (AuditEvent.entity == "person") & (AuditEvent.entity_id.in_([str(person_id),
                                                                         *merged]))
    if payments:  # paid, voided, refunded: the payment's events are the person's too
        mine |= (AuditEvent.entity == "payment") & AuditEvent.entity_id.in_(payments)
    rows = list(AuditEvent.select()
                .where(mine, AuditEvent.seq.between(1, head))
                .order_by(AuditEvent.seq.desc()))
    events = [(r, _for_person(r, json.loads(r.before or "{}"), person_id),
               _for_person(r, json.loads(r.after or "{}"), person_id)) for r in rows]
    households, people = set(), set()
    for _, before, after in events:
        for values in (before, after):
            households.add(values.get("household_id"))
            people.add(values.get("new_head_id"))
            people.update(values.get("possible_duplicates") or ())
    numbers = _hukou_numbers(households)
    names = _names(people)
    return tuple(HistoryEntry(r.at, r.clerk, r.action, _in_words(before, numbers, names),
                              _in_words(after, numbers, names), r.reason,
                              tuple(json.loads(r.documents or "[]")))
                 for r, before, after in events)


def _for_person(event: AuditEvent, values: dict, person_id: int) -> dict:
    """A payment's event as this person's history shows it: the receipt, the money in
    yuan, and the years paid for this person (not the whole family's record)."""
    if event.entity != "payment":
        return values
    shown = {k: values[k] for k in ("receipt_no", "status", "number", "channel")
             if k in values}
    for key in ("total", "amount"):
        if isinstance(values.get(key), int):
            shown[key] = yuan(values[key])
    for member in values.get("members", ()):
        if member.get("person_id") == person_id:
            shown["years"] = [line["benefit_year"] for line in member.get("lines", ())]
    return shown


def _hukou_numbers(ids: set) -> dict[int, str]:
    ids = {i for i in ids if isinstance(i, int)}
    if not ids:
        return {}
    return dict(Household.select(Household.id, Household.hukou_no)
                .where(Household.id.in_(ids)).tuples())


def _names(ids: set) -> dict[int, tuple[str, str]]:
    """id -> (name, hukou_no)."""
    ids = {i for i in ids if isinstance(i, int)}
    if not ids:
        return {}
    rows = (Person.select(Person.id, Person.name, Household.hukou_no).join(Household)
            .where(Person.id.in_(ids)).tuples())
    return {person_id: (name, hukou_no) for person_id, name, hukou_no in rows}


def _in_words(values: dict, numbers: dict[int, str], names: dict[int, tuple[str, str]]) -> dict:
    shown = {}
    for key, value in values.items():
        if key == "household_id":
            shown["hukou_no"] = numbers.get(value, value)
        elif key == "new_head_id":
            shown["new_head"] = names[value][0] if value in names else value
        elif key == "possible_duplicates":
            shown[key] = [msg.PERSON_IN_HOUSEHOLD.format(name=names[i][0], hukou_no=names[i][1])
                          if i in names else i for i in value or ()]
        else:
            shown[key] = value
    return shown


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



def register_is_empty() -> bool:
    return not Person.select().exists()
