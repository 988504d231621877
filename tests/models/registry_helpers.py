"""What the registry tests share: ID numbers that pass the check digit, a typed person."""

from stdnum.cn import ric

from models.rules.person import PersonInput

DOCS = ("id_card", "hukou_book")


def make_id(birth="19900805", seq="101", region="430225"):
    body = region + birth + seq
    return body + ric.calc_check_digit(body + "0")


def person(name="张伟", number=None, relation="self", **kw):
    fields = {"id_type": "resident", "id_number": number or make_id(), "gender": None,
              "birth_date": None, "phone": None, "placeholder": False, **kw}
    return PersonInput(name=name, relation=relation, **fields)
