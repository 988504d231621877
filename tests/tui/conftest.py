"""Counties on real SQLite files (a generated one for volume, the small hand-written one of
county.py for pictures), the counter app over them, and Pilot helpers.

Tests wait on conditions (`wait_for`), never for a fixed time: a slow machine makes a test
slower, not red. The timeout only stops a test whose screen never gets there.
"""

import os
import time

import pytest
from actors import SYSTEM
from textual import events
from textual.widgets import DataTable, Select

from models.core.actor import Actor
from models.core.db import open_database
from models.demo.generator import generate_county
from models.registry.regions import load_region
from models.rules.policy import load_policy_id
from models.rules.region_file import read_region_file, resolve_region_path
from tests.tui.county import open_county
from tui.app import CounterApp
from tui.screens.person import PersonScreen

# scrypt at a test cost (models/access/passwords.py; production never sets it): 2^17 takes
# about 0.3 s a hash. Read at the first hash; processes the tests start inherit it. The
# upgrade test runs at the production cost.
os.environ.setdefault("YIBAO_SCRYPT_LOG_N", "10")

SIZE = (130, 42)
WAIT_SECONDS = 10.0
DEMO_CLERK = Actor(1, "demo", "clerk", "T1", "演示经办员")


@pytest.fixture
def county(tmp_path, clock):
    db = open_database(f"sqlite:///{tmp_path / 'counter.db'}")
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    generate_county(clock, SYSTEM, 800, seed=4)
    yield db
    db.close()


@pytest.fixture
def small_county(tmp_path, clock):
    """The hand-written county of tests/tui/county.py; yields everyone's id by name."""
    db, ids = open_county(tmp_path / "small.db", clock)
    yield ids
    db.close()


@pytest.fixture
def make_app(county, clock):
    def make(actor=DEMO_CLERK, keymap=None):
        return CounterApp(clock=clock, actor=actor, policy=load_policy_id("demo-2027"),
                          keymap=keymap)
    return make


async def wait_for(pilot, condition, what: str, timeout: float = WAIT_SECONDS) -> None:
    """Poll `condition()` until it is true. A condition that raises (the screen is still
    changing) counts as not yet; on timeout the failure names `what` and where the app is."""
    deadline = time.monotonic() + timeout
    error = None
    while True:
        try:
            if condition():
                return
        except Exception as e:
            error = e
        if time.monotonic() > deadline:
            app = pilot.app
            last = f"; last error: {error!r}" if error else ""
            raise AssertionError(f"waited {timeout:g}s for {what}; the screen is "
                                 f"{type(app.screen).__name__}, focus on {app.focused!r}{last}")
        await pilot.pause(0.02)


async def wait_for_screen(pilot, screen_type, what: str | None = None):
    """The app's top screen becomes a `screen_type`; returns it."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type),
                   what or f"the {screen_type.__name__}")
    return pilot.app.screen


async def wait_for_person(pilot, condition=lambda detail: True, what="the person's record"):
    """A person screen on top with its record and its payments loaded (the payments come
    second), and `condition(detail)` true of it."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PersonScreen)
                   and pilot.app.screen.detail is not None
                   and pilot.app.screen.payments is not None
                   and condition(pilot.app.screen.detail), what)
    return pilot.app.screen


async def type_into(pilot, widget, text):
    widget.focus()
    await wait_for(pilot, lambda: widget.has_focus, f"focus on #{widget.id}")
    widget.value = ""
    await pilot.press(*text)


async def choose(pilot, select: Select, label: str):
    """Pick an option by keyboard: open the list, arrow to the label, Enter."""
    await wait_for(pilot, lambda: not select.disabled, f"#{select.id} to be ready for a choice")
    select.focus()
    await wait_for(pilot, lambda: select.has_focus, f"focus on #{select.id}")
    await pilot.press("enter")
    await wait_for(pilot, lambda: select.expanded, f"#{select.id}'s list to open")
    overlay = select.query_one("SelectOverlay")
    for _ in range(200):
        highlighted = overlay.highlighted
        if highlighted is not None and str(overlay.get_option_at_index(highlighted).prompt) \
                == label:
            value = select._options[highlighted][1]  # the overlay lists the options in order
            await pilot.press("enter")
            await wait_for(pilot, lambda v=value: not select.expanded and select.value == v,
                           f"{label} chosen in #{select.id}")
            return
        await pilot.press("down")
    raise AssertionError(f"no option {label} in #{select.id}")


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


_CHARACTERS = {"enter": "\r", "tab": "\t", "space": " ", "escape": "\x1b"}


def burst(pilot, *keys: str) -> None:
    """Every key at once, as an ID card reader or a barcode scanner (or tmux send-keys)
    sends them: all queued before the app handles the first. pilot.press waits for the
    app between keys, so it never shows a burst's races."""
    app = pilot.app
    for key in keys:
        character = key if len(key) == 1 else _CHARACTERS.get(key)
        event = events.Key(key if len(key) > 1 or key.isalnum() else _KEY_NAMES[key],
                           character)
        event.set_sender(app)
        app.post_message(event)


_KEY_NAMES = {" ": "space", "-": "minus", ".": "full_stop", "/": "slash"}
