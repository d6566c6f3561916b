import argparse

from django.core.management import get_commands, load_command_class

from jaring.cli_docs import DOCS_PATH, render


def jaring_commands() -> list[str]:
    """Every command of Jaring's own apps and each of its verbs ("program export", "import"), asked of Django."""
    found = []
    for name, app in sorted(get_commands().items()):
        if app.startswith("jaring."):
            parser = load_command_class(app, name).create_parser("jaring", name)
            verbs = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
            found += [f"{name} {verb}" for verb in verbs[0].choices] if verbs else [name]
    return found


def test_the_cli_reference_matches_the_commands_help():
    assert DOCS_PATH.read_text() == render(), "docs/cli.md is stale: run `make docs`"


def test_the_cli_reference_has_every_command_and_verb():
    commands = jaring_commands()
    assert {"program list", "program export", "plan", "batch export", "import"} <= set(commands)
    text = DOCS_PATH.read_text()
    missing = [command for command in commands if f"\n## `jaring {command}`\n" not in text]
    assert not missing, f"docs/cli.md lacks {missing}: run `make docs`"
