"""NUL characters and lone surrogates never reach a driver (psycopg2 refuses a NUL with
ValueError, both drivers a lone surrogate with UnicodeEncodeError): the service's last
checks drop them, a policy or region file holding one is malformed, and a driver's
refusal that slips past is a DomainError in words."""

import pytest
from actors import CLERK, WANG
from registry_helpers import DOCS, make_id, person

from models.core.errors import DomainError
from models.core.schema import Township
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.paths import POLICIES, REGIONS
from models.registry.registration import correct_person, register_person
from models.rules.person import PersonInput, check_person
from models.rules.policy_reader import read_policy
from models.rules.region_file import read_region_file
from models.texts import messages as msg


def test_the_person_check_drops_nul_and_lone_surrogates(clock):
    checked = check_person(PersonInput("王\x00小\ud800明", "resident",
                                       make_id("20100303", "033") + "\x00", None, None,
                                       "child", "139\udcff12345678", False), clock.today())
    assert (checked.name, checked.phone) == ("王小明", "13912345678")
    assert checked.id_number == make_id("20100303", "033")


def test_a_registration_and_a_correction_with_unfit_text_are_saved_clean(family, clock):
    head = family[0]
    born = register_person(clock, CLERK, person("王\x00芳", make_id("20120404", "044"),
                                               relation="child"),
                           household_id=head.household.id, documents=DOCS)
    assert born.name == "王芳"
    fixed = PersonInput(**{**born.as_input().__dict__, "name": "王\ud83d芳芳"})
    done = correct_person(clock, WANG, born.id, born.version, fixed,
                          reason="姓名\x00错字\udc80", documents=DOCS,
                          address="青石村\x003组")
    assert done.name == "王芳芳" and done.household.address == "青石村3组"
    assert done.history[0].reason == "姓名错字"


def test_a_driver_refusing_text_is_a_message(db, clock):
    @retry_on_conflict
    def write():
        with unit_of_work(clock, CLERK):
            Township.create(name="青\ud800石镇", code="001")

    with pytest.raises(DomainError) as refused:
        write()
    assert refused.value.message == msg.TEXT_UNFIT
    assert Township.select().count() == 0


def _with_escaped_nul(source, tmp_path, escape: str):
    """A copy of `source` whose first string value starts with `escape` (a NUL written
    as a TOML escape): the copy and the 1-based line it is on."""
    lines = source.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if '= "' in line)
    lines[at] = lines[at].replace('= "', '= "' + escape, 1)
    broken = tmp_path / source.name
    broken.write_text("\n".join(lines), encoding="utf-8")
    return broken, at + 1


def test_a_policy_file_with_an_escaped_nul_is_malformed(tmp_path):
    broken, line = _with_escaped_nul(POLICIES / "demo-2026.toml", tmp_path, "\\u0000")
    with pytest.raises(DomainError, match=f"第{line}行.*空字符"):
        read_policy(broken)


def test_a_region_file_with_an_escaped_nul_is_malformed(tmp_path):
    broken, _ = _with_escaped_nul(REGIONS / "demo.toml", tmp_path, "\\U00000000")
    with pytest.raises(DomainError, match="空字符"):
        read_region_file(broken)
