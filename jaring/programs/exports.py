"""A program's lists of people as tables: the page shows them, its download and `jaring program export` write them.

The page's download and the command build the file from the same `jaring.lib.listing.Table`, so both give the
same header and rows in the same language (NIK masked only on the page).
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jaring.core.intake import mask_nik
from jaring.core.occupations import occupation_label
from jaring.core.programs import reason_text, rejection_reason_text
from jaring.lib.listing import Table
from jaring.lib.spreadsheets import FORMATS, rows_csv, rows_xlsx
from jaring.persons.selectors import niks_to_verify_frame
from jaring.programs.models import Eligibility, Enrolment, Program
from jaring.programs.selectors import (
    RankedList,
    RankedPerson,
    program_eligible,
    program_enrolled,
    program_excluded,
    program_selected,
    program_waiting,
)
from jaring.programs.services.selection import program_rules

# The lists, by the name `jaring program export --list` takes (the page calls them layak, tidak-layak, ...).
PEOPLE_LISTS = ("eligible", "excluded", "selected", "waiting", "enrolled")
# The selected's NIKs for Dukcapil to verify (`program_dukcapil_file`).
DUKCAPIL_LIST = "dukcapil"


def program_people_table(*, program: Program, kind: str, language: str) -> Table:
    """The eligible, excluded, selected, waiting or enrolled of a program, worded in `language`."""
    if kind not in PEOPLE_LISTS:
        raise ValueError(f"unknown list {kind!r}; one of {', '.join(PEOPLE_LISTS)}")
    readers: dict[str, Callable[..., QuerySet[Any] | RankedList]] = {
        "eligible": program_eligible,
        "excluded": program_excluded,
        "selected": program_selected,
        "waiting": program_waiting,
        "enrolled": program_enrolled,
    }
    # The ranked lists word why each waits in the reader's language.
    ranked = kind in ("selected", "waiting")
    items = readers[kind](program=program, language=language) if ranked else readers[kind](program=program)
    with translation.override(language):
        header, cells = _columns(kind, program_rules(program), language)
    return Table(header=header, items=items, cells=cells, language=language)


def program_dukcapil_rows(*, program: Program) -> tuple[list[str], Iterator[list], int]:
    """The header, rows and count of the NIKs of the program's selected persons Dukcapil has not answered
    yet, every one their rows give, for Dukcapil to verify (its answer goes back through
    `jaring person verify-niks` or the NIK verification page)."""
    person_ids = program_selected(program=program).frame.get_column("person_id").to_list()
    niks = niks_to_verify_frame(region=program.region, person_ids=person_ids)
    # Dukcapil reads Indonesian, whoever downloads the file.
    header = ["NO", "NIK", "NAMA", "TANGGAL LAHIR", "JENIS KELAMIN", "ID JARING"]
    rows = (
        [number, nik, name, birth, sex, f"#{person}"]
        for number, (person, nik, name, birth, sex) in enumerate(niks.iter_rows(), start=1)
    )
    return header, rows, niks.height


def program_dukcapil_file(*, program: Program, fmt: str) -> tuple[bytes, int]:
    """`program_dukcapil_rows` as an xlsx or csv, and how many NIKs it holds."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    header, rows, count = program_dukcapil_rows(program=program)
    if fmt == "xlsx":
        return rows_xlsx(header=header, rows=rows, sheet="NIK"), count
    return rows_csv(header=header, rows=rows), count


def program_people_file(*, program: Program, kind: str, fmt: str, language: str) -> tuple[bytes, int]:
    """The whole list as the page's download gives it (xlsx or csv), and how many rows it holds."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    table = program_people_table(program=program, kind=kind, language=language)
    write = rows_xlsx if fmt == "xlsx" else rows_csv
    return write(header=table.header, rows=table.rows()), table.total


def _columns(kind: str, rules, language: str) -> tuple[list[str], Callable[[Any, bool], list]]:
    """The header and a row function of one of the program's lists (NIK masked on the page, whole in files)."""

    def nik(value: str, masked: bool) -> str:
        return mask_nik(value) if masked else value

    def desil(person, masked: bool) -> int | str:
        # No desil known: a dash on the page (as the person page shows it), an empty cell in a file.
        if person.desil is None:
            return "—" if masked else ""
        return person.desil

    desil_label = pgettext("label", "DTSEN desil")

    def reasons(item: Eligibility) -> str:
        return "; ".join(
            reason_text(code, language, rules=rules, age=item.age, desil=item.desil)
            for code in item.reasons.split(",")
            if code
        )

    if kind in ("eligible", "excluded"):
        header = [_("Name"), "NIK", _("Age"), _("Occupation"), desil_label]
        header.append(_("Reasons") if kind == "excluded" else _("Decision"))

        def eligibility_cells(item: Eligibility, masked: bool) -> list:
            person = item.person
            last = reasons(item) if kind == "excluded" else (_("included by hand") if item.manual else "")
            return [person.name, nik(person.nik, masked), item.age, occupation_label(person.occupation, language),
                    desil(person, masked), last]  # fmt: skip

        return header, eligibility_cells
    if kind in ("selected", "waiting"):
        header = [_("Rank"), _("Name"), "NIK", _("Occupation"), desil_label]
        header.append(_("Fund") if kind == "selected" else _("Why waiting"))

        def ranked_cells(item: RankedPerson, masked: bool) -> list:
            person = item.person
            last = str(item.source) if kind == "selected" else (item.waiting_reason or "")
            if person is None:  # merged into another person after the selection ran
                return [item.rank, _("(merged into another person since the selection)"), "", "", "", last]
            return [item.rank, person.name, nik(person.nik, masked), occupation_label(person.occupation, language),
                    desil(person, masked), last]  # fmt: skip

        return header, ranked_cells
    header = [_("Name"), "NIK", _("Fund"), _("Status"), "KPJ", _("Batch"), _("BPJS's reason")]

    def enrolment_cells(item: Enrolment, masked: bool) -> list:
        batch = item.batch.number if item.batch else ""
        return [item.name, nik(item.nik, masked), str(item.source), item.get_status_display(), item.kpj, batch,
                rejection_reason_text(item.rejection_reason, language)]  # fmt: skip

    return header, enrolment_cells
