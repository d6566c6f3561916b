"""What every `jaring <noun> <verb>` command shares, so they all look and behave alike."""

import argparse
import datetime as dt

from django.core.management.base import CommandError, CommandParser


def action_parsers(parser: CommandParser) -> argparse._SubParsersAction:
    """The verbs of a command (`jaring regions load`): one is required."""
    return parser.add_subparsers(dest="action", required=True, metavar="ACTION")


def add_action(actions: argparse._SubParsersAction, name: str, about: str, *, json_help: str) -> CommandParser:
    """A verb whose --help shows `about`, with the --json flag every reporting command has."""
    action = actions.add_parser(name, help=about, description=about)
    action.add_argument("--json", action="store_true", help=json_help)
    return action


def option_region(code: str | None):
    """The kabupaten/kota a command works on: --region, else $DEFAULT_REGION_CODE; explained when neither works."""
    from django.conf import settings

    from jaring.regions.selectors import region_get

    code = code or settings.DEFAULT_REGION_CODE
    if not code:
        raise CommandError("Sebutkan --region (mis. 35.73) atau isi DEFAULT_REGION_CODE.")
    place = region_get(code=code)
    if place is None:
        raise CommandError(f"Wilayah {code} tidak dikenal; jalankan `jaring regions load` dahulu.")
    return place


def option_date(text: str | None, *, flag: str) -> dt.date | None:
    """A YYYY-MM-DD option, or None when it was not given."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Tanggal {flag} tidak dikenal: {text!r}; gunakan format YYYY-MM-DD.") from exc
