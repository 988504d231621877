"""The `yibao` command line, one module per command group:

- app: the parser put together from the groups, error handling and exit codes;
- counter: `yibao` (the counter) and `yibao demo`;
- setup: `init`, `generate`;  lookup, quote, policy, clerk, audit: those commands;
- options: the options several commands share; output: the one JSON encoder.

Each group module has `register(sub)` adding its subparser(s) with a handler
`run…(args) -> exit code`. Its words are in models/texts/cli.py.
"""

from tui.cli.app import main

__all__ = ["main"]
