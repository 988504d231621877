"""`yibao policy list | check FILE | show ID [--json]`: the policy files."""

import argparse
import dataclasses
from pathlib import Path

from models.rules.money import yuan
from models.rules.policy import CaseRule, Policy, list_policies, load_policy, load_policy_id
from models.texts import cli as t
from models.texts import labels
from tui.cli import output

# A case rule's JSON leaves out what is unset (a value equal to one of these), and nests
# its variants for late payment and payment outside the window.
_UNSET = (None, (), False)
_VARIANTS = ("late", "outside_window")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("policy", help=t.HELP_POLICY_GROUP)
    psub = p.add_subparsers(dest="policy_command", required=True, metavar="ACTION")
    a = psub.add_parser("list", help=t.HELP_POLICY_LIST)
    a.set_defaults(handler=run_list)
    a = psub.add_parser("check", help=t.HELP_POLICY_CHECK)
    a.add_argument("file", help=t.HELP_POLICY_FILE)
    a.set_defaults(handler=run_check)
    a = psub.add_parser("show", help=t.HELP_POLICY_SHOW)
    a.add_argument("id", help=t.HELP_POLICY_ID)
    a.add_argument("--json", action="store_true", help=t.HELP_JSON)
    a.set_defaults(handler=run_show)


def run_list(args: argparse.Namespace) -> int:
    for policy in list_policies():
        print(_line(policy))
    return 0


def run_check(args: argparse.Namespace) -> int:
    policy = load_policy(Path(args.file))
    print(t.POLICY_OK.format(path=args.file, id=policy.id, cases=len(policy.cases),
                             subsidies=len(policy.subsidies)))
    return 0


def run_show(args: argparse.Namespace) -> int:
    policy = load_policy_id(args.id)
    if args.json:
        output.print_json(policy_view(policy))
        return 0
    print(_line(policy))
    print(t.POLICY_SHOW.format(
        window=t.POLICY_WINDOW.format(start=policy.window.start, end=policy.window.end),
        full=yuan(policy.full_rate), subsidy=yuan(policy.fiscal_subsidy),
        cases=t.LIST_SEP.join(labels.CASE_LABELS[c] for c in policy.cases)))
    return 0


def _line(policy: Policy) -> str:
    return t.POLICY_LINE.format(id=policy.id, region=policy.region, year=policy.benefit_year,
                                individual=yuan(policy.individual_rate),
                                demo=t.POLICY_DEMO if policy.demo else "")


def policy_view(policy: Policy) -> dict:
    """The JSON contract of `policy show`: the file's content grouped as a reader wants it
    (clauses together, window, benefit, cases, subsidies), amounts marked as money."""
    window = policy.window
    return {
        "id": policy.id, "region": policy.region, "benefit_year": policy.benefit_year,
        "demo": policy.demo, "note": policy.note, "sources": policy.sources,
        "individual_rate": output.money(policy.individual_rate),
        "fiscal_subsidy": output.money(policy.fiscal_subsidy),
        "fiscal_subsidy_assumed": policy.fiscal_subsidy_assumed,
        "full_rate": output.money(policy.full_rate),
        "clauses": {"individual_rate": policy.individual_clause,
                    "fiscal_subsidy": policy.fiscal_subsidy_clause,
                    "window": window.clause, "benefit": policy.benefit_clause,
                    "combine": policy.combine_clause},
        "window": {"start": window.start, "end": window.end,
                   "days_of_month": window.days_of_month},
        "benefit": {"start": policy.benefit_start, "end": policy.benefit_end},
        "cases": {code: _case_view(rule) for code, rule in policy.cases.items()},
        "subsidies": {code: {"kind": r.kind, "percent": r.percent, "amount": output.money(r.amount),
                             "clause": r.clause} for code, r in policy.subsidies.items()},
        "waiting": policy.waiting,
    }


def _case_view(rule: CaseRule) -> dict:
    out = {f.name: getattr(rule, f.name) for f in dataclasses.fields(rule)
           if f.name not in _VARIANTS and getattr(rule, f.name) not in _UNSET}
    for key in _VARIANTS:
        variant = getattr(rule, key)
        if variant is not None:
            out[key] = _case_view(variant)
    return out
