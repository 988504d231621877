"""Pure rules, no database: ID documents, names, money, person checks, region and policy
files, the quote engine. Nothing here imports Peewee or the schema (import-linter holds it)."""
