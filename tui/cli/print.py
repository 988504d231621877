"""`yibao print test --printer URI [--width 58|80]`: a test slip to a printer.

(`print receipt NO` and `print queue` follow the payments: issue 13 points 5 and 7.)"""

import argparse

from models.texts import printing as p
from printing.escpos_bytes import slip_bytes
from printing.printers import printer_spec
from printing.sending import send
from printing.test_slip import test_lines


def register(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("print", help=p.HELP_PRINT_GROUP)
    actions = group.add_subparsers(dest="print_command", required=True, metavar="ACTION")
    a = actions.add_parser("test", help=p.HELP_PRINT_TEST)
    a.add_argument("--printer", required=True, help=p.HELP_PRINTER)
    a.add_argument("--width", type=int, choices=(58, 80), help=p.HELP_WIDTH)
    a.set_defaults(handler=run_test)


def run_test(args: argparse.Namespace) -> int:
    spec = printer_spec(args.printer, width=args.width)
    data = slip_bytes(test_lines(spec.paper, spec.uri), spec.paper, spec.finish)
    send(spec, data)
    print(p.TEST_SENT.format(uri=spec.uri, size=len(data), mm=spec.paper.mm))
    return 0
