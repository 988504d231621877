"""Who may export what: IDs in full are a supervisor's, and each such export is an audit
event (as the lookup's --full-id is)."""

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.unit_of_work import retry_on_conflict, unit_of_work

FULL_IDS_ACTION = "export.full_ids"


def may_see_full_ids(actor: Actor) -> None:
    actor.require("supervisor")


@retry_on_conflict
def record_full_ids(clock: Clock, actor: Actor, kind: str, file: str, rows: int) -> None:
    with unit_of_work(clock, actor) as uow:
        uow.audit(FULL_IDS_ACTION, "report", after={"kind": kind, "file": file, "rows": rows})
