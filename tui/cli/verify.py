"""`yibao verify TEXT [--db URL] [--json]` (issue 13 point 3): a slip's QR text checked.

Exit 0: genuine and the payment still stands; 1: not genuine, unknown here, or voided /
refunded since; 2: a usage error or a refusal (no slip key file, a bad --db). `--json`
answers {"genuine", "message", "receipt": null | {"receipt_no", "status", "day",
"counter", "clerk", "members": [{"name", "id_number"}], "total"}}, ID numbers masked."""

import argparse

from models.rules.masking import mask_id
from models.rules.money import yuan
from models.texts import printing as p
from printing.verifying import Verdict, check_slip
from tui.cli import options, output

EXIT_NOT_GENUINE = 1


def register(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser("verify", help=p.HELP_VERIFY)
    options.add_common(a)
    a.add_argument("text", metavar="TEXT", help=p.HELP_VERIFY_TEXT)
    a.add_argument("--json", action="store_true", help=p.HELP_VERIFY_JSON)
    a.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    options.open_db(options.db_url(args))
    verdict = check_slip(args.text)
    if args.json:
        output.print_json(verdict_view(verdict))
    else:
        print(verdict.message)
        for line in receipt_lines(verdict):
            print(line)
    return 0 if verdict.genuine else EXIT_NOT_GENUINE


def verdict_view(verdict: Verdict) -> dict:
    r = verdict.receipt
    return {"genuine": verdict.genuine, "message": verdict.message, "receipt": None if r is None
            else {"receipt_no": r.receipt_no, "status": r.status,
                  "day": output.plain(r.business_day), "counter": r.counter,
                  "clerk": r.clerk_name or r.clerk,
                  "members": [{"name": m.name, "id_number": mask_id(m.id_number) or None}
                              for m in r.members],
                  "total": yuan(r.total)}}


def receipt_lines(verdict: Verdict) -> list[str]:
    r = verdict.receipt
    if r is None:
        return []
    lines = [p.VERIFY_LINE_RECEIPT.format(no=r.receipt_no,
                                          status=p.VERIFY_STATUS_LABELS.get(r.status, r.status)),
             p.VERIFY_LINE_DAY.format(day=r.business_day.isoformat(), counter=r.counter,
                                      clerk=r.clerk_name or r.clerk)]
    lines += [p.VERIFY_LINE_MEMBER.format(name=m.name, id=mask_id(m.id_number) or "-")
              for m in r.members]
    lines.append(p.VERIFY_LINE_TOTAL.format(total=yuan(r.total)))
    return lines
