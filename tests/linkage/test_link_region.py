import datetime as dt
import json

import polars as pl
import pytest
from django.core.management import call_command

from jaring.linkage.models import LinkageModel, MatchPair
from jaring.linkage.services import link_region
from jaring.persons.models import Person
from jaring.registry.models import SourceRecord
from jaring.registry.services import submission_import
from tests.files import xlsx_bytes
from tests.people import person_id_of, person_of

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 11, 21)
HEADER = ["NIK", "Nama", "Tgl Lahir", "JK", "Kelurahan", "Kecamatan", "No HP"]


def send(region, opd, rows, name):
    return submission_import(
        actor=None,
        region=region,
        source=opd.code,
        opd=opd,
        file_name=name,
        data=xlsx_bytes({"Data": [HEADER, *rows]}),
        on=ON,
    ).submission


def test_the_same_people_from_two_opds_become_one_person_each(personas):
    send(
        personas.malang,
        personas.dinsos,
        [
            ["3573011508900001", "Moch. Syaiful Anam", "15-08-1990", "L", "Sumbersari", "Lowokwaru", "081234567890"],
            ["3573015203850002", "Siti Aminah", "12-03-1985", "P", "Dinoyo", "Lowokwaru", None],
            ["3573012207700003", "Budi Santoso", "22-07-1970", "L", "Tlogomas", "Lowokwaru", None],
        ],
        "dinsos.xlsx",
    )
    send(
        personas.malang,
        personas.satpol,
        [
            ["3573011508900001", "M. Saiful Anam", "15-08-1990", "L", "Sumbersari", "Lowokwaru", None],
            ["3573015203850020", "SITI AMINAH", "12-03-1985", "P", "Dinoyo", "Lowokwaru", None],  # Excel-ish NIK damage
            ["3573014406950004", "Dewi Lestari", "04-06-1995", "P", "Merjosari", "Lowokwaru", None],
        ],
        "satpol.xlsx",
    )
    result = link_region(actor=personas.admin, region=personas.malang)
    assert result.persons == 4 and result.new_persons == 4 and not result.incremental
    syaiful = person_of(SourceRecord.objects.get(name="M. SAIFUL ANAM"))
    assert person_of(SourceRecord.objects.get(name="MOCH. SYAIFUL ANAM")) == syaiful
    assert (syaiful.nik, syaiful.birth_date, syaiful.phone) == (
        "3573011508900001",
        dt.date(1990, 8, 15),
        "+6281234567890",
    )
    assert syaiful.field_sources["phone"] == SourceRecord.objects.get(name="MOCH. SYAIFUL ANAM").pk
    siti = SourceRecord.objects.filter(name__iexact="siti aminah")
    assert len({person_id_of(row) for row in siti}) == 1
    assert LinkageModel.objects.filter(region=personas.malang).count() == 1


def test_new_rows_are_linked_against_existing_persons_without_relinking_the_rest(personas):
    send(
        personas.malang,
        personas.dinsos,
        [
            ["3573011508900001", "Moch. Syaiful Anam", "15-08-1990", "L", "Sumbersari", "Lowokwaru", None],
            ["3573012207700003", "Budi Santoso", "22-07-1970", "L", "Tlogomas", "Lowokwaru", None],
        ],
        "dinsos.xlsx",
    )
    link_region(actor=None, region=personas.malang)
    first_person = person_id_of(SourceRecord.objects.get(name="BUDI SANTOSO"))
    send(
        personas.malang,
        personas.satpol,
        [
            ["3573012207700003", "Budi Santoso", "22-07-1970", "L", "Tlogomas", "Lowokwaru", "081311112222"],
            ["3573014406950004", "Dewi Lestari", "04-06-1995", "P", "Merjosari", "Lowokwaru", None],
            # Two more new people keep the repeated share (1 of 4) under the circuit breaker's 30 %.
            ["3573015203850002", "Siti Aminah", "12-03-1985", "P", "Dinoyo", "Lowokwaru", None],
            ["3573011101800005", "Joko Widodo", "11-01-1980", "L", "Tulusrejo", "Lowokwaru", None],
        ],
        "satpol.xlsx",
    )
    result = link_region(actor=None, region=personas.malang)
    assert result.incremental and result.new_persons == 3 and result.persons == 5
    budi_rows = SourceRecord.objects.filter(name="BUDI SANTOSO")
    assert {person_id_of(row) for row in budi_rows} == {first_person}
    assert Person.objects.get(pk=first_person).phone == "+6281311112222"  # the golden record took the new phone


def test_linking_again_with_nothing_new_changes_nothing(personas):
    send(
        personas.malang, personas.dinsos, [["3573011508900001", "Ahmad", "15-08-1990", "L", None, None, None]], "a.xlsx"
    )
    link_region(actor=None, region=personas.malang)
    again = link_region(actor=None, region=personas.malang)
    assert (again.persons, again.new_persons, again.auto_links) == (1, 0, 0)


def test_rejected_rows_are_not_linked(personas):
    send(personas.malang, personas.dinsos, [["123", "Tanpa NIK", "15-08-1990", "L", None, None, None]], "a.xlsx")
    assert link_region(actor=None, region=personas.malang).persons == 0
    assert person_of(SourceRecord.objects.get()) is None


def test_cli_link_json(personas, capsys):
    send(
        personas.malang, personas.dinsos, [["3573011508900001", "Ahmad", "15-08-1990", "L", None, None, None]], "a.xlsx"
    )
    call_command("link", "--region", "35.73", "--json")
    output = json.loads(capsys.readouterr().out)
    assert set(output) >= {"persons", "auto_links", "review_pairs", "already_covered", "seconds"}
    assert output["persons"] == 1 and MatchPair.objects.count() == 0


def test_cli_review_and_exports(personas, tmp_path, capsys):
    send(
        personas.malang,
        personas.dinsos,
        [["3573011508900001", "Ahmad Fauzi", "15-08-1990", "L", "Sumbersari", "Lowokwaru", None]],
        "a.xlsx",
    )
    send(
        personas.malang,
        personas.satpol,
        [["3573012208900005", "Ahmad Fauzi", "22-08-1990", "L", "Sumbersari", "Lowokwaru", None]],
        "b.xlsx",
    )
    link_region(actor=None, region=personas.malang)
    call_command("review", "list", "--json")
    [pair] = json.loads(capsys.readouterr().out)
    assert pair["left"]["name"] == pair["right"]["name"] == "AHMAD FAUZI" and pair["evidence"]
    call_command("review", "decide", str(pair["pair_id"]), "same", "--json")
    assert json.loads(capsys.readouterr().out)["decision"] == "same"

    persons_csv, records_csv = tmp_path / "persons.csv", tmp_path / "records.csv"
    call_command("export", "persons", "--out", str(persons_csv))
    call_command("export", "records", "--out", str(records_csv))
    persons = pl.read_csv(persons_csv, infer_schema=False)
    assert persons.columns == [
        "person_id",
        "nik",
        "name",
        "birth_date",
        "sex",
        "kelurahan_code",
        "occupation",
        "source_rows",
        "bpjs_status",
        "kpj",
    ]
    assert persons.rows() == [
        (
            persons["person_id"][0],
            persons["nik"][0],
            "AHMAD FAUZI",
            persons["birth_date"][0],
            "L",
            persons["kelurahan_code"][0],
            "",
            "2",
            "none",
            "",
        )
    ]
    records = pl.read_csv(records_csv, infer_schema=False)
    assert records["person_id"].unique().to_list() == [persons["person_id"][0]]


def test_the_same_valid_nik_and_birth_date_link_in_a_later_run_even_with_the_name_reordered(personas, capsys):
    send(
        personas.malang,
        personas.dinsos,
        [
            ["3573011508900001", "Viktor Irawan", "15-08-1990", "L", "Sumbersari", "Lowokwaru", None],
            ["3573015203850002", "Siti Aminah", "12-03-1985", "P", "Dinoyo", "Lowokwaru", None],
            ["3573012207700003", "Budi Santoso", "22-07-1970", "L", "Tlogomas", "Lowokwaru", None],
            ["3573014406950004", "Dewi Lestari", "04-06-1995", "P", "Merjosari", "Lowokwaru", None],
        ],
        "dinsos.xlsx",
    )
    link_region(actor=None, region=personas.malang)
    # Another OPD, after the first link: the name reordered with an initial, nothing else alike.
    send(
        personas.malang,
        personas.satpol,
        [
            ["3573011508900001", "Irawan Viktor H", "15-08-1990", None, None, None, "081377776666"],
            ["3573011101800005", "Joko Widodo", "11-01-1980", "L", "Tulusrejo", "Lowokwaru", None],
            ["3573016607880006", "Rina Marlina", "26-07-1988", "P", "Jatimulyo", "Lowokwaru", None],
            ["3573010909750007", "Agus Salim", "09-09-1975", "L", "Tunggulwulung", "Lowokwaru", None],
        ],
        "satpol.xlsx",
    )
    call_command("link", "--region", "35.73", "--json")
    result = json.loads(capsys.readouterr().out)
    viktor = {person_id_of(row) for row in SourceRecord.objects.filter(nik="3573011508900001")}
    assert len(viktor) == 1 and result["incremental"] and result["new_persons"] == 3
    assert result["persons_sharing_nik"] == 0
