"""A look into a database from outside the app, on a connection of its own (the app's
models stay bound to whatever the test opened): what the tests of refusals check was
left untouched."""

from playhouse.db_url import connect


def tables_at(url: str) -> list[str]:
    """The tables in the database at `url`."""
    handle = connect(url)
    try:
        return handle.get_tables()
    finally:
        handle.close()


def applied_at(url: str) -> set[str]:
    """The migrations applied to the database at `url`."""
    handle = connect(url)
    try:
        return {r[0] for r in handle.execute_sql("SELECT name FROM schema_migration")}
    finally:
        handle.close()
