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
from dataclasses import dataclass

from models.rules.money import yuan
from models.rules.policy import Policy
from models.rules.quote import Quote, quote
from models.texts import messages as msg


@dataclass(frozen=True)
class QuoteAnswer:
    case: str
    years: tuple[Quote, ...]  # oldest benefit year first; the last is the policy asked for

    @property
    def requested(self) -> Quote:
        return self.years[-1]

    @property
    def total_payable(self) -> int:
        """Fen: what the visit costs, over every year that can be paid."""
        return sum(q.payable for q in self.years if q.allowed)


def quote_years(policy: Policy, case: str, on: dt.date, *,
                region_policies: Sequence[Policy] = (), birth: dt.date | None = None,
                event: dt.date | None = None, identities: Iterable[str] = (),
                missed_years: int = 0, repaid_years: int = 0) -> QuoteAnswer:
    """`policy` is the one asked for; `region_policies` are the region's other years
    (`policies_for_region`), where the earlier years are looked up."""
    identities = tuple(identities)
    requested = quote(policy, case, on, birth=birth, event=event, identities=identities,
                      missed_years=missed_years, repaid_years=repaid_years)
    rule = policy.cases.get(case)
    reference = None
    if rule is not None and not rule.prepaid_before_birth:
        reference = {"birth": birth, "event": event}.get(rule.reference)
    if reference is None or reference >= policy.benefit_start:
        return QuoteAnswer(case, (requested,))
    by_year = {p.benefit_year: p for p in region_policies
               if (p.region_code, p.region_name) == (policy.region_code, policy.region_name)}
    earlier = []
    for year in range(reference.year, policy.benefit_year):
        other = by_year.get(year)
        if other is None:
            reason = msg.QUOTE_NO_POLICY_FOR_YEAR.format(region=policy.region, year=year)
            earlier.append(Quote("", case, False, reason=reason, benefit_year=year,
                                 clauses=(rule.clause,), citations=(rule.citation,)))
        elif case not in other.cases:
            earlier.append(quote(other, case, on))  # answers "not provided"
        else:
            earlier.append(quote(other, case, on, birth=birth, event=event,
                                 identities=[i for i in identities if i in other.category_codes]))
    return QuoteAnswer(case, (*earlier, requested))


# --- the shape the command line prints with --json -------------------------------------


def quote_json(q: Quote) -> dict:
    """One year: keys in English, amounts in yuan as "280.00", dates ISO."""
    out = {"benefit_year": q.benefit_year, "policy": q.policy or None, "case": q.case,
           "allowed": q.allowed}
    if not q.allowed:
        out["reason"] = q.reason
    else:
        out.update({
            "rate": q.rate, "gross": yuan(q.gross), "subsidy": yuan(q.subsidy),
            "subsidy_category": q.subsidy_category, "payable": yuan(q.payable),
            "benefit_start": q.benefit_start.isoformat() if q.benefit_start else None,
            "benefit_end": q.benefit_end.isoformat(),
            "start_on_birth": q.start_on_birth,
            "charges": [{"kind": c.kind, "year": c.year, "amount": yuan(c.amount),
                         "clause": c.clause} for c in q.charges],
        })
        if q.waiting_months is not None:
            out["waiting_months"] = q.waiting_months
    if q.applied_case:
        out["applied_case"] = q.applied_case
    out["clauses"] = list(q.clauses)
    out["citations"] = [{"ref": c.ref, "quote": list(c.quote), "assumption": c.assumption,
                         "because": c.because} for c in q.citations]
    return out


def answer_json(answer: QuoteAnswer) -> dict:
    """The requested year's keys at the top, as a single-year answer has always had
    them, then every year as a list and what the visit costs in all."""
    return {**quote_json(answer.requested),
            "years": [quote_json(q) for q in answer.years],
            "total_payable": yuan(answer.total_payable)}
