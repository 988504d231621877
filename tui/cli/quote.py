"""`yibao quote`: what a person pays and from when they are covered, with the clauses."""

import argparse

from models.rules.money import yuan
from models.rules.policy import CASES, IDENTITIES, load_policy_id
from models.rules.quote import Quote, quote
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
    p.add_argument("--missed-years", type=int, default=0, help=t.HELP_MISSED_YEARS)
    p.add_argument("--repaid-years", type=int, default=0, help=t.HELP_REPAID_YEARS)
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
    result = quote(policy, args.case, args.on, birth=args.birth, event=args.event,
                   identities=args.identity, missed_years=args.missed_years,
                   repaid_years=args.repaid_years)
    if args.json:
        output.print_json(quote_view(result))
        return 0
    print(t.QUOTE_HEAD.format(policy=policy.id, region=policy.region,
                              case=labels.CASE_LABELS[result.case]))
    if not result.allowed:
        print(t.QUOTE_REFUSED.format(reason=result.reason))
    else:
        print(t.QUOTE_AMOUNTS.format(rate=labels.RATE_LABELS[result.rate],
                                     gross=yuan(result.gross), subsidy=yuan(result.subsidy),
                                     payable=yuan(result.payable)))
        if result.subsidy_category:
            print(t.QUOTE_SUBSIDY.format(
                category=labels.IDENTITY_LABELS[result.subsidy_category]))
        print(t.QUOTE_BENEFIT.format(start=result.benefit_start, end=result.benefit_end))
        if result.waiting_months:
            print(t.QUOTE_WAITING.format(months=result.waiting_months))
    for clause in result.clauses:
        print(t.QUOTE_CLAUSE.format(clause=clause))
    return 0
