"""What each member of a family pays at the counter, line by line (issue 12, points 1-3).

`quote_member` prices one person for the benefit year being collected (the session's
policy) on the payment day: the identity tags valid that day, the years the person has
already paid (payments are the truth: a `year` line that is `paid`), the years a newborn
needs (its birth year, from birth, then the coming year: models/rules/quote_years.py),
and each missed year paid back as a line of its own. A person who cannot be paid for is
an answer with the reason (awaiting merge names the record it waits for; moved out,
deceased, merged; the year already paid; the policy's own refusal); only impossible input
(an unknown person or case, repaid years beyond the missed ones) raises DomainError.

Missed years, when the request does not give them, are the consecutive benefit years
just before the one asked for that the person has no paid year for, counting back no
further than the region's oldest policy file and not before the birth year. Why these
bounds: the database knows payments only from the years its policy files (and so the
history it holds) cover, and a year before those is not evidence of a break but of a
register that starts there, so counting it would lengthen a waiting period on no record;
and no one can have missed a year before they were born. A year paid in this same
payment (a newborn's birth year) is not missed either.
"""

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from models.core.db import for_update
from models.core.errors import DomainError
from models.core.schema import IdentityTag, Payment, PaymentLine, Person
from models.paths import POLICIES
from models.registry.people import payable_block
from models.rules import idcard
from models.rules.dates import add_months
from models.rules.money import FEN
from models.rules.policy import Policy, policies_for_region
from models.rules.quote import Quote
from models.rules.quote_years import quote_years
from models.texts import messages as msg
from models.texts import payments as pt


@dataclass(frozen=True)
class MemberRequest:
    person_id: int
    case: str = "regular"  # a case code of the policy file (policy.cases)
    event_date: dt.date | None = None  # what the case needs (policy.cases[case].needs)
    repaid_years: int = 0  # missed years paid back (2025 waiting rules)
    missed_years: int | None = None  # None: worked out from the person's paid years


@dataclass(frozen=True)
class QuotedLine:
    """One line of money on the receipt."""
    benefit_year: int
    kind: str  # "year" (with an enrollment) | "repaid_year"
    case: str
    policy: str  # policy id; "" if the year has no file
    rate_kind: str | None  # individual / full / free (None on a repaid year)
    gross: int = field(metadata=FEN)
    subsidy: int = field(metadata=FEN)
    subsidy_category: str | None
    payable: int = field(metadata=FEN)
    benefit_start: dt.date | None
    benefit_end: dt.date | None
    waiting_months: int | None
    clauses: tuple[str, ...]  # the clauses that decided THIS line, in order


@dataclass(frozen=True)
class MemberQuote:
    request: MemberRequest
    person_id: int
    name: str
    id_number: str | None
    gender: str
    birth_date: dt.date
    household_id: int
    relation: str
    allowed: bool
    reason: str | None  # refused: why, in Chinese
    lines: tuple[QuotedLine, ...]  # oldest year first; repaid years are lines of their own
    payable: int = field(metadata=FEN)  # the member's total
    identities: tuple[str, ...]  # tag categories valid on the payment day
    missed_years: int  # as used
    notes: tuple[str, ...] = ()  # years the visit leaves out, and why (already paid, …)


def quote_member(request: MemberRequest, on: dt.date, policy: Policy) -> MemberQuote:
    person = Person.get_or_none(Person.id == request.person_id)
    if person is None:
        raise DomainError(msg.PERSON_NOT_FOUND.format(id=request.person_id))
    return quote_person(person, request, on, policy, region_policies_of(policy))


def members_to_pay(person_id: int, on: dt.date, policy: Policy) -> tuple[MemberQuote, ...]:
    """The person's household's members (merged records aside: they live on in the record
    they were merged into), head first, each quoted on the case proposed for them."""
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise DomainError(msg.PERSON_NOT_FOUND.format(id=person_id))
    people = (Person.select().where(Person.household == person.household_id,
                                    Person.status != "merged")
              .order_by(Person.relation != "self", Person.birth_date, Person.id))
    region = region_policies_of(policy)
    return tuple(quote_person(p, MemberRequest(p.id, proposed_case(p.birth_date, policy)), on,
                              policy, region) for p in people)


def proposed_case(birth: dt.date, policy: Policy) -> str:
    """The case the counter starts a member on: a baby born since the benefit year before
    the one being collected began is a newborn (if the file has the case), whose first
    year counts from birth; everyone else regular. Quoted as regular, a baby born in
    November would pay no birth year and wait as if its birth year had been missed. The
    clerk may change either."""
    if "newborn" in policy.cases and birth >= add_months(policy.benefit_start, -12):
        return "newborn"
    return "regular"


def person_by_id_number(text: str) -> int:
    """The person a typed ID number names (the command line's PERSON): the active record,
    else one awaiting merge (whose refusal then says what it waits for), else the newest."""
    number = idcard.normalize(text)
    keys = {number, idcard.id_key("resident", number) if number.isdigit() else number}
    rows = list(Person.select(Person.id, Person.status)
                .where(Person.id_number.in_(list(keys)) | Person.id_key.in_(list(keys)))
                .order_by(Person.id.desc()).tuples())
    if not rows:
        raise DomainError(pt.NOT_IN_REGISTER.format(id=text))
    order = {"active": 0, "awaiting_merge": 1}
    return min(rows, key=lambda r: order.get(r[1], 2))[0]


def region_policies_of(policy: Policy) -> tuple[Policy, ...]:
    """The region's policy files, read again only when a file changed: reading and
    checking them all costs tens of milliseconds, every payment asks."""
    files = tuple((p.name, p.stat().st_mtime_ns) for p in _policy_files(
        POLICIES.stat().st_mtime_ns))
    return _region_policies(policy.region_code, policy.region_name, files)


@functools.lru_cache(maxsize=4)
def _policy_files(folder_mtime_ns: int) -> tuple:
    """The folder's policy files, listed again when a name is added, removed or renamed
    there (each changes the folder's mtime); each file's own mtime is still checked."""
    return tuple(sorted(POLICIES.glob("*.toml")))


@functools.lru_cache(maxsize=8)
def _region_policies(code: str, name: str, files: tuple) -> tuple[Policy, ...]:
    return tuple(policies_for_region(code, name))


def paid_years(person_id: int, lock: bool = False) -> dict[int, str]:
    """benefit year -> receipt number of the person's paid years. `lock`: the lines are
    locked until COMMIT (PostgreSQL), so a paying unit of work reads what it relies on."""
    query = (PaymentLine.select(PaymentLine.benefit_year, Payment.receipt_no).join(Payment)
             .where(PaymentLine.person == person_id, PaymentLine.kind == "year",
                    PaymentLine.status == "paid"))
    if lock:
        query = for_update(query)
    return dict(query.tuples())


def tags_on(person_id: int, on: dt.date, policy: Policy) -> tuple[str, ...]:
    """The person's tag categories valid on `on` that this policy file knows."""
    rows = (IdentityTag.select(IdentityTag.category)
            .where(IdentityTag.person == person_id, IdentityTag.valid_from <= on,
                   (IdentityTag.valid_to.is_null()) | (IdentityTag.valid_to >= on))
            .order_by(IdentityTag.valid_from, IdentityTag.id).tuples())
    return known_tags([c for (c,) in rows], policy)


def known_tags(categories: Sequence[str], policy: Policy) -> tuple[str, ...]:
    """The categories (valid_from, id order) this policy file knows, each once."""
    known = set(policy.category_codes)
    return tuple(dict.fromkeys(c for c in categories if c in known))


def missed_years(benefit_year: int, birth: dt.date, paid: set[int] | dict,
                 region_policies: Sequence[Policy], covered: set[int] = frozenset()) -> int:
    """See the module's docstring."""
    oldest = min((p.benefit_year for p in region_policies), default=benefit_year)
    missed, year = 0, benefit_year - 1
    while year >= max(oldest, birth.year) and year not in paid and year not in covered:
        missed += 1
        year -= 1
    return missed


def quote_person(person: Person, request: MemberRequest, on: dt.date, policy: Policy,
                 region_policies: Sequence[Policy], paid: dict[int, str] | None = None,
                 identities: tuple[str, ...] | None = None) -> MemberQuote:
    """`paid`: the person's paid years as the caller read them (locked, when paying);
    `identities`: their tags valid on `on` (known_tags), when the caller read them."""
    def answer(allowed: bool, reason: str | None = None, lines: tuple = (), identities=(),
               missed: int = 0, notes: tuple = ()) -> MemberQuote:
        return MemberQuote(request, person.id, person.name, person.id_number, person.gender,
                           person.birth_date, person.household_id, person.relation, allowed,
                           reason, lines, sum(line.payable for line in lines), identities,
                           missed, notes)

    if request.case not in policy.case_codes:
        raise DomainError(msg.QUOTE_UNKNOWN_CASE.format(
            case=request.case, known=msg.LIST_SEPARATOR.join(policy.case_codes)))
    block = payable_block(person.id, person)
    if block:
        return answer(False, block)
    paid = paid_years(person.id) if paid is None else paid
    if policy.benefit_year in paid:
        return answer(False, pt.ALREADY_PAID.format(year=policy.benefit_year,
                                                    receipt_no=paid[policy.benefit_year]))
    if identities is None:
        identities = tags_on(person.id, on, policy)
    rule = policy.cases.get(request.case)
    birth = person.birth_date if rule is not None and "birth" in rule.needs else None

    def priced(missed: int):
        return quote_years(policy, request.case, on, region_policies=region_policies,
                           birth=birth, event=request.event_date, identities=identities,
                           missed_years=missed, repaid_years=request.repaid_years)

    missed = request.missed_years
    if missed is None:
        missed = missed_years(policy.benefit_year, person.birth_date, paid, region_policies)
    visit = priced(missed)
    earlier = visit.years[:-1]
    covered = {q.benefit_year for q in earlier if q.allowed and q.benefit_year not in paid}
    if request.missed_years is None and covered:
        missed = missed_years(policy.benefit_year, person.birth_date, paid, region_policies,
                              covered)
        visit = priced(missed)
    requested = visit.requested
    if not requested.allowed:
        return answer(False, requested.reason, identities=identities, missed=missed)
    lines, notes = [], []
    for q in visit.years[:-1]:
        if q.benefit_year in paid:
            notes.append(pt.YEAR_ALREADY_PAID_LEFT_OUT.format(
                year=q.benefit_year, receipt_no=paid[q.benefit_year]))
        elif not q.allowed:
            notes.append(pt.YEAR_LEFT_OUT.format(year=q.benefit_year, reason=q.reason))
        else:
            lines.extend(_lines(q, request.case))
    lines.extend(_lines(requested, request.case))
    lines.sort(key=lambda line: (line.benefit_year, line.kind != "repaid_year"))
    return answer(True, lines=tuple(lines), identities=identities, missed=missed,
                  notes=tuple(notes))


def _lines(q: Quote, case: str) -> list[QuotedLine]:
    """The year's own line, and one per missed year it pays back."""
    own = QuotedLine(q.benefit_year, "year", case, q.policy, q.rate, q.gross, q.subsidy,
                     q.subsidy_category, q.gross - q.subsidy, q.benefit_start, q.benefit_end,
                     q.waiting_months, q.clauses)
    repaid = [QuotedLine(c.year, c.kind, case, q.policy, None, c.amount, 0, None, c.amount,
                         None, None, None, (c.clause,)) for c in q.charges]
    return [*repaid, own]
