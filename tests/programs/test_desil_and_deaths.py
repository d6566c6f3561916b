"""DTSEN desil from the Dinsos list decides and ranks; a death list excludes (issue 16)."""

import json

import pytest
from django.core.management import call_command

from jaring.linkage.services import link_region
from jaring.persons.models import Person
from jaring.persons.services import deaths_import
from jaring.programs.exports import program_people_table
from jaring.programs.models import Eligibility
from jaring.programs.selectors import program_selected, program_waiting
from jaring.programs.services import funding_add, program_eligibility, program_rules_update, program_select
from jaring.registry.services import submission_import
from tests.files import xlsx_bytes
from tests.programs.conftest import ON, a_program

pytestmark = pytest.mark.django_db
PER_WORKER = 201_600
HEADER = ["NIK", "Nama", "Tgl Lahir", "JK", "Kelurahan", "Kecamatan", "Pekerjaan", "DESIL"]
DINSOS = [
    ["3573011508900001", "Ahmad Fauzi", "15-08-1990", "L", "Sumbersari", "Lowokwaru", "petani", "Desil 3"],
    ["3573012207700003", "Budi Santoso", "22-07-1970", "L", "Tlogomas", "Lowokwaru", "ojek", "D1"],
    ["3573015203850002", "Siti Aminah", "12-03-1985", "P", "Dinoyo", "Lowokwaru", "pemulung", "7"],
    ["3573014406950004", "Dewi Lestari", "04-06-1995", "P", "Merjosari", "Lowokwaru", "pemulung", None],
]


def send(personas, rows, name):
    submission_import(
        actor=None,
        region=personas.malang,
        source=personas.dinsos.code,
        opd=personas.dinsos,
        file_name=name,
        data=xlsx_bytes({"DTSEN": [HEADER, *rows]}),
        on=ON,
    )


@pytest.fixture
def dinsos(personas) -> dict[str, Person]:
    send(personas, DINSOS, "dinsos-dtsen.xlsx")
    link_region(actor=None, region=personas.malang)
    return {person.name: person for person in Person.objects.all()}


def test_the_desil_of_the_dinsos_list_reaches_the_person_and_the_latest_list_wins(personas, dinsos):
    assert {name: person.desil for name, person in dinsos.items()} == {
        "AHMAD FAUZI": 3,
        "BUDI SANTOSO": 1,
        "SITI AMINAH": 7,
        "DEWI LESTARI": None,
    }
    # A newer DTSEN list moves Siti to desil 2 (and brings three new people: not a repeated list to hold).
    newer = [
        ["3573015203850002", "Siti Aminah", "12-03-1985", "P", "Dinoyo", "Lowokwaru", "pemulung", "02"],
        ["3573011010800009", "Eko Prasetyo", "10-10-1980", "L", "Dinoyo", "Lowokwaru", "ojek", "5"],
        ["3573015511820010", "Rina Wati", "15-11-1982", "P", "Dinoyo", "Lowokwaru", "pedagang", "4"],
        ["3573010303750011", "Agus Salim", "03-03-1975", "L", "Dinoyo", "Lowokwaru", "marbot", "6"],
    ]
    send(personas, newer, "dtsen-2027.xlsx")
    link_region(actor=None, region=personas.malang)
    assert Person.objects.get(pk=dinsos["SITI AMINAH"].pk).desil == 2


def test_the_desil_rule_and_the_desil_priority_use_it(personas, dinsos):
    program = a_program(personas)
    funding_add(actor=None, program=program, kind="apbd", amount=1 * PER_WORKER, legal_basis="Perwal")
    program_rules_update(actor=None, program=program, min_age=15, max_age=65, categories=[],
                         exclude_bpjs_active=True, desil=(1, 4), priority=["desil"])  # fmt: skip
    program_eligibility(actor=None, program=program, save=True)
    judged = {e.person_id: (e.eligible, e.reasons) for e in Eligibility.objects.filter(program=program)}
    assert judged == {
        dinsos["AHMAD FAUZI"].pk: (True, ""),
        dinsos["BUDI SANTOSO"].pk: (True, ""),
        dinsos["SITI AMINAH"].pk: (False, "desil.outside"),
        dinsos["DEWI LESTARI"].pk: (False, "desil.unknown"),
    }
    # The excluded list says which desil: the person's, not "None".
    program.refresh_from_db()
    table = program_people_table(program=program, kind="excluded", language="id")
    reasons = {row[0]: row[-1] for row in table.rows()}
    assert reasons["SITI AMINAH"] == "desil DTSEN 7 di luar 1-4"
    program_select(actor=None, program=program)
    # Money for one: the poorest (desil 1) first.
    assert [row.person.pk for row in program_selected(program=program).iterator()] == [dinsos["BUDI SANTOSO"].pk]
    assert [row.person.pk for row in program_waiting(program=program).iterator()] == [dinsos["AHMAD FAUZI"].pk]


def test_a_worker_a_death_list_names_is_not_eligible(personas, dinsos):
    deaths = xlsx_bytes(
        {"Kematian": [["NIK", "NAMA", "TANGGAL MENINGGAL"], ["3573012207700003", "BUDI SANTOSO", "02-10-2026"]]}
    )
    result = deaths_import(actor=None, region=personas.malang, file_name="mati.xlsx", data=deaths, source="Dukcapil")
    assert result.to_dict()["matched"] == 1
    program = a_program(personas)
    program_eligibility(actor=None, program=program, save=True)
    judged = Eligibility.objects.get(program=program, person=dinsos["BUDI SANTOSO"])
    assert (judged.eligible, judged.reasons) == (False, "deceased")


AHMAD_AGAIN = ["3573012208900005", "Ahmad Fauzi", "22-08-1990", "L", "Sumbersari", "Lowokwaru", "petani", None]


def test_the_cli_warns_as_the_page_does_while_possible_duplicates_wait(personas, dinsos, capsys):
    # Satpol PP lists Ahmad Fauzi again with another NIK and birth date: a pair waits for review.
    submission_import(
        actor=None,
        region=personas.malang,
        source=personas.satpol.code,
        opd=personas.satpol,
        file_name="satpol.xlsx",
        data=xlsx_bytes({"Data": [HEADER, AHMAD_AGAIN]}),
        on=ON,
    )
    link_region(actor=None, region=personas.malang)
    program = a_program(personas)
    funding_add(actor=None, program=program, kind="apbd", amount=10 * PER_WORKER, legal_basis="Perwal")
    warning = "1 kemungkinan duplikat di wilayah ini masih menunggu keputusan"
    call_command("program", "eligibility", str(program.pk), "--json")
    assert json.loads(capsys.readouterr().out)["warning"].startswith(warning)
    for step in (["eligibility", "--save"], ["select"], ["approve"]):
        call_command("program", step[0], str(program.pk), *step[1:])
        assert warning in capsys.readouterr().err
