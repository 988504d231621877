"""The wait helper itself: it returns once the condition holds, and a wait that never ends
fails naming what it waited for and where the app was."""

import pytest

from tests.tui.conftest import SIZE, wait_for
from tui.screens.lookup import LookupScreen


async def test_a_wait_that_never_ends_names_what_it_waited_for(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LookupScreen), "the lookup")
        with pytest.raises(AssertionError) as failure:
            await wait_for(pilot, lambda: app.screen.query_one("#nowhere"), "the missing widget",
                           timeout=0.2)
        text = str(failure.value)
        assert "the missing widget" in text and "LookupScreen" in text
        assert "NoMatches" in text  # the condition's own error, for the reader of the failure


@pytest.fixture
def county(small_county):
    return small_county
