"""The billing fixtures' five enrolled workers (January to December 2027), a day to record claims on that
lies after their cover (the real today is before it), and a claim report written as a branch writes one."""

import datetime as dt

import pytest

from jaring.programs.models import Enrolment, FundingSource
from tests.billing.conftest import checker, enrolled  # noqa: F401  (fixtures)
from tests.files import xlsx_bytes
from tests.programs.conftest import program, workers  # noqa: F401  (fixtures)

# Claims are recorded after the events; the fixtures' cover is 2027, after the real today.
TODAY = dt.date(2027, 12, 31)
REPORT_HEADER = ["NO", "NIK", "KPJ", "NAMA", "JENIS KLAIM", "TGL MENINGGAL", "JUMLAH DIBAYAR", "STATUS", "NO KLAIM"]


def claim_report(rows, *, title: str = "LAPORAN KLAIM PESERTA BPU PEMDA KOTA MALANG") -> bytes:
    """A claim report as the branch writes one: title rows, the header, numbered rows, a signature below."""
    return xlsx_bytes(
        {
            "Klaim": [
                ["BPJS KETENAGAKERJAAN KANTOR CABANG MALANG"],
                [title],
                [],
                REPORT_HEADER,
                *[[n, *row] for n, row in enumerate(rows, start=1)],
                [],
                ["Malang, 05 Januari 2028"],
            ]
        }
    )


@pytest.fixture
def covered_2026(personas, program, workers):  # noqa: F811  (the fixtures imported above)
    """Wati Ningsih, covered January to December 2026 by the same program: a member before the real today."""
    wati = workers["WATI NINGSIH"]
    Enrolment.objects.create(
        program=program,
        person_id=wati.pk,
        source=FundingSource.objects.filter(program=program).order_by("id").last(),
        cost=201_600,
        cover_start=dt.date(2026, 1, 1),
        cover_months=12,
        status=Enrolment.Status.ACTIVE,
        kpj="10000000008",
        nik=wati.nik,
        name=wati.name,
        occupation=wati.occupation,
    )
    return wati
