"""征缴进度: each village's (or township's, as the region's targets are set) paid headcount
against its target, as seed 002's table (序号, 村名, 实际人数, 任务数, 缴款人数, 缴款金额,
备注) plus the enrollment rate, the share of the target done and the gap to it, with a
total row; and the county's figures of the day and the week for the station head.

The counts are one grouped query each (paid lines of the benefit year, kind `year`,
counted once a person), never a load of the payment tables.
"""

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from models.core.db import read_snapshot
from models.core.schema import Household, Payment, PaymentLine, Person, Target, Township, Village
from models.reports.places import find_village
from models.reports.sheets import FEN, NUMBER, RATE, Column, Report, Sheet, region_name
from models.texts import reports as t


@dataclass(frozen=True)
class ProgressRow:
    name: str  # the village, or the township when targets are set by township
    township: str
    population: int
    target: int
    paid: int  # people paid for the year
    amount: int  # fen
    note: str = ""

    @property
    def rate(self) -> float:
        return self.paid / self.population if self.population else 0.0

    @property
    def done(self) -> float:
        return self.paid / self.target if self.target else 0.0

    @property
    def gap(self) -> int:
        return max(self.target - self.paid, 0)


@dataclass(frozen=True)
class Progress:
    region: str
    year: int
    day: dt.date
    unit: str  # village / township
    target_year: int | None
    rows: tuple[ProgressRow, ...]
    today: int = 0  # people paid for the year today
    week: int = 0  # since Monday

    @property
    def total(self) -> ProgressRow:
        return ProgressRow(t.TOTAL_ROW, "", sum(r.population for r in self.rows),
                           sum(r.target for r in self.rows), sum(r.paid for r in self.rows),
                           sum(r.amount for r in self.rows))

    def furthest_behind(self) -> list[ProgressRow]:
        return sorted(self.rows, key=lambda r: (r.done, -r.gap, r.name))


def progress(year: int, day: dt.date, village: str | None = None) -> Progress:
    with read_snapshot():
        return _progress(year, day, village)


def _progress(year: int, day: dt.date, village: str | None) -> Progress:
    target_year = _target_year(year)
    targets = list(Target.select(Target.township, Target.village, Target.population,
                                 Target.target, Target.note)
                   .where(Target.year == target_year).tuples()) if target_year else []
    by_village = any(v is not None for _, v, *_ in targets) or not targets
    townships = dict(Township.select(Township.id, Township.name).tuples())
    villages = {vid: (tid, name) for vid, tid, name in
                Village.select(Village.id, Village.township, Village.name).tuples()}
    paid = _paid(year, by_village)
    place = find_village(village) if village else None
    rows = []
    if by_village:
        goal = {v: (pop, target, note) for _, v, pop, target, note in targets if v}
        order = (Village.select(Village.id).join(Township)
                 .order_by(Township.code, Township.id, Village.code, Village.id).tuples())
        for (vid,) in order:
            if place and vid != place.village_id:
                continue
            tid, name = villages[vid]
            pop, target, note = goal.get(vid, (0, 0, ""))
            count, amount = paid.get(vid, (0, 0))
            rows.append(ProgressRow(name, townships[tid], pop, target, count, amount, note))
    else:
        wanted = villages[place.village_id][0] if place else None
        for tid, _, pop, target, note in sorted(targets, key=lambda r: r[0]):
            if wanted and tid != wanted:
                continue
            count, amount = paid.get(tid, (0, 0))
            rows.append(ProgressRow(townships[tid], townships[tid], pop, target, count,
                                    amount, note))
    monday = day - dt.timedelta(days=day.weekday())
    return Progress(region_name(), year, day, "village" if by_village else "township",
                    target_year, tuple(rows), _paid_since(year, day, day),
                    _paid_since(year, monday, day))


def _target_year(year: int) -> int | None:
    years = sorted(y for (y,) in Target.select(Target.year).distinct().tuples())
    if not years:
        return None
    earlier = [y for y in years if y <= year]
    return earlier[-1] if earlier else years[0]


def _paid(year: int, by_village: bool) -> dict[int, tuple[int, int]]:
    """village (or township) id -> (people paid for the year, fen)."""
    key = Household.village if by_village else Village.township
    query = (PaymentLine.select(key, pw.fn.COUNT(PaymentLine.person.distinct()),
                                pw.fn.SUM(PaymentLine.payable))
             .join(Person, on=PaymentLine.person == Person.id)
             .join(Household, on=Person.household == Household.id)
             .join(Village, on=Household.village == Village.id)
             .where(PaymentLine.status == "paid", PaymentLine.benefit_year == year,
                    PaymentLine.kind == "year")
             .group_by(key).tuples())
    return {place: (count, int(amount or 0)) for place, count, amount in query}


def _paid_since(year: int, start: dt.date, end: dt.date) -> int:
    return (PaymentLine.select(pw.fn.COUNT(PaymentLine.person.distinct()))
            .join(Payment, on=PaymentLine.payment == Payment.id)
            .where(PaymentLine.status == "paid", PaymentLine.benefit_year == year,
                   PaymentLine.kind == "year", Payment.business_day >= start,
                   Payment.business_day <= end).scalar() or 0)


def progress_report(year: int, day: dt.date, village: str | None = None) -> Report:
    figures = progress(year, day, village)
    unit = t.UNIT_VILLAGE if figures.unit == "village" else t.UNIT_TOWNSHIP
    widths = (4, max([len(r.name) * 2 for r in figures.rows] + [8]), 8, 8, 8, 12, 8, 8, 8, 16)
    kinds = (NUMBER, "plain", NUMBER, NUMBER, NUMBER, FEN, RATE, RATE, NUMBER, "plain")
    columns = tuple(Column(h.format(unit=unit), w, k)
                    for h, w, k in zip(t.PROGRESS_HEADERS, widths, kinds, strict=True))
    rows = [(i, r.name, r.population, r.target, r.paid, r.amount, r.rate, r.done, r.gap,
             r.note) for i, r in enumerate(figures.rows, 1)]
    s = figures.total
    note = (t.PROGRESS_TARGETS_OF.format(year=figures.target_year)
            if figures.target_year not in (None, year) else "")
    gaps = sum(r.gap for r in figures.rows)  # the column's sum, so the total agrees
    total = (None, s.name, s.population, s.target, s.paid, s.amount, s.rate, s.done, gaps,
             note)
    title = t.PROGRESS_TITLE.format(region=figures.region, year=year, day=day.isoformat())
    return Report("progress", [Sheet(t.PROGRESS_SHEET, title, columns, rows, total)])
