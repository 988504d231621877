"""`yibao quote`: what a person pays and from when they are covered, with the clauses."""

import argparse

from models.rules.money import yuan
from models.rules.policy import CASES, IDENTITIES, Policy, load_policy_id, policies_for_region
from models.rules.quote import MAX_BREAK_YEARS, Quote
from models.rules.quote_years import QuoteAnswer, quote_years
from models.texts import cli as t
from models.texts import labels
from tui.cli import options, output

# Keys a quote's JSON leaves out: a refusal has no amounts, an allowed quote no reason.
_REFUSAL_ONLY = ("reason",)
_ALLOWED_ONLY = ("rate", "gross", "subsidy", "subsidy_category", "payable", "benefit_start",
                 "benefit_end", "waiting_months")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quote", help=t.HELP_QUOTE)
    p.add_argument("--policy", required=True, help=t.HELP_QUOTE_POLICY)
    p.add_argument("--case", required=True, metavar="CASE",
                   help=t.HELP_CASE.format(cases=t.LIST_SEP.join(CASES)))
    p.add_argument("--on", required=True, type=options.date, metavar="DATE", help=t.HELP_ON)
    p.add_argument("--birth", type=options.date, metavar="DATE", help=t.HELP_BIRTH)
    p.add_argument("--event", type=options.date, metavar="DATE", help=t.HELP_EVENT)
    p.add_argument("--identity", action="append", default=[], metavar="CAT",
                   help=t.HELP_IDENTITY.format(identities=t.LIST_SEP.join(IDENTITIES)))
    years = options.integer(0, MAX_BREAK_YEARS)
    p.add_argument("--missed-years", type=years, default=0, help=t.HELP_MISSED_YEARS)
    p.add_argument("--repaid-years", type=years, default=0, help=t.HELP_REPAID_YEARS)
    p.add_argument("--json", action="store_true", help=t.HELP_JSON)
    p.set_defaults(handler=run)


def quote_view(result: Quote) -> dict:
    """The JSON contract: the Quote's fields (amounts in yuan through the encoder), without
    the ones that do not apply; waiting_months only when a waiting period was worked out."""
    data = output.plain(result)
    for key in _ALLOWED_ONLY if not result.allowed else _REFUSAL_ONLY:
        data.pop(key)
    if result.allowed and result.waiting_months is None:
        data.pop("waiting_months")
    return data


def run(args: argparse.Namespace) -> int:
    policy = load_policy_id(args.policy)
    answer = quote_years(policy, args.case, args.on,
                         region_policies=policies_for_region(policy.region_code,
                                                             policy.region_name),
                         birth=args.birth, event=args.event, identities=args.identity,
                         missed_years=args.missed_years, repaid_years=args.repaid_years)
    if args.json:
        output.print_json(answer_view(answer))
        return 0
    print(t.QUOTE_HEAD.format(policy=policy.id, region=policy.region,
                              case=policy.label(answer.case)))
    several = len(answer.years) > 1
    for year in answer.years:
        if several:
            print(t.QUOTE_YEAR_HEAD.format(year=year.benefit_year,
                                           policy=year.policy or t.QUOTE_NO_POLICY_FILE))
        for line in _year_lines(year, policy):
            print(t.QUOTE_YEAR_INDENT + line if several else line)
    if several or answer.requested.charges:
        print(t.QUOTE_TOTAL.format(total=yuan(answer.total_payable)))
    return 0


def answer_view(answer: QuoteAnswer) -> dict:
    """The year asked for with today's keys, then every year of the visit (oldest first; a
    single year is a list of one) and what the visit costs in all."""
    view = quote_view(answer.requested)
    view["years"] = [quote_view(year) for year in answer.years]
    view["total_payable"] = output.plain(output.money(answer.total_payable))
    return view


def _year_lines(result: Quote, policy: Policy) -> list[str]:
    if not result.allowed:
        lines = [t.QUOTE_REFUSED.format(reason=result.reason)]
    else:
        own = result.payable - sum(c.amount for c in result.charges)
        lines = [t.QUOTE_AMOUNTS.format(rate=labels.RATE_LABELS[result.rate],
                                        gross=yuan(result.gross), subsidy=yuan(result.subsidy),
                                        payable=yuan(own))]
        if result.subsidy_category:
            lines.append(t.QUOTE_SUBSIDY.format(category=policy.label(result.subsidy_category)))
        lines.extend(t.QUOTE_CHARGE.format(year=c.year, amount=yuan(c.amount))
                     for c in result.charges)
        if result.benefit_start is None:
            lines.append(t.QUOTE_BENEFIT_ON_BIRTH.format(end=result.benefit_end))
        else:
            lines.append(t.QUOTE_BENEFIT.format(start=result.benefit_start,
                                                end=result.benefit_end))
        if result.waiting_months:
            lines.append(t.QUOTE_WAITING.format(months=result.waiting_months))
    lines.extend(t.QUOTE_CLAUSE.format(clause=clause) for clause in result.clauses)
    return lines
