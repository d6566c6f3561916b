"""A bill split across funds, partial payments, credit carried to the next bill, and the fund's ceiling."""

import pytest

from jaring.core.billing import FundMoney, PaymentRefused, check_payment, fund_bills

FUND = FundMoney(pagu=1_000_000, committed=900_000, invoiced=300_000, paid=0)


def test_partial_payments_and_an_overpayment_carried_as_credit():
    shares = fund_bills([(1, 168_000), (2, 168_000)], {1: 100_000})
    assert [(s.owed, s.credit_in, s.paid, s.outstanding, s.credit_out) for s in shares] == [
        (168_000, 0, 100_000, 68_000, 0),
        (168_000, 0, 0, 168_000, 0),
    ]
    decision = check_payment(amount=68_000, share=shares[0], fund=FUND, fund_name="APBD", carry_excess=False)
    assert (decision.applied, decision.credit) == (68_000, 0)
    # 80,000 on a bill that still asks 68,000: refused unless the excess is credit.
    with pytest.raises(PaymentRefused, match=r"Rp68\.000"):
        check_payment(amount=80_000, share=shares[0], fund=FUND, fund_name="APBD", carry_excess=False)
    decision = check_payment(amount=80_000, share=shares[0], fund=FUND, fund_name="APBD", carry_excess=True)
    assert (decision.applied, decision.credit) == (68_000, 12_000)
    # The 12,000 over lowers the next bill.
    shares = fund_bills([(1, 168_000), (2, 168_000)], {1: 180_000})
    assert (shares[0].credit_out, shares[1].credit_in, shares[1].outstanding) == (12_000, 12_000, 156_000)


def test_a_payment_beyond_the_funds_ceiling_is_refused_with_the_figures():
    fund = FundMoney(pagu=1_000_000, committed=1_000_000, invoiced=1_000_000, paid=950_000)
    share = fund_bills([(1, 168_000)], {})[0]
    with pytest.raises(PaymentRefused) as refused:
        check_payment(amount=60_000, share=share, fund=fund, fund_name="DBHCHT", carry_excess=False)
    assert "pagu Rp1.000.000" in str(refused.value) and "sisa Rp50.000" in str(refused.value)
    assert "left Rp50.000" in refused.value.message("en")
    assert (
        check_payment(amount=50_000, share=share, fund=fund, fund_name="DBHCHT", carry_excess=False).applied == 50_000
    )


@pytest.mark.parametrize("amount", [0, -5, 16_800.5, True, "16800"])
def test_an_amount_that_is_not_positive_whole_rupiah_is_refused(amount):
    share = fund_bills([(1, 168_000)], {})[0]
    with pytest.raises(PaymentRefused):
        check_payment(amount=amount, share=share, fund=FUND, fund_name="APBD", carry_excess=False)
