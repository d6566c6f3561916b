"""Write docs/cli.md from the commands' own --help, so the reference cannot drift from the code.

Run `make docs` after changing a command; a test fails while docs/cli.md is stale.
"""

import os
import subprocess
import sys
from pathlib import Path

from jaring.cli import OVERVIEW

COMMANDS = (
    ("regions", "load"),
    ("nik", "check"),
    ("demo", "setup"),
    ("import",),
    ("export", "records"),
    ("export", "persons"),
    ("link",),
    ("review", "list"),
    ("review", "decide"),
    ("roster", "import"),
    ("worker",),
)
DOCS_PATH = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def help_text(*command: str) -> str:
    jaring = Path(sys.executable).with_name("jaring")
    # Fixed width and a throwaway key: the text must not depend on the terminal or the machine.
    env = {**os.environ, "COLUMNS": "100", "SECRET_KEY": "cli-docs", "DEBUG": "false"}
    result = subprocess.run([str(jaring), *command, "--help"], capture_output=True, text=True, env=env, check=True)
    return result.stdout.rstrip()


def render() -> str:
    parts = [
        "# `jaring` command reference",
        "",
        "Generated from `--help` by `make docs`; do not edit by hand.",
        "",
        "```text",
        OVERVIEW.rstrip(),
        "```",
    ]
    for command in COMMANDS:
        parts += ["", f"## `jaring {' '.join(command)}`", "", "```text", help_text(*command), "```"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    DOCS_PATH.write_text(render())
