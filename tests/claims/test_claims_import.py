"""A BPJS claim report: its rows recorded with what the rules give, the others refused with their reasons,
the same file twice stores nothing, and a later report's status updates the claims it names."""

import pytest

from jaring.accounts.models import AuditEvent
from jaring.claims.models import Claim, ClaimReport
from jaring.claims.services import claims_import
from jaring.core.intake import FileRejected
from tests.claims.conftest import TODAY, claim_report
from tests.files import csv_bytes

pytestmark = pytest.mark.django_db


def load(personas, data, name="KLAIM_2027.xlsx"):
    return claims_import(actor=personas.bpjs, region=personas.malang, file_name=name, data=data, today=TODAY)


def test_a_report_records_its_claims_and_refuses_the_rest_with_reasons(personas, enrolled, workers):
    siti, dewi, budi = enrolled["Siti Aminah"], enrolled["Dewi Lestari"], enrolled["Budi Santoso"]
    wati = workers["WATI NINGSIH"]
    data = claim_report(
        [
            [siti.nik, "10000000002", "SITI AMINAH", "JKM", "10-05-2027", "42.000.000", "DIBAYAR", "K-001"],
            # No NIK: found by the KPJ of her enrolment; paid more than the rules give.
            ["", "10000000004", "DEWI LESTARI", "Jaminan Kematian", "15/02/2027", 42_000_000, "Lunas", "K-002"],
            [budi.nik, "", "BUDI SANTOSO", "JKK - Meninggal Dunia", "2027-08-17", "Rp 70.000.000,00", "", "K-003"],
            ["3573099999990001", "", "ORANG LAIN", "JKM", "10-05-2027", "42000000", "DIBAYAR", "K-004"],
            [wati.nik, "", "WATI NINGSIH", "JKM", "10-05-2027", "42000000", "DIBAYAR", "K-005"],
            [siti.nik, "", "SITI AMINAH", "Asuransi Jiwa", "10-05-2027", "42000000", "DIBAYAR", "K-006"],
            [siti.nik, "", "SITI AMINAH", "Beasiswa SD", "10-05-2027", "-1.500.000", "DIBAYAR", "K-007"],
            [siti.nik, "", "SITI AMINAH", "Beasiswa SD", "10-05-2027", "1500000,50", "DIBAYAR", "K-008"],
            [siti.nik, "", "SITI AMINAH", "Beasiswa SD", "31-02-2027", "1500000", "DIBAYAR", "K-009"],
            [siti.nik, "", "SITI AMINAH", "Beasiswa SD", "10-05-2028", "1500000", "DIBAYAR", "K-010"],
            [siti.nik, "", "SITI AMINAH", "Beasiswa SD", "10-05-2027", "1500000", "ENTAH", "K-011"],
            [siti.nik, "", "SITI AMINAH", "JKM", "10-05-2027", "42000000", "DIBAYAR", "K-001"],
        ]
    )
    result = load(personas, data)
    counts = result.report.counts
    assert (counts["rows"], counts["stored"], counts["refused"]) == (12, 3, 9)
    assert counts["with_warning"] == 1 and counts["paid"] == 42_000_000 * 2 + 70_000_000
    claims = {claim.claim_number: claim for claim in Claim.objects.all()}
    assert set(claims) == {"K-001", "K-002", "K-003"}
    assert claims["K-001"].person_id == siti.pk and claims["K-001"].expected == 42_000_000
    assert claims["K-002"].person_id == dewi.pk and claims["K-002"].expected == 10_000_000
    assert "lebih Rp32.000.000" in claims["K-002"].warning
    # No status: a claim report lists what was paid. JKK - Meninggal Dunia is a work-accident death.
    assert (claims["K-003"].status, claims["K-003"].cause, claims["K-003"].expected) == (
        "paid", "work_accident_death", 70_000_000
    )  # fmt: skip
    assert all(claim.report == result.report for claim in claims.values())
    reasons = {row["row"]: (row["code"], row["reason"]) for row in counts["refused_rows"]}
    # The header is row 4, so the rows of the report start at 5.
    assert reasons[8] == ("person_unknown", "Belum ada orang di wilayah ini dengan NIK atau KPJ ini.")
    assert reasons[9][0] == "never_enrolled"
    assert reasons[10] == (
        "program_unknown", "Program klaim “Asuransi Jiwa” tidak dikenal; tulis mis. JKM, JKK atau Beasiswa SD."
    )  # fmt: skip
    assert reasons[11] == ("amount_negative", "Nominal klaim “-1.500.000” negatif.")
    assert reasons[12][0] == "amount_fraction"
    assert reasons[13][0] == "date_invalid" and "31-02-2027" in reasons[13][1]
    assert reasons[14] == ("date_future", "Tanggal kejadian 10-05-2028 di masa depan.")
    assert reasons[15][0] == "status_unknown" and "ENTAH" in reasons[15][1]
    assert reasons[16][0] == "number_twice"
    assert counts["reasons"]["person_unknown"] == 1 and sum(counts["reasons"].values()) == 9
    event = AuditEvent.objects.get(action="claims.import")
    assert event.actor == personas.bpjs and event.after["stored"] == 3 and event.after["refused"] == 9


def test_the_same_file_twice_stores_nothing_and_says_so(personas, enrolled):
    siti = enrolled["Siti Aminah"]
    data = claim_report([[siti.nik, "", "SITI AMINAH", "JKM", "10-05-2027", "42000000", "DIBAYAR", "K-1"]])
    first = load(personas, data)
    again = load(personas, data, name="copy.xlsx")
    assert again.duplicate_of == first.report and again.to_dict()["duplicate_of"] == first.report.pk
    assert ClaimReport.objects.count() == 1 and Claim.objects.count() == 1
    assert AuditEvent.objects.filter(action="claims.import").count() == 1


def test_a_later_report_updates_the_status_of_a_claim_it_names_and_repeats_nothing(personas, enrolled):
    siti, joko = enrolled["Siti Aminah"], enrolled["Joko Susilo"]
    load(
        personas,
        claim_report(
            [
                [siti.nik, "", "SITI AMINAH", "JKM", "10-05-2027", "42000000", "DIAJUKAN", "K-1"],
                [siti.nik, "", "SITI AMINAH", "Beasiswa SD", "10-05-2027", "1500000", "DIAJUKAN", "K-2"],
                [joko.nik, "", "JOKO SUSILO", "JHT", "01-06-2027", "500000", "DIBAYAR", ""],
            ]
        ),
    )
    later = load(
        personas,
        claim_report(
            [
                [siti.nik, "", "SITI AMINAH", "JKM", "10-05-2027", "42000000", "DIBAYAR", "K-1"],
                [joko.nik, "", "JOKO SUSILO", "JHT", "01-06-2027", "500000", "DIBAYAR", ""],
                [joko.nik, "", "JOKO SUSILO", "JKM", "01-06-2027", "42000000", "DIBAYAR", "K-2"],
            ],
            title="LAPORAN KLAIM JUNI 2027",
        ),
    )
    counts = later.report.counts
    assert (counts["stored"], counts["updated"], counts["unchanged"], counts["refused"]) == (0, 1, 1, 1)
    assert counts["refused_rows"][0]["code"] == "number_other_person"
    assert Claim.objects.get(claim_number="K-1").status == Claim.Status.PAID
    assert Claim.objects.count() == 3


def test_a_csv_report_with_other_headers_is_read_too(personas, enrolled):
    siti = enrolled["Siti Aminah"]
    data = csv_bytes(
        [
            ["NIK", "NAMA", "PROGRAM", "TANGGAL KEJADIAN", "NOMINAL", "STATUS", "NO KLAIM"],
            [f"'{siti.nik}", "Siti Aminah", "Beasiswa - SMA", "10-05-2027", "3.000.000", "Diajukan", "B-1"],
        ]
    )
    result = load(personas, data, name="klaim.csv")
    claim = Claim.objects.get()
    assert result.report.counts["stored"] == 1
    assert (claim.program, claim.level, claim.status, claim.amount_paid) == ("beasiswa", "sma", "submitted", 3_000_000)
    assert claim.expected is None  # no cause on the report: nothing to compare with


def test_an_unreadable_file_is_refused_and_stores_nothing(personas, enrolled):
    with pytest.raises(FileRejected):
        load(personas, b"PK\x03\x04 not really a workbook", name="rusak.xlsx")
    assert not ClaimReport.objects.exists()
