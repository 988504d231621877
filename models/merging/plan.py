"""What a merge of two person records would do, read before anything is written.

The clerk (or `yibao merge`) names the surviving record and, field by field, whose value
it keeps; `propose` fills in what a careful clerk would pick: the valid 18-digit ID over
a mistyped or 15-digit one, a real name over a newborn's placeholder, a phone over none.
`household` keeps the survivor where it lives, or puts it in the other's place (its
household and relation). A household whose head is merged away, or moves away, gets a
new head: the one named, else the survivor if it stays there, else the eldest adult.

Both records paid for the same benefit year: one payment stands (`keep_payments`, by
receipt number), the other is refunded by the merge; a merge asks rather than guesses.
"""

import datetime as dt
from dataclasses import dataclass, field

from models.core.errors import DomainError
from models.core.schema import (
    DuplicateCandidate,
    Enrollment,
    IdentityTag,
    Payment,
    PaymentLine,
    Person,
)
from models.rules import idcard
from models.rules.relations import is_minor, propose_relations
from models.texts import labels
from models.texts import merging as mt

FIELDS = ("name", "id_number", "gender", "birth_date", "phone", "household")
COLUMNS = {"name": ("name", "name_pinyin", "name_initials", "placeholder"),
           "id_number": ("id_type", "id_number", "id_key", "id_key_rev"),
           "gender": ("gender",), "birth_date": ("birth_date",), "phone": ("phone",),
           "household": ("household", "relation")}
MERGEABLE = ("active", "awaiting_merge")


@dataclass(frozen=True)
class PaidTwice:
    """A benefit year both records paid for: the two receipts."""

    year: int
    survivor_receipt: str
    other_receipt: str


@dataclass(frozen=True)
class HeadChange:
    household_id: int
    new_head_id: int
    relations: dict[int, str]  # every other active member's new relation


@dataclass
class MergePlan:
    survivor: Person
    other: Person
    kept: dict[str, str]
    changes: dict[str, object]  # the survivor's columns that change
    moves: dict[str, list[int]]  # table -> ids whose person becomes the survivor
    paid_twice: list[PaidTwice]
    refunds: list[str]  # receipts the merge refunds
    heads: list[HeadChange]
    candidate_id: int | None
    problems: list[str] = field(default_factory=list)

    def touched(self) -> dict[str, list[int]]:
        """Every row the merge writes, per table: what the merge log snapshots."""
        people = {self.survivor.id, self.other.id}
        households = {self.survivor.household_id, self.other.household_id}
        for head in self.heads:
            people.update([head.new_head_id, *head.relations])
            households.add(head.household_id)
        rows = {"person": sorted(people), "household": sorted(households), **self.moves}
        if self.candidate_id is not None:
            rows["duplicate_candidate"] = [self.candidate_id]
        return rows

    def moved_counts(self) -> dict[str, int]:
        return {table: len(ids) for table, ids in self.moves.items()}


def propose(survivor: Person, other: Person) -> dict[str, str]:
    kept = {f: "survivor" for f in FIELDS}
    if _valid_18(other.id_number) and not _valid_18(survivor.id_number):
        kept["id_number"] = "other"
    if survivor.placeholder and not other.placeholder:
        kept["name"] = "other"
    if not survivor.phone and other.phone:
        kept["phone"] = "other"
    return kept


def propose_survivor(a: Person, b: Person) -> tuple[Person, Person]:
    """(survivor, other): the active record, a real name, a valid ID, more payments, the
    older record, in that order."""
    def rank(p: Person):
        lines = PaymentLine.select().where(PaymentLine.person == p.id).count()
        return (p.status == "active", not p.placeholder, _valid_18(p.id_number), lines, -p.id)
    return (a, b) if rank(a) >= rank(b) else (b, a)


def build(survivor: Person, other: Person, today: dt.date, keep: dict[str, str] | None = None,
          keep_payments: tuple[str, ...] = (), new_heads: dict[int, int] | None = None
          ) -> MergePlan:
    """The plan for merging `other` into `survivor`: `keep` overrides the proposal per
    field; `new_heads` names a household's new head (household id -> person id)."""
    if survivor.id == other.id:
        raise DomainError(mt.SAME_RECORD)
    for p in (survivor, other):
        if p.status not in MERGEABLE:
            raise DomainError(mt.NOT_MERGEABLE.format(
                name=p.name, id=p.id, status=labels.STATUS_LABELS.get(p.status, p.status)))
    kept = propose(survivor, other)
    for name, whose in (keep or {}).items():
        if name not in FIELDS:
            raise DomainError(mt.UNKNOWN_FIELD.format(field=name,
                                                      known=mt.LIST_SEPARATOR.join(FIELDS)))
        if whose not in ("survivor", "other"):
            raise DomainError(mt.UNKNOWN_SIDE.format(field=name, side=whose))
        kept[name] = whose
    changes = {}
    for name, whose in kept.items():
        if whose == "other":
            for column in COLUMNS[name]:
                value = getattr(other, column + "_id" if column == "household" else column)
                mine = getattr(survivor, column + "_id" if column == "household" else column)
                if value != mine:
                    changes[column] = value
    if survivor.status == "awaiting_merge":  # the one record of this person from now on
        changes["status"] = "active"
    plan = MergePlan(survivor, other, kept, changes, _moves(other.id),
                     _paid_twice(survivor.id, other.id), [], [], _candidate(survivor, other))
    _choose_payments(plan, keep_payments)
    plan.heads = _head_changes(plan, today, new_heads or {})
    return plan


def _valid_18(number: str | None) -> bool:
    n = idcard.normalize(number or "")
    return (len(n) == 18 and n[:17].isdigit() and (n[17].isdigit() or n[17] == "X")
            and idcard.wrong_check_character(n) is None)


def _moves(other_id: int) -> dict[str, list[int]]:
    return {model._meta.table_name: [i for (i,) in model.select(model.id)
                                     .where(model.person == other_id).order_by(model.id).tuples()]
            for model in (Enrollment, PaymentLine, IdentityTag)}


def _paid_twice(survivor_id: int, other_id: int) -> list[PaidTwice]:
    rows = (PaymentLine.select(PaymentLine.person, PaymentLine.benefit_year, Payment.receipt_no)
            .join(Payment, on=(PaymentLine.payment == Payment.id))
            .where(PaymentLine.person.in_([survivor_id, other_id]),
                   PaymentLine.status == "paid", PaymentLine.kind == "year").tuples())
    paid: dict[int, dict[int, str]] = {}
    for person_id, year, receipt in rows:
        paid.setdefault(year, {})[person_id] = receipt
    return [PaidTwice(year, by[survivor_id], by[other_id])
            for year, by in sorted(paid.items()) if len(by) == 2]


def _choose_payments(plan: MergePlan, keep_payments: tuple[str, ...]) -> None:
    wanted = {r.strip() for r in keep_payments if r.strip()}
    known = {r for p in plan.paid_twice for r in (p.survivor_receipt, p.other_receipt)}
    for receipt in sorted(wanted - known):
        raise DomainError(mt.KEEP_PAYMENT_UNKNOWN.format(receipt_no=receipt))
    for twice in plan.paid_twice:
        keep = wanted & {twice.survivor_receipt, twice.other_receipt}
        if len(keep) != 1:
            plan.problems.append(mt.PAID_TWICE.format(
                year=twice.year, survivor=twice.survivor_receipt, other=twice.other_receipt))
            continue
        refund = ({twice.survivor_receipt, twice.other_receipt} - keep).pop()
        if refund not in plan.refunds:
            plan.refunds.append(refund)
    for receipt in plan.refunds:
        _refuse_wider_refund(plan, receipt)


def _refuse_wider_refund(plan: MergePlan, receipt: str) -> None:
    """A payment refunded by a merge must pay only the doubled years of these two
    records: a family's receipt is refunded at the counter, on purpose, not by a merge."""
    doubled = {(p.year) for p in plan.paid_twice}
    lines = (PaymentLine.select(PaymentLine.person, PaymentLine.benefit_year, PaymentLine.kind)
             .join(Payment, on=(PaymentLine.payment == Payment.id))
             .where(Payment.receipt_no == receipt).tuples())
    for person_id, year, kind in lines:
        if person_id not in (plan.survivor.id, plan.other.id) or year not in doubled \
                or kind != "year":
            plan.problems.append(mt.REFUND_TOO_WIDE.format(receipt_no=receipt))
            return


def _candidate(survivor: Person, other: Person) -> int | None:
    a, b = sorted((survivor.id, other.id))
    row = (DuplicateCandidate.select(DuplicateCandidate.id)
           .where(DuplicateCandidate.person_a == a, DuplicateCandidate.person_b == b).first())
    return row.id if row else None


def _head_changes(plan: MergePlan, today: dt.date, named: dict[int, int]) -> list[HeadChange]:
    """Each household left without its head by the merge, and who takes over."""
    s, o = plan.survivor, plan.other
    s_household = plan.changes.get("household", s.household_id)
    s_relation = plan.changes.get("relation", s.relation)
    leaving = []  # the households whose head leaves them
    if o.relation == "self" and o.status == "active" and not (
            s_household == o.household_id and s_relation == "self"):
        leaving.append(o.household_id)
    if s.relation == "self" and s_household != s.household_id and s.status == "active":
        leaving.append(s.household_id)
    heads = []
    for household_id in leaving:
        members = [m for m in Person.select().where(Person.household == household_id,
                                                   Person.status == "active")
                   .order_by(Person.birth_date, Person.id)
                   if m.id not in (s.id, o.id) or (m.id == s.id and s_household == household_id)]
        if not members:
            continue
        new = _new_head(members, named.get(household_id), s, today, plan)
        if new is None:
            continue
        was = s_relation if new.id == s.id else new.relation
        relations = propose_relations(was, {m.id: m.relation for m in members if m.id != new.id})
        heads.append(HeadChange(household_id, new.id, relations))
    return heads


def _new_head(members: list[Person], named: int | None, survivor: Person, today: dt.date,
              plan: MergePlan) -> Person | None:
    by_id = {m.id: m for m in members}
    if named is not None:
        if named not in by_id:
            plan.problems.append(mt.NEW_HEAD_NOT_MEMBER.format(id=named))
            return None
        return by_id[named]
    if survivor.id in by_id:
        return by_id[survivor.id]
    adults = [m for m in members if not is_minor(m.birth_date, today)]
    return (adults or members)[0]
