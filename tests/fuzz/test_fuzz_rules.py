"""Property-based: the pure rules (ID parser, person check, quote engine) give a result
or a DomainError for whatever they are handed, never another exception (issue 10, 5)."""

import datetime as dt

import pytest
from fuzzing import (
    counted,
    dates,
    fuzz,
    id_numbers,
    odd_text,
    result_or_domain_error,
    spoiled,
    today,
    wild_text,
)
from hypothesis import given
from hypothesis import strategies as st

from models.core.errors import DomainError
from models.rules import idcard
from models.rules.person import RELATIONS, CheckedPerson, PersonInput, check_person
from models.rules.policy import CASES, IDENTITIES, list_policies, policies_for_region
from models.rules.quote_years import QuoteAnswer, quote_years
from models.texts import labels

ID_TYPES = st.one_of(st.sampled_from([*labels.ID_TYPE_LABELS, "", "RESIDENT"]), wild_text)
POLICIES = list_policies()
REGION_POLICIES = {p.id: policies_for_region(p.region_code, p.region_name) for p in POLICIES}


@pytest.mark.parametrize(("gender", "id_type", "fragment"), [
    ("X", "resident", "性别不对"), ("男", "none", "性别不对"), ("m", "resident", "性别不对"),
    (None, "passport", "证件类型不对"), ("M", "", "证件类型不对"), ("F", "NONE", "证件类型不对"),
])
def test_person_check_refuses_a_gender_or_id_type_it_does_not_know(gender, id_type, fragment):
    """Was KeyError (labels.GENDER_LABELS[gender]) and ValueError (IdType(id_type))."""
    number = None if id_type == "none" else "430225199001011234"
    data = PersonInput("王建国", id_type, number, gender, dt.date(1990, 1, 1), "self")
    with pytest.raises(DomainError, match=fragment):
        check_person(data, dt.date(2026, 11, 22))
    with pytest.raises(DomainError):
        idcard.parse_id("430225199001011234", dt.date(2026, 11, 22), "passport")
    with pytest.raises(DomainError):
        idcard.id_key("passport", "430225199001011234")


@fuzz(3000)
@given(number=id_numbers, on=today, id_type=st.one_of(st.none(), ID_TYPES))
def test_id_parser(number, on, id_type):
    counted("idcard.parse_id")
    doc = result_or_domain_error(idcard.parse_id, number, on, id_type)
    if doc is not None:
        assert doc.id_type in idcard.IdType and doc.number
        assert doc.birth_date is None or doc.birth_date <= on
        assert idcard.id_key(doc.id_type, doc.number)
    idcard.wrong_check_character(number)
    assert isinstance(idcard.mask(number), str)


@fuzz(1500)
@given(name=st.one_of(st.sampled_from(["王建国", "李秀英（胎儿）", "阿卜杜·热合曼"]), odd_text,
                     st.sampled_from(["王建国", "李秀英（胎儿）"]).flatmap(spoiled)),
       id_type=ID_TYPES, number=st.one_of(st.none(), id_numbers),
       gender=st.one_of(st.none(), st.sampled_from(["M", "F", "", "m", "男", "X"]), wild_text),
       birth=st.one_of(st.none(), dates),
       relation=st.one_of(st.sampled_from(RELATIONS), wild_text),
       phone=st.one_of(st.none(), st.just("13812345678"), odd_text),
       placeholder=st.booleans(), on=today)
def test_person_check(name, id_type, number, gender, birth, relation, phone, placeholder, on):
    counted("person.check_person")
    data = PersonInput(name, id_type, number, gender, birth, relation, phone, placeholder)
    checked = result_or_domain_error(check_person, data, on)
    if checked is not None:
        assert isinstance(checked, CheckedPerson)
        assert checked.gender in ("M", "F") and checked.birth_date <= on


@st.composite
def quote_case(draw):
    policy = draw(st.sampled_from(POLICIES))
    year = policy.benefit_year
    around = st.dates(min_value=dt.date(year - 3, 1, 1), max_value=dt.date(year + 1, 12, 31))
    day = st.one_of(around, dates)
    case = draw(st.one_of(st.sampled_from(policy.case_codes), st.sampled_from(CASES),
                          wild_text))
    identities = draw(st.lists(st.one_of(st.sampled_from(policy.category_codes or ["x"]),
                                         st.sampled_from(IDENTITIES), wild_text), max_size=4))
    missed = draw(st.one_of(st.integers(0, 5), st.integers(-3, 200), st.integers()))
    repaid = draw(st.one_of(st.integers(0, 5), st.integers(-3, 200), st.integers()))
    return dict(policy=policy, case=case, on=draw(day),
                birth=draw(st.one_of(st.none(), day)), event=draw(st.one_of(st.none(), day)),
                identities=identities, missed_years=missed, repaid_years=repaid)


@fuzz(1500)
@given(case=quote_case())
def test_quote_engine(case):
    counted("quote.quote_years")
    policy = case.pop("policy")
    answer = result_or_domain_error(
        quote_years, policy, case.pop("case"), case.pop("on"),
        region_policies=REGION_POLICIES[policy.id], **case)
    if answer is not None:
        assert isinstance(answer, QuoteAnswer) and answer.years
        assert isinstance(answer.total_payable, int) and answer.total_payable >= 0
        for year in answer.years:
            assert year.allowed or year.reason
            if year.allowed:
                assert isinstance(year.payable, int) and year.payable >= 0
