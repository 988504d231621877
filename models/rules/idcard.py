"""Identity documents seen at the counter: parsing, normalisation and checks.

Pure functions, no database. Every refusal is an `IdError` whose message a clerk
can act on.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from stdnum import numdb
from stdnum.cn import ric

from models.core.errors import DomainError
from models.rules.masking import mask_id
from models.texts import labels
from models.texts import messages as msg


class IdType(StrEnum):
    RESIDENT = "resident"  # 居民身份证
    HMT_PERMIT = "hmt_permit"  # 港澳台居民居住证
    FOREIGN_PERMANENT = "foreign_permanent"  # 外国人永久居留身份证
    BIRTH_CERTIFICATE = "birth_certificate"  # 出生医学证明
    NONE = "none"  # 无证件（老人、待补录）


HMT_PREFIXES = frozenset({"810000", "820000", "830000"})  # Hong Kong, Macao, Taiwan
MAX_GUESSED_AGE = 100

_RESIDENT_18 = re.compile(r"^[0-9]{17}[0-9X]$")
_RESIDENT_15 = re.compile(r"^[0-9]{15}$")
_FOREIGN_OLD = re.compile(r"^[A-Z]{3}[0-9]{12}$")
_BIRTH_CERT = re.compile(r"^[A-Z][0-9]{9}$")
_SEPARATORS = re.compile(r"[\s\-_./·]+")


class IdError(DomainError):
    pass


@dataclass(frozen=True)
class IdDocument:
    id_type: IdType
    number: str
    birth_date: dt.date | None = None
    gender: str | None = None  # "M" or "F"
    region_code: str | None = None
    converted_from: str | None = None  # the old 15-digit number, when converted


def normalize(text: str) -> str:
    """Full-width to half-width, drop spaces and separators, upper-case letters."""
    text = unicodedata.normalize("NFKC", text or "").replace("×", "X")
    return _SEPARATORS.sub("", text).upper()


def parse_id(text: str, today: dt.date, id_type: IdType | str | None = None) -> IdDocument:
    """Read one document number; with no `id_type`, recognise it by its shape."""
    number = normalize(text)
    if not number:
        raise IdError(msg.ID_EMPTY)
    wanted = id_type_of(id_type) if id_type else None
    if wanted is IdType.NONE:
        raise IdError(msg.ID_TYPE_NONE_HAS_NUMBER)
    detected = _detect(number)
    if wanted and detected and wanted is not detected:
        raise IdError(msg.ID_TYPE_MISMATCH.format(detected=labels.ID_TYPE_LABELS[detected],
                                                  wanted=labels.ID_TYPE_LABELS[wanted]))
    kind = wanted or detected
    if kind is None:
        raise IdError(_shape_error(number))
    parser = {
        IdType.RESIDENT: _parse_resident,
        IdType.HMT_PERMIT: _parse_hmt,
        IdType.FOREIGN_PERMANENT: _parse_foreign,
        IdType.BIRTH_CERTIFICATE: _parse_birth_certificate,
    }[kind]
    return parser(number, today)


def id_type_of(value: IdType | str) -> IdType:
    """The document type a code names; an unknown code is an IdError, not a ValueError."""
    try:
        return IdType(value)
    except ValueError:
        raise IdError(msg.UNKNOWN_ID_TYPE.format(id_type=value)) from None


def convert_15_to_18(number: str, today: dt.date) -> str:
    """Old 15-digit resident number to 18 digits ("19" before the year, new check)."""
    number = normalize(number)
    if not _RESIDENT_15.match(number):
        raise IdError(msg.ID15_SHAPE)
    birth = _birth_date(number[6:12], century="19", source=number)
    if _age(birth, today) > MAX_GUESSED_AGE:
        raise IdError(msg.ID15_TOO_OLD.format(year=birth.year))
    body = number[:6] + "19" + number[6:]
    return body + ric.calc_check_digit(body + "0")


def id_key(id_type: IdType | str, number: str | None) -> str | None:
    """The search and duplicate key: 18 digits for resident numbers, even old 15-digit ones."""
    if not number:
        return None
    number = normalize(number)
    if id_type_of(id_type) is IdType.RESIDENT and _RESIDENT_15.match(number):
        body = number[:6] + "19" + number[6:]
        return body + ric.calc_check_digit(body + "0")
    return number


def check_against(doc: IdDocument, birth_date: dt.date | None, gender: str | None) -> None:
    """The birth date and gender the clerk entered must agree with the number."""
    if doc.birth_date is None and birth_date is None:
        raise IdError(msg.ID_NEEDS_BIRTH_DATE.format(kind=labels.ID_TYPE_LABELS[doc.id_type]))
    if doc.birth_date and birth_date and doc.birth_date != birth_date:
        raise IdError(msg.ID_BIRTH_MISMATCH.format(in_number=doc.birth_date.isoformat(),
                                                   entered=birth_date.isoformat()))
    if gender is not None and gender not in labels.GENDER_LABELS:
        raise IdError(msg.UNKNOWN_GENDER.format(gender=gender))
    if doc.gender and gender and doc.gender != gender:
        raise IdError(msg.ID_GENDER_MISMATCH.format(in_number=labels.GENDER_LABELS[doc.gender],
                                                    entered=labels.GENDER_LABELS[gender]))


def wrong_check_character(number: str) -> str | None:
    """For 17 digits and a check character that does not fit them, the one that does;
    None for a right check character or any other shape."""
    number = normalize(number)
    if not (len(number) == 18 and _is_digits(number[:17])
            and (_is_digits(number[17]) or number[17] == "X")):
        return None
    expected = ric.calc_check_digit(number)
    return expected if expected != number[17] else None


def check_character(number: str) -> str:
    """The check character that the first 17 characters, ASCII digits, call for."""
    return ric.calc_check_digit(number)


def mask(number: str | None) -> str:
    """Shown on screens and slips: region and last four only (models/rules/masking.py)."""
    return mask_id(number)


def region_name(code: str) -> str | None:
    """Province and county for a six-digit code, in its latest name, or None."""
    info = _region_info(code)
    if info is None:
        return None
    county = info["county"].split(",")[-1]
    county = county.split("]")[-1]
    return info.get("province", "") + county


# --- internals -------------------------------------------------------------


def _detect(number: str) -> IdType | None:
    if _RESIDENT_18.match(number):
        if number[:6] in HMT_PREFIXES:
            return IdType.HMT_PERMIT
        if number.startswith("9"):
            return IdType.FOREIGN_PERMANENT
        return IdType.RESIDENT
    if _RESIDENT_15.match(number):
        return IdType.RESIDENT
    if _FOREIGN_OLD.match(number):
        return IdType.FOREIGN_PERMANENT
    if _BIRTH_CERT.match(number):
        return IdType.BIRTH_CERTIFICATE
    return None


def _shape_error(number: str) -> str:
    body = number[:-1] if number.endswith("X") else number
    if not body or _is_digits(body):
        return msg.ID_WRONG_LENGTH.format(length=len(number))
    bad = next(c for c in body if not _is_digits(c))
    return msg.ID_BAD_CHARACTER.format(char=bad)


def _parse_resident(number: str, today: dt.date) -> IdDocument:
    if _RESIDENT_15.match(number):
        converted = convert_15_to_18(number, today)
        doc = _parse_resident(converted, today)
        return IdDocument(doc.id_type, doc.number, doc.birth_date, doc.gender,
                          doc.region_code, converted_from=number)
    _check_18(number, today)
    if _region_info(number[:6]) is None:
        raise IdError(msg.ID_UNKNOWN_REGION.format(code=number[:6]))
    return _document(IdType.RESIDENT, number, today)


def _parse_hmt(number: str, today: dt.date) -> IdDocument:
    _check_18(number, today)
    if number[:6] not in HMT_PREFIXES:
        raise IdError(msg.HMT_PREFIX)
    return _document(IdType.HMT_PERMIT, number, today)


def _parse_foreign(number: str, today: dt.date) -> IdDocument:
    if _FOREIGN_OLD.match(number):
        # The old 15-character card carries a two-digit year: the clerk enters the birth date.
        return IdDocument(IdType.FOREIGN_PERMANENT, number)
    if not number.startswith("9"):
        raise IdError(msg.FOREIGN_SHAPE)
    _check_18(number, today)
    return _document(IdType.FOREIGN_PERMANENT, number, today)


def _parse_birth_certificate(number: str, today: dt.date) -> IdDocument:
    if not _BIRTH_CERT.match(number):
        raise IdError(msg.BIRTH_CERT_SHAPE)
    return IdDocument(IdType.BIRTH_CERTIFICATE, number)


def _check_18(number: str, today: dt.date) -> None:
    if len(number) != 18:
        raise IdError(msg.ID_WRONG_LENGTH.format(length=len(number)))
    if not _is_digits(number[:17]):
        raise IdError(msg.ID_FIRST17_DIGITS)
    if not (_is_digits(number[17]) or number[17] == "X"):
        raise IdError(msg.ID_LAST_CHAR)
    birth = _birth_date(number[6:14], century="", source=number)
    if birth > today:
        raise IdError(msg.ID_BIRTH_IN_FUTURE.format(date=birth.isoformat()))
    expected = ric.calc_check_digit(number)
    if number[17] != expected:
        raise IdError(msg.ID_CHECKSUM.format(expected=expected))


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _document(kind: IdType, number: str, today: dt.date) -> IdDocument:
    birth = _birth_date(number[6:14], century="", source=number)
    gender = "M" if int(number[16]) % 2 else "F"
    return IdDocument(kind, number, birth, gender, number[:6])


def _birth_date(digits: str, century: str, source: str) -> dt.date:
    text = century + digits
    try:
        birth = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise IdError(msg.ID_BAD_BIRTH_DATE.format(digits=text)) from None
    if birth.year < 1890:
        raise IdError(msg.ID_BAD_BIRTH_DATE.format(digits=text))
    return birth


def _age(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


@lru_cache(maxsize=4096)
def _region_info(code: str) -> dict[str, str] | None:
    info = {k: v for _, props in numdb.get("cn/loc").info(code) for k, v in props.items()}
    return info if "county" in info else None


def age_on(birth: dt.date, day: dt.date) -> int:
    return _age(birth, day)
