import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from models.rules.idcard import (
    IdDocument,
    IdError,
    IdType,
    check_against,
    convert_15_to_18,
    id_key,
    mask,
    normalize,
    parse_id,
    region_name,
)

TODAY = dt.date(2026, 11, 22)


def make_id(region="430225", birth="19900805", seq="101"):
    body = region + birth + seq
    return body + ric.calc_check_digit(body + "0")


VALID = make_id()  # 43022519900805101X-style, computed


def test_normalises_full_width_spaces_and_lower_x():
    raw = "４３０２２５ １９９００８０５ " + VALID[14:17] + VALID[17].lower()
    assert normalize(raw) == VALID.upper()
    assert normalize("43022519900805101x") == "43022519900805101X"
    assert normalize("4302-2519 9008\u300005101×") == "43022519900805101X"


def test_valid_resident_number_gives_birth_date_gender_region():
    doc = parse_id(VALID, TODAY)
    assert doc == IdDocument(IdType.RESIDENT, VALID, dt.date(1990, 8, 5), "M", "430225")
    female = parse_id(make_id(seq="102"), TODAY)
    assert female.gender == "F"


def test_wrong_check_character_names_the_right_one():
    wrong = VALID[:17] + ("0" if VALID[17] != "0" else "1")
    with pytest.raises(IdError) as e:
        parse_id(wrong, TODAY)
    assert f"校验位错误，应为{VALID[17]}" in e.value.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "请输入证件号码"),
        ("4302251990080510", "应为18位"),
        ("4302251990080510123", "应为18位"),
        ("43022519900805a01X", "不该出现的字符“A”"),
        (make_id(birth="19900231")[:17] + "0", "不是有效日期"),
        (make_id(birth="20300101"), "在今天之后"),
        (make_id(region="439999"), "地区码439999不存在"),
    ],
)
def test_refusals_are_clear_chinese(text, fragment):
    with pytest.raises(IdError) as e:
        parse_id(text, TODAY)
    assert fragment in e.value.message


def test_15_digit_number_converts_to_18():
    old = "430225900805101"
    doc = parse_id(old, TODAY)
    assert doc.number == make_id(birth="19900805", seq="101")
    assert doc.converted_from == old
    assert doc.birth_date == dt.date(1990, 8, 5)
    assert convert_15_to_18(old, TODAY) == doc.number
    assert id_key("resident", old) == doc.number


def test_15_digit_refuses_to_guess_a_person_over_100():
    with pytest.raises(IdError) as e:
        convert_15_to_18("430225200101101", TODAY)  # 1920 → 106 years old
    assert "1920年" in e.value.message and "超过100岁" in e.value.message
    # exactly 100 on the day is still converted
    hundred = "430225261122101"
    assert convert_15_to_18(hundred, TODAY).startswith("43022519261122")


def test_hong_kong_macao_taiwan_permits():
    number = make_id(region="810000", birth="19850101", seq="123")
    doc = parse_id(number, TODAY)
    assert doc.id_type is IdType.HMT_PERMIT and doc.gender == "M"
    with pytest.raises(IdError) as e:
        parse_id(number, TODAY, id_type="resident")
    assert "港澳台居民居住证" in e.value.message


def test_foreign_permanent_residence_ids():
    new = make_id(region="911156", birth="19800312", seq="014")
    doc = parse_id(new, TODAY)
    assert doc.id_type is IdType.FOREIGN_PERMANENT and doc.birth_date == dt.date(1980, 3, 12)
    old = parse_id("USA310080312001", TODAY)
    assert old.id_type is IdType.FOREIGN_PERMANENT and old.birth_date is None
    # foreigners must have a birth date entered (seed 003, 四(五)1)
    with pytest.raises(IdError) as e:
        check_against(old, None, "M")
    assert "请录入出生日期" in e.value.message
    check_against(old, dt.date(1980, 3, 12), "M")


def test_birth_certificate_numbers_for_newborns():
    doc = parse_id("p430012345", TODAY)
    assert doc == IdDocument(IdType.BIRTH_CERTIFICATE, "P430012345")
    with pytest.raises(IdError) as e:
        parse_id("P43001234", TODAY, id_type="birth_certificate")
    assert "1个字母加9位数字" in e.value.message


def test_entered_birth_date_and_gender_must_agree():
    doc = parse_id(VALID, TODAY)
    check_against(doc, dt.date(1990, 8, 5), "M")
    with pytest.raises(IdError) as e:
        check_against(doc, dt.date(1990, 8, 6), "M")
    assert "号码中为1990-08-05，录入的是1990-08-06" in e.value.message
    with pytest.raises(IdError) as e:
        check_against(doc, None, "F")
    assert "号码表示男，录入的是女" in e.value.message


def test_mask_keeps_region_and_last_four():
    assert mask(VALID) == VALID[:6] + "********" + VALID[-4:]
    assert mask(None) == ""


def test_region_name_uses_latest_name():
    assert region_name("430225") == "湖南省炎陵县"
    assert region_name("439999") is None


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=30))
def test_parser_never_crashes_on_any_text(text):
    try:
        doc = parse_id(text, TODAY)
    except IdError as e:
        assert e.message  # a message for the clerk, never empty
    else:
        assert (isinstance(doc, IdDocument) and doc.number == normalize(text)) or doc.converted_from


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["430225", "430923", "341721", "140522", "110101"]),
    st.dates(min_value=dt.date(1927, 1, 1), max_value=TODAY),
    st.integers(0, 999),
)
def test_every_well_formed_number_round_trips(region, birth, seq):
    number = make_id(region, birth.strftime("%Y%m%d"), f"{seq:03d}")
    doc = parse_id(number, TODAY)
    assert doc.birth_date == birth
    assert doc.gender == ("M" if seq % 2 else "F")
    # one wrong digit anywhere is caught (the check character catches single substitutions)
    i = seq % 17
    wrong = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1:]
    with pytest.raises(IdError):
        parse_id(wrong, TODAY)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"\A[0-9０-９ xX×-]{0,22}\Z"))
def test_digit_like_noise_gives_value_or_message(text):
    try:
        parse_id(text, TODAY)
    except IdError as e:
        assert e.message
