"""A generated household's identity tags and payment history.

The history is priced by the real quote engine on the region's real policy files:
for each benefit year in the settings' `[[history]]` the region's policy file for
that year (`policies_for_region`) gives the collection window (with its allowed
days of the month), and `quote(policy, "regular", day, identities=…,
missed_years=…)` gives the amounts, the subsidy, the benefit period and the policy
id stored on the enrollment. A benefit year the region has no policy file for gets
no history; nor does a year whose collection has not begun by today. A household pays
once a year, for every member who pays that year, on one receipt of the history series
(`{region code}-00`: payments made before this software): on an allowed day of the
window, never after today and never before a paying member's birth; someone born after
a window closed has nothing for that year (a newborn's own enrollment is a case this
history does not generate). A person who skipped the
years just before is quoted with those missed years, so the waiting period of a
policy under the 2025 national rules applies to them as it would at the counter.

The history draws from its own random stream, so the people of a county do not
depend on its policy files.
"""

import bisect
import datetime as dt
import random
from dataclasses import dataclass

from models.core.errors import DomainError
from models.demo.households import Member
from models.registry.bulk import BulkWriter, EnrollmentRow, IdentityRow, PaymentRow
from models.rules.policy import Policy, policies_for_region
from models.rules.quote import Quote, quote
from models.texts import messages as msg

LAPSING_HOUSEHOLDS = 0.03  # households that skip years
LAPSING_SKIP = 0.7  # the chance such a household skips a given year


@dataclass(frozen=True)
class HistoryYear:
    policy: Policy
    paid_share: float
    days: tuple[dt.date, ...]  # the days one may pay on, up to today


def history_years(settings: dict, region_code: str, region_name: str,
                  today: dt.date) -> list[HistoryYear]:
    """The settings' benefit years the region has a policy file for, whose collection
    has begun by today, oldest first."""
    by_year = {p.benefit_year: p for p in policies_for_region(region_code, region_name)}
    years = []
    for entry in sorted(settings["history"], key=lambda e: e["benefit_year"]):
        policy = by_year.get(entry["benefit_year"])
        if policy is None:
            continue
        days = payment_days(policy, today)
        if days:
            years.append(HistoryYear(policy, entry["paid_share"], days))
    return years


def payment_days(policy: Policy, today: dt.date) -> tuple[dt.date, ...]:
    """Every day of the policy's collection window a payment is allowed on, to today."""
    window = policy.window
    first, last = window.days_of_month or (1, 31)
    days, day = [], window.start
    while day <= min(window.end, today):
        if first <= day.day <= last:
            days.append(day)
        day += dt.timedelta(days=1)
    return tuple(days)


class History:
    def __init__(self, settings: dict, years: list[HistoryYear], rng: random.Random,
                 people_rng: random.Random, writer: BulkWriter, today: dt.date):
        self.identities = settings["identities"]
        self.years, self.rng, self.people_rng = years, rng, people_rng
        self.writer, self.today = writer, today
        self.valid_from = dt.date(today.year, 1, 1)
        self._quotes: dict[tuple, Quote] = {}
        self._known = {y.policy.id: frozenset(y.policy.subsidies) for y in years}

    def household(self, members: list[Member]) -> None:
        self._history(members, self._tags(members))

    def _tags(self, members: list[Member]) -> dict[int, set[str]]:
        """Identity tags from the settings' shares, drawn from the people's stream: who is
        poor or disabled is part of the county, not of its history."""
        rng = self.people_rng
        tagged: dict[int, set[str]] = {}
        for category, rule in self.identities.items():
            if rule.get("household"):
                chosen = members if rng.random() < rule["share"] else []
            else:
                chosen = [m for m in members if rng.random() < rule["share"]]
            for m in chosen:
                self.writer.add_identity(IdentityRow(m.id, category, rule["source"],
                                                     self.valid_from))
                tagged.setdefault(m.id, set()).add(category)
        return tagged

    def _history(self, members: list[Member], tagged: dict[int, set[str]]) -> None:
        rng = self.rng
        missed = dict.fromkeys((m.id for m in members), 0)  # years skipped just before
        lapsing = rng.random() < LAPSING_HOUSEHOLDS
        for year in self.years:
            skipped = lapsing and rng.random() < LAPSING_SKIP
            days = year.days
            paying = []
            for m in members:
                first = bisect.bisect_left(days, m.person.birth_date)
                if first == len(days):
                    continue  # born after the window (or after today): nothing to pay yet
                if skipped or rng.random() > year.paid_share:
                    missed[m.id] += 1
                    continue
                paying.append((m, first))
            if not paying:
                continue
            day = days[rng.randint(max(first for _, first in paying), len(days) - 1)]
            lines = []
            for m, _ in paying:
                priced = self._quote(year.policy, day, tagged.get(m.id), missed[m.id])
                lines.append(EnrollmentRow.priced(m.id, year.policy.benefit_year, priced, day))
                missed[m.id] = 0
            paid_at = dt.datetime(day.year, day.month, day.day, rng.randint(8, 17),
                                  rng.randint(0, 59))
            self.writer.add_payment(PaymentRow(members[0].person.household_id, paid_at,
                                               tuple(lines)))

    def _quote(self, policy: Policy, day: dt.date, tags: set[str] | None,
               missed_years: int) -> Quote:
        """The engine's answer, remembered: it depends only on these four values."""
        identities = tuple(sorted(tags & self._known[policy.id])) if tags else ()
        key = (policy.id, day, identities, missed_years)
        priced = self._quotes.get(key)
        if priced is None:
            priced = quote(policy, "regular", day, identities=identities,
                           missed_years=missed_years)
            if not priced.allowed:
                raise DomainError(msg.BULK_QUOTE_REFUSED.format(policy=policy.id, on=day,
                                                                reason=priced.reason))
            self._quotes[key] = priced
        return priced
