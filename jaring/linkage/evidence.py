"""The evidence behind a pair's score in the reader's language, from the comparison levels Splink reports."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    # django-stubs-ext is a development dependency: the alias exists for the type checker only.
    from django_stubs_ext import StrPromise

# Comparison -> level (gamma) -> what it means. Levels follow the comparisons in
# jaring/core/linkage/pipeline.py: -1 is "empty on one side", 0 is "everything else".
LEVELS: "dict[str, dict[int, StrPromise]]" = {
    "identity": {
        7: _("Same NIK exactly"),
        6: _("Same NIK except a last digit of 0 (probably damaged by Excel)"),
        5: _("NIK differs by one digit or misses one, same serial number (a typo)"),
        4: _("NIK empty in one row, same birth date"),
        3: _("Day and month of birth swapped"),
        2: _(
            "NIK the same up to the birth date but a different serial number (may be another person born the same day)"
        ),
        1: _("Same birth date, different NIK"),
        0: _("Different NIK and birth date"),
    },
    "name": {
        6: _("Same name (after titles and spelling are evened out)"),
        5: _("Same name when spaces are ignored"),
        4: _("Very similar names"),
        3: _("Two or more name words the same"),
        2: _("Somewhat similar names"),
        1: _("One name word the same"),
        0: _("Different names"),
    },
    "sex": {1: _("Same sex"), 0: _("Different sex")},
    "kelurahan_code": {
        3: _("Same kelurahan, RT and RW"),
        2: _("Same kelurahan"),
        1: _("Same kecamatan, different kelurahan"),
        0: _("Different kecamatan"),
    },
    "phone": {1: _("Same phone number"), 0: _("Different phone numbers")},
}
LABELS = {
    "identity": _("NIK & birth date"),
    "name": _("Name"),
    "sex": _("Sex"),
    "kelurahan_code": _("Kelurahan"),
    "phone": _("Phone"),
}


def explain(evidence: dict[str, int | None]) -> list[dict]:
    """One line per comparison: label, text, and whether it speaks for (agree), against or not at all."""
    lines = []
    for name, levels in LEVELS.items():
        level = evidence.get(name)
        if level is None or level < 0:
            lines.append(
                {
                    "field": name,
                    "label": str(LABELS[name]),
                    "text": str(_("Empty in one of the rows")),
                    "verdict": "missing",
                }
            )
            continue
        lines.append(
            {
                "field": name,
                "label": str(LABELS[name]),
                "text": str(levels.get(level, "?")),
                "verdict": "agree" if level > 0 else "disagree",
            }
        )
    return lines
