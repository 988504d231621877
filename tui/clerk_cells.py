"""A clerk account's row in the clerk's words: one way for `yibao clerk list` and the
palette's 账号管理 (no Textual here, so the command line can use it)."""

from models.access.clerks import ClerkRow
from models.texts import labels


def clerk_cells(row: ClerkRow, not_locked: str) -> list[str]:
    """Username, name, role, active or not, locked until (or `not_locked`)."""
    return [row.username, row.display_name, labels.ROLE_LABELS.get(row.role, row.role),
            labels.CLERK_ACTIVE_LABELS[bool(row.active)],
            row.locked_until.strftime(labels.LOCKED_UNTIL_FORMAT) if row.locked_until
            else not_locked]
