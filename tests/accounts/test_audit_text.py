"""The audit log in words: labels for fields and codes, "before → after", nothing internal shown."""

from django.utils import translation

from jaring.accounts.audit_text import action_label, audit_changes, value_text


def test_a_field_change_reads_label_before_and_after():
    with translation.override("id"):
        changes = audit_changes({"occupation": "petani"}, {"occupation": "pemulung"})
    assert [(c.label, c.before, c.after) for c in changes] == [("Pekerjaan", "Petani / buruh tani", "Pemulung")]


def test_the_same_change_in_english():
    with translation.override("en"):
        changes = audit_changes({"is_active": True}, {"is_active": False})
        assert [(c.label, c.before, c.after) for c in changes] == [("Active", "yes", "no")]
        assert action_label("accounts.opd_update") == "OPD changed"


def test_values_only_after_are_listed_without_an_arrow():
    with translation.override("id"):
        changes = audit_changes(None, {"username": "siti", "role": "opd_operator", "opd": "DISHUB"})
    assert [(c.label, c.before, c.after) for c in changes] == [
        ("Nama pengguna", None, "siti"),
        ("Peran", None, "Operator OPD / kelurahan"),
        ("OPD", None, "DISHUB"),
    ]


def test_hashes_and_internal_structures_are_not_shown():
    changes = audit_changes(None, {"file": "linmas.xlsx", "sha256": "ab" * 32, "overrides": {"Sheet1": {"c1": "nik"}}})
    assert [c.after for c in changes] == ["linmas.xlsx"]


def test_nested_counts_read_as_words_not_a_dict():
    with translation.override("id"):
        text = value_text("skipped", {"blank": 2, "header": 1, "footer": 0})
    assert text == "kosong: 2, judul: 1, baris jumlah: 0"
    assert "{" not in text


def test_an_unknown_action_is_not_shown_as_its_code():
    with translation.override("en"):
        assert action_label("something.internal") == "Other change"
    with translation.override("id"):
        assert value_text("records", [3, 5]) == "3, 5" and value_text("note", None) == "—"


def test_program_events_read_in_words_with_money_grouped():
    with translation.override("id"):
        assert action_label("programs.select") == "Dipilih dalam anggaran"
        funding = audit_changes(None, {"fund": "dana_desa", "amount": 1_008_000, "categories": ["petani", "ojek"]})
        closed = audit_changes({"status": "approved"}, {"status": "closed", "ended": 49})
        seconds = value_text("seconds", 3.38)
        created = audit_changes(None, {"name": "Pekerja rentan 2027", "cover_start": "2027-01-01"})
        linked = audit_changes(None, {"held_submissions": 0, "persons_sharing_nik": 0})
    assert [(c.label, c.after) for c in created] == [
        ("Nama", "Pekerja rentan 2027"),
        ("Bulan pertama perlindungan", "01-2027"),
    ]
    assert [c.label for c in linked] == [
        "Daftar yang ditahan untuk ditinjau",
        "Orang dengan NIK dan tanggal lahir yang sama",
    ]
    assert [(c.label, c.after) for c in funding] == [
        ("Dana", "Dana Desa"),
        ("Jumlah", "Rp1.008.000"),
        ("Pekerjaan", "Petani / buruh tani, Ojek / ojol"),
    ]
    assert [(c.label, c.before, c.after) for c in closed] == [
        ("Status", "Disetujui", "Ditutup"),
        ("Kepesertaan diakhiri", None, "49"),
    ]
    assert seconds == "3,4"
