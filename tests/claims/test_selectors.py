"""What the claims pages read: the deaths with no JKM claim yet, and what the cover paid out for its cost."""

import datetime as dt

import pytest

from jaring.billing.services import invoice_import, invoice_reconcile, reconciliation_approve
from jaring.claims.models import Claim
from jaring.claims.selectors import jkm_suggestions, value_for_money
from jaring.claims.services import claim_add
from jaring.persons.services import death_record
from tests.billing.conftest import bill, line
from tests.claims.conftest import TODAY

pytestmark = pytest.mark.django_db


def died(person, day):
    death_record(actor=None, person=person, death_date=day, note="surat kematian kelurahan", today=TODAY)


def paid(person, program="jkm", day=dt.date(2027, 5, 10), amount=42_000_000, **kwargs):
    return claim_add(
        actor=None, person=person, program=program, event_date=day, amount_paid=amount,
        status=kwargs.pop("status", Claim.Status.PAID), today=TODAY, **kwargs,
    )  # fmt: skip


def test_deaths_of_members_without_a_jkm_claim_are_suggested_with_the_benefit(personas, enrolled, workers):
    ahmad, siti, budi = enrolled["Ahmad Fauzi"], enrolled["Siti Aminah"], enrolled["Budi Santoso"]
    died(ahmad, dt.date(2027, 6, 20))
    died(siti, dt.date(2027, 5, 10))
    died(budi, dt.date(2027, 2, 1))  # within his first three months: the funeral benefit only
    died(workers["WATI NINGSIH"], dt.date(2027, 4, 1))  # never a member: nothing to claim
    paid(siti)
    suggestions = jkm_suggestions(region=personas.malang)
    assert [(s.name, s.death_date, s.amount) for s in suggestions] == [
        ("AHMAD FAUZI", dt.date(2027, 6, 20), 42_000_000),
        ("BUDI SANTOSO", dt.date(2027, 2, 1), 10_000_000),
    ]
    ahmad_row = suggestions[0]
    assert ahmad_row.masked_nik == "3573********0001" and ahmad_row.nik == ahmad.nik
    assert ahmad_row.covered_months == 6
    assert ahmad_row.parts == (("lump_sum", 20_000_000), ("periodic", 12_000_000), ("funeral", 10_000_000))
    assert "Meninggal setelah kepesertaan mencapai 3 bulan" in ahmad_row.explanation
    english = jkm_suggestions(region=personas.malang, language="en")[1]
    assert english.explanation.startswith("Died within the first 3 months of membership")
    assert jkm_suggestions(region=personas.batu) == []


def test_a_rejected_jkm_claim_still_counts_as_claimed(personas, enrolled):
    joko = enrolled["Joko Susilo"]
    died(joko, dt.date(2027, 7, 1))
    paid(joko, amount=0, day=dt.date(2027, 7, 1), status=Claim.Status.REJECTED)
    assert jkm_suggestions(region=personas.malang) == []


def approved_january(personas, program, enrolled, checker):
    lines = [line(person, f"1000000000{n}") for n, person in enumerate(enrolled.values(), start=1)]
    invoice = invoice_import(actor=None, program=program, file_name="jan.xlsx", data=bill(lines)).invoice
    invoice_reconcile(actor=personas.admin, invoice=invoice)
    reconciliation_approve(actor=checker, invoice=invoice)
    return invoice


def test_value_for_money_sets_the_claims_paid_beside_the_contributions(personas, program, enrolled, checker):
    approved_january(personas, program, enrolled, checker)
    siti, budi = enrolled["Siti Aminah"], enrolled["Budi Santoso"]
    paid(siti)  # DBHCHT pays for Siti, a buruh tani (petani)
    paid(budi, "jkk", amount=56_000_000, cause="total_disability")  # APBD, ojek
    paid(budi, "jht", amount=1_000_000, status=Claim.Status.SUBMITTED)  # not paid: not counted
    by_program = value_for_money(region=personas.malang, by="program_id")
    (row,) = by_program.rows
    assert row.label == "Pekerja rentan 2027 (2027)"
    assert (row.person_months, row.contributions, row.claims, row.claims_paid) == (5, 5 * 16_800, 2, 98_000_000)
    assert row.ratio == pytest.approx(98_000_000 / 84_000)
    assert by_program.total.contributions == 84_000 and by_program.total.claims_paid == 98_000_000
    funds = {row.key: row for row in value_for_money(region=personas.malang, by="fund").rows}
    assert (funds["dbhcht"].label, funds["dbhcht"].contributions, funds["dbhcht"].claims_paid) == (
        "DBHCHT", 2 * 16_800, 42_000_000
    )  # fmt: skip
    assert (funds["apbd"].contributions, funds["apbd"].claims_paid) == (3 * 16_800, 56_000_000)
    jobs = {row.key: row for row in value_for_money(region=personas.malang, by="occupation").rows}
    assert jobs["petani"].claims_paid == 42_000_000 and jobs["petani"].label == "Petani / buruh tani"
    assert jobs["ojek"].claims_paid == 56_000_000
    (year,) = value_for_money(region=personas.malang, by="year").rows
    assert (year.key, year.contributions, year.claims_paid) == ("2027", 84_000, 98_000_000)


def test_value_for_money_of_a_region_without_bills_or_claims_is_empty(personas):
    value = value_for_money(region=personas.malang, by="fund")
    assert value.rows == [] and value.total.ratio is None and value.total.contributions == 0
