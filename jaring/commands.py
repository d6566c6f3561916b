"""What every `jaring <noun> <verb>` command shares, so they all look and behave alike."""

import argparse

from django.core.management.base import CommandParser


def action_parsers(parser: CommandParser) -> argparse._SubParsersAction:
    """The verbs of a command (`jaring regions load`): one is required."""
    return parser.add_subparsers(dest="action", required=True, metavar="ACTION")


def add_action(actions: argparse._SubParsersAction, name: str, about: str, *, json_help: str) -> CommandParser:
    """A verb whose --help shows `about`, with the --json flag every reporting command has."""
    action = actions.add_parser(name, help=about, description=about)
    action.add_argument("--json", action="store_true", help=json_help)
    return action
