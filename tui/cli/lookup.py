"""`yibao lookup`: the counter's lookup without the window, as text, JSON or a JSON line
per query read from stdin."""

import argparse
import sys
from collections.abc import Iterator

from models.core.errors import DomainError
from models.registry import lookup
from models.rules.clean_text import is_fit
from models.rules.masking import mask_phone
from models.texts import cli as t
from models.texts import labels
from models.texts import messages as domain_text
from tui.cli import full_id, options, output

# What a page may ask for: a page is for reading, not for dumping the register, and a
# benefit year outside these is a typing error, not a year with no payments.
MAX_LIMIT = 500
MAX_OFFSET = 100_000
YEARS = (2000, 2100)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lookup", help=t.HELP_LOOKUP)
    options.add_common(p)
    p.add_argument("text", nargs="?", help=t.HELP_LOOKUP_TEXT)
    p.add_argument("--json", action="store_true", help=t.HELP_JSON)
    p.add_argument("--stdin", action="store_true", help=t.HELP_STDIN)
    p.add_argument("--limit", type=options.integer(1, MAX_LIMIT), default=lookup.PAGE_SIZE,
                   help=t.HELP_LIMIT.format(high=MAX_LIMIT))
    p.add_argument("--offset", type=options.integer(0, MAX_OFFSET), default=0,
                   help=t.HELP_OFFSET)
    p.add_argument("--year", type=options.integer(*YEARS), help=t.HELP_YEAR)
    p.add_argument("--full-id", action="store_true", help=t.HELP_FULL_ID)
    p.add_argument("--clerk", metavar="USERNAME", help=t.HELP_LOOKUP_CLERK)
    p.add_argument("--password-stdin", action="store_true", help=t.HELP_LOOKUP_PASSWORD_STDIN)
    p.set_defaults(handler=run)


def page_view(page: lookup.LookupPage, full_id: bool = False) -> dict:
    """The JSON contract of one answer: the hits go out as "results", their ID numbers
    and phones masked unless full_id (the keys stay the same either way)."""
    return {"query": page.query, "kinds": page.kinds, "offset": page.offset,
            "has_more": page.has_more, "results": shown_hits(page.hits, full_id)}


def shown_hits(hits: tuple[lookup.PersonHit, ...], full_id: bool) -> tuple:
    """What leaves the process: masking is output only, the search used the whole number."""
    if full_id:
        return hits
    return tuple(hit._replace(id_number=hit.masked_id or None,
                              phone=mask_phone(hit.phone) or None) for hit in hits)


def run(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    if not args.stdin and not args.text:
        raise DomainError(domain_text.LOOKUP_EMPTY)
    if args.full_id and not args.clerk:
        raise DomainError(t.FULL_ID_NEEDS_CLERK)
    options.open_db(options.db_url(args), migrate=False)
    supervisor = full_id.sign_in(clock, args.clerk, args.password_stdin) if args.full_id \
        else None
    answered = 0

    def find(text: str) -> lookup.LookupPage:
        nonlocal answered
        page = lookup.lookup(text, clock, limit=args.limit, offset=args.offset,
                             benefit_year=args.year)
        answered += 1
        return page

    try:
        return _answer(args, find, bool(supervisor))
    finally:
        if supervisor is not None:
            full_id.record_use(clock, supervisor, answered)


def _answer(args: argparse.Namespace, find, full: bool) -> int:
    if args.stdin:
        for query in _stdin_lines():
            try:
                if not is_fit(query):
                    raise DomainError(t.STDIN_LINE_NOT_TEXT)
                answer = page_view(find(query), full)
            except DomainError as e:
                answer = {"query": output.shown(query), "error": e.message}
            output.print_json(answer, indent=None)
        return 0
    page = find(args.text)
    if args.json:
        output.print_json(page_view(page, full))
        return 0
    page = page._replace(hits=shown_hits(page.hits, full))
    if not page.hits:
        print(t.LOOKUP_NONE)
    for hit in page.hits:
        print("\t".join(_text_row(hit)))
    if page.has_more:
        print(t.LOOKUP_MORE.format(offset=page.offset + len(page.hits)))
    return 0


def _stdin_lines() -> Iterator[str]:
    """Each line of stdin without its line end. Read as bytes and decoded line by line: a
    line that is not UTF-8 comes out with lone surrogates (and is answered with an error
    line), and the lines after it are still read and answered."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:  # a text stream (a test's): it is text already
        for line in sys.stdin:
            yield line.rstrip("\r\n")
        return
    for raw in binary:
        yield raw.rstrip(b"\r\n").decode("utf-8", "surrogateescape")


def _text_row(hit) -> list[str]:
    """A hit as a line for a person to read: codes in the clerk's words (the JSON keeps the
    codes), this year's status last when --year asked for it."""
    row = [hit.id, hit.name, hit.id_number or "-", labels.GENDER_LABELS.get(hit.gender, hit.gender),
           hit.age, hit.township, hit.village, hit.hukou_no,
           labels.RELATION_LABELS.get(hit.relation, hit.relation),
           labels.STATUS_LABELS.get(hit.status, hit.status), hit.phone or ""]
    if hit.year_status is not None:
        row.append(labels.YEAR_STATUS_LABELS.get(hit.year_status, hit.year_status))
    return ["" if value is None else str(value) for value in row]
