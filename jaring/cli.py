"""`jaring`: the one command-line entry point.

Jaring's own subcommands and all of Django's management commands (`jaring migrate`,
`jaring createsuperuser`, ...) run through it, with the settings and DATABASE_URL of the
environment.
"""

import argparse
import os
import re
import secrets
import sys
import textwrap
from dataclasses import dataclass

USAGE = """\
Usage: jaring <command> [options]

Jaring commands (each has --help; those that report have --json):
"""
DJANGO = (
    ("migrate", "Create or update the database tables"),
    ("createsuperuser", "Create an administrator"),
    ("runserver", "Start the development server"),
    ("help --commands", "List every command, Django's and Jaring's"),
)
WIDTH = 100  # the overview and docs/cli.md do not depend on the terminal
NAME_COLUMN = 26


@dataclass(frozen=True)
class Entry:
    """One line of the overview: a command, or one verb of it, and what it does."""

    words: tuple[str, ...]  # ("program", "export") or ("import",)
    about: str
    parser: argparse.ArgumentParser  # whose --help is the entry's reference


def entries() -> list[Entry]:
    """Every command of Jaring's own apps, and each verb of it, from the commands themselves (Django set up)."""
    from django.core.management import get_commands, load_command_class

    found = []
    for name, app in sorted(get_commands().items()):
        if not app.startswith("jaring."):
            continue
        command = load_command_class(app, name)
        parser = command.create_parser("jaring", name)
        verbs = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
        if not verbs:
            found.append(Entry((name,), command.help, parser))
            continue
        about = {choice.dest: choice.help for choice in verbs[0]._choices_actions}
        for verb, verb_parser in verbs[0].choices.items():
            found.append(Entry((name, verb), about.get(verb) or verb_parser.description or "", verb_parser))
    return found


def overview() -> str:
    """`jaring --help`: every Jaring command and verb with the first sentence of its help, then Django's."""
    lines = [USAGE.rstrip("\n")]
    for entry in entries():
        first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(entry.about.split()), maxsplit=1)[0]
        lines += _line(" ".join(entry.words), first.rstrip("."))
    lines += ["", "Django commands work too, for example:"]
    for name, about in DJANGO:
        lines += _line(name, about)
    return "\n".join(lines) + "\n"


def _line(name: str, about: str) -> list[str]:
    """A name and its description in two columns, the description wrapped under itself."""
    name = f"  {name}"
    lines = []
    if len(name) >= NAME_COLUMN - 1:
        lines, name = [name], ""
    wrapped = textwrap.wrap(
        about,
        width=WIDTH,
        initial_indent=name.ljust(NAME_COLUMN),
        subsequent_indent=" " * NAME_COLUMN,
        break_on_hyphens=False,
    )
    if not wrapped and name:  # a command without help still gets its line
        wrapped = [name.rstrip()]
    return lines + wrapped


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "jaring"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.settings")
    wants_overview = len(argv) == 1 or argv[1] in ("-h", "--help")
    if wants_overview:
        # The overview reads the installed commands, so Django is set up; help signs nothing, so a
        # machine without a key yet still gets it (any other command still needs the real one).
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        if wants_overview:
            django.setup()
            sys.stdout.write(overview())
            return
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        # A settings problem is the operator's to fix; say what it is without a traceback.
        sys.stderr.write(f"jaring: configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
