"""What every `jaring <noun> <verb>` command shares, so they all look and behave alike."""

import argparse
import datetime as dt

from django.core.management.base import CommandError, CommandParser

from jaring.core.money import RupiahRejected, parse_rupiah


def action_parsers(parser: CommandParser) -> argparse._SubParsersAction:
    """The verbs of a command (`jaring regions load`): one is required."""
    return parser.add_subparsers(dest="action", required=True, metavar="ACTION")


def add_action(actions: argparse._SubParsersAction, name: str, about: str, *, json_help: str) -> CommandParser:
    """A verb whose --help shows `about`, with the --json flag every reporting command has."""
    action = actions.add_parser(name, help=about, description=about)
    action.add_argument("--json", action="store_true", help=json_help)
    return action


def option_date(text: str | None, *, flag: str) -> dt.date | None:
    """A YYYY-MM-DD option, or None when it was not given."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Tanggal {flag} tidak dikenal: {text!r}; gunakan format YYYY-MM-DD.") from exc


def read_rows(
    path, *, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> list[tuple[int, dict[str, str | None]]]:
    """The rows of a small xlsx/csv set-up sheet (OPDs, accounts): (spreadsheet row number, {field: text}).

    `columns` names each field's accepted headers (lower case); the first row is the header.
    """
    from jaring.core.intake import ROW, FileRejected, ReadLimits, read_table_file

    try:
        sheets = read_table_file(path.read_bytes(), file_name=path.name, limits=ReadLimits())
    except FileRejected as exc:
        raise CommandError(f"{path.name}: {exc.message}") from exc
    rows = sheets[0].frame.rows(named=True)
    if not rows:
        raise CommandError(f"{path.name} kosong.")
    header, *data = rows
    by_label = {str(value).strip().lower(): key for key, value in header.items() if key != ROW and value is not None}
    found = {
        name: next((by_label[label] for label in labels if label in by_label), None) for name, labels in columns.items()
    }
    missing = [labels[0].capitalize() for name, labels in columns.items() if found[name] is None and name in required]
    if missing:
        raise CommandError(f"{path.name}: kolom {', '.join(missing)} tidak ada di baris pertama.")
    result = []
    for row in data:
        values = {
            name: (str(row[key]).strip() if key and row[key] is not None else None) for name, key in found.items()
        }
        if any(values.values()):
            result.append((row[ROW], values))
    return result


def option_rupiah(text: str, *, flag: str) -> int:
    """Whole rupiah as typed ("30240000", "30.240.000", "Rp30.240.000"), read by the core; else a CommandError."""
    try:
        return parse_rupiah(text)
    except RupiahRejected as exc:
        raise CommandError(f"{flag}: {exc}") from exc
