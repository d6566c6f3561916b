"""Paying BPJS's bills from each fund: what each fund owes, partial payments, credit, and the fund's money.

A bill is split across the program's funds by the member-months each fund pays for (the reconciliation's
payable lines). A fund pays its share in one or more payments (an SP2D each); paying more than is left
of the share is refused, unless the payer says the excess is credit — then it is carried to the same
fund's next bill of the program and lowers what that bill asks. No payment may take a fund beyond its
pagu (budget ceiling), and the refusal names the figures. Integer rupiah throughout.
"""

from dataclasses import dataclass

from jaring.core.money import rupiah_text


class PaymentRefused(ValueError):
    """A payment that must not be recorded; `str(exc)` says why in Indonesian, `.english` in English."""

    def __init__(self, indonesian: str, english: str):
        super().__init__(indonesian)
        self.indonesian = indonesian
        self.english = english

    def message(self, language: str = "id") -> str:
        return self.english if language.lower().startswith("en") else self.indonesian


@dataclass(frozen=True)
class BillShare:
    """One fund's share of one bill, after the credit carried to it and the payments so far."""

    invoice_id: int
    owed: int  # the fund's payable member-months on this bill
    credit_in: int  # carried from the fund's earlier bills of the program
    paid: int  # payments recorded against this bill for the fund
    credit_out: int  # what this bill's payments left over, carried to the next bill

    @property
    def outstanding(self) -> int:
        return max(self.owed - self.credit_in - self.paid, 0)


def fund_bills(owed: list[tuple[int, int]], paid: dict[int, int]) -> list[BillShare]:
    """A fund's shares of a program's bills in period order (`owed`: (invoice_id, amount)), credit carried on."""
    shares, credit = [], 0
    for invoice_id, amount in owed:
        paid_here = paid.get(invoice_id, 0)
        left = amount - credit - paid_here
        credit_out = -left if left < 0 else 0
        shares.append(BillShare(invoice_id, amount, credit, paid_here, credit_out))
        credit = credit_out
    return shares


@dataclass(frozen=True)
class FundMoney:
    """A fund's budget realisation: its pagu, what enrolments commit, what was billed and paid, what remains."""

    pagu: int
    committed: int
    invoiced: int
    paid: int

    @property
    def remaining(self) -> int:
        return self.pagu - self.paid


@dataclass(frozen=True)
class PaymentDecision:
    applied: int  # towards this bill's share
    credit: int  # carried to the fund's next bill


def check_payment(
    *, amount: object, share: BillShare, fund: FundMoney, fund_name: str, carry_excess: bool
) -> PaymentDecision:
    """Whether `amount` may be paid from the fund towards its share of a bill; PaymentRefused says why not."""
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise PaymentRefused("Jumlah pembayaran harus rupiah bulat.", "A payment must be whole rupiah.")
    if amount <= 0:
        raise PaymentRefused(
            f"Jumlah pembayaran harus lebih dari Rp0 (tertulis {rupiah_text(amount) if amount >= 0 else amount}).",
            f"A payment must be more than Rp0 (given {amount}).",
        )
    if amount > fund.remaining:
        raise PaymentRefused(
            f"Pembayaran {rupiah_text(amount)} melebihi sisa dana {fund_name}: pagu {rupiah_text(fund.pagu)}, "
            f"sudah dibayar {rupiah_text(fund.paid)}, sisa {rupiah_text(max(fund.remaining, 0))}.",
            f"A payment of {rupiah_text(amount)} exceeds what is left of {fund_name}: ceiling "
            f"{rupiah_text(fund.pagu)}, paid {rupiah_text(fund.paid)}, left {rupiah_text(max(fund.remaining, 0))}.",
        )
    outstanding = share.outstanding
    if amount > outstanding and not carry_excess:
        raise PaymentRefused(
            f"Pembayaran {rupiah_text(amount)} melebihi yang masih terutang dari dana {fund_name} untuk tagihan ini "
            f"({rupiah_text(outstanding)}: bagian dana {rupiah_text(share.owed)}, "
            f"kredit {rupiah_text(share.credit_in)}, "
            f"sudah dibayar {rupiah_text(share.paid)}). Kurangi jumlahnya, atau catat kelebihannya sebagai kredit "
            "untuk tagihan berikutnya.",
            f"A payment of {rupiah_text(amount)} is more than {fund_name} still owes on this bill "
            f"({rupiah_text(outstanding)}: the fund's share {rupiah_text(share.owed)}, credit "
            f"{rupiah_text(share.credit_in)}, paid {rupiah_text(share.paid)}). Lower it, or record the excess as "
            "credit for the next bill.",
        )
    applied = min(amount, outstanding)
    return PaymentDecision(applied=applied, credit=amount - applied)
