"""Write docs/cli.md from the commands' own --help, so the reference cannot drift from the code.

Every command of Jaring's apps is in it, and each of its verbs, found the way `jaring --help` finds
them (a new command needs no entry anywhere). Run `make docs` after changing a command; a test
fails while docs/cli.md is stale.
"""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from jaring.cli import WIDTH, entries, overview

DOCS_PATH = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


@contextlib.contextmanager
def fixed_width() -> Iterator[None]:
    """argparse wraps to $COLUMNS: the text must not depend on the terminal or the machine."""
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(WIDTH)
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def render() -> str:
    """The whole reference: the overview, then each command's or verb's --help (Django set up)."""
    parts = [
        "# `jaring` command reference",
        "",
        "Generated from `--help` by `make docs`; do not edit by hand.",
        "",
        "```text",
        overview().rstrip(),
        "```",
    ]
    with fixed_width():
        for entry in entries():
            text = entry.parser.format_help().rstrip()
            parts += ["", f"## `jaring {' '.join(entry.words)}`", "", "```text", text, "```"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    import secrets

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.settings")
    # A throwaway key: writing the reference signs nothing.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    django.setup()
    DOCS_PATH.write_text(render())
