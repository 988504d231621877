"""Every limit on what a clerk types, in one place, and the checks that apply them.

The columns in models/core/schema.py are at least this wide; a value past a limit is
refused here with a Chinese message before it reaches the database. Pure: no database.
"""

import datetime as dt

from models.core.errors import DomainError
from models.rules.clean_text import clean
from models.texts import messages as msg

NAME_LENGTH = 40  # person.name; name_pinyin is 6 letters a character wide (240)
ADDRESS_LENGTH = 255  # household.address
PHONE_LENGTH = 20  # person.phone (a registration takes 11 digits: rules/person.py)
ID_NUMBER_LENGTH = 20  # person.id_number
SOURCE_LENGTH = 255  # identity_tag.source
POLICY_ID_LENGTH = 40  # enrollment.policy
REASON_LENGTH = 200  # a reason, or the reason for registering a possible duplicate
EARLIEST_BIRTH = dt.date(1900, 1, 1)
OLDEST_AGE = 120  # years before today: an earlier birth date is a typing mistake


def earliest_birth(today: dt.date) -> dt.date:
    """The earliest birth date a registration takes on `today`."""
    try:
        years_ago = today.replace(year=today.year - OLDEST_AGE)
    except ValueError:  # 29 February
        years_ago = today.replace(year=today.year - OLDEST_AGE, day=28)
    return max(EARLIEST_BIRTH, years_ago)


def check_birth_date(birth: dt.date, today: dt.date) -> None:
    if birth > today:
        raise DomainError(msg.BIRTH_IN_FUTURE.format(date=birth))
    earliest = earliest_birth(today)
    if birth < earliest:
        raise DomainError(msg.BIRTH_TOO_EARLY.format(date=birth, earliest=earliest,
                                                     age=OLDEST_AGE))


def check_address(text: str | None) -> str:
    """The address as stored: trimmed, and no longer than the column."""
    address = clean(text or "").strip()
    if len(address) > ADDRESS_LENGTH:
        raise DomainError(msg.ADDRESS_TOO_LONG.format(limit=ADDRESS_LENGTH, length=len(address)))
    return address


def check_reason(text: str | None, *, required: bool) -> str:
    """A reason as stored: trimmed; required for a correction or a household change."""
    reason = clean(text or "").strip()
    if required and not reason:
        raise DomainError(msg.NEEDS_REASON)
    if len(reason) > REASON_LENGTH:
        raise DomainError(msg.REASON_TOO_LONG.format(limit=REASON_LENGTH, length=len(reason)))
    return reason

