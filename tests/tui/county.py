"""A small county written by hand, for pictures of the screens that stay the same.

Built through the real services on a real SQLite file: the demo region, then three
households registered by a clerk (fixed names, ID numbers, phones), a newborn with a
birth certificate, a correction in one person's history, identity tags and past payments.
Identity tags are rows here because no service writes them yet (rosters come later); the
past payments are history payments written by the bulk writer, as the generator does.
"""

import dataclasses
import datetime as dt
from dataclasses import dataclass

from actors import CLERK, SYSTEM
from stdnum.cn import ric

from models.core.db import open_database
from models.core.schema import IdentityTag, Person, Village
from models.core.unit_of_work import unit_of_work
from models.registry.bulk import BulkWriter, EnrollmentRow, PaymentRow
from models.registry.people import person_detail
from models.registry.regions import load_region
from models.registry.registration import NewHousehold, correct_person, register_person
from models.rules.person import PersonInput
from models.rules.region_file import read_region_file, resolve_region_path

RATE_FEN = 40000  # the individual rate of 2026 and 2027 in the demo files


def id_number(region: str, birth: str, seq: str) -> str:
    body = region + birth + seq
    return body + ric.calc_check_digit(body + "0")


@dataclass(frozen=True)
class Member:
    name: str
    relation: str
    birth: str  # YYYYMMDD
    seq: str  # odd last digit: male; even: female
    phone: str | None = None
    region: str = "430225"


@dataclass(frozen=True)
class Home:
    village: str  # "乡镇 村"
    address: str
    members: tuple[Member, ...]


HOMES = (
    Home("城关镇 城东社区", "城东路12号", (
        Member("王建国", "self", "19680315", "011", "13807310011"),
        Member("李秀英", "spouse", "19700708", "022", "13807310022"),
        Member("王芳", "child", "19951002", "024", "15973120024"),
    )),
    Home("青石镇 青石村", "青石村3组", (
        Member("张德明", "self", "19480120", "031", region="430224"),
        Member("刘桂兰", "spouse", "19510530", "042", "13107310042", region="430224"),
    )),
    Home("桃源乡 竹园村", "竹园村5组", (
        Member("陈志强", "self", "19881205", "051", "18907310051"),
    )),
)
NEWBORN = PersonInput(name="王小禾", id_type="birth_certificate", id_number="Q430225601",
                      gender="F", birth_date=dt.date(2026, 10, 12), relation="grandchild")


def village_ids() -> dict[str, int]:
    return {f"{v.township.name} {v.name}": v.id for v in Village.select()}


def build_county(clock) -> dict[str, int]:
    """Everyone's id by name. The database must be open and empty."""
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    villages, ids, households = village_ids(), {}, []
    for home in HOMES:
        household_id = None
        for m in home.members:
            data = PersonInput(name=m.name, id_type="resident",
                               id_number=id_number(m.region, m.birth, m.seq), gender=None,
                               birth_date=None, relation=m.relation, phone=m.phone)
            detail = register_person(
                clock, CLERK, data, household_id=household_id, documents=("id_card",),
                new_household=None if household_id else NewHousehold(villages[home.village],
                                                                     home.address))
            household_id, ids[m.name] = detail.household.id, detail.id
        households.append(household_id)
    baby = register_person(clock, CLERK, NEWBORN, household_id=households[0],
                           documents=("birth_certificate", "hukou_book"))
    ids[baby.name] = baby.id

    wife = person_detail(ids["刘桂兰"], clock.today(), 2027)
    correct_person(clock, CLERK, wife.id, wife.version,
                   dataclasses.replace(wife.as_input(), phone="13107319999"),
                   reason="本人来电更换手机号", documents=("id_card",))

    for name, category, source in (("张德明", "extreme_poverty", "民政局特困人员名单2026年10月"),
                                   ("刘桂兰", "minimum_living", "民政局低保名单2026年10月")):
        IdentityTag.create(person=ids[name], category=category, source=source,
                           valid_from=dt.date(2026, 10, 1))
    paid: dict[tuple[str, int], list[EnrollmentRow]] = {}
    for name, year, subsidy, paid_at in (
            ("王建国", 2026, 0, "2025-11-03 09:12:00"),
            ("李秀英", 2026, 0, "2025-11-03 09:12:00"),
            ("王芳", 2026, 0, "2025-12-20 15:40:00"),
            ("张德明", 2026, RATE_FEN, "2025-10-08 10:05:00"),
            ("刘桂兰", 2026, RATE_FEN // 2, "2025-10-08 10:05:00"),
            ("王建国", 2027, 0, "2026-10-15 08:31:00"),
            ("李秀英", 2027, 0, "2026-10-15 08:31:00"),
            ("刘桂兰", 2027, RATE_FEN // 2, "2026-11-02 14:20:00")):
        household = Person.get_by_id(ids[name]).household_id
        paid.setdefault((paid_at, household), []).append(EnrollmentRow(
            ids[name], year, f"demo-{year}", "regular", "individual", RATE_FEN, subsidy,
            RATE_FEN - subsidy, dt.date(year, 1, 1), dt.date(year, 12, 31)))
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        for (paid_at, household), lines in paid.items():
            writer.add_payment(PaymentRow(household, dt.datetime.fromisoformat(paid_at),
                                          tuple(lines)))
    return ids


def open_county(path, clock):
    """A fresh SQLite file at `path` with the county in it; returns (database, ids)."""
    db = open_database(f"sqlite:///{path}")
    return db, build_county(clock)
