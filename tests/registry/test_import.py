import csv
import datetime as dt
import json

import pytest
from django.core.management import call_command

from jaring.accounts.models import AuditEvent
from jaring.core.intake.tabular import FileRejected
from jaring.registry.models import SourceRecord, Submission
from jaring.registry.services import submission_import
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 11, 21)
HEADER = ["No", "NIK", "Nama Lengkap", "Tgl Lahir", "JK", "Alamat", "Kelurahan", "Kecamatan", "No HP", "Pekerjaan"]
GOOD = [
    1,
    3573011508900001,
    "Drs. H. Ahmad, S.Pd",
    dt.datetime(1990, 8, 15),
    "L",
    "Jl. Mawar 1 RT 3/5",
    "Sumbersari",
    "Lowokwaru",
    "0812-3456-7890",
    "Linmas",
]
FLAGGED = [
    2,
    "3573015508900001",
    "Siti Aminah",
    "17 Agustus 1975",
    "P",
    "Jl. Melati RT 1/2",
    "Dinoyo",
    "Lowokwaru",
    "081234567890",
    "Guru ngaji",
]
BAD = [3, "35730155089", "Budi", "31-02-1990", "L", None, "Antah", "Batu", "123", "Astronot"]


def messy_list(*rows) -> bytes:
    body = [HEADER, *rows, [None] * len(HEADER), ["Jumlah", None, f"{len(rows)} orang"] + [None] * 7]
    return xlsx_bytes({"Linmas": body}, merge_title="DAFTAR LINMAS KELURAHAN SUMBERSARI 2026")


def import_file(personas, data: bytes, file_name: str = "linmas.xlsx", actor=None):
    return submission_import(
        actor=actor or personas.operator,
        region=personas.malang,
        source="DINSOS",
        opd=personas.dinsos,
        file_name=file_name,
        data=data,
        on=ON,
    )


def test_every_row_is_kept_with_provenance_and_explained(personas):
    data = messy_list(GOOD, FLAGGED, BAD)
    result = import_file(personas, data)
    submission = result.submission
    assert result.to_dict() == {
        "submission_id": submission.pk,
        "file": "linmas.xlsx",
        "duplicate_of": None,
        "rows": 3,
        "accepted": 1,
        "warnings": 1,
        "rejected": 1,
        "updated": 0,
        "skipped": 2,
        "issues": {
            "address.kelurahan_unknown": 1,
            "address.outside_region": 1,
            "birth_date.invalid": 1,
            "nik.birth_date_mismatch": 1,
            "nik.length": 1,
            "occupation.unknown": 1,
            "phone.invalid": 1,
        },
    }
    assert (submission.uploaded_by, submission.opd, submission.size) == (
        personas.operator,
        personas.dinsos,
        len(data),
    )
    assert len(submission.sha256) == 64 and submission.status == Submission.Status.DONE
    assert submission.sheets[0]["header_row"] == 3
    records = list(SourceRecord.objects.filter(submission=submission).order_by("row"))
    assert [(r.sheet, r.row, r.status) for r in records] == [
        ("Linmas", 4, "accepted"),
        ("Linmas", 5, "accepted_with_warnings"),
        ("Linmas", 6, "rejected"),
    ]
    good = records[0]
    assert good.raw["NIK"] == "3573011508900001.0" and good.raw["Nama Lengkap"] == "Drs. H. Ahmad, S.Pd"
    assert (good.nik, good.name, good.name_titles, good.birth_date, good.phone, good.rt, good.rw) == (
        "3573011508900001",
        "AHMAD",
        "Drs. H. S.Pd",
        dt.date(1990, 8, 15),
        "+6281234567890",
        "003",
        "005",
    )
    assert good.kelurahan_code.startswith("35.73.05.") and good.occupation == "linmas"
    assert good.region_id == "35.73" and good.opd == personas.dinsos
    bad = records[2]
    assert bad.issue_codes.split(",")[0] == "nik.length"
    assert all(set(issue) == {"code", "severity", "message"} for issue in bad.issues)
    assert AuditEvent.objects.filter(action="registry.submission_import", object_id=str(submission.pk)).exists()


def test_the_same_file_twice_imports_nothing_new(personas):
    data = messy_list(GOOD, FLAGGED)
    first = import_file(personas, data)
    again = import_file(personas, data, file_name="salinan.xlsx")
    assert again.duplicate_of == first.submission
    assert Submission.objects.count() == 1 and SourceRecord.objects.count() == 2


def test_the_same_file_from_another_opd_is_that_opds_own_submission(personas):
    data = messy_list(GOOD, FLAGGED)
    import_file(personas, data)
    other = submission_import(
        actor=personas.other_operator,
        region=personas.malang,
        source="SATPOLPP",
        opd=personas.satpol,
        file_name="linmas.xlsx",
        data=data,
        on=ON,
    )
    assert other.duplicate_of is None and other.submission.opd == personas.satpol
    assert SourceRecord.objects.count() == 4


def test_a_corrected_file_updates_the_rejected_rows_instead_of_adding_them(personas):
    first = import_file(personas, messy_list(GOOD, FLAGGED, BAD)).submission
    fixed = [
        3,
        "3573011502900003",
        "Budi",
        "15-02-1990",
        "L",
        "Jl. Kenanga RT 2/3",
        "Dinoyo",
        "Lowokwaru",
        "081298765432",
        "Ojol",
    ]
    # The sender fixed Budi's NIK and date and Siti's birth date, and sends just those rows again.
    siti = [
        2,
        "3573015508900001",
        "Siti Aminah",
        "15-08-1990",
        "P",
        "Jl. Melati RT 1/2",
        "Dinoyo",
        "Lowokwaru",
        "081234567890",
        "Guru ngaji",
    ]
    second = import_file(personas, messy_list(siti, fixed), file_name="linmas-perbaikan.xlsx").submission
    assert second.counts["updated"] == 1  # Siti matched by NIK; Budi's old row had no usable NIK
    first.refresh_from_db()
    assert first.counts["accepted"] == 2 and first.counts["warnings"] == 0
    assert SourceRecord.objects.filter(nik="3573015508900001").count() == 1


@pytest.mark.parametrize(
    ("data", "file_name", "code"),
    [
        (b"", "kosong.xlsx", "file.empty"),
        (b"No,NIK\r\n1,2\r\n", "palsu.xlsx", "file.type_mismatch"),
        (csv_bytes([["a", "b"], ["1", "2"]]), "tanpa-judul.csv", "file.no_header"),
    ],
)
def test_bad_files_are_refused_and_leave_the_database_as_it_was(personas, data, file_name, code):
    events = AuditEvent.objects.count()
    with pytest.raises(FileRejected) as caught:
        import_file(personas, data, file_name=file_name)
    assert caught.value.code == code
    assert Submission.objects.count() == 0 and SourceRecord.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_csv_with_semicolons_from_a_windows_excel(personas):
    rows = [["NIK", "Nama", "Tgl Lahir"], ["'3573011508900001", "Désiré", "15/08/1990"]]
    result = import_file(personas, csv_bytes(rows, delimiter=";", encoding="cp1252"), file_name="daftar.csv")
    record = SourceRecord.objects.get(submission=result.submission)
    assert (record.nik, record.name, record.status) == ("3573011508900001", "DÉSIRÉ", "accepted")


def test_cli_import_json_and_export(personas, tmp_path, capsys):
    path = tmp_path / "linmas.xlsx"
    path.write_bytes(messy_list(GOOD, BAD))
    call_command("import", str(path), "--source", "dinsos", "--region", "35.73", "--on", "2026-11-21", "--json")
    output = json.loads(capsys.readouterr().out)
    assert (output["rows"], output["accepted"], output["rejected"], output["skipped"]) == (2, 1, 1, 2)
    assert Submission.objects.get().opd == personas.dinsos

    out = tmp_path / "records.csv"
    call_command("export", "records", "--out", str(out))
    with out.open(newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == [
            "submission_id",
            "source",
            "file",
            "sheet",
            "row",
            "status",
            "issue_codes",
            "nik",
            "name",
            "birth_date",
            "sex",
            "kelurahan_code",
            "occupation",
            "desil",
            "person_id",
        ]
        lines = list(reader)
    assert [(line["row"], line["status"], line["nik"], line["birth_date"]) for line in lines] == [
        ("4", "accepted", "3573011508900001", "1990-08-15"),
        ("5", "rejected", "", ""),
    ]
    assert lines[0]["source"] == "DINSOS" and lines[0]["kelurahan_code"].startswith("35.73.05.")
    assert lines[1]["issue_codes"].startswith("nik.length,")


def test_cli_reports_a_refused_file_and_exits_1(personas, tmp_path, capsys):
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"")
    with pytest.raises(SystemExit) as caught:
        call_command("import", str(path), "--source", "DINSOS", "--region", "35.73", "--json")
    assert caught.value.code == 1
    assert json.loads(capsys.readouterr().out)["error"] == "file.empty"


def test_cli_shows_progress_on_stderr_and_the_result_on_stdout(personas, tmp_path, capsys):
    path = tmp_path / "linmas.xlsx"
    path.write_bytes(messy_list(GOOD))
    call_command("import", str(path), "--source", "DINSOS", "--region", "35.73", "--on", "2026-11-21")
    captured = capsys.readouterr()
    assert "linmas.xlsx: [####################] 100% Selesai" in captured.err
    assert "1 diterima" in captured.out and "Selesai" not in captured.out


def _send(personas, opd, rows, name):
    return submission_import(
        actor=None,
        region=personas.malang,
        source=opd.code,
        opd=opd,
        file_name=name,
        data=messy_list(*rows),
        on=ON,
    ).submission


def test_another_opds_list_never_rewrites_a_row_it_shares_a_nik_with(personas):
    satpol = _send(personas, personas.satpol, [FLAGGED], "satpol.xlsx")
    before = list(SourceRecord.objects.filter(submission=satpol).values("name", "occupation", "status"))
    other = [
        2,
        "3573015508900001",
        "Siti Aminah Rahayu",
        "17-08-1975",
        "P",
        None,
        "Dinoyo",
        "Lowokwaru",
        None,
        "Pemulung",
    ]
    dinsos = _send(personas, personas.dinsos, [other], "dinsos.xlsx")
    assert list(SourceRecord.objects.filter(submission=satpol).values("name", "occupation", "status")) == before
    assert dinsos.counts["updated"] == 0 and dinsos.records.count() == 1


def test_re_sending_rows_unchanged_corrects_nothing_and_stores_nothing_twice(personas):
    first = _send(personas, personas.dinsos, [FLAGGED, BAD], "a.xlsx")
    again = _send(personas, personas.dinsos, [BAD, FLAGGED], "a-lagi.xlsx")  # another file, the same rows
    assert again.counts["updated"] == 0
    assert SourceRecord.objects.count() == 3 and again.records.count() == 1  # BAD has no usable NIK: stored anew
    assert first.records.count() == 2


def test_one_row_corrects_one_row_even_when_two_earlier_rows_share_its_nik(personas):
    twice = [FLAGGED, [3, *FLAGGED[1:]]]
    _send(personas, personas.dinsos, twice, "dobel.xlsx")
    fixed = [1, "3573015508900001", "Siti Aminah", "15-08-1990", "P", None, "Dinoyo", "Lowokwaru", None, "Guru ngaji"]
    second = _send(personas, personas.dinsos, [fixed], "perbaikan.xlsx")
    assert second.counts["updated"] == 1 and second.records.count() == 0
    birth_dates = sorted(SourceRecord.objects.values_list("birth_date", flat=True))
    assert birth_dates == [dt.date(1975, 8, 17), dt.date(1990, 8, 15)]
    assert SourceRecord.objects.filter(status="accepted").count() == 1


def dinsos_list(*rows) -> bytes:
    """A Dinsos list as DTSEN exports reach the OPDs: a DESIL column, numbers stored as numbers."""
    return xlsx_bytes({"DTSEN": [[*HEADER, "DESIL"], *rows]})


def test_the_dtsen_desil_is_read_and_stored_on_each_row(personas, tmp_path):
    rows = [
        [*GOOD, 3],  # an Excel number
        [*FLAGGED, "Desil 1 (Sangat Miskin)"],
        [4, "3573011203850004", "Joko", "12-03-1985", "L", None, None, None, None, "Petani", "D10"],
        [5, "3573015304860005", "Wati", "13-04-1986", "P", None, None, None, None, "Petani", "tinggi"],
        [6, "3573011405870006", "Yanto", "14-05-1987", "L", None, None, None, None, "Petani", None],
    ]
    submission = import_file(personas, dinsos_list(*rows), file_name="dtsen.xlsx").submission
    assert submission.sheets[0]["columns"][-1]["field"] == "desil"
    records = SourceRecord.objects.filter(submission=submission).order_by("row")
    assert [record.desil for record in records] == [3, 1, 10, None, None]
    wati = records.get(name="WATI")
    assert wati.status == "accepted_with_warnings" and wati.issue_codes == "desil.invalid"
    assert submission.counts["issues"]["desil.invalid"] == 1

    out = tmp_path / "records.csv"
    call_command("export", "records", "--out", str(out))
    with out.open(newline="") as handle:
        assert [line["desil"] for line in csv.DictReader(handle)] == ["3", "1", "10", "", ""]


def test_a_correction_that_changes_only_the_desil_updates_the_row(personas):
    # Siti's row waits for a correction (its birth date differs from the NIK's); her desil is fixed alone.
    first = import_file(personas, dinsos_list([*FLAGGED, 2], [*GOOD, "tinggi"])).submission
    second = import_file(personas, dinsos_list([*FLAGGED, 4], [*GOOD, "3"]), file_name="dtsen-perbaikan.xlsx")
    assert second.submission.counts["updated"] == 2 and second.submission.records.count() == 0
    records = {record.name: record for record in SourceRecord.objects.filter(submission=first)}
    assert records["SITI AMINAH"].desil == 4
    assert (records["AHMAD"].desil, records["AHMAD"].status, records["AHMAD"].issue_codes) == (3, "accepted", "")
