"""Value for money: contributions and the claims paid per group, each claim where its worker's cover was."""

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from jaring.core.benefits import claims_cover, value_for_money, value_total

JAN, FEB, MAR = dt.date(2027, 1, 1), dt.date(2027, 2, 1), dt.date(2027, 3, 1)
CONTRIBUTIONS = pl.DataFrame(
    {
        "program_id": [1, 1, 1, 2],
        "fund": ["apbd", "apbd", "dbhcht", "csr"],
        "person_id": [10, 10, 11, 12],
        "occupation": ["ojek", "ojek", "petani", "pemulung"],
        "month": [JAN, FEB, JAN, JAN],
        "amount": [16_800, 16_800, 16_800, 8_400],
    }
)
COVER = pl.DataFrame(
    {
        "person_id": [10, 10, 11, 12],
        "enrolment_id": [100, 100, 101, 102],
        "program_id": [1, 1, 1, 2],
        "fund": ["apbd", "apbd", "dbhcht", "csr"],
        "occupation": ["ojek", "ojek", "petani", "pemulung"],
        "month": [JAN, FEB, JAN, JAN],
    }
)
# Person 10 died in February (covered), 11 had an accident in March after his cover (January), 13 was never covered.
CLAIMS = pl.DataFrame(
    {
        "person_id": [10, 11, 13],
        "event_date": [dt.date(2027, 2, 14), dt.date(2027, 3, 2), dt.date(2027, 1, 5)],
        "amount": [42_000_000, 56_000_000, 1_000],
    }
)


def test_a_claim_is_put_where_its_workers_cover_was_or_last_was():
    placed = claims_cover(CLAIMS, COVER)
    assert placed.select("person_id", "program_id", "fund").rows() == [
        (10, 1, "apbd"),
        (11, 1, "dbhcht"),
        (13, None, None),
    ]


def test_contributions_and_claims_paid_per_fund_with_the_ratio():
    frame = value_for_money(CONTRIBUTIONS, CLAIMS, COVER, by="fund")
    expected = pl.DataFrame(
        {
            "key": ["apbd", "csr", "dbhcht", None],
            "person_months": [2, 1, 1, 0],
            "contributions": [33_600, 8_400, 16_800, 0],
            "claims": [1, 0, 1, 1],
            "claims_paid": [42_000_000, 0, 56_000_000, 1_000],
            "ratio": [42_000_000 / 33_600, 0.0, 56_000_000 / 16_800, None],
        },
        schema=frame.schema,
    )
    assert_frame_equal(frame, expected)
    totals = value_total(frame)
    assert totals["contributions"] == 58_800 and totals["claims_paid"] == 98_001_000
    assert totals["ratio"] == pytest.approx(98_001_000 / 58_800)


def test_by_year_the_claims_count_in_the_year_of_the_event():
    frame = value_for_money(CONTRIBUTIONS, CLAIMS, COVER, by="year")
    assert frame.select("key", "contributions", "claims").rows() == [("2027", 58_800, 3)]


def test_nothing_contributed_and_nothing_claimed_is_an_empty_table():
    empty = value_for_money(CONTRIBUTIONS.clear(), CLAIMS.clear(), COVER.clear(), by="program_id")
    assert empty.is_empty() and value_total(empty)["ratio"] is None
    with pytest.raises(ValueError, match="tidak dikenal"):
        value_for_money(CONTRIBUTIONS, CLAIMS, COVER, by="kecamatan")
