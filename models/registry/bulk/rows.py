"""The rows the bulk writer takes, and the rules each must keep.

Named rows, never positional tuples: `PersonRow(household_id, name, id_type, …)`.
The checks here need no database; the writer adds those that do (the household,
village or person a row points at, a second head).
"""

import datetime as dt
from typing import NamedTuple

from models.core.errors import DomainError
from models.rules import idcard, limits
from models.rules.person import RELATIONS
from models.rules.policy import CASES, IDENTITIES, RATES
from models.rules.quote import Quote
from models.texts import labels
from models.texts import messages as msg

ID_TYPES = frozenset(t.value for t in idcard.IdType)
STATUSES = frozenset(s for s in labels.STATUS_LABELS if s != "merged")  # merged: by a merge
CASE_CODES, RATE_CODES, IDENTITY_CODES = frozenset(CASES), frozenset(RATES), frozenset(IDENTITIES)
GENDERS = frozenset(labels.GENDER_LABELS)
HUKOU_LENGTH = 20  # household.hukou_no


class HouseholdRow(NamedTuple):
    village_id: int
    address: str = ""
    hukou_no: str | None = None  # a roster's own number; None: region code + id


class PersonRow(NamedTuple):
    household_id: int
    name: str
    id_type: str
    id_number: str | None
    gender: str
    birth_date: dt.date
    relation: str
    phone: str | None = None
    placeholder: bool = False
    status: str = "active"


class IdentityRow(NamedTuple):
    person_id: int
    category: str
    source: str
    valid_from: dt.date
    valid_to: dt.date | None = None


class EnrollmentRow(NamedTuple):
    """A benefit year as the quote priced it; paid by the PaymentRow it is a line of."""
    person_id: int
    benefit_year: int
    policy: str
    case: str
    rate_kind: str
    gross: int  # fen
    subsidy: int  # fen
    payable: int  # fen
    benefit_start: dt.date | None
    benefit_end: dt.date | None
    subsidy_category: str | None = None
    waiting_months: int | None = None

    @classmethod
    def priced(cls, person_id: int, benefit_year: int, quote: Quote,
               on: dt.date | dt.datetime | None = None) -> "EnrollmentRow":
        """The year exactly as the quote priced it (`on`: the day, for the refusal)."""
        if not quote.allowed:
            raise DomainError(msg.BULK_QUOTE_REFUSED.format(policy=quote.policy, on=on,
                                                            reason=quote.reason))
        return cls(person_id, benefit_year, quote.policy, quote.case, quote.rate, quote.gross,
                   quote.subsidy, quote.payable, quote.benefit_start, quote.benefit_end,
                   quote.subsidy_category, quote.waiting_months)


class PaymentRow(NamedTuple):
    """A payment made before this software (the generator's history, an import): one
    household's years paid at one time, a line per enrollment. Numbered in the history
    series `{region code}-00`, per year of payment, in the order written."""
    household_id: int
    paid_at: dt.datetime
    lines: tuple[EnrollmentRow, ...]


# --- the rules ------------------------------------------------------------------


def check_household(r: HouseholdRow) -> None:
    if type(r.village_id) is not int:
        raise refused(msg.BULK_KIND_HOUSEHOLD, r, bad("village_id", r.village_id))
    if not isinstance(r.address, str) or len(r.address.strip()) > limits.ADDRESS_LENGTH:
        raise refused(msg.BULK_KIND_HOUSEHOLD, r, bad("address", r.address))
    if r.hukou_no is not None and (not isinstance(r.hukou_no, str) or not r.hukou_no.strip()
                                   or len(r.hukou_no) > HUKOU_LENGTH):
        raise refused(msg.BULK_KIND_HOUSEHOLD, r, bad("hukou_no", r.hukou_no))


def check_identity(r: IdentityRow) -> None:
    kind = msg.BULK_KIND_IDENTITY
    if type(r.person_id) is not int:
        raise refused(kind, r, bad("person_id", r.person_id))
    if r.category not in IDENTITY_CODES:
        raise refused(kind, r, bad("category", r.category))
    if not is_date(r.valid_from):
        raise refused(kind, r, bad("valid_from", r.valid_from))
    if r.valid_to is not None and not (is_date(r.valid_to) and r.valid_to >= r.valid_from):
        raise refused(kind, r, bad("valid_to", r.valid_to))
    if not isinstance(r.source, str) or len(r.source) > limits.SOURCE_LENGTH:
        raise refused(kind, r, bad("source", r.source))


def check_person(r: PersonRow) -> None:
    field = value = None
    if type(r.household_id) is not int:
        field, value = "household_id", r.household_id
    elif r.relation not in RELATIONS:
        field, value = "relation", r.relation
    elif r.gender not in GENDERS:
        field, value = "gender", r.gender
    elif r.id_type not in ID_TYPES:
        field, value = "id_type", r.id_type
    elif (r.id_type == "none") != (not r.id_number) or \
            len(r.id_number or "") > limits.ID_NUMBER_LENGTH:
        field, value = "id_number", r.id_number
    elif not isinstance(r.name, str) or not r.name.strip() or \
            len(r.name) > limits.NAME_LENGTH:
        field, value = "name", r.name
    elif not is_date(r.birth_date) or r.birth_date < limits.EARLIEST_BIRTH:
        field, value = "birth_date", r.birth_date
    elif r.phone is not None and (not isinstance(r.phone, str) or
                                  len(r.phone) > limits.PHONE_LENGTH):
        field, value = "phone", r.phone
    elif r.status not in STATUSES:
        field, value = "status", r.status
    elif not isinstance(r.placeholder, bool):
        field, value = "placeholder", r.placeholder
    if field:
        raise refused(msg.BULK_KIND_PERSON, r, bad(field, value))


def check_enrollment(r: EnrollmentRow) -> None:
    kind = msg.BULK_KIND_ENROLLMENT
    for field, value in (("person_id", r.person_id), ("benefit_year", r.benefit_year)):
        if type(value) is not int:
            raise refused(kind, r, bad(field, value))
    gross, subsidy, payable = r.gross, r.subsidy, r.payable
    if type(gross) is not int or type(subsidy) is not int or type(payable) is not int or \
            not 0 <= subsidy <= gross or payable != gross - subsidy:
        raise refused(kind, r, msg.BULK_BAD_AMOUNTS.format(gross=gross, subsidy=subsidy,
                                                           payable=payable))
    if r.case not in CASE_CODES:
        raise refused(kind, r, bad("case", r.case))
    if r.rate_kind not in RATE_CODES:
        raise refused(kind, r, bad("rate_kind", r.rate_kind))
    if type(r.policy) is not str or not r.policy or len(r.policy) > limits.POLICY_ID_LENGTH:
        raise refused(kind, r, bad("policy", r.policy))
    if r.benefit_start is not None and not is_date(r.benefit_start):
        raise refused(kind, r, bad("benefit_start", r.benefit_start))
    if r.benefit_end is not None and not is_date(r.benefit_end):
        raise refused(kind, r, bad("benefit_end", r.benefit_end))
    if r.subsidy_category is not None and r.subsidy_category not in IDENTITY_CODES:
        raise refused(kind, r, bad("subsidy_category", r.subsidy_category))
    if r.waiting_months is not None and (type(r.waiting_months) is not int
                                         or r.waiting_months < 0):
        raise refused(kind, r, bad("waiting_months", r.waiting_months))


def check_payment(r: PaymentRow) -> None:
    kind = msg.BULK_KIND_PAYMENT
    if type(r.household_id) is not int:
        raise refused(kind, r, bad("household_id", r.household_id))
    if type(r.paid_at) is not dt.datetime:
        raise refused(kind, r, bad("paid_at", r.paid_at))
    if not isinstance(r.lines, tuple) or not r.lines or \
            not all(isinstance(line, EnrollmentRow) for line in r.lines):
        raise refused(kind, r, bad("lines", r.lines))
    years = [(line.person_id, line.benefit_year) for line in r.lines]
    if len(set(years)) != len(years):
        raise refused(kind, r, bad("lines", r.lines))
    for line in r.lines:
        check_enrollment(line)


def is_date(value) -> bool:
    return type(value) is dt.date


def bad(field: str, value) -> str:
    return msg.BULK_BAD_VALUE.format(field=field, value=repr(value))


def refused(kind: str, row: tuple, reason: str) -> DomainError:
    return DomainError(msg.BULK_BAD_ROW.format(kind=kind, row=repr(row), reason=reason))
