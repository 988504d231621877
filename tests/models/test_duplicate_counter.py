"""The counter's duplicate check (issue 14 point 2): the scorer over the candidates the
blocking keys fetch, before registering or correcting."""

import datetime as dt

import pytest
from actors import CLERK
from registry_helpers import DOCS, make_id, person

from models.core.schema import DuplicateCandidate, Person
from models.registry.registration import (
    DuplicatesFound,
    NewHousehold,
    correct_person,
    register_person,
)
from models.rules.person import PersonInput


def test_a_mistyped_id_on_file_is_found_by_its_neighbours(region, clock):
    right = make_id("19700412", "135")
    first = register_person(clock, CLERK, person("赵国强", make_id("19700412", "157")),
                            new_household=NewHousehold(region), documents=DOCS)
    typo = right[:14] + right[15] + right[14] + right[16:]  # fails the check
    Person.update(id_number=typo, id_key=typo, id_key_rev=typo[::-1]).where(
        Person.id == first.id).execute()  # as an old roster wrote it
    with pytest.raises(DuplicatesFound) as e:
        register_person(clock, CLERK, person("赵国强", right),
                        new_household=NewHousehold(region), documents=DOCS)
    (hit,) = e.value.candidates
    assert hit.id == first.id and hit.match == "sure"
    assert any("颠倒" in r for r in e.value.scores[first.id].reasons)


def test_the_placeholder_baby_is_found_when_it_is_named(family, clock):
    head = family[0]
    hh = head.household.id
    born = dt.date(2026, 10, 1)
    held = register_person(clock, CLERK, PersonInput("李秀英宝宝", "none", None, "F", born,
                                                     "child", placeholder=True),
                           household_id=hh, documents=DOCS)
    real = PersonInput("王小雨", "resident", make_id("20261001", "024"), "F", born, "child")
    with pytest.raises(DuplicatesFound) as e:
        register_person(clock, CLERK, real, household_id=hh, documents=DOCS)
    assert [(h.id, h.match) for h in e.value.candidates] == [(held.id, "sure")]
    assert "一条是未取名婴儿占位（李秀英宝宝）" in e.value.scores[held.id].reasons


def test_a_homophone_with_day_and_month_swapped_is_shown(family, region, clock):
    spouse = family[1]  # 李秀英, born 1982-02-02: registered again as 李秀瑛, 1982-02-02
    again = PersonInput("李秀瑛", "none", None, "F", dt.date(1982, 2, 2), "self")
    with pytest.raises(DuplicatesFound) as e:
        register_person(clock, CLERK, again, new_household=NewHousehold(region),
                        documents=DOCS)
    assert [h.id for h in e.value.candidates] == [spouse.id]
    assert "姓名同音（lixiuying）" in e.value.scores[spouse.id].reasons
    child = family[2]  # 王小明, 2010-03-03; typed 2010-03-03 → look for 王晓明 born 2010-03-03
    swapped = PersonInput("王晓明", "none", None, child.gender, dt.date(2010, 3, 3), "self")
    with pytest.raises(DuplicatesFound):
        register_person(clock, CLERK, swapped, new_household=NewHousehold(region),
                        documents=DOCS)
    head = family[0]  # 王建国 1980-01-01 is no swap; a 1980-01-12 王建国 is 1980-12-01 swapped
    Person.update(birth_date=dt.date(1980, 12, 1)).where(Person.id == head.id).execute()
    typed = PersonInput("王建国", "none", None, "M", dt.date(1980, 1, 12), "self")
    with pytest.raises(DuplicatesFound) as e:
        register_person(clock, CLERK, typed, new_household=NewHousehold(region),
                        documents=DOCS)
    assert any("月、日颠倒" in r for r in e.value.scores[head.id].reasons)


def test_a_correction_that_makes_a_duplicate_is_shown_then_saved(family, region, clock):
    head = family[0]
    stranger = register_person(clock, CLERK, PersonInput("王建", "none", None, "M",
                                                         dt.date(1980, 1, 1), "self"),
                               new_household=NewHousehold(region), documents=DOCS)
    fixed = PersonInput("王建国", "none", None, "M", dt.date(1980, 1, 1), "self")
    kwargs = {"reason": "姓名漏字", "documents": DOCS}
    with pytest.raises(DuplicatesFound) as e:
        correct_person(clock, CLERK, stranger.id, stranger.version, fixed, **kwargs)
    assert [h.id for h in e.value.candidates] == [head.id]
    assert Person.get_by_id(stranger.id).name == "王建"  # nothing saved yet
    saved = correct_person(clock, CLERK, stranger.id, stranger.version, fixed,
                           duplicates_seen=frozenset({head.id}), **kwargs)
    assert saved.name == "王建国"
    row = DuplicateCandidate.get()
    assert (row.person_a_id, row.person_b_id, row.source) == (head.id, stranger.id, "counter")
