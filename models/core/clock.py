"""The one place that knows what day it is, so training and tests can fix it."""

import datetime as dt
import os
from dataclasses import dataclass

from models.core.errors import DomainError
from models.texts import messages as msg


class SystemClock:
    def today(self) -> dt.date:
        return dt.date.today()

    def now(self) -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class FixedClock:
    day: dt.date

    def today(self) -> dt.date:
        return self.day

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time(9, 0))


Clock = SystemClock | FixedClock


def clock_for(today: str | None = None) -> Clock:
    """`--today` wins over YIBAO_TODAY; neither means the system clock."""
    text = today or os.environ.get("YIBAO_TODAY")
    if not text:
        return SystemClock()
    try:
        return FixedClock(dt.date.fromisoformat(text))
    except ValueError:
        raise DomainError(msg.BAD_TODAY.format(text=text)) from None
