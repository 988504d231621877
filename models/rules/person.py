"""What a registration says, and the rules a form applies to it as the clerk types.

Pure: no database. `check_person` raises the first broken rule in Chinese.
"""

import datetime as dt
import re
from dataclasses import dataclass, replace

from models.core.errors import DomainError
from models.rules import idcard, limits, names
from models.rules.clean_text import clean
from models.rules.idcard import IdType
from models.texts import labels
from models.texts import messages as msg

RELATIONS = tuple(labels.RELATION_LABELS)
PLACEHOLDER_SUFFIX = msg.PLACEHOLDER_SUFFIX
MOBILE_NUMBER = re.compile(r"^1[0-9]{10}$")  # what registration takes and lookup recognises


@dataclass(frozen=True)
class PersonInput:
    """What the clerk typed. Birth date and gender may be left for the ID to supply."""

    name: str
    id_type: str
    id_number: str | None
    gender: str | None
    birth_date: dt.date | None
    relation: str
    phone: str | None = None
    placeholder: bool = False


@dataclass(frozen=True)
class CheckedPerson:
    """A registration that passed every rule, normalised and ready to store."""

    name: str
    name_pinyin: str
    name_initials: str
    id_type: str
    id_number: str | None
    id_key: str | None
    gender: str
    birth_date: dt.date
    relation: str
    phone: str | None
    placeholder: bool

    def columns(self) -> dict:
        return {
            "name": self.name, "name_pinyin": self.name_pinyin,
            "name_initials": self.name_initials, "id_type": self.id_type,
            "id_number": self.id_number, "id_key": self.id_key,
            "id_key_rev": self.id_key[::-1] if self.id_key else None, "gender": self.gender,
            "birth_date": self.birth_date, "relation": self.relation, "phone": self.phone,
            "placeholder": self.placeholder,
        }


def hukou_number(region_code: str, household_id: int) -> str:
    """Region code and the household's row id: a number is never handed out twice."""
    return f"{region_code}{household_id:07d}"


# --- the rules a form applies ------------------------------------------------


def check_person(data: PersonInput, today: dt.date) -> CheckedPerson:
    """Every rule on one registration; the first broken one is raised in Chinese."""
    data = _fit(data)
    if data.relation not in RELATIONS:
        raise DomainError(msg.BAD_RELATION.format(relation=data.relation))
    name = names.validate_name(data.name)
    if data.placeholder and (not name.endswith(PLACEHOLDER_SUFFIX)
                             or len(name) <= len(PLACEHOLDER_SUFFIX)):
        raise DomainError(msg.PLACEHOLDER_NEEDS_PARENT)
    birth, gender = data.birth_date, data.gender
    if gender and gender not in ("M", "F"):
        raise DomainError(msg.UNKNOWN_GENDER.format(gender=gender))
    id_type = idcard.id_type_of(data.id_type)
    number = key = None
    if id_type is not IdType.NONE:
        if not (data.id_number or "").strip():
            raise DomainError(msg.ID_NUMBER_REQUIRED)
        doc = idcard.parse_id(data.id_number, today, id_type)
        idcard.check_against(doc, birth, gender)
        number, key = doc.number, idcard.id_key(doc.id_type, doc.number)
        birth, gender = birth or doc.birth_date, gender or doc.gender
    if gender not in ("M", "F"):
        raise DomainError(msg.BAD_GENDER)
    if birth is None:
        raise DomainError(msg.NEEDS_BIRTH_DATE)
    limits.check_birth_date(birth, today)
    phone = idcard.normalize(data.phone or "") or None
    if phone and not MOBILE_NUMBER.match(phone):
        raise DomainError(msg.BAD_PHONE)
    keys = names.name_keys(name)
    return CheckedPerson(name, keys.pinyin, keys.initials, id_type.value, number, key, gender,
                         birth, data.relation, phone, data.placeholder)


def _fit(data: PersonInput) -> PersonInput:
    """The last line before the database: NUL and lone surrogates dropped from the text
    (the edges clean it already; a driver would refuse it, and a refusal quoting a lone
    surrogate could not even be printed)."""
    text = {k: clean(v) for k, v in data.__dict__.items() if isinstance(v, str)}
    return replace(data, **text) if any(text[k] != getattr(data, k) for k in text) else data
