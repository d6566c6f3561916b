from jaring.cli_docs import DOCS_PATH, render


def test_the_cli_reference_matches_the_commands_help():
    assert DOCS_PATH.read_text() == render(), "docs/cli.md is stale: run `make docs`"
