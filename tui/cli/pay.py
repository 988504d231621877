"""`yibao pay`, `yibao void RECEIPT`, `yibao refund RECEIPT --reason …` (issue 12, point 8):
scripted payments for training, tests and checks, through the same services as the
counter. The clerk signs in for the one command as `lookup --full-id` does (--clerk,
the password at the terminal or with --password-stdin); the services check the role.

    yibao pay --db URL --clerk U --counter C --channel cash|pos|qr|other [--on DATE]
              [--tendered YUAN] [--repaid ID=N] [--missed ID=N] [--json] PERSON …

PERSON is an ID number, optionally followed by `:CASE[:EVENT_DATE]`. A refused member
is an error naming the person and why, and nothing is paid. `--json` answers
{"receipt_no", "total", "lines": [{"id_number", "name", "case", "rate_kind", "gross",
"subsidy", "payable", "benefit_start", "benefit_end", "clauses"}], "print"}, ID numbers
masked. `--printer P` (pay, void, refund) prints the slip once the money has committed;
`print` is null without it, else {"job", "status", "reason", "message"}: whatever the
printer does, the payment stands and the exit is 0.
"""

import argparse
import dataclasses
import datetime as dt

from models.core.clock import FixedClock
from models.core.errors import DomainError
from models.payments.paying import CHANNELS, PaymentReceipt, pay, payment_by_receipt
from models.payments.quoting import MemberRequest, person_by_id_number
from models.payments.reversals import ReversalView, refund_payment, void_payment
from models.rules import idcard
from models.rules.money import parse_yuan, yuan
from models.texts import cli as t
from models.texts import labels
from models.texts import payments as pt
from models.texts import printing as pp
from printing import counter_slips
from tui.cli import full_id, options, output
from tui.cli.counter import counter_policy


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pay", help=t.HELP_PAY)
    _signed_in(p)
    p.add_argument("--channel", required=True, choices=CHANNELS, help=t.HELP_PAY_CHANNEL)
    p.add_argument("--on", type=options.date, metavar="DATE", help=t.HELP_PAY_ON)
    p.add_argument("--tendered", type=_yuan, metavar="YUAN", help=t.HELP_PAY_TENDERED)
    p.add_argument("--repaid", action="append", default=[], metavar="ID=N",
                   help=t.HELP_PAY_REPAID)
    p.add_argument("--missed", action="append", default=[], metavar="ID=N",
                   help=t.HELP_PAY_MISSED)
    p.add_argument("--printer", metavar="P", help=pp.HELP_PAY_PRINTER)
    p.add_argument("people", nargs="+", metavar="PERSON", help=t.HELP_PAY_PERSON)
    p.set_defaults(handler=run_pay)

    for name, help_text, handler in (("void", t.HELP_VOID, run_void),
                                     ("refund", t.HELP_REFUND, run_refund)):
        p = sub.add_parser(name, help=help_text)
        _signed_in(p)
        p.add_argument("receipt", metavar="RECEIPT", help=t.HELP_RECEIPT)
        p.add_argument("--reason", default="", required=name == "refund", help=t.HELP_REASON)
        p.add_argument("--printer", metavar="P", help=pp.HELP_PAY_PRINTER)
        p.set_defaults(handler=handler)


def _signed_in(p: argparse.ArgumentParser) -> None:
    options.add_common(p, counter=True)
    p.add_argument("--clerk", required=True, metavar="USERNAME", help=t.HELP_PAY_CLERK)
    p.add_argument("--password-stdin", action="store_true", help=t.HELP_PAY_PASSWORD_STDIN)
    p.add_argument("--counter", metavar="C", help=t.HELP_PAY_COUNTER)
    p.add_argument("--json", action="store_true", help=t.HELP_JSON)


def _yuan(text: str) -> int:
    try:
        return parse_yuan(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t.PAY_BAD_TENDERED.format(text=text)) from None


def run_pay(args: argparse.Namespace) -> int:
    clock = FixedClock(args.on) if args.on else options.clock(args)
    wanted = [_person(text) for text in args.people]  # refused before anything is opened
    repaid = _years(args.repaid, "--repaid")
    missed = _years(args.missed, "--missed")
    options.open_db(options.db_url(args))
    actor = full_id.sign_in_clerk(clock, args.clerk, args.password_stdin, args.counter)
    policy = counter_policy(args, clock)
    if policy is None:
        raise DomainError(t.PAY_NO_POLICY.format(day=clock.today()))
    ids = {idcard.normalize(number): person_by_id_number(number) for number, _, _ in wanted}
    for option, given in (("--repaid", repaid), ("--missed", missed)):
        for number in given:
            if number not in ids:
                raise DomainError(t.PAY_YEARS_NOT_LISTED.format(option=option, id=number))
    requests = [MemberRequest(ids[idcard.normalize(number)], case, event,
                              repaid.get(idcard.normalize(number), 0),
                              missed.get(idcard.normalize(number)))
                for number, case, event in wanted]
    receipt = pay(clock, actor, policy, requests, args.channel, args.tendered)
    printed = None  # the payment has committed: the slip's fate is only reported
    if args.printer:
        printed = counter_slips.print_receipt(clock, actor, receipt.receipt_no, args.printer)
    if args.json:
        output.print_json({**pay_view(receipt), "print": print_view(printed)})
    else:
        _print_receipt(receipt)
        if printed is not None:
            print(printed.message)
    return 0


def print_view(outcome) -> dict | None:
    """`print` in `yibao pay --json`: null without --printer."""
    if outcome is None:
        return None
    job = outcome.job
    return {"job": job.id if job else None, "status": job.status if job else None,
            "reason": job.reason if job else None, "message": outcome.message}


def pay_view(receipt: PaymentReceipt) -> dict:
    """The JSON contract of `yibao pay --json` (issue 12's keys; `print` is added beside
    them by run_pay)."""
    return {
        "receipt_no": receipt.receipt_no,
        "total": yuan(receipt.total),
        "lines": [{
            "id_number": idcard.mask(m.id_number) or None, "name": m.name, "case": line.case,
            "rate_kind": line.rate_kind, "gross": yuan(line.gross),
            "subsidy": yuan(line.subsidy), "payable": yuan(line.payable),
            "benefit_start": output.plain(line.benefit_start),
            "benefit_end": output.plain(line.benefit_end), "clauses": list(line.clauses),
        } for m in receipt.members for line in m.lines],
    }


def run_void(args: argparse.Namespace) -> int:
    return _reverse(args, void_payment)


def run_refund(args: argparse.Namespace) -> int:
    return _reverse(args, refund_payment)


def _reverse(args: argparse.Namespace, service) -> int:
    clock = options.clock(args)
    options.open_db(options.db_url(args))
    actor = full_id.sign_in_clerk(clock, args.clerk, args.password_stdin, args.counter)
    view: ReversalView = service(clock, actor, args.receipt, args.reason)
    receipt_no = payment_by_receipt(args.receipt).receipt_no
    printed = None
    if args.printer:
        printed = counter_slips.print_reversal(clock, actor, view, receipt_no, args.printer)
    if args.json:
        answer = {"receipt_no": receipt_no, **dataclasses.asdict(view),
                  "amount": yuan(view.amount), "at": output.plain(view.at)}
        if printed is not None:
            answer["print"] = print_view(printed)
        output.print_json(answer)
    else:
        print(t.REVERSAL_DONE.format(kind=pt.REVERSAL_KIND_LABELS[view.kind], number=view.number,
                                     receipt_no=receipt_no, amount=yuan(view.amount)))
        if printed is not None:
            print(printed.message)
    return 0


def _person(text: str) -> tuple[str, str, dt.date | None]:
    """PERSON: ID[:CASE[:EVENT_DATE]]."""
    parts = text.split(":")
    if not parts[0].strip() or len(parts) > 3 or (len(parts) > 1 and not parts[1].strip()):
        raise DomainError(t.PAY_BAD_PERSON.format(text=text))
    event = None
    if len(parts) == 3:
        try:
            event = dt.date.fromisoformat(parts[2].strip())
        except ValueError:
            raise DomainError(t.PAY_BAD_PERSON.format(text=text)) from None
    return parts[0].strip(), parts[1].strip() if len(parts) > 1 else "regular", event


def _years(given: list[str], option: str) -> dict[str, int]:
    years = {}
    for text in given:
        number, sep, count = text.partition("=")
        if not sep or not number.strip() or not count.strip().isdigit():
            raise DomainError(t.PAY_BAD_YEARS_OPTION.format(text=text))
        years[idcard.normalize(number)] = int(count)
    return years


def _print_receipt(receipt: PaymentReceipt) -> None:
    print(t.PAY_RECEIPT_HEAD.format(receipt_no=receipt.receipt_no,
                                    channel=pt.CHANNEL_LABELS.get(receipt.channel),
                                    total=yuan(receipt.total)))
    if receipt.channel == "cash":
        print(t.PAY_CASH_LINE.format(tendered=yuan(receipt.tendered),
                                     change=yuan(receipt.change)))
    for m in receipt.members:
        for line in m.lines:
            print(t.PAY_LINE.format(
                name=m.name, id=idcard.mask(m.id_number), year=line.benefit_year,
                kind=t.PAY_LINE_REPAID if line.kind == "repaid_year" else t.PAY_LINE_YEAR,
                case=labels.CASE_LABELS.get(line.case, line.case), payable=yuan(line.payable),
                start=line.benefit_start or "", end=line.benefit_end or ""))
