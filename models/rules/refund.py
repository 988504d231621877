"""Until when a refund may be applied for, as the policy file says (`[refund]`).

Seed 004 asks for refunds within the collection window; the other seeds are silent, and
a file without `[refund]` sets no deadline (the answer says so). Pure: the refund of a
payment reads this before it writes anything.
"""

import datetime as dt
from dataclasses import dataclass

from models.rules.citation import Citation
from models.rules.policy import Policy
from models.texts import messages as msg


@dataclass(frozen=True)
class RefundAnswer:
    allowed: bool
    reason: str | None = None
    until: dt.date | None = None  # the last day to apply; None where the file sets none
    clauses: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()


def refund_deadline(policy: Policy) -> dt.date | None:
    if policy.refund is None:
        return None
    until = policy.refund.until
    return policy.window.end if until == "window_end" else until


def check_refund(policy: Policy, on: dt.date) -> RefundAnswer:
    """May a payment for this policy's year be refunded on an application made `on`?"""
    rule = policy.refund
    if rule is None:
        note = msg.REFUND_NO_RULE.format(region=policy.region, year=policy.benefit_year)
        return RefundAnswer(True, clauses=(note,))
    until = refund_deadline(policy)
    cited = dict(clauses=(rule.clause,), citations=(rule.citation,))
    if on < policy.window.start:
        return RefundAnswer(False, msg.REFUND_TOO_EARLY.format(
            on=on, year=policy.benefit_year, start=policy.window.start), until, **cited)
    if on > until:
        return RefundAnswer(False, msg.REFUND_TOO_LATE.format(until=until, on=on), until,
                            **cited)
    return RefundAnswer(True, None, until, **cited)
