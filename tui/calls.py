"""A service called off the UI thread, what the database could not do turned into a
DomainError the screen shows like any refusal (the form keeps what was typed).

The error is put into words in the worker thread itself: a connection found broken is
that thread's, and is dropped there, so the clerk's next action connects again."""

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from models.core.db import DATABASE_ERRORS, database_trouble, unfit_text
from models.core.errors import DomainError
from models.texts import messages as msg

_T = TypeVar("_T")


async def in_thread(service: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    def guarded() -> _T:
        try:
            return service(*args, **kwargs)
        except DATABASE_ERRORS as e:
            raise database_trouble(e) from e
        except ValueError as e:  # a driver refusing text that slipped past the edge
            if not unfit_text(e):
                raise
            raise DomainError(msg.TEXT_UNFIT) from e

    return await asyncio.to_thread(guarded)
