"""One base-roster row (参保底表) read and checked: pure, no database.

A row arrives as the cells under the header, keyed by field (`township`, `village`,
`hukou_no`, `relation`, `name`, `gender`, `id_number`, `birth_date`, `phone`,
`identity`), with whatever types openpyxl gave them (text, numbers, datetimes).
`check_row` returns a `CheckedRow` or raises `RowRefused` with the reason in Chinese.

Legacy data comes in with its flaws noted, not refused: an 18-character ID whose check
character does not fit its first 17 is kept exactly as written (which character is
wrong cannot be known) and flagged for correction, as the counter's lookup flags it
(idcard.wrong_check_character). What cannot be read is refused: an ID Excel stored as
a number (its last digits are gone), an empty name, a date that is not a date.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from models.core.errors import DomainError
from models.rules import idcard, limits, names
from models.rules.clean_text import clean
from models.texts import labels
from models.texts import rosters as t

HEADER_FIELDS = tuple(t.BASE_HEADERS)
REQUIRED_FIELDS = tuple(f for f in HEADER_FIELDS if f not in t.OPTIONAL_HEADERS)
PLACE_LENGTH = 60  # a township's or village's name
HUKOU_LENGTH = 20  # household.hukou_no
RELATIONS = {**{v: k for k, v in labels.RELATION_LABELS.items()}, **t.RELATION_WORDS}
IDENTITIES = {**{v: k for k, v in labels.IDENTITY_LABELS.items()}, **t.IDENTITY_WORDS}
GENDERS = {**t.GENDER_WORDS, "M": "M", "F": "F"}
_IDENTITY_SPLIT = re.compile("[" + re.escape(t.IDENTITY_SEPARATORS) + "]+")
_DATE_SPLIT = re.compile("[" + re.escape(t.DATE_SEPARATORS) + r"\-\s]+")
_EXACT_DIGITS = 15  # an Excel number holds 15 significant digits exactly


class RowRefused(DomainError):
    pass


@dataclass(frozen=True)
class CheckedRow:
    line: int  # the row's number on its sheet
    township: str
    village: str
    hukou_no: str
    relation: str
    name: str
    gender: str
    id_type: str
    id_number: str | None
    id_key: str | None
    birth_date: dt.date
    phone: str | None
    identities: tuple[str, ...]
    flaws: tuple[str, ...] = ()
    check_character: str | None = None  # the right one, when the ID's is wrong

    @property
    def place(self) -> tuple[str, str]:
        return self.township, self.village


def header_key(text) -> str:
    """A header cell as compared: NFKC, no spaces."""
    if not isinstance(text, str):
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", clean(text)))


HEADER_KEYS = {**{header_key(v): k for k, v in t.BASE_HEADERS.items()},
               **{header_key(k): v for k, v in t.HEADER_ALIASES.items()}}


def header_fields(cells) -> dict[str, int]:
    """field -> column index for a row of header cells (the first of a repeated one)."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        field = HEADER_KEYS.get(header_key(cell))
        if field and field not in found:
            found[field] = i
    return found


def check_row(line: int, values: dict, today: dt.date) -> CheckedRow:
    flaws: list[str] = []
    township = _text(values, "township", PLACE_LENGTH, required=True)
    village = _text(values, "village", PLACE_LENGTH, required=True)
    hukou_no = _code(values, "hukou_no", HUKOU_LENGTH)
    name = _name(values)
    relation = _relation(values)
    gender = _gender(values.get("gender"))
    birth = _birth_date(values.get("birth_date"))
    id_type, number, key, expected, doc = _id(values.get("id_number"), birth, gender, today)
    if expected:
        flaws.append(t.FLAW_CHECK_CHARACTER.format(expected=expected))
    if doc is not None:
        birth, gender = birth or doc.birth_date, gender or doc.gender
    if birth is None:
        raise RowRefused(t.ROW_NO_BIRTH)
    if gender is None:
        raise RowRefused(t.ROW_NO_GENDER)
    try:
        limits.check_birth_date(birth, today)
    except DomainError as e:
        raise RowRefused(t.ROW_BAD_BIRTH.format(reason=e.message)) from None
    phone = _phone(values.get("phone"))
    identities = _identities(values.get("identity"), flaws)
    return CheckedRow(line, township, village, hukou_no, relation, name, gender, id_type,
                      number, key, birth, phone, identities, tuple(flaws), expected)


# --- the cells ------------------------------------------------------------------


def _label(field: str) -> str:
    return t.BASE_HEADERS.get(field) or t.SUBSIDY_HEADERS.get(field, field)


def _text(values: dict, field: str, limit: int, required: bool = False) -> str:
    value = values.get(field)
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = re.sub(r"\s+", " ", clean(value)).strip()
    elif isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    else:
        raise RowRefused(t.ROW_NOT_TEXT.format(field=_label(field), value=_shown(value)))
    if required and not text:
        raise RowRefused(t.ROW_EMPTY_FIELD.format(field=_label(field)))
    if len(text) > limit:
        raise RowRefused(t.ROW_TEXT_TOO_LONG.format(field=_label(field), length=len(text),
                                                    limit=limit))
    return text


def _code(values: dict, field: str, limit: int) -> str:
    """A household number: text, or a whole number Excel held exactly."""
    value = values.get(field)
    if isinstance(value, float) and value.is_integer() and abs(value) < 10 ** _EXACT_DIGITS:
        value = int(value)
    return _text({field: value}, field, limit, required=True).replace(" ", "")


def _name(values: dict) -> str:
    text = _text(values, "name", limits.NAME_LENGTH * 2, required=True)
    try:
        return names.validate_name(text)
    except DomainError as e:
        raise RowRefused(t.ROW_BAD_NAME.format(reason=e.message)) from None


def _relation(values: dict) -> str:
    text = _text(values, "relation", 20, required=True).replace(" ", "")
    code = RELATIONS.get(text)
    if code is None:
        raise RowRefused(t.ROW_BAD_RELATION.format(value=text))
    return code


def _gender(value) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    code = GENDERS.get(value.strip().upper()) if isinstance(value, str) else None
    if code is None:
        raise RowRefused(t.ROW_BAD_GENDER.format(value=_shown(value)))
    return code


def _birth_date(value) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # 19900805 typed as a number
    if isinstance(value, str):
        day = _date_text(unicodedata.normalize("NFKC", clean(value)).strip())
        if day is not None:
            return day
    raise RowRefused(t.ROW_BAD_DATE.format(value=_shown(value)))


def _date_text(text: str) -> dt.date | None:
    parts = [p for p in _DATE_SPLIT.split(text) if p]
    if len(parts) == 1 and len(parts[0]) == 8 and parts[0].isdigit():
        parts = [parts[0][:4], parts[0][4:6], parts[0][6:]]
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts) \
            or len(parts[0]) != 4:
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _id(value, birth: dt.date | None, gender: str | None,
        today: dt.date) -> tuple:
    """(id type, number as stored, id key, the right check character if it is wrong,
    the document read)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "none", None, None, None, None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise RowRefused(t.ROW_NOT_TEXT.format(field=_label("id_number"), value=_shown(value)))
    if isinstance(value, float) or (isinstance(value, int) and len(str(value)) != 15):
        # Excel keeps 15 significant digits: an 18-digit ID stored as a number has lost
        # its last ones. Only an old 15-digit number survives whole.
        raise RowRefused(t.ROW_ID_AS_NUMBER.format(shown=_excel_number(value)))
    number = idcard.normalize(clean(str(value)))
    expected = idcard.wrong_check_character(number)
    try:
        doc = idcard.parse_id(number[:17] + expected if expected else number, today)
    except DomainError as e:
        raise RowRefused(t.ROW_ID_UNREADABLE.format(reason=e.message)) from None
    try:
        idcard.check_against(doc, birth, gender)
    except DomainError as e:
        raise RowRefused(t.ROW_ID_DISAGREES.format(reason=e.message)) from None
    stored = number if expected else doc.number  # a 15-digit number is stored as 18
    return doc.id_type.value, stored, idcard.id_key(doc.id_type, stored), expected, doc


def _phone(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise RowRefused(t.ROW_BAD_PHONE.format(value=_shown(value)))
    phone = idcard.normalize(clean(str(value)))
    if len(phone) > limits.PHONE_LENGTH or not phone.isascii():
        raise RowRefused(t.ROW_BAD_PHONE.format(value=_shown(value)))
    return phone or None


def _identities(value, flaws: list[str]) -> tuple[str, ...]:
    if value is None or not isinstance(value, str):
        return ()
    found: list[str] = []
    for word in _IDENTITY_SPLIT.split(unicodedata.normalize("NFKC", clean(value))):
        if not word:
            continue
        code = IDENTITIES.get(word) or IDENTITIES.get(unicodedata.normalize("NFKC", word))
        if code is None:
            flaws.append(t.FLAW_UNKNOWN_IDENTITY.format(value=word))
        elif code not in found:
            found.append(code)
    return tuple(found)


# The cell readers a subsidy roster shares (models/rosters/subsidy_rows.py).
read_id, read_name, read_text, read_date = _id, _name, _text, _birth_date


def _excel_number(value: float | int) -> str:
    """As Excel shows it: 4.3310119900805E+17."""
    mantissa, exponent = f"{float(value):.14E}".split("E")
    return f"{mantissa.rstrip('0').rstrip('.')}E+{int(exponent):02d}"


def _shown(value) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float):
        return _excel_number(value) if abs(value) >= 1e15 else repr(value)
    return str(value)
