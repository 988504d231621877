"""A keyed audit trail the database itself keeps in order (issue 10, point 1).

- `audit_meta`: the key's fingerprint (never the key), the first keyed event, this
  database's identity for anchors. Filled by the first keyed write (models/core/audit_key.py):
  a migration has no key.
- `person.audit_seq`, `person.seal`: the event behind a record's current version and a
  keyed seal over it. Rows from before stay NULL until the first keyed write seals them
  under one `audit.key` event.
- Every event must follow the head: seq = head.seq + 1 and prev_hash = head.hash, and the
  insert itself moves the head (a trigger), so the app role needs no UPDATE on audit_head.
  seq > 0 is a CHECK on PostgreSQL and part of the insert trigger on SQLite (a CHECK there
  needs a table rebuild of the audit table: not worth the risk).
- PostgreSQL: TRUNCATE of the audit tables is refused by a statement trigger (row triggers
  do not fire on TRUNCATE); `audit_lock_head()` hands the app the head, locked FOR UPDATE,
  without UPDATE rights on the table (SECURITY DEFINER, run as the owner).
- An index on (entity, entity_id, seq): a person's history and verify's reconciliation.
"""

import peewee as pw

OUT_OF_SEQUENCE = "audit_event out of sequence"
NO_TRUNCATE = "audit tables cannot be truncated"
AUDIT_TABLES = ("audit_event", "audit_head", "audit_meta")


def up(migrator, db):
    pg = isinstance(db, pw.PostgresqlDatabase)
    db.execute_sql(
        "CREATE TABLE audit_meta (id INTEGER PRIMARY KEY, database_id VARCHAR(32) NOT NULL, "
        "key_id VARCHAR(64) NOT NULL, keyed_from INTEGER NOT NULL, mac VARCHAR(64) NOT NULL)")
    db.execute_sql("ALTER TABLE person ADD COLUMN audit_seq INTEGER")
    db.execute_sql("ALTER TABLE person ADD COLUMN seal VARCHAR(64)")
    db.execute_sql("CREATE INDEX audit_event_entity ON audit_event (entity, entity_id, seq)")
    if pg:
        _postgres(db)
    else:
        _sqlite(db)


def _postgres(db):
    # NOT VALID: a tampered older row must not stop the upgrade; verify reports it.
    db.execute_sql("ALTER TABLE audit_event ADD CONSTRAINT audit_event_seq_positive "
                   "CHECK (seq > 0) NOT VALID")
    db.execute_sql(
        "CREATE FUNCTION audit_lock_head() RETURNS TABLE (head_seq integer, head_hash varchar) "
        "LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$ "
        "SELECT seq, hash FROM audit_head ORDER BY id LIMIT 1 FOR UPDATE $$")
    db.execute_sql(
        "CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path FROM CURRENT AS $$ "
        "DECLARE h record; BEGIN "
        "SELECT id, seq, hash INTO h FROM audit_head ORDER BY id LIMIT 1 FOR UPDATE; "
        "IF h.id IS NULL OR NEW.seq IS DISTINCT FROM h.seq + 1 "
        "OR NEW.prev_hash IS DISTINCT FROM h.hash THEN "
        f"RAISE EXCEPTION '{OUT_OF_SEQUENCE}'; END IF; "
        "UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = h.id; "
        "RETURN NEW; END $$")
    db.execute_sql("CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event "
                   "FOR EACH ROW EXECUTE FUNCTION audit_event_chain()")
    db.execute_sql(
        "CREATE FUNCTION audit_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{NO_TRUNCATE}'; END $$")
    for table in AUDIT_TABLES:
        db.execute_sql(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate()")


def _sqlite(db):
    head = "(SELECT {column} FROM audit_head ORDER BY id LIMIT 1)"
    db.execute_sql(
        "CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event "
        f"WHEN NEW.seq <= 0 OR NEW.seq IS NOT {head.format(column='seq')} + 1 "
        f"OR NEW.prev_hash IS NOT {head.format(column='hash')} "
        f"BEGIN SELECT RAISE(ABORT, '{OUT_OF_SEQUENCE}'); END")
    db.execute_sql(
        "CREATE TRIGGER audit_event_head AFTER INSERT ON audit_event BEGIN "
        "UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash "
        "WHERE id = (SELECT MIN(id) FROM audit_head); END")


def down(migrator, db):
    if isinstance(db, pw.PostgresqlDatabase):
        for table in AUDIT_TABLES:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        db.execute_sql("DROP TRIGGER IF EXISTS audit_event_chain ON audit_event")
        db.execute_sql("DROP FUNCTION IF EXISTS audit_no_truncate()")
        db.execute_sql("DROP FUNCTION IF EXISTS audit_event_chain()")
        db.execute_sql("DROP FUNCTION IF EXISTS audit_lock_head()")
        db.execute_sql("ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS "
                       "audit_event_seq_positive")
    else:
        db.execute_sql("DROP TRIGGER IF EXISTS audit_event_chain")
        db.execute_sql("DROP TRIGGER IF EXISTS audit_event_head")
    db.execute_sql("DROP INDEX IF EXISTS audit_event_entity")
    db.execute_sql("ALTER TABLE person DROP COLUMN seal")
    db.execute_sql("ALTER TABLE person DROP COLUMN audit_seq")
    db.execute_sql("DROP TABLE IF EXISTS audit_meta")
