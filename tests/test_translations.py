import ast
from pathlib import Path

PO = Path(__file__).resolve().parents[1] / "jaring" / "locale" / "id" / "LC_MESSAGES" / "django.po"


def catalogue_entries(text: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file, joining strings continued over several lines."""
    entries, current, field = [], {}, None
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if not line:
            if "msgid" in current:
                entries.append((current["msgid"], current.get("msgstr", "")))
            current, field = {}, None
        elif line.startswith(("msgid ", "msgstr ", "msgstr[0] ")):
            keyword, _space, literal = line.partition(" ")
            field = "msgstr" if keyword.startswith("msgstr") else keyword
            current[field] = ast.literal_eval(literal)
        elif line.startswith("msgid_plural "):
            field = None  # the singular msgid is the key; its msgstr[0] is checked
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
    return entries


def test_every_message_has_an_indonesian_translation():
    text = PO.read_text()
    entries = [(msgid, msgstr) for msgid, msgstr in catalogue_entries(text) if msgid]  # "" is the header
    assert len(entries) > 50
    assert [msgid for msgid, msgstr in entries if not msgstr] == []
    assert "#, fuzzy" not in text


def test_the_parser_sees_continued_lines():
    entries = catalogue_entries(
        'msgid ""\n"Jaring — "\n"jaring"\nmsgstr ""\n\nmsgid "a"\nmsgstr ""\n"b"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "satu"\n'
    )
    assert entries == [("Jaring — jaring", ""), ("a", "b"), ("one", "satu")]


def test_the_compiled_catalogue_is_committed_beside_it():
    mo = PO.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_size > 0
