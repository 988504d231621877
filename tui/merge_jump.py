"""From a record awaiting merge to its pair side by side: the person screen's F10 and
the pay screen's F7 both go there, since such a record is paid for only once merged."""

from textual.screen import Screen
from textual.widgets import Static

from models.core.errors import DomainError
from models.merging.review import open_candidate_for
from models.texts import merging as merging_text
from tui import navigation as nav
from tui.calls import in_thread


async def open_pair_of(screen: Screen, person_id: int) -> None:
    """The open candidate pair of `person_id` on the review screen, or why there is none
    on the screen's message line."""
    try:
        pair = await in_thread(open_candidate_for, person_id)
    except DomainError as e:
        screen.query_one("#message", Static).update(e.message)
        return
    if pair is None:
        screen.query_one("#message", Static).update(merging_text.NO_PAIR)
        return
    screen.post_message(nav.OpenMergeReview(*pair))
