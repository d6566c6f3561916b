"""A claim recorded by hand: what the rules give beside what BPJS paid, the warning, and what is refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jaring.accounts.models import AuditEvent
from jaring.claims.models import Claim
from jaring.claims.selectors import claim_warning_text
from jaring.claims.services import claim_add, claims_follow_merge
from tests.claims.conftest import TODAY

pytestmark = pytest.mark.django_db


def add(person, program="jkm", day=dt.date(2027, 5, 10), amount=42_000_000, **kwargs):
    kwargs.setdefault("status", Claim.Status.PAID)
    return claim_add(
        actor=None, person=person, program=program, event_date=day, amount_paid=amount, today=TODAY, **kwargs
    )


def test_a_jkm_claim_paid_as_the_rules_say_keeps_the_calculation_and_no_warning(personas, enrolled):
    siti = enrolled["Siti Aminah"]
    claim = claim_add(
        actor=personas.admin,
        person=siti,
        program="jkm",
        event_date=dt.date(2027, 5, 10),
        amount_paid=42_000_000,
        status=Claim.Status.PAID,
        claim_number="JKM/3573/0001",
        today=TODAY,
    )
    assert (claim.expected, claim.warning, claim.region_id) == (42_000_000, "", "35.73")
    assert claim.calculation["parts"] == [["lump_sum", 20_000_000], ["periodic", 12_000_000], ["funeral", 10_000_000]]
    assert claim.calculation["covered_months"] == 5 and claim.calculation["income"] == 1_000_000
    assert "setelah kepesertaan mencapai 3 bulan" in claim.calculation["explanation_id"]
    event = AuditEvent.objects.get(action="claims.claim_add")
    assert event.after["amount_paid"] == 42_000_000 and event.after["expected"] == 42_000_000
    assert event.actor == personas.admin


def test_a_death_in_the_first_three_months_paid_in_full_gets_a_warning(enrolled):
    claim = add(enrolled["Ahmad Fauzi"], day=dt.date(2027, 2, 15))
    assert claim.expected == 10_000_000
    assert claim.warning.startswith(
        "Klaim tercatat Rp42.000.000 berbeda dari perhitungan Rp10.000.000 (lebih Rp32.000.000)."
    )
    assert "3 bulan pertama" in claim.warning
    assert claim_warning_text(claim, language="en").startswith(
        "The recorded claim of Rp42.000.000 differs from the calculated Rp10.000.000 (Rp32.000.000 more)."
    )


def test_jkk_claims_follow_the_cause_and_the_declared_income(enrolled):
    budi, dewi, joko = enrolled["Budi Santoso"], enrolled["Dewi Lestari"], enrolled["Joko Susilo"]
    death = add(budi, "jkk", amount=70_000_000, cause="work_accident_death")
    disabled = add(dewi, "jkk", amount=50_000_000, cause="total_disability")
    unable = add(joko, "jkk", amount=12_000_000, cause="temporary_inability", months=14)
    assert (death.expected, death.warning) == (70_000_000, "")
    assert disabled.expected == 56_000_000 and "kurang Rp6.000.000" in disabled.warning
    assert unable.expected == 12 * 1_000_000 + 2 * 500_000 and unable.months == 14
    # Without its cause a JKK claim has nothing to be compared with.
    assert add(budi, "jkk", amount=1, day=dt.date(2027, 6, 1)).expected is None


def test_a_scholarship_is_due_after_a_work_accident_but_not_after_five_months_and_a_non_work_death(enrolled):
    ahmad, siti = enrolled["Ahmad Fauzi"], enrolled["Siti Aminah"]
    due = add(ahmad, "beasiswa", amount=1_500_000, level="sd", cause="work_accident_death")
    early = add(siti, "beasiswa", amount=1_500_000, level="sd", cause="non_work_death")
    assert (due.expected, due.warning) == (1_500_000, "")
    assert early.expected == 0 and "baru berhak setelah 36 bulan iuran" in early.warning
    assert add(ahmad, "beasiswa", amount=3_000_000, level="sma").expected is None  # no cause: not calculated


def test_jht_has_no_calculation_and_a_rejected_claim_no_warning(enrolled):
    assert add(enrolled["Joko Susilo"], "jht", amount=500_000).expected is None
    rejected = add(enrolled["Dewi Lestari"], amount=0, status=Claim.Status.REJECTED)
    assert rejected.expected == 42_000_000 and rejected.warning == ""


def test_a_death_in_a_month_no_program_covered_is_calculated_as_nothing(enrolled):
    claim = add(enrolled["Budi Santoso"], day=dt.date(2026, 11, 20))
    assert claim.expected == 0 and "tidak dilindungi iuran" in claim.warning


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"day": dt.date(2028, 1, 1)}, "di masa depan"),
        ({"day": dt.date(1985, 3, 11)}, "sebelum tanggal lahir"),
        ({"amount": -1}, "tidak boleh negatif"),
        ({"program": "jkm", "level": "sd"}, "enjang sekolah"),
        ({"program": "jkm", "cause": "work_accident_death"}, "ebab ini"),
        ({"program": "jkk", "cause": "work_accident_death", "months": 3}, "tidak mampu bekerja"),
        ({"program": "asuransi"}, "tidak dikenal"),
    ],
)
def test_it_refuses_a_claim_that_cannot_be_true(enrolled, changes, message):
    with pytest.raises(ValidationError, match=message):
        add(enrolled["Siti Aminah"], **changes)
    assert not Claim.objects.exists()


def test_it_refuses_a_claim_for_a_person_never_enrolled(workers, enrolled):
    with pytest.raises(ValidationError, match="tidak pernah"):
        add(workers["WATI NINGSIH"])
    assert not Claim.objects.exists() and not AuditEvent.objects.filter(action="claims.claim_add").exists()


def test_a_claim_number_is_recorded_once(enrolled):
    add(enrolled["Siti Aminah"], claim_number="K-1")
    with pytest.raises(ValidationError, match="K-1"):
        add(enrolled["Budi Santoso"], claim_number=" K-1 ")


def test_claims_follow_a_merged_person(enrolled):
    siti, dewi = enrolled["Siti Aminah"], enrolled["Dewi Lestari"]
    claim = add(siti)
    assert claims_follow_merge(kept=dewi.pk, gone=siti.pk) == 1
    claim.refresh_from_db()
    assert claim.person_id == dewi.pk
