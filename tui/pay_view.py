"""How the pay screen puts a member's quote into words: the table's rows, the details pane,
the total and the change. Plain functions of the services' answers, so the screen keeps
only the keys and the calls."""

from models.payments.paying import PaymentReceipt
from models.payments.quoting import MemberQuote, QuotedLine
from models.rules.masking import mask_id
from models.rules.money import parse_yuan, yuan
from models.rules.policy import Policy
from models.texts import counter as ct
from models.texts import labels
from models.texts import pay_screen as t
from tui.widgets import cells, clip

# The table's cut columns, so that a row fits 120 cells: each is read in full in the
# details pane below.
CASE_CELLS = 12
NOTE_CELLS = 24


def member_rows(quote: MemberQuote | None, name: str, relation: str, year: int,
                policy: Policy, chosen: bool, problem: str | None) -> list[list]:
    """The table's rows for one member: one a line of money (a newborn's two years are two
    rows, a repaid year one more), the mark and the name on the first only. A refused
    member, or one whose case is still being filled in, is one row saying why."""
    relation_word = labels.RELATION_LABELS.get(relation, relation)
    if quote is None or problem or not quote.allowed:
        why = problem or (quote.reason if quote else t.PAY_LOADING)
        case = policy.label(quote.request.case) if quote else ""
        return [cells(t.PAY_REFUSED, name, relation_word, year, clip(case, CASE_CELLS), "", "",
                      "", "", "",
                      clip(t.PAY_NOTE_REFUSED.format(reason=why), NOTE_CELLS))]
    rows = []
    for i, line in enumerate(quote.lines):
        first = i == 0
        mark = (t.PAY_CHOSEN if chosen else t.PAY_NOT_CHOSEN) if first else ""
        rows.append(cells(mark, name if first else "", relation_word if first else "",
                          line.benefit_year, clip(_case(line, policy), CASE_CELLS),
                          t.RATE_SHORT.get(line.rate_kind, "") if line.rate_kind else "",
                          yuan(line.gross), yuan(line.subsidy), yuan(line.payable),
                          _period(line), clip(_note(line, policy), NOTE_CELLS)))
    return rows


def details(quote: MemberQuote | None, policy: Policy, chosen: bool,
            problem: str | None) -> str:
    """Everything the quote says of the member under the cursor: each line's money, cover
    and waiting period, and the clauses that decided it."""
    if quote is None:
        return t.PAY_LOADING
    out = [t.DETAILS_TITLE.format(
        name=quote.name, relation=labels.RELATION_LABELS.get(quote.relation, quote.relation),
        id_number=mask_id(quote.id_number) or ct.NO_VALUE, birth=quote.birth_date)]
    if problem:
        out.append(problem)
    elif not quote.allowed:
        out.append(t.DETAILS_REFUSED.format(reason=quote.reason))
    else:
        if not chosen:
            out.append(t.DETAILS_NOT_CHOSEN)
        rule = policy.cases.get(quote.request.case)
        if rule is not None and "birth" in rule.needs:
            out.append(t.DETAILS_BIRTH_DATE.format(birth=quote.birth_date))
        for line in quote.lines:
            out.append(_line_details(line, policy))
            out += [t.DETAILS_CLAUSE.format(clause=c) for c in line.clauses]
        out += [t.DETAILS_NOTE.format(note=n) for n in quote.notes]
        if policy.waiting is not None:
            out.append(t.DETAILS_MISSED.format(missed=quote.missed_years,
                                               repaid=quote.request.repaid_years))
    out.append(t.DETAILS_IDENTITIES.format(identities=ct.LIST_SEPARATOR.join(
        policy.label(c) for c in quote.identities)) if quote.identities
        else t.DETAILS_NO_IDENTITY)
    return "\n".join(out)


def _line_details(line: QuotedLine, policy: Policy) -> str:
    if line.kind == "repaid_year":
        return t.DETAILS_REPAID.format(year=line.benefit_year, payable=yuan(line.payable))
    waiting = (t.DETAILS_WAITING.format(months=line.waiting_months) if line.waiting_months
               else t.DETAILS_NO_WAITING)
    category = (t.DETAILS_CATEGORY.format(category=policy.label(line.subsidy_category))
                if line.subsidy_category else "")
    return t.DETAILS_LINE.format(
        year=line.benefit_year, case=policy.label(line.case), rate=_rate(line),
        gross=yuan(line.gross), subsidy=yuan(line.subsidy), category=category,
        payable=yuan(line.payable), start=line.benefit_start or ct.NO_VALUE,
        end=line.benefit_end or ct.NO_VALUE, waiting=waiting)


def _case(line: QuotedLine, policy: Policy) -> str:
    if line.kind == "repaid_year":
        return t.PAY_REPAID_LINE.format(year=line.benefit_year)
    return policy.label(line.case)


def _rate(line: QuotedLine) -> str:
    return labels.RATE_LABELS.get(line.rate_kind, line.rate_kind) if line.rate_kind else ""


def _period(line: QuotedLine) -> str:
    if line.benefit_start is None and line.benefit_end is None:
        return ""
    return t.PERIOD.format(start=line.benefit_start or "", end=line.benefit_end or "")


def _note(line: QuotedLine, policy: Policy) -> str:
    notes = []
    if line.subsidy_category:
        notes.append(policy.label(line.subsidy_category))
    if line.waiting_months:
        notes.append(t.PAY_WAITING.format(months=line.waiting_months))
    return ct.LIST_SEPARATOR.join(notes)


def tendered_fen(text: str) -> int | None:
    """What the clerk typed as tendered, in fen (None: left empty, the exact amount).
    ValueError (its message Chinese) if it is not an amount."""
    text = text.strip()
    return parse_yuan(text) if text else None


def total_line(count: int, lines: int, total: int, channel: str, tendered_text: str) -> str:
    """合计 and, for cash, the change as typed (or what is still short)."""
    out = t.TOTAL_LINE.format(count=count, lines=lines, total=yuan(total))
    if channel != "cash":
        return out
    try:
        tendered = tendered_fen(tendered_text)
    except ValueError:
        return out + t.TOTAL_BAD_TENDERED.format(text=tendered_text.strip())
    if tendered is None:
        return out + t.TOTAL_EXACT
    if tendered < total:
        return out + t.TOTAL_SHORT.format(tendered=yuan(tendered), short=yuan(total - tendered))
    return out + t.TOTAL_CHANGE.format(tendered=yuan(tendered), change=yuan(tendered - total))


def confirm_question(quotes: list[MemberQuote], total: int, channel: str,
                     tendered: int | None, policy: Policy) -> str:
    members = "\n".join(t.PAY_CONFIRM_MEMBER.format(
        name=q.name, years=ct.LIST_SEPARATOR.join(_case(line, policy) if line.kind ==
                                                  "repaid_year" else t.PAY_YEAR.format(
                                                      year=line.benefit_year)
                                                  for line in q.lines),
        payable=yuan(q.payable)) for q in quotes)
    cash = ""
    if channel == "cash" and tendered is not None:
        cash = t.PAY_CONFIRM_CASH.format(tendered=yuan(tendered), change=yuan(tendered - total))
    return t.PAY_CONFIRM.format(members=members, total=yuan(total),
                                channel=t.CHANNEL_LABELS[channel], cash=cash)


def receipt_fields(receipt: PaymentReceipt, policy) -> list[tuple[str, str]]:
    """The receipt as label and value, for the record shown once it is paid."""
    fields = [(t.RECEIPT_NO, receipt.receipt_no), (t.RECEIPT_TOTAL, yuan(receipt.total)),
              (t.RECEIPT_CHANNEL, t.CHANNEL_LABELS.get(receipt.channel, receipt.channel))]
    if receipt.channel == "cash" and receipt.tendered is not None:
        fields.append((t.RECEIPT_TENDERED, t.RECEIPT_TENDERED_VALUE.format(
            tendered=yuan(receipt.tendered), change=yuan(receipt.change or 0))))
    fields += [(t.RECEIPT_CLERK, receipt.clerk_name),
               (t.RECEIPT_TIME, receipt.paid_at.strftime(t.RECEIPT_TIME_FORMAT))]
    for member in receipt.members:
        fields.append((t.RECEIPT_MEMBER.format(name=member.name), ct.LIST_SEPARATOR.join(
            t.RECEIPT_MEMBER_LINE.format(year=line.benefit_year, case=policy.label(line.case)
                                         if line.kind == "year" else t.PAY_REPAID_LINE.format(
                                             year=line.benefit_year),
                                         payable=yuan(line.payable))
            for line in member.lines)))
    return fields
