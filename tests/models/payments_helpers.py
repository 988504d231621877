"""What the payment tests share: the demo region's families, registered through the real
services, and their tags."""

import datetime as dt

from actors import CLERK
from registry_helpers import DOCS, make_id, person

from models.core.schema import IdentityTag
from models.registry.registration import NewHousehold, register_person
from models.rules.person import PersonInput
from models.rules.policy import load_policy_id

D = dt.date.fromisoformat
POLICY_2027 = "demo-2027"
RATE = 40000  # demo-2026/2027 individual rate, fen


def policy(policy_id: str = POLICY_2027):
    return load_policy_id(policy_id)


def family_of_four(clock, village: int) -> dict[str, int]:
    """Head, spouse (低保 from 2026-10-01), child, grandmother: their ids by name."""
    ids = {}
    head = register_person(clock, CLERK, person("王建国", make_id("19800101", "011")),
                           new_household=NewHousehold(village, "青石村3组"), documents=DOCS)
    ids["王建国"] = head.id
    for name, birth, seq, relation in (("李秀英", "19820202", "022", "spouse"),
                                       ("王小明", "20100303", "033", "child"),
                                       ("赵桂兰", "19500404", "044", "parent")):
        ids[name] = register_person(clock, CLERK, person(name, make_id(birth, seq),
                                                         relation=relation),
                                    household_id=head.household.id, documents=DOCS).id
    tag(ids["李秀英"], "minimum_living", D("2026-10-01"))
    return ids


def tag(person_id: int, category: str, valid_from: dt.date, valid_to: dt.date | None = None):
    IdentityTag.create(person=person_id, category=category, source="民政局名单",
                       valid_from=valid_from, valid_to=valid_to)


def newborn(clock, household_id: int, birth: dt.date, number: str = "Q430225601") -> int:
    data = PersonInput(name="王小禾", id_type="birth_certificate", id_number=number,
                       gender="F", birth_date=birth, relation="grandchild")
    return register_person(clock, CLERK, data, household_id=household_id,
                           documents=("birth_certificate", "hukou_book")).id
