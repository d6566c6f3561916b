import re
from pathlib import Path

PO = Path(__file__).resolve().parents[1] / "jaring" / "locale" / "id" / "LC_MESSAGES" / "django.po"


def test_every_message_has_an_indonesian_translation():
    entries = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"', PO.read_text(), flags=re.MULTILINE)
    assert entries
    untranslated = [msgid for msgid, msgstr in entries if not msgstr]
    assert untranslated == []
    assert "#, fuzzy" not in PO.read_text()


def test_the_compiled_catalogue_is_committed_beside_it():
    mo = PO.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_size > 0
