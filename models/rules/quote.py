"""The enrollment quote: what a person pays and from when they are covered.

Pure: a `Policy` and plain values in, a `Quote` out. A case the county does not
provide for, or a date it does not allow, is an answer (`allowed=False` with the
reason); only impossible input raises `DomainError`.
"""

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.core.errors import DomainError
from models.rules.money import FEN
from models.rules.policy import CaseRule, Policy
from models.texts import messages as msg


@dataclass(frozen=True)
class Quote:
    policy: str
    case: str
    allowed: bool
    reason: str | None = None
    rate: str | None = None
    gross: int = field(default=0, metadata=FEN)
    subsidy: int = field(default=0, metadata=FEN)
    subsidy_category: str | None = None
    payable: int = field(default=0, metadata=FEN)
    benefit_start: dt.date | None = None
    benefit_end: dt.date | None = None
    waiting_months: int | None = None
    clauses: tuple[str, ...] = ()


def quote(policy: Policy, case: str, on: dt.date, *, birth: dt.date | None = None,
          event: dt.date | None = None, identities: Iterable[str] = (),
          missed_years: int = 0, repaid_years: int = 0) -> Quote:
    identities = tuple(dict.fromkeys(identities))
    _check_input(policy, case, identities, missed_years, repaid_years)

    def refuse(reason: str, *clauses: str) -> Quote:
        return Quote(policy.id, case, False, reason=reason, clauses=tuple(c for c in clauses if c))

    rule = policy.cases.get(case)
    if rule is None:
        return refuse(msg.QUOTE_NOT_PROVIDED.format(region=policy.region, year=policy.benefit_year,
                                                    case=policy.label(case)))
    if "birth" in rule.needs and birth is None:
        raise DomainError(msg.QUOTE_NEEDS_BIRTH)
    if "event" in rule.needs and event is None:
        raise DomainError(msg.QUOTE_NEEDS_EVENT)
    if case == "unborn" and birth is not None and birth <= on:
        return refuse(msg.QUOTE_UNBORN_BORN.format(birth=birth), rule.clause)
    if case != "unborn" and birth is not None and birth > on:
        raise DomainError(msg.QUOTE_BIRTH_AFTER_PAYMENT.format(birth=birth, on=on))
    if event is not None and event > on:
        raise DomainError(msg.QUOTE_EVENT_AFTER_PAYMENT.format(event=event, on=on))

    window = policy.window
    clauses = [rule.clause]
    if on < window.start:
        return refuse(msg.QUOTE_BEFORE_WINDOW.format(on=on, start=window.start), window.clause)
    if rule.born_in_benefit_year and birth and birth.year != policy.benefit_year:
        return refuse(msg.QUOTE_NOT_BORN_IN_YEAR.format(year=policy.benefit_year), rule.clause)

    if rule.within_days or rule.within_months:
        reference = birth if "birth" in rule.needs else event
        if on > _deadline(rule, reference):
            if rule.late is None:
                return refuse(msg.QUOTE_TOO_LATE.format(limit=_limit_text(rule)), rule.clause)
            rule = rule.late
            clauses.append(rule.clause)

    in_window = window.start <= on <= window.end and _day_allowed(policy, on)
    if rule.when == "window":
        end = rule.window_end or window.end
        if not (window.start <= on <= end and _day_allowed(policy, on)):
            if rule.outside_window is None:
                if window.start <= on <= end:
                    first, last = window.days_of_month
                    return refuse(msg.QUOTE_BAD_DAY_OF_MONTH.format(first=first, last=last, on=on),
                                  window.clause)
                return refuse(msg.QUOTE_OUTSIDE_WINDOW.format(on=on, start=window.start, end=end),
                              window.clause, rule.clause if rule.window_end else "")
            rule = rule.outside_window
            clauses.append(rule.clause)
    elif rule.when == "after_window" and in_window:
        return refuse(msg.QUOTE_IN_WINDOW_USE_REGULAR.format(on=on), rule.clause, window.clause)

    benefit_end = rule.benefit_end or policy.benefit_end
    if on > benefit_end:
        return refuse(msg.QUOTE_AFTER_BENEFIT_END.format(on=on, end=benefit_end),
                      policy.benefit_clause)

    gross = {"individual": policy.individual_rate, "full": policy.full_rate, "free": 0}[rule.rate]
    clauses.append(policy.individual_clause if rule.rate != "full" else
                   msg.CLAUSE_SEPARATOR.join((policy.individual_clause,
                                              policy.fiscal_subsidy_clause)))
    subsidy, category = 0, None
    if rule.subsidy and rule.rate != "free" and identities:
        subsidy, category, subsidy_clauses = _best_subsidy(policy, identities)
        clauses.extend(subsidy_clauses)

    start = _benefit_start(rule.benefit_start, policy, on, birth, event)
    waiting_months = None
    if policy.waiting is not None:
        waiting_months = 0
        wait = policy.waiting
        if rule.waiting and (not in_window or missed_years > 0):
            variable = max(0, wait.per_extra_break_year * max(0, missed_years - 1)
                           - wait.per_repaid_year * repaid_years)
            waiting_months = wait.fixed_months + variable
            if missed_years >= wait.long_break_years:
                waiting_months = max(waiting_months, wait.long_break_min_months)
            counts_from = wait.in_window_counts_from if in_window else \
                wait.outside_window_counts_from
            base = {"payment": on, "next_month": _first_of_next_month(on),
                    "period_start": policy.benefit_start}[counts_from]
            start = max(start, _add_months(base, waiting_months))
            clauses.append(msg.QUOTE_CLAUSE_WAITING.format(clause=wait.clause, missed=missed_years,
                                                           repaid=repaid_years,
                                                           months=waiting_months))
    if start > benefit_end:
        return refuse(msg.QUOTE_START_AFTER_END.format(start=start, end=benefit_end), *clauses)
    clauses.append(policy.benefit_clause)
    return Quote(policy.id, case, True, rate=rule.rate, gross=gross, subsidy=subsidy,
                 subsidy_category=category, payable=gross - subsidy, benefit_start=start,
                 benefit_end=benefit_end, waiting_months=waiting_months,
                 clauses=tuple(dict.fromkeys(c for c in clauses if c)))


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


def _best_subsidy(policy: Policy, identities: tuple[str, ...]) -> tuple[int, str | None, list]:
    """Several identities: the single highest subsidy, never a sum."""
    base = policy.individual_rate
    best, best_category, clauses = 0, None, []
    for identity in identities:
        rule = policy.subsidies.get(identity)
        if rule is None:
            clauses.append(msg.QUOTE_CLAUSE_IGNORED_IDENTITY.format(
                label=policy.label(identity)))
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
        clauses.append(policy.subsidies[best_category].clause)
        if sum(1 for i in identities if i in policy.subsidies) > 1:
            clauses.append(policy.combine_clause)
    return best, best_category, clauses


def _benefit_start(rule: str, policy: Policy, on: dt.date, birth: dt.date | None,
                   event: dt.date | None) -> dt.date:
    if rule.startswith("date:"):
        return dt.date.fromisoformat(rule[5:])  # a fixed start, e.g. new students' 1 September
    if rule.startswith("payment_plus_days:"):
        start = on + dt.timedelta(days=int(rule.split(":")[1]))
    else:
        start = {"period_start": policy.benefit_start, "from_birth": birth, "from_event": event,
                 "from_payment": on, "next_month": _first_of_next_month(on)}[rule]
    return max(start, policy.benefit_start)


def _deadline(rule: CaseRule, reference: dt.date) -> dt.date:
    # Day 0 is the day of birth (or of the event): "出生90日内" admits day 90, not day 91.
    if rule.within_days:
        return reference + dt.timedelta(days=rule.within_days)
    return _add_months(reference, rule.within_months)


def _limit_text(rule: CaseRule) -> str:
    ref = msg.QUOTE_REF_BIRTH if "birth" in rule.needs else msg.QUOTE_REF_EVENT
    if rule.within_days:
        return msg.QUOTE_LIMIT_DAYS.format(ref=ref, n=rule.within_days)
    return msg.QUOTE_LIMIT_MONTHS.format(ref=ref, n=rule.within_months)


def _day_allowed(policy: Policy, on: dt.date) -> bool:
    days = policy.window.days_of_month
    return days is None or days[0] <= on.day <= days[1]


def _first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
