"""The payment slip (机打小票): a PaymentSlip in, slip lines out. Pure: no database, no
printer. `slip_from_receipt` fills a PaymentSlip from the payments contract's
PaymentReceipt (models/payments/paying.py) by attribute, so this module needs nothing
from that package."""

import datetime as dt
from dataclasses import dataclass

from models.rules.masking import mask_id
from models.rules.money import yuan
from models.texts import labels
from models.texts import printing as p
from printing import lines as ln
from printing.capitals import capitals
from printing.cells import Paper
from printing.lines import Line


@dataclass(frozen=True)
class SlipItem:
    """One line of money (the contract's QuotedLine)."""
    benefit_year: int
    kind: str  # year | repaid_year
    case: str
    gross: int
    subsidy: int
    subsidy_category: str | None
    payable: int
    benefit_start: dt.date | None = None
    benefit_end: dt.date | None = None
    waiting_months: int | None = None


@dataclass(frozen=True)
class SlipMember:
    name: str
    id_number: str | None
    birth_date: dt.date
    items: tuple[SlipItem, ...]
    payable: int


@dataclass(frozen=True)
class PaymentSlip:
    receipt_no: str
    region_code: str
    region_name: str
    counter: str
    clerk_name: str
    channel: str
    tendered: int | None
    change: int | None
    total: int
    status: str
    paid_at: dt.datetime
    members: tuple[SlipMember, ...]
    qr_text: str
    reprint: int = 0  # 0: the first print; n: the n-th 补打


def slip_from_receipt(receipt, qr_text: str, reprint: int = 0) -> PaymentSlip:
    """A PaymentSlip from a PaymentReceipt (any object with the contract's fields)."""
    members = tuple(
        SlipMember(name=m.name, id_number=m.id_number, birth_date=m.birth_date,
                   payable=m.payable,
                   items=tuple(SlipItem(
                       benefit_year=q.benefit_year, kind=q.kind, case=q.case, gross=q.gross,
                       subsidy=q.subsidy, subsidy_category=q.subsidy_category,
                       payable=q.payable, benefit_start=q.benefit_start,
                       benefit_end=q.benefit_end, waiting_months=q.waiting_months)
                       for q in m.lines))
        for m in receipt.members)
    return PaymentSlip(
        receipt_no=receipt.receipt_no, region_code=receipt.region_code,
        region_name=receipt.region_name, counter=receipt.counter,
        clerk_name=receipt.clerk_name or receipt.clerk, channel=receipt.channel,
        tendered=receipt.tendered, change=receipt.change, total=receipt.total,
        status=receipt.status, paid_at=receipt.paid_at, members=members, qr_text=qr_text,
        reprint=reprint)


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def money(fen: int) -> str:
    return p.YUAN_SIGN + yuan(fen)


def payment_lines(slip: PaymentSlip, paper: Paper) -> list[Line]:
    out = header(p.SLIP_TITLE, slip.region_name, slip.region_code, paper)
    out += marks(slip.status, slip.reprint, paper)
    out += ln.text(p.SLIP_RECEIPT_NO.format(no=slip.receipt_no), paper)
    out += ln.text(p.SLIP_PAID_AT.format(at=slip.paid_at.strftime(p.SLIP_DATETIME_FORMAT)),
                   paper)
    out += ln.text(p.SLIP_COUNTER_CLERK.format(counter=slip.counter, clerk=slip.clerk_name),
                   paper)
    for number, member in enumerate(slip.members, start=1):
        out.append(ln.rule())
        out += member_lines(number, member, slip.paid_at.date(), paper)
    out.append(ln.rule())
    out += ln.pair(p.SLIP_TOTAL, money(slip.total), paper, bold=True)
    out += ln.text(p.SLIP_TOTAL_CAPITALS.format(capitals=capitals(slip.total)), paper,
                   indent="  ", bold=True)
    out += ln.pair(p.SLIP_CHANNEL, p.CHANNEL_LABELS.get(slip.channel, slip.channel), paper)
    if slip.channel == "cash":  # tendered None: the exact amount
        tendered = slip.total if slip.tendered is None else slip.tendered
        change = tendered - slip.total if slip.change is None else slip.change
        out += ln.pair(p.SLIP_TENDERED, money(tendered), paper)
        out += ln.pair(p.SLIP_CHANGE, money(change), paper)
    out.append(ln.rule())
    out += ln.text(p.SLIP_KEEP, paper)
    out += ln.centered(p.SLIP_QR_LABEL, paper)
    out.append(ln.qr(slip.qr_text))
    out += ln.centered(slip.qr_text, paper)
    return out


def member_lines(number: int, member: SlipMember, day: dt.date, paper: Paper) -> list[Line]:
    out = ln.text(p.SLIP_MEMBER_HEAD.format(n=number, name=member.name,
                                            age=age_on(member.birth_date, day)),
                  paper, indent="   ", bold=True)
    if member.id_number:
        out += ln.text(p.SLIP_ID.format(id=mask_id(member.id_number)), paper, indent="  ")
    for item in member.items:
        out += item_lines(item, paper)
    return out


def item_lines(item: SlipItem, paper: Paper) -> list[Line]:
    if item.kind == "repaid_year":
        head = p.SLIP_REPAID_YEAR.format(year=item.benefit_year)
    else:
        head = p.SLIP_YEAR_CASE.format(year=item.benefit_year,
                                       case=labels.CASE_LABELS.get(item.case, item.case))
    out = ln.text(head, paper, indent="  ")
    out += ln.pair("  " + p.SLIP_GROSS, money(item.gross), paper)
    if item.subsidy:
        category = labels.IDENTITY_LABELS.get(item.subsidy_category or "",
                                              item.subsidy_category)
        label = p.SLIP_SUBSIDY_WITH.format(category=category) if category else p.SLIP_SUBSIDY
        out += ln.pair("  " + label, money(item.subsidy), paper)
    out += ln.pair("  " + p.SLIP_PAYABLE, money(item.payable), paper)
    if item.benefit_start and item.benefit_end:
        out += ln.text("  " + p.SLIP_COVERED.format(
            start=item.benefit_start.strftime(p.SLIP_DATE_FORMAT),
            end=item.benefit_end.strftime(p.SLIP_DATE_FORMAT)), paper, indent="    ")
    if item.waiting_months:
        out += ln.text("  " + p.SLIP_WAITING.format(months=item.waiting_months), paper)
    return out


def header(title: str, region_name: str, region_code: str, paper: Paper) -> list[Line]:
    out = ln.title(title, paper)
    out += ln.centered(p.SLIP_SUBTITLE.format(region=region_name, code=region_code), paper)
    return out


def marks(status: str, reprint: int, paper: Paper) -> list[Line]:
    out = []
    if p.SLIP_STATUS.get(status):
        out += ln.centered(p.SLIP_STATUS[status], paper, bold=True)
    if reprint:
        out += ln.centered(p.SLIP_REPRINT.format(n=reprint), paper, bold=True)
    return out
