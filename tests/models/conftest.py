"""The registry's fixtures: the demo region loaded, and a family of three registered."""

import os

import pytest
from actors import CLERK, SYSTEM
from registry_helpers import DOCS, make_id, person

from models.core.schema import Village
from models.registry.regions import load_region
from models.registry.registration import NewHousehold, register_person
from models.rules.region_file import read_region_file, resolve_region_path

# scrypt at a test cost (models/access/passwords.py; production never sets it): 2^17 takes
# about 0.3 s a hash. Read at the first hash; processes the tests start inherit it. The
# upgrade test runs at the production cost.
os.environ.setdefault("YIBAO_SCRYPT_LOG_N", "10")


@pytest.fixture
def region(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    return Village.select().order_by(Village.id).first().id


@pytest.fixture
def family(region, clock):
    """A household of three: head, spouse, child."""
    head = register_person(clock, CLERK, person("王建国", make_id("19800101", "011")),
                           new_household=NewHousehold(region, "青石村3组"), documents=DOCS)
    hh = head.household.id
    spouse = register_person(clock, CLERK, person("李秀英", make_id("19820202", "022"),
                                                 relation="spouse"), household_id=hh,
                             documents=DOCS)
    child = register_person(clock, CLERK, person("王小明", make_id("20100303", "033"),
                                                relation="child"), household_id=hh,
                            documents=DOCS)
    return head, spouse, child
