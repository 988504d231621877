"""The enrollment quote for one benefit year: what a person pays and from when they are
covered.

Pure: a `Policy` and plain values in, a `Quote` out. A case the county does not
provide for, or a date it does not allow, is an answer (`allowed=False` with the
reason); only impossible input raises `DomainError`. A baby born (or an event that
happened) before the policy's benefit year needs that earlier year too:
models/rules/quote_years.py asks each year's policy and gathers the answers.
"""

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.core.errors import DomainError
from models.rules.citation import Citation
from models.rules.dates import add_months, first_of_next_month
from models.rules.limits import EARLIEST_BIRTH, OLDEST_AGE
from models.rules.money import FEN
from models.rules.policy import CaseRule, Policy
from models.texts import messages as msg

# What a quote can be asked about: a break no longer than a life, dates a counter can
# meet (a date beyond these is a typing error; past them the date arithmetic overflows).
MAX_BREAK_YEARS = OLDEST_AGE
EARLIEST_DATE = EARLIEST_BIRTH
LATEST_DATE = dt.date(2199, 12, 31)


@dataclass(frozen=True)
class Charge:
    """Money beyond the year's own contribution, on a line of its own: a missed year
    paid back under the waiting rules."""
    year: int
    amount: int = field(metadata=FEN)
    clause: str = ""
    kind: str = "repaid_year"


@dataclass(frozen=True)
class Quote:
    policy: str
    case: str
    allowed: bool
    reason: str | None = None
    rate: str | None = None
    gross: int = field(default=0, metadata=FEN)  # the year's own contribution
    subsidy: int = field(default=0, metadata=FEN)
    subsidy_category: str | None = None
    payable: int = field(default=0, metadata=FEN)  # gross − subsidy + every charge
    benefit_start: dt.date | None = None  # None while the start waits for a birth
    benefit_end: dt.date | None = None
    waiting_months: int | None = None
    clauses: tuple[str, ...] = ()  # what the clerk reads, in order: citations and notes
    benefit_year: int | None = None
    charges: tuple[Charge, ...] = ()  # each a line of its own, in `payable`
    citations: tuple[Citation, ...] = ()  # the file's rules applied, the seed's words apart

    @property
    def start_on_birth(self) -> bool:
        """Allowed, but the cover starts on the actual birth, recorded after it (a baby
        prepaid before birth, seed 003)."""
        return self.allowed and self.benefit_start is None

    @property
    def assumptions(self) -> tuple[Citation, ...]:
        """The rules applied whose reading goes beyond the seed's words."""
        return tuple(c for c in self.citations if c.assumed)


class _Basis:
    """What an answer rests on, in the order applied: the rules' citations (each shown as
    its clause, or as a line that embeds it) and the engine's notes."""

    def __init__(self):
        self.items: list[tuple[str, Citation | None]] = []

    def add(self, *items: Citation | str) -> None:
        for item in items:
            if isinstance(item, Citation):
                self.items.append((item.text, item))
            elif item:
                self.items.append((item, None))

    def add_first(self, citation: Citation, before: int) -> None:
        """A fallback rule that took over from the one at `before`: the rule that decided
        comes first, the one it replaced (whose deadline or window was missed) after."""
        self.items.insert(before, (citation.text, citation))

    def add_as(self, citation: Citation, line: str) -> None:
        """A rule shown in a line of its own that embeds its clause."""
        self.items.append((line, citation))

    def clauses(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line for line, _ in self.items))

    def citations(self) -> tuple[Citation, ...]:
        return tuple(dict.fromkeys(c for _, c in self.items if c is not None))


def quote(policy: Policy, case: str, on: dt.date, *, birth: dt.date | None = None,
          event: dt.date | None = None, identities: Iterable[str] = (),
          missed_years: int = 0, repaid_years: int = 0) -> Quote:
    identities = tuple(dict.fromkeys(identities))
    _check_input(policy, case, identities, missed_years, repaid_years)
    for day in (on, birth, event):
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise DomainError(msg.QUOTE_DATE_OUT_OF_RANGE.format(date=day))
    basis = _Basis()

    def refuse(reason: str, *items: Citation | str, basis: _Basis | None = None) -> Quote:
        """A refusal cites the rules that refuse, only (or, given, all applied so far)."""
        basis = basis or _Basis()
        basis.add(*items)
        return Quote(policy.id, case, False, reason=reason, clauses=basis.clauses(),
                     benefit_year=policy.benefit_year, citations=basis.citations())

    rule = policy.cases.get(case)
    if rule is None:
        return refuse(msg.QUOTE_NOT_PROVIDED.format(region=policy.region, year=policy.benefit_year,
                                                    case=policy.label(case)))
    if "birth" in rule.needs and birth is None:
        raise DomainError(msg.QUOTE_NEEDS_BIRTH)
    if "event" in rule.needs and event is None:
        raise DomainError(msg.QUOTE_NEEDS_EVENT)
    if rule.prepaid_before_birth and birth is not None and birth <= on:
        return refuse(msg.QUOTE_UNBORN_BORN.format(birth=birth), rule.citation)
    if not rule.prepaid_before_birth and birth is not None and birth > on:
        raise DomainError(msg.QUOTE_BIRTH_AFTER_PAYMENT.format(birth=birth, on=on))
    if event is not None and event > on:
        raise DomainError(msg.QUOTE_EVENT_AFTER_PAYMENT.format(event=event, on=on))

    window = policy.window
    if on < window.start:
        return refuse(msg.QUOTE_BEFORE_WINDOW.format(on=on, start=window.start),
                      window.citation)
    main = rule
    reference = {"birth": birth, "event": event}.get(rule.reference)
    if reference and not rule.prepaid_before_birth and reference < policy.benefit_start:
        what = msg.QUOTE_REFERENCE_BIRTH if rule.reference == "birth" \
            else msg.QUOTE_REFERENCE_EVENT
        if window.start <= on <= window.end and case != "regular" and "regular" in policy.cases:
            # Inside the window the baby (or the person) is an ordinary enrollee for the
            # coming year: the window's terms, not the from-birth rule, which belongs to
            # the year of the birth (quote_years answers that year on its own policy).
            answer = quote(policy, "regular", on, identities=identities,
                           missed_years=missed_years, repaid_years=repaid_years)
            note = msg.QUOTE_BEFORE_YEAR_IN_WINDOW.format(
                reference=what, year=policy.benefit_year, first=reference.year,
                reference_date=reference)
            return dataclasses.replace(answer, case=case, clauses=(note, *answer.clauses))
        basis.add(msg.QUOTE_BEFORE_YEAR_LATER.format(
            reference=what, year=policy.benefit_year, first=reference.year,
            reference_date=reference))
    if rule.born_in_benefit_year and birth and birth.year != policy.benefit_year:
        return refuse(msg.QUOTE_NOT_BORN_IN_YEAR.format(year=policy.benefit_year), rule.citation)
    case_at = len(basis.items)
    basis.add(rule.citation)

    within_limit = False
    if rule.within_days or rule.within_months:
        if on > _deadline(rule, birth if "birth" in rule.needs else event):
            if rule.late is None:
                return refuse(msg.QUOTE_TOO_LATE.format(limit=_limit_text(rule)), rule.citation)
            rule = rule.late
            basis.add_first(rule.citation, case_at)
        else:
            within_limit = True

    in_window = window.start <= on <= window.end and _day_allowed(policy, on)
    if rule.when == "window":
        end = rule.window_end or window.end
        if not (window.start <= on <= end and _day_allowed(policy, on)):
            if rule.outside_window is None:
                if window.start <= on <= end:
                    first, last = window.days_of_month
                    return refuse(msg.QUOTE_BAD_DAY_OF_MONTH.format(first=first, last=last, on=on),
                                  window.citation)
                return refuse(msg.QUOTE_OUTSIDE_WINDOW.format(on=on, start=window.start, end=end),
                              window.citation, rule.citation if rule.window_end else "")
            rule = rule.outside_window
            basis.add_first(rule.citation, case_at)
    elif rule.when == "after_window" and in_window:
        return refuse(msg.QUOTE_IN_WINDOW_USE_REGULAR.format(on=on), rule.citation,
                      window.citation)

    benefit_end = rule.benefit_end or policy.benefit_end
    if on > benefit_end:
        # A baby born in the year (or an event in it) may still be brought within its
        # deadline after the year has ended: the cover from birth is that year's.
        if not (within_limit and reference and reference <= benefit_end):
            return refuse(msg.QUOTE_AFTER_BENEFIT_END.format(on=on, end=benefit_end),
                          policy.benefit_citation)
        basis.add(msg.QUOTE_PAID_AFTER_YEAR.format(year=policy.benefit_year,
                                                   limit=_limit_text(main)))

    gross = {"individual": policy.individual_rate, "full": policy.full_rate, "free": 0}[rule.rate]
    basis.add(policy.individual_citation)
    if rule.rate == "full":
        basis.add(policy.fiscal_subsidy_citation)
    subsidy, category = 0, None
    if rule.subsidy and rule.rate != "free" and identities:
        subsidy, category, subsidy_basis = _best_subsidy(policy, identities)
        basis.add(*subsidy_basis)

    start = None
    if not rule.prepaid_before_birth:
        start = _benefit_start(rule.benefit_start, policy, on, birth, event)
    waiting_months = None
    if policy.waiting is not None:
        waiting_months = 0
        if rule.waiting and (not in_window or missed_years > 0):
            waiting_months, base = _waiting(policy, on, in_window, missed_years, repaid_years)
            if start is not None:
                start = max(start, add_months(base, waiting_months))
            basis.add_as(policy.waiting.citation, msg.QUOTE_CLAUSE_WAITING.format(
                clause=policy.waiting.clause, missed=missed_years, repaid=repaid_years,
                months=waiting_months))
    if start is not None and start > benefit_end:
        return refuse(msg.QUOTE_START_AFTER_END.format(start=start, end=benefit_end),
                      basis=basis)
    if rule.prepaid_before_birth:
        basis.add(msg.QUOTE_START_ON_BIRTH.format(due=birth))
    charges = _repaid_charges(policy, repaid_years)
    basis.add(policy.benefit_citation)
    return Quote(policy.id, case, True, rate=rule.rate, gross=gross, subsidy=subsidy,
                 subsidy_category=category,
                 payable=gross - subsidy + sum(c.amount for c in charges),
                 benefit_start=start, benefit_end=benefit_end, waiting_months=waiting_months,
                 clauses=basis.clauses(), benefit_year=policy.benefit_year, charges=charges,
                 citations=basis.citations())


def _waiting(policy: Policy, on: dt.date, in_window: bool, missed: int,
             repaid: int) -> tuple[int, dt.date]:
    """The months of waiting and the day they count from (国办发〔2024〕38号's scheme, the
    figures the file's): a fixed wait, a month more for each year of break beyond the
    first, a month less for each year paid back (only the added months go), and a floor
    after a long break."""
    wait = policy.waiting
    variable = max(0, wait.per_extra_break_year * max(0, missed - 1)
                   - wait.per_repaid_year * repaid)
    months = wait.fixed_months + variable
    if missed >= wait.long_break_years:
        months = max(months, wait.long_break_min_months)
    counts_from = wait.in_window_counts_from if in_window else wait.outside_window_counts_from
    base = {"payment": on, "next_month": first_of_next_month(on),
            "period_start": policy.benefit_start}[counts_from]
    return months, base


def start_for_actual_birth(policy: Policy, birth: dt.date) -> dt.date:
    """The first day of cover of a baby prepaid before birth, once the actual birth is
    recorded (the correction of the placeholder record sets it). A baby born before the
    benefit year is covered from its first day; its own birth year is a newborn's."""
    if birth > policy.benefit_end:
        raise DomainError(msg.QUOTE_UNBORN_BIRTH_OUTSIDE_YEAR.format(
            birth=birth, year=policy.benefit_year))
    return max(birth, policy.benefit_start)


def _repaid_charges(policy: Policy, repaid_years: int) -> tuple[Charge, ...]:
    """One line per missed year paid back: the most recent missed years, oldest first,
    each at the rate the file sets for it (else the current individual rate)."""
    if not repaid_years:
        return ()
    years = range(policy.benefit_year - repaid_years, policy.benefit_year)
    return tuple(Charge(year, policy.repaid_rate(year), policy.waiting.clause)
                 for year in years)


def _check_input(policy: Policy, case: str, identities: tuple[str, ...], missed: int,
                 repaid: int) -> None:
    if case not in policy.case_codes:
        raise DomainError(msg.QUOTE_UNKNOWN_CASE.format(
            case=case, known=msg.LIST_SEPARATOR.join(policy.case_codes)))
    for identity in identities:
        if identity not in policy.category_codes:
            raise DomainError(msg.QUOTE_UNKNOWN_IDENTITY.format(
                identity=identity, known=msg.LIST_SEPARATOR.join(policy.category_codes)))
    if missed < 0 or repaid < 0 or repaid > missed:
        raise DomainError(msg.QUOTE_BAD_YEARS)
    if missed > MAX_BREAK_YEARS:
        raise DomainError(msg.QUOTE_TOO_MANY_YEARS.format(limit=MAX_BREAK_YEARS))
    if repaid and policy.waiting is None:
        raise DomainError(msg.QUOTE_REPAID_WITHOUT_RULES)


def _best_subsidy(policy: Policy, identities: tuple[str, ...]) -> tuple[int, str | None, list]:
    """Several identities: the single highest subsidy, never a sum."""
    base = policy.individual_rate
    best, best_category, basis = 0, None, []
    for identity in identities:
        rule = policy.subsidies.get(identity)
        if rule is None:
            basis.append(msg.QUOTE_CLAUSE_IGNORED_IDENTITY.format(label=policy.label(identity)))
            continue
        if rule.kind == "full":
            amount = base
        elif rule.kind == "percent":
            amount = (base * rule.percent + 50) // 100  # to the nearest fen
        elif rule.kind == "fixed_subsidy":
            amount = min(rule.amount, base)
        else:  # fixed_payable: the person pays this much, the subsidy covers the rest
            amount = max(0, base - rule.amount)
        if amount > best or best_category is None:
            best, best_category = amount, identity
    if best_category is not None:
        basis.append(policy.subsidies[best_category].citation)
        if sum(1 for i in identities if i in policy.subsidies) > 1:
            basis.append(policy.combine_citation)
    return best, best_category, basis


def _benefit_start(rule: str, policy: Policy, on: dt.date, birth: dt.date | None,
                   event: dt.date | None) -> dt.date:
    if rule.startswith("date:"):
        return dt.date.fromisoformat(rule[5:])  # a fixed start, e.g. new students' 1 September
    if rule.startswith("payment_plus_days:"):
        start = on + dt.timedelta(days=int(rule.split(":")[1]))
    else:
        start = {"period_start": policy.benefit_start, "from_birth": birth, "from_event": event,
                 "from_payment": on, "next_month": first_of_next_month(on)}[rule]
    return max(start, policy.benefit_start)


def _deadline(rule: CaseRule, reference: dt.date) -> dt.date:
    # Day 0 is the day of birth (or of the event): "出生90日内" admits day 90, not day 91.
    if rule.within_days:
        return reference + dt.timedelta(days=rule.within_days)
    return add_months(reference, rule.within_months)


def _limit_text(rule: CaseRule) -> str:
    ref = msg.QUOTE_REF_BIRTH if "birth" in rule.needs else msg.QUOTE_REF_EVENT
    if rule.within_days:
        return msg.QUOTE_LIMIT_DAYS.format(ref=ref, n=rule.within_days)
    return msg.QUOTE_LIMIT_MONTHS.format(ref=ref, n=rule.within_months)


def _day_allowed(policy: Policy, on: dt.date) -> bool:
    days = policy.window.days_of_month
    return days is None or days[0] <= on.day <= days[1]
