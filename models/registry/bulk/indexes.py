"""Indexes built after a bulk load, not row by row during it.

Inserting a million people into a person table with eleven indexes keeps every index in
order row by row; building each index once over the loaded rows is a sort, several times
cheaper. So a load into an empty register (the generator's) drops the big tables'
secondary indexes first and builds them again, from their own saved definitions, before
the unit of work commits: the unique ones then check every loaded row at once, and a
failure rolls the whole load back. SQLite only: on PostgreSQL only the tables' owner may
drop an index, and the app role writes the rows.
"""

from models.core.db import database, is_postgres
from models.core.errors import DomainError
from models.texts import messages as msg

BULK_TABLES = ("household", "person", "identity_tag", "enrollment", "payment", "payment_line")


def drop_for_load(tables: tuple[str, ...] = BULK_TABLES) -> list[tuple[str, str]]:
    """Drop the tables' secondary indexes; returns (name, CREATE statement) to rebuild them
    with. Nothing on PostgreSQL (see above)."""
    if is_postgres():
        return []
    marks = ", ".join("?" for _ in tables)
    saved = database.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks}) ORDER BY name", tables).fetchall()
    for name, _ in saved:
        database.execute_sql(f'DROP INDEX "{name}"')
    return saved


def rebuild(saved: list[tuple[str, str]]) -> None:
    """Build the dropped indexes again, each over all the rows at once."""
    for name, sql in saved:
        try:
            database.execute_sql(sql)
        except Exception as e:  # a unique index that the loaded rows break: refuse them all
            raise DomainError(msg.BULK_REFUSED_BY_DATABASE.format(table=name, reason=e)) from e
