"""未缴费清册: per village, the registered people (active records) not yet paid for the
benefit year, household by household, for door-to-door collection; with a second sheet
of each village's unpaid households and people and their total.

Read a page of households at a time (keyset on the household number within a village)
and their unpaid members in one query per page, so a county of a million is never held
whole, on SQLite or PostgreSQL. IDs and phones are masked unless `full_ids` (a
supervisor's, checked by the caller).
"""

import datetime as dt
from collections.abc import Iterator

import peewee as pw

from models.core.schema import Household, PaymentLine, Person
from models.reports.places import Place, all_villages, find_village
from models.reports.sheets import NUMBER, TEXT, Column, Report, Sheet, region_name
from models.rules.masking import mask_id, mask_phone
from models.texts import labels
from models.texts import reports as t

PAGE = 2000  # households a query


def unpaid_report(year: int, day: dt.date, village: str | None = None,
                  full_ids: bool = False) -> Report:
    places = [find_village(village)] if village else all_villages()
    counts: list[tuple[Place, int, int]] = []
    region = region_name()
    widths = (6, 8, max([len(p.village) * 2 for p in places] + [8]), 14, 8, 8, 10, 4, 20, 13)
    kinds = (NUMBER, "plain", "plain", TEXT, "plain", "plain", "plain", "plain", TEXT, TEXT)
    columns = tuple(Column(h, w, k) for h, w, k in zip(t.UNPAID_HEADERS, widths, kinds,
                                                       strict=True))
    people = Sheet(t.UNPAID_SHEET, t.UNPAID_TITLE.format(region=region, year=year,
                                                         day=day.isoformat()),
                   columns, _rows(places, year, full_ids, counts))

    def count_rows() -> Iterator[tuple]:
        for i, (place, households, persons) in enumerate(counts, 1):
            yield i, place.township, place.village, households, persons

    summary = Sheet(t.UNPAID_COUNT_SHEET, t.UNPAID_COUNT_TITLE.format(region=region, year=year),
                    tuple(Column(h, w, k) for h, w, k in zip(
                        t.UNPAID_COUNT_HEADERS, (6, 8, widths[2], 10, 10),
                        (NUMBER, "plain", "plain", NUMBER, NUMBER), strict=True)),
                    count_rows(),
                    totals_of=lambda: (None, t.TOTAL_ROW, None, sum(c[1] for c in counts),
                                       sum(c[2] for c in counts)))
    return Report("unpaid", [people, summary])


def _rows(places: list[Place], year: int, full_ids: bool,
          counts: list) -> Iterator[tuple]:
    n = 0
    show_id = (lambda x: x or "") if full_ids else mask_id
    show_phone = (lambda x: x or "") if full_ids else mask_phone
    for place in places:
        households = persons = 0
        last = None
        for hukou_no, head, name, relation, gender, id_number, phone in _village(place, year):
            n += 1
            persons += 1
            if hukou_no != last:
                households, last = households + 1, hukou_no
            yield (n, place.township, place.village, hukou_no, head or "", name,
                   labels.RELATION_LABELS.get(relation, relation),
                   labels.GENDER_LABELS.get(gender, gender), show_id(id_number),
                   show_phone(phone))
        counts.append((place, households, persons))


def _village(place: Place, year: int) -> Iterator[tuple]:
    after = ""
    while True:
        page = list(Household.select(Household.id, Household.hukou_no)
                    .where(Household.village == place.village_id, Household.hukou_no > after)
                    .order_by(Household.hukou_no).limit(PAGE).tuples())
        if not page:
            return
        yield from _members([hid for hid, _ in page], year)
        after = page[-1][1]


def _members(household_ids: list[int], year: int) -> list[tuple]:
    head = Person.alias()
    paid = (PaymentLine.select(pw.SQL("1"))
            .where(PaymentLine.person == Person.id, PaymentLine.benefit_year == year,
                   PaymentLine.status == "paid", PaymentLine.kind == "year"))
    query = (Person.select(Household.hukou_no, head.name, Person.name, Person.relation,
                           Person.gender, Person.id_number, Person.phone)
             .join(Household, on=Person.household == Household.id)
             .join(head, pw.JOIN.LEFT_OUTER,
                   on=(head.household == Household.id) & (head.relation == "self")
                   & (head.status == "active"))
             .where(Person.household.in_(household_ids), Person.status == "active",
                    Person.placeholder == False,  # noqa: E712 (SQL, not Python)
                    ~pw.fn.EXISTS(paid))
             .order_by(Household.hukou_no, pw.Case(None, [(Person.relation == "self", 0)], 1),
                       Person.id))
    return list(query.tuples())
