"""Where a fund's money stands on the program's page: per person, whole people, spent, and where it ran out."""

import pytest

from jaring.core.programs.selection import FundStanding, Source, fund_standing

PER_WORKER = 201_600  # Rp16,800 a month for 12 months
APBD = Source("APBD", 3 * PER_WORKER + 100_000, PER_WORKER)


def test_a_fund_spent_down_to_less_than_one_worker_says_where_it_ran_out():
    standing = fund_standing(APBD, spent=3 * PER_WORKER, exhausted_at=5)
    assert standing == FundStanding(per_person=PER_WORKER, buys=3, spent=3 * PER_WORKER, exhausted_at=5)


def test_once_a_rejection_frees_one_workers_money_the_fund_no_longer_says_it_ran_out():
    standing = fund_standing(APBD, spent=2 * PER_WORKER, exhausted_at=5)
    assert standing.exhausted_at is None
    assert (standing.buys, standing.spent) == (3, 2 * PER_WORKER)


def test_a_fund_that_never_ran_out_says_nothing_whatever_it_spent():
    assert fund_standing(APBD, spent=0, exhausted_at=None).exhausted_at is None
    assert fund_standing(APBD, spent=APBD.amount, exhausted_at=None).exhausted_at is None


def test_exactly_one_workers_money_left_is_not_run_out():
    exact = Source("CSR", 2 * PER_WORKER, PER_WORKER)
    assert fund_standing(exact, spent=PER_WORKER, exhausted_at=2).exhausted_at is None
    assert fund_standing(exact, spent=PER_WORKER + 1, exhausted_at=2).exhausted_at == 2


@pytest.mark.parametrize("bad", [-1, 1.5, "100"])
def test_what_is_spent_is_whole_rupiah(bad):
    with pytest.raises(ValueError, match="rupiah bulat"):
        fund_standing(APBD, spent=bad, exhausted_at=None)
