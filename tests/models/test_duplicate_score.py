"""The pure duplicate scorer (issue 14 point 1): every kind of duplicate the issue names,
and the pairs that must never be called one person."""

import datetime as dt

import pytest
from stdnum.cn import ric

from models.rules.duplicates import Decision, PersonRecord, score_pair
from models.rules.duplicates.ids import IdRelation, neighbours, relate
from models.rules.duplicates.names import NameRelation
from models.rules.duplicates.names import relate as name_relate

BIRTH = dt.date(1986, 3, 7)


def valid_id(birth: dt.date = BIRTH, seq: int = 123, region: str = "130402") -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def rec(id_=1, name="张伟", number=None, id_type=None, gender="M", birth=BIRTH,
        household=10, village=100, placeholder=False) -> PersonRecord:
    number = valid_id() if number is None else number or None
    id_type = id_type or ("resident" if number else "none")
    return PersonRecord(id_, name, id_type, number, gender, birth, household, village,
                        placeholder)


def test_same_id_same_name_is_sure_in_another_village():
    s = score_pair(rec(), rec(2, household=11, village=101))
    assert s.decision is Decision.SURE and s.score >= 0.99
    assert s.reasons[:3] == ("证件号码相同", "姓名相同", "出生日期相同")


def test_old_15_digit_number_is_the_same_id():
    number = valid_id()
    old = number[:6] + number[8:17]
    s = score_pair(rec(), rec(2, number=old, household=11))
    assert s.decision is Decision.SURE
    assert "15位旧号码升为18位后相同" in s.reasons


@pytest.mark.parametrize("other, relation", [
    ("張偉", NameRelation.TRADITIONAL),
    ("张玮", NameRelation.HOMOPHONE),
    ("张伟", NameRelation.SAME),
])
def test_name_typos_with_the_same_id_are_sure(other, relation):
    assert name_relate("张伟", other) is relation
    assert score_pair(rec(), rec(2, name=other)).decision is Decision.SURE


def test_lookalike_character():
    assert name_relate("王己", "王已") is NameRelation.LOOKALIKE
    s = score_pair(rec(name="王己"), rec(2, name="王已"))
    assert s.decision is Decision.SURE and "姓名有形近字（己 / 已）" in s.reasons


def test_surname_readings_make_homophones_right():
    # 单 as a surname is shàn: 单伟 sounds like 善伟, not 丹伟
    assert name_relate("单伟", "善伟") is NameRelation.HOMOPHONE
    assert name_relate("单伟", "丹伟") is NameRelation.DIFFERENT
    assert name_relate("曾强", "增强") is NameRelation.HOMOPHONE


def test_same_id_but_another_name_is_for_review():
    s = score_pair(rec(), rec(2, name="李秀英", gender="M"))
    assert s.decision is Decision.REVIEW


def test_transposed_digits_failing_the_check_is_sure():
    number = valid_id()
    swapped = number[:14] + number[15] + number[14] + number[16:]
    assert relate("resident", number, "resident", swapped)[0] is IdRelation.TYPO_SWAP
    s = score_pair(rec(), rec(2, number=swapped, household=11))
    assert s.decision is Decision.SURE
    assert any("颠倒" in r and "后一条" in r for r in s.reasons)


def test_one_mistyped_digit_failing_the_check_is_sure():
    number = valid_id()
    typo = number[:15] + str((int(number[15]) + 3) % 10) + number[16:]
    assert relate("resident", typo, "resident", number) == (IdRelation.TYPO_DIGIT, "a")
    assert score_pair(rec(number=typo), rec(2)).decision is Decision.SURE


def test_two_valid_different_ids_are_two_people():
    s = score_pair(rec(), rec(2, number=valid_id(seq=125)))
    assert s.decision is Decision.DIFFERENT


def test_twins_are_never_sure():
    # same household, same day, neighbouring sequence numbers, both valid
    a = rec(name="张伟", number=valid_id(seq=123))
    b = rec(2, name="张玮", number=valid_id(seq=125))
    s = score_pair(a, b)
    assert s.decision is Decision.DIFFERENT
    assert s.reasons[0].startswith("同户同日出生")


def test_day_and_month_swapped():
    swapped = dt.date(1986, 7, 3)
    s = score_pair(rec(), rec(2, number="", birth=swapped, household=11, village=101))
    assert s.decision is Decision.SURE
    assert score_pair(rec(), rec(2, name="张玮", number="", birth=swapped)).decision \
        is Decision.REVIEW
    assert "出生日期月、日颠倒（1986-03-07 / 1986-07-03）" in s.reasons


@pytest.mark.parametrize("placeholder", ["王芳宝宝", "李之子", "王某某之女"])
def test_placeholder_baby_then_its_real_name(placeholder):
    baby = dt.date(2026, 5, 1)
    held = rec(name=placeholder, number="", birth=baby, gender="F", placeholder=True)
    real = rec(2, name="张小雨", number=valid_id(baby, 124), birth=baby, gender="F")
    s = score_pair(held, real)
    assert s.decision is Decision.SURE
    assert any(placeholder in r for r in s.reasons)
    # the same placeholder against a baby of another household, even in its village
    other = rec(3, name="刘思", number=valid_id(baby, 126), birth=baby, gender="F",
                household=99)
    assert score_pair(held, other).decision is Decision.DIFFERENT


def test_no_id_same_name_and_day_elsewhere_is_sure_a_homophone_for_review():
    s = score_pair(rec(), rec(2, number="", household=11, village=101))
    assert s.decision is Decision.SURE
    s = score_pair(rec(), rec(2, name="张玮", number="", household=11, village=101))
    assert s.decision is Decision.REVIEW


def test_a_slip_of_the_number_onto_someone_else_is_two_people():
    number = valid_id()
    typo = number[:15] + str((int(number[15]) + 3) % 10) + number[16:]
    assert score_pair(rec(number=typo), rec(2, name="李娜")).decision is Decision.DIFFERENT


def test_other_gender_or_day_without_id_is_different():
    assert score_pair(rec(), rec(2, number="", gender="F")).decision is Decision.DIFFERENT
    assert score_pair(rec(), rec(2, number="", birth=dt.date(1986, 3, 8))).decision \
        is Decision.DIFFERENT


def test_strangers_are_different_and_the_score_stays_in_its_band():
    s = score_pair(rec(), rec(2, name="李娜", number=valid_id(dt.date(1990, 1, 1), 42),
                               gender="F", household=5, village=6))
    assert s.decision is Decision.DIFFERENT and 0 <= s.score < 0.5


def test_neighbours_cover_every_slip():
    number = valid_id()
    near = set(neighbours(number))
    assert number[:14] + number[15] + number[14] + number[16:] in near
    assert number[:17] + "X" in near or number[17] == "X"
    assert number not in near
