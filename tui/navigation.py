"""Where a screen wants to go next, said as a message; the app decides which screen that is.

A screen posts one of these (it bubbles up to the app), so no screen imports another:
tui/app.py is the one place that knows every screen and maps each request to a push.
"""

from textual.message import Message

from models.registry.people import HouseholdDetail, PersonDetail


class OpenPerson(Message):
    """Show a person's record. `replace`: in place of the screen that asks (a form that
    has just registered someone, or a duplicate chosen from its list)."""

    def __init__(self, person_id: int, replace: bool = False):
        super().__init__()
        self.person_id = person_id
        self.replace = replace


class RegisterHousehold(Message):
    """The registration form for a new household, its head first."""


class RegisterMember(Message):
    """The registration form for a new member of `household`."""

    def __init__(self, household: HouseholdDetail):
        super().__init__()
        self.household = household


class _AboutPerson(Message):
    def __init__(self, detail: PersonDetail):
        super().__init__()
        self.detail = detail


class CorrectPerson(_AboutPerson):
    """The correction form for this record."""


class MovePerson(_AboutPerson):
    """Move this person to another household, or split off a new one."""


class ChangeHead(_AboutPerson):
    """Change the head of this person's household."""


class LeavePerson(_AboutPerson):
    """Mark this person moved out or deceased."""


class OpenClerkAdmin(Message):
    """The administrator's list of accounts (unlock, disable, reset a password)."""


class OpenRosterImport(Message):
    """Import a base roster from Excel (a supervisor's or administrator's)."""
