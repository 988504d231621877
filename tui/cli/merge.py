"""`yibao merge` and `yibao unmerge` (issue 14, point 6): merging duplicate records from the
command line, for supervisors' batch work and for tests, through the counter's services.

    yibao merge SURVIVOR OTHER --db URL --clerk U [--keep FIELD=other …]
                [--keep-payment RECEIPT …] [--new-head HUKOU_ID=PERSON_ID] [--dry-run] [--json]
    yibao merge --sure --db URL --clerk U [--dry-run] [--json]
    yibao unmerge MERGE_ID --db URL --clerk U [--reason …] [--json]

SURVIVOR and OTHER are ID numbers or record ids (a short number is a record id). One ID
number for both (a record awaiting merge and the one holding its ID): the active record
survives. The clerk signs in for the one command as `yibao pay` does.

Exit codes: 0 done; 2 a refusal; 3 the database failed; 4 both records paid for a year
and no --keep-payment said which payment stands; 5 the unmerge met a change made since
the merge that it cannot settle (the message names the field and both values).
"""

import argparse
import sys

from models.core.errors import DomainError
from models.merging import records
from models.merging.bulk import merge_sure
from models.merging.merge import MergeRequest, MergeResult, PaidTwiceRefused, merge_records, preview
from models.merging.plan import FIELDS
from models.merging.unmerge import UnmergeConflict, unmerge
from models.texts import cli as t
from models.texts import merging as mt
from tui.cli import full_id, options, output

EXIT_PAID_TWICE = 4
EXIT_UNMERGE_CONFLICT = 5
MAX_ID = 2**31 - 1  # the id column's range on PostgreSQL


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("merge", help=mt.HELP_MERGE)
    _signed_in(p)
    p.add_argument("survivor", nargs="?", metavar="SURVIVOR", help=mt.HELP_SURVIVOR)
    p.add_argument("other", nargs="?", metavar="OTHER", help=mt.HELP_OTHER)
    p.add_argument("--keep", action="append", default=[], metavar="FIELD=other",
                   help=mt.HELP_KEEP.format(fields=mt.LIST_SEPARATOR.join(FIELDS)))
    p.add_argument("--keep-payment", action="append", default=[], metavar="RECEIPT",
                   help=mt.HELP_KEEP_PAYMENT)
    p.add_argument("--new-head", action="append", default=[], metavar="HOUSEHOLD=PERSON",
                   help=mt.HELP_NEW_HEAD)
    p.add_argument("--sure", action="store_true", help=mt.HELP_SURE)
    p.add_argument("--dry-run", action="store_true", help=mt.HELP_DRY_RUN)
    p.add_argument("--reason", default="", help=t.HELP_REASON)
    p.set_defaults(handler=run_merge)

    p = sub.add_parser("unmerge", help=mt.HELP_UNMERGE)
    _signed_in(p)
    p.add_argument("merge_id", type=options.integer(1, MAX_ID), metavar="MERGE_ID",
                   help=mt.HELP_MERGE_ID)
    p.add_argument("--reason", default="", help=t.HELP_REASON)
    p.set_defaults(handler=run_unmerge)


def _signed_in(p: argparse.ArgumentParser) -> None:
    options.add_common(p)
    p.add_argument("--clerk", required=True, metavar="USERNAME", help=t.HELP_PAY_CLERK)
    p.add_argument("--password-stdin", action="store_true", help=t.HELP_PAY_PASSWORD_STDIN)
    p.add_argument("--counter", metavar="C", help=t.HELP_PAY_COUNTER)
    p.add_argument("--json", action="store_true", help=t.HELP_JSON)


def run_merge(args: argparse.Namespace) -> int:
    if args.sure == bool(args.survivor or args.other):
        raise DomainError(mt.MERGE_NEEDS_TWO)
    if not args.sure and not (args.survivor and args.other):
        raise DomainError(mt.MERGE_NEEDS_TWO)
    keep = _pairs(args.keep, "--keep")
    heads = {_int(k, "--new-head"): _int(v, "--new-head")
             for k, v in _pairs(args.new_head, "--new-head").items()}
    clock = options.clock(args)
    options.open_db(options.db_url(args))
    actor = full_id.sign_in_clerk(clock, args.clerk, args.password_stdin, args.counter)
    if args.sure:
        return _bulk(args, clock, actor)
    survivor, other = records.resolve_pair(args.survivor, args.other)
    request = MergeRequest(survivor, other, keep, tuple(args.keep_payment), heads)
    try:
        result = (preview(clock, request) if args.dry_run
                  else merge_records(clock, actor, request, args.reason))
    except PaidTwiceRefused as e:
        print(t.ERROR_PREFIX + e.message, file=sys.stderr)
        return EXIT_PAID_TWICE
    if args.json:
        output.print_json(merge_view(result))
    else:
        print(_in_words(result))
    return 0


def run_unmerge(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    options.open_db(options.db_url(args))
    actor = full_id.sign_in_clerk(clock, args.clerk, args.password_stdin, args.counter)
    try:
        done = unmerge(clock, actor, args.merge_id, args.reason)
    except UnmergeConflict as e:
        print(t.ERROR_PREFIX + e.message, file=sys.stderr)
        return EXIT_UNMERGE_CONFLICT
    if args.json:
        output.print_json({"merge_id": done.merge_id, "survivor": done.survivor_id,
                           "other": done.other_id, "restored": done.restored,
                           "carried": list(done.carried), "refunds": list(done.refunds)})
        return 0
    print(mt.UNMERGED.format(id=done.merge_id, survivor=_who(done.survivor_id),
                             other=_who(done.other_id)))
    for words in done.carried:
        print(mt.UNMERGE_CARRIED.format(what=words))
    if done.refunds:
        print(mt.UNMERGE_REFUND_STAYS.format(numbers=mt.LIST_SEPARATOR.join(done.refunds)))
    return 0


def merge_view(result: MergeResult) -> dict:
    """The JSON of `yibao merge --json`: IDs masked, as every output of the command."""
    return {"merge_id": result.merge_id, "dry_run": result.merge_id is None,
            "survivor": _brief(result.survivor_id), "other": _brief(result.other_id),
            "kept": result.kept, "moved": result.moved, "refunds": list(result.refunds),
            "new_heads": [{"household": h, "head": p} for h, p in result.new_heads]}


def _bulk(args: argparse.Namespace, clock, actor) -> int:
    outcomes = merge_sure(clock, actor, dry_run=args.dry_run, reason=args.reason)
    if args.json:
        output.print_json({"dry_run": args.dry_run, "pairs": [
            {"candidate": o.candidate_id, "refused": o.refused,
             **(merge_view(o.result) if o.result else {})} for o in outcomes]})
        return 0
    for o in outcomes:
        print(_in_words(o.result) if o.result else
              mt.BULK_REFUSED.format(id=o.candidate_id, reason=o.refused))
    done = sum(1 for o in outcomes if o.result)
    print((mt.BULK_DRY_SUMMARY if args.dry_run else mt.BULK_SUMMARY).format(
        done=done, refused=len(outcomes) - done))
    return 0


def _pairs(given: list[str], option: str) -> dict[str, str]:
    pairs = {}
    for text in given:
        key, sep, value = text.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise DomainError(mt.BAD_PAIR.format(option=option, text=text))
        pairs[key.strip()] = value.strip()
    return pairs


def _int(text: str, option: str) -> int:
    if not text.isdigit():
        raise DomainError(mt.BAD_PAIR.format(option=option, text=text))
    return int(text)


def _brief(person_id: int) -> dict:
    b = records.brief(person_id)
    return {"id": b.id, "name": b.name, "id_number": b.masked_id, "status": b.status}


def _who(person_id: int) -> str:
    return records.brief(person_id).in_words()


def _in_words(result: MergeResult) -> str:
    moved = mt.LIST_SEPARATOR.join(f"{mt.TABLE_LABELS[k]} {n}"
                                   for k, n in result.moved.items() if n) or mt.NOTHING_MOVED
    taken = mt.LIST_SEPARATOR.join(mt.FIELD_LABELS[f] for f, w in result.kept.items()
                                   if w == "other") or mt.NOTHING_TAKEN
    words = (mt.MERGE_DRY if result.merge_id is None else mt.MERGED).format(
        id=result.merge_id, survivor=_who(result.survivor_id), other=_who(result.other_id),
        moved=moved, taken=taken)
    if result.refunds:
        words += mt.MERGE_REFUNDS.format(numbers=mt.LIST_SEPARATOR.join(result.refunds))
    return words
