"""Domain layer: schema, rules and services. Never imports textual, tui or printing."""
