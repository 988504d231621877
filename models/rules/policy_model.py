"""What a policy file holds, as frozen values: the county-year's rules, each with its
citation. Read by models/rules/policy_reader.py; looked up through models/rules/policy.py."""

import datetime as dt
from dataclasses import dataclass, field

from models.core.errors import DomainError
from models.rules.citation import Citation
from models.rules.money import FEN
from models.texts import labels

# The shared vocabulary is the catalog's; a policy file may add a case or a category of
# its own by giving it a `label`.
CASES = tuple(labels.CASE_LABELS)
IDENTITIES = tuple(labels.IDENTITY_LABELS)
RATES = ("individual", "full", "free")
WHEN = ("window", "after_window", "any")
SUBSIDY_KINDS = ("full", "percent", "fixed_subsidy", "fixed_payable")
WAIT_FROM = ("payment", "next_month", "period_start")


class PolicyError(DomainError):
    pass


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date
    days_of_month: tuple[int, int] | None
    clause: str  # what the clerk reads: citation.text
    citation: Citation = field(default_factory=Citation)


@dataclass(frozen=True)
class CaseRule:
    rate: str
    benefit_start: str
    clause: str  # what the clerk reads: citation.text
    when: str = "any"
    needs: tuple[str, ...] = ()
    window_end: dt.date | None = None
    within_days: int | None = None
    within_months: int | None = None
    born_in_benefit_year: bool = False
    subsidy: bool = True
    waiting: bool = False
    benefit_end: dt.date | None = None
    late: "CaseRule | None" = None
    outside_window: "CaseRule | None" = None
    citation: Citation = field(default_factory=Citation)  # the seed's words, the file's reading

    @property
    def reference(self) -> str | None:
        """`birth` or `event` when the benefit counts from that day, else None."""
        if self.benefit_start in ("from_birth", "from_actual_birth"):
            return "birth"
        return "event" if self.benefit_start == "from_event" else None

    @property
    def prepaid_before_birth(self) -> bool:
        """A baby not yet born (seed 003): the date given is the due date, and the
        cover starts on the actual birth, recorded when the placeholder is corrected."""
        return self.benefit_start == "from_actual_birth"


@dataclass(frozen=True)
class SubsidyRule:
    kind: str
    clause: str  # what the clerk reads: citation.text
    percent: int | None = None
    amount: int | None = field(default=None, metadata=FEN)
    citation: Citation = field(default_factory=Citation)


@dataclass(frozen=True)
class WaitingRule:
    fixed_months: int
    per_extra_break_year: int
    per_repaid_year: int
    long_break_years: int
    long_break_min_months: int
    in_window_counts_from: str
    outside_window_counts_from: str
    clause: str  # what the clerk reads: citation.text
    citation: Citation = field(default_factory=Citation)


@dataclass(frozen=True)
class RepaidRate:
    """What one missed year paid back costs, where the file sets it for that year."""
    year: int
    amount: int = field(metadata=FEN)


@dataclass(frozen=True)
class RefundRule:
    """Until when a refund may be applied for (seed 004: within the collection window)."""
    until: str | dt.date  # "window_end" or a date
    clause: str  # what the clerk reads: citation.text
    citation: Citation = field(default_factory=Citation)


@dataclass(frozen=True)
class Policy:
    id: str
    region: str
    region_code: str
    region_name: str
    benefit_year: int
    demo: bool
    note: str
    sources: tuple[str, ...]
    individual_rate: int = field(metadata=FEN)
    individual_citation: Citation
    fiscal_subsidy: int = field(metadata=FEN)
    fiscal_subsidy_citation: Citation
    window: Window
    benefit_start: dt.date
    benefit_end: dt.date
    benefit_citation: Citation
    cases: dict[str, CaseRule] = field(default_factory=dict)
    subsidies: dict[str, SubsidyRule] = field(default_factory=dict)
    combine_citation: Citation = field(default_factory=Citation)
    waiting: WaitingRule | None = None
    repaid_rates: tuple[RepaidRate, ...] = ()  # set in [waiting]; else the individual rate
    refund: RefundRule | None = None
    path: str = ""
    labels: dict[str, str] = field(default_factory=dict)  # case and category codes → words

    @property
    def case_codes(self) -> tuple[str, ...]:
        """Every case this policy can be asked about: the shared ones and its own."""
        return (*CASES, *(c for c in self.cases if c not in labels.CASE_LABELS))

    @property
    def category_codes(self) -> tuple[str, ...]:
        return (*IDENTITIES, *(c for c in self.subsidies if c not in labels.IDENTITY_LABELS))

    def label(self, code: str) -> str:
        """A case's or a category's words: this policy's own, else the catalog's."""
        return self.labels.get(code) or labels.CASE_LABELS.get(code) \
            or labels.IDENTITY_LABELS.get(code, code)

    @property
    def full_rate(self) -> int:
        return self.individual_rate + self.fiscal_subsidy

    @property
    def fiscal_subsidy_assumed(self) -> bool:
        """True when the seed does not state the subsidy: the figure is the file's."""
        return not self.fiscal_subsidy_citation.quote

    # What the clerk reads for the file-wide rules (the rules' own are their `clause`).
    @property
    def individual_clause(self) -> str:
        return self.individual_citation.text

    @property
    def fiscal_subsidy_clause(self) -> str:
        return self.fiscal_subsidy_citation.text

    @property
    def benefit_clause(self) -> str:
        return self.benefit_citation.text

    @property
    def combine_clause(self) -> str:
        return self.combine_citation.text

    def repaid_rate(self, year: int) -> int:
        """What one missed year paid back costs (fen): the rate the file sets for that
        year, else the current individual rate."""
        return next((r.amount for r in self.repaid_rates if r.year == year),
                    self.individual_rate)
