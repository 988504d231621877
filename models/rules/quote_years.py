"""One counter visit, every benefit year it pays for.

A baby born before the benefit year being collected (or a person whose lapse or entry
into care came before it) is covered from birth in the year of the birth, on that
year's policy and within its deadline, and for the coming year on the window's terms
(seeds 000, 002, 003, 004 tie the from-birth cover to the birth year). `quote_years`
asks each year's policy and returns the answers oldest first; the last is the year of
the policy asked for, so a single-year answer is a list of one.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from models.rules.money import FEN
from models.rules.policy import Policy
from models.rules.quote import Quote, quote
from models.texts import messages as msg


@dataclass(frozen=True)
class QuoteAnswer:
    case: str
    years: tuple[Quote, ...]  # oldest benefit year first; the last is the policy asked for
    total_payable: int = field(metadata=FEN)  # the visit: every year that can be paid

    @property
    def requested(self) -> Quote:
        return self.years[-1]


def _answer(case: str, years: tuple[Quote, ...]) -> QuoteAnswer:
    return QuoteAnswer(case, years, sum(q.payable for q in years if q.allowed))


def quote_years(policy: Policy, case: str, on: dt.date, *,
                region_policies: Sequence[Policy] = (), birth: dt.date | None = None,
                event: dt.date | None = None, identities: Iterable[str] = (),
                missed_years: int = 0, repaid_years: int = 0) -> QuoteAnswer:
    """`policy` is the one asked for; `region_policies` are the region's other years
    (`policies_for_region`), where the year of the birth (or event) is looked up. Two
    years at most: that year and the one asked for (as the seeds' newborn rules have it);
    a year in between is asked for on its own policy."""
    identities = tuple(identities)
    requested = quote(policy, case, on, birth=birth, event=event, identities=identities,
                      missed_years=missed_years, repaid_years=repaid_years)
    rule = policy.cases.get(case)
    reference = None
    if rule is not None and not rule.prepaid_before_birth:
        reference = {"birth": birth, "event": event}.get(rule.reference)
    if reference is None or reference.year >= policy.benefit_year:
        return _answer(case, (requested,))
    year = reference.year
    other = next((p for p in region_policies if p.benefit_year == year
                  and (p.region_code, p.region_name) == (policy.region_code, policy.region_name)),
                 None)
    if other is None:
        reason = msg.QUOTE_NO_POLICY_FOR_YEAR.format(region=policy.region, year=year)
        first = Quote("", case, False, reason=reason, benefit_year=year,
                      clauses=(rule.clause,), citations=(rule.citation,))
    elif case not in other.cases:
        first = quote(other, case, on)  # answers "not provided"
    else:
        first = quote(other, case, on, birth=birth, event=event,
                      identities=[i for i in identities if i in other.category_codes])
    return _answer(case, (first, requested))
