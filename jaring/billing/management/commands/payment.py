import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.billing.models import Invoice
from jaring.billing.services import payment_add
from jaring.lib.cli import action_parsers, add_action, option_date, option_rupiah
from jaring.programs.models import FundingSource


class Command(BaseCommand):
    help = "Payments to BPJS from a program's funds, towards an approved invoice."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        add = add_action(
            actions,
            "add",
            "Record a payment from one fund towards its share of an approved invoice; refused, with the figures, "
            "beyond what the share still asks (unless --credit) or what is left of the fund.",
            json_help="Print {payment_id, invoice_id, source_id, amount, credit}.",
        )
        add.add_argument("invoice", type=int, metavar="INVOICE_ID")
        add.add_argument("--fund", type=int, required=True, metavar="SOURCE_ID", help="The funding source's id.")
        add.add_argument("--amount", required=True, metavar="RUPIAH", help="e.g. 16800000 or 16.800.000")
        add.add_argument("--date", metavar="YYYY-MM-DD", help="Payment date (default: today).")
        add.add_argument("--reference", default="")
        add.add_argument("--sp2d", default="", metavar="NUMBER", help="The SP2D number.")
        add.add_argument("--credit", action="store_true", help="Carry what exceeds the share to the next invoice.")

    def handle(self, *args, action: str, **options) -> None:
        invoice = Invoice.objects.select_related("program__region").filter(pk=options["invoice"]).first()
        if invoice is None:
            raise CommandError(f"Tagihan #{options['invoice']} tidak ada.")
        source = FundingSource.objects.filter(pk=options["fund"], program_id=invoice.program_id).first()
        if source is None:
            raise CommandError(f"Dana #{options['fund']} bukan dana program tagihan ini.")
        amount = option_rupiah(options["amount"], flag="--amount")
        day = option_date(options["date"], flag="--date") or dt.date.today()
        try:
            payment = payment_add(
                actor=None,
                invoice=invoice,
                source=source,
                amount=amount,
                paid_on=day,
                reference=options["reference"],
                sp2d_number=options["sp2d"],
                carry_excess=options["credit"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        data = {
            "payment_id": payment.pk,
            "invoice_id": invoice.pk,
            "source_id": source.pk,
            "amount": payment.amount,
            "credit": payment.credit,
        }
        if options["json"]:
            self.stdout.write(json.dumps(data))
        else:
            self.stdout.write(
                f"Pembayaran #{payment.pk} dicatat: Rp{payment.amount:,} dari {source}".replace(",", ".")
                + (
                    f", kredit Rp{payment.credit:,} untuk tagihan berikutnya".replace(",", ".")
                    if payment.credit
                    else ""
                )
                + "."
            )
