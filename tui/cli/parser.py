"""argparse in Chinese: its usage line, group titles, `-h` and every error it raises.

argparse builds each of its own texts through its module-level gettext functions `_` and
`ngettext`, looked up when the text is needed. `Parser` points them at the catalog
(models/texts/cli.ARGPARSE, keyed by argparse's English) while it builds itself, formats
help or usage and parses, and puts them back afterwards: no other parser in the process
(pytest's own) changes language. A text missing from the catalog stays as argparse has it.

A usage error is the usage, then one Chinese line, exit 2 (`error()`).
"""

import argparse
import contextlib
import sys
from collections.abc import Iterator

from models.texts import cli as t

EXIT_USAGE = 2


def _gettext(message: str) -> str:
    return t.ARGPARSE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def _in_chinese() -> Iterator[None]:
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class Parser(argparse.ArgumentParser):
    """The `yibao` parser and, through add_subparsers (which builds its subparsers with the
    parent's class), every subcommand's."""

    def __init__(self, *args, **kwargs):
        with _in_chinese():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):
        with _in_chinese():
            return super().parse_known_args(args, namespace)

    def parse_args(self, args=None, namespace=None):
        with _in_chinese():  # "unrecognized arguments" is raised here, not in parse_known_args
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with _in_chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with _in_chinese():
            return super().format_help()

    def error(self, message: str):
        self.print_usage(sys.stderr)
        # One line, even when it quotes an argument that had a line break in it.
        message = " ".join(message.splitlines())
        self.exit(EXIT_USAGE, t.USAGE_ERROR.format(message=message) + "\n")

