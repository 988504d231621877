"""Where a screen wants to go next, said as a message; the app decides which screen that is.

A screen posts one of these (it bubbles up to the app), so no screen imports another:
tui/app.py is the one place that knows every screen and maps each request to a push.
"""

from textual.message import Message

from models.registry.people import HouseholdDetail, PersonDetail


class OpenPerson(Message):
    """Show a person's record. `replace`: in place of the screen that asks (a form that
    has just registered someone, or a duplicate chosen from its list). `after_merge`: the
    survivor of a merge just made, in place of the review and of the person and pay
    screens it was reached from, which show the records as they were before it."""

    def __init__(self, person_id: int, replace: bool = False, after_merge: bool = False):
        super().__init__()
        self.person_id = person_id
        self.replace = replace
        self.after_merge = after_merge


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


# --- identity tags (issue 12, h12b) -------------------------------------------


class EditIdentities(_AboutPerson):
    """The person's identity tags: list them, add one, end one."""


# --- issue 12: paying at the counter (h12c) ---------------------------------


class OpenPayment(_AboutPerson):
    """Enroll and pay for members of this person's household; `member_id`: the member the
    list starts on (the one under the household table's cursor)."""

    def __init__(self, detail: PersonDetail, member_id: int | None = None):
        super().__init__(detail)
        self.member_id = member_id


class OpenReversal(Message):
    """Void or refund a payment: the one with `receipt_no`, or the one the clerk types."""

    def __init__(self, receipt_no: str | None = None):
        super().__init__()
        self.receipt_no = receipt_no


# --- daily settlement (h12d) ---


class OpenSettlement(Message):
    """The signed-in clerk's day at this counter (日结), to check and close."""


class OpenRosterImport(Message):
    """Import a base roster from Excel (a supervisor's or administrator's)."""


# --- issue 13: the print queue (h13b) ---


class OpenPrintQueue(Message):
    """The slips not yet printed: waiting, failed, interrupted."""
# --- issue 14: duplicates (h14b) ---


class OpenDuplicateReview(Message):
    """The queue of possible duplicates to review (重复审核)."""


class OpenMergeReview(Message):
    """Two records side by side, to dismiss, confirm or merge; `survivor_id`: the record
    proposed to survive (None: the service proposes)."""

    def __init__(self, a_id: int, b_id: int, survivor_id: int | None = None):
        super().__init__()
        self.a_id = a_id
        self.b_id = b_id
        self.survivor_id = survivor_id
class OpenExport(Message):
    """Export a report to Excel (issue 15)."""


class OpenProgress(Message):
    """The collection's progress, village by village (issue 15)."""
