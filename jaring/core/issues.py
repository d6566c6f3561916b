"""The one shape every validation problem takes, whichever rule found it."""

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the value cannot be used as it is
    WARNING = "warning"  # the value is used, but a person should look at it


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with a stable `code` (for counting and filtering) and an Indonesian `message`."""

    code: str
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity.value, "message": self.message}


# Short Indonesian names of the issue codes, for counts on screens and in reports.
ISSUE_LABELS = {
    "nik.missing": "NIK kosong",
    "nik.not_numeric": "NIK bukan angka",
    "nik.scientific_notation": "NIK rusak oleh Excel (notasi ilmiah)",
    "nik.length": "NIK tidak 16 digit",
    "nik.province_unknown": "Kode provinsi NIK tidak dikenal",
    "nik.regency_unknown": "Kode kabupaten/kota NIK tidak dikenal",
    "nik.regency_legacy": "Kode wilayah NIK kode lama",
    "nik.district_unknown": "Kode kecamatan NIK tidak dikenal",
    "nik.birth_date_invalid": "Tanggal lahir di NIK tidak ada",
    "nik.birth_date_out_of_range": "Tanggal lahir di NIK di luar rentang umur",
    "nik.serial_zero": "Nomor urut NIK 0000",
    "nik.excel_damage": "NIK mungkin diubah Excel",
    "nik.birth_date_mismatch": "Tanggal lahir berbeda dengan NIK",
    "nik.sex_mismatch": "Jenis kelamin berbeda dengan NIK",
    "nik.duplicate_in_file": "NIK ganda dalam berkas",
    "name.missing": "Nama kosong",
    "birth_date.invalid": "Tanggal lahir tidak dikenali",
    "birth_date.future": "Tanggal lahir di masa depan",
    "birth_date.missing": "Tanggal lahir kosong",
    "sex.invalid": "Jenis kelamin tidak dikenali",
    "age.out_of_range": "Umur di luar 15–65 (program yang menentukan)",
    "age.impossible": "Umur tidak mungkin",
    "birth_date.from_nik": "Tanggal lahir diambil dari NIK",
    "nik.outside_region": "KTP luar daerah",
    "phone.invalid": "Nomor HP tidak valid",
    "address.outside_region": "Domisili di luar wilayah",
    "address.kelurahan_unknown": "Kelurahan/desa tidak ditemukan",
    "occupation.unknown": "Pekerjaan di luar katalog",
}
