"""Storage and the frame every use case runs in: database, schema, migrations, clock,
unit of work, the acting clerk, the audit trail, errors."""
