import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.accounts.cli import option_user
from jaring.billing.exports import correction_file
from jaring.billing.labels import class_label
from jaring.billing.models import Invoice
from jaring.billing.services import invoice_import, invoice_reconcile, reconciliation_approve
from jaring.core.intake import FileRejected
from jaring.core.programs import CoverMonths
from jaring.lib.cli import action_parsers, add_action
from jaring.programs.selectors import program_get


class Command(BaseCommand):
    help = "BPJS's monthly invoices for a program: import, reconcile (maker), approve (checker), corrections."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        load = add_action(
            actions,
            "import",
            "Store BPJS's bill for a program (xlsx/csv as the branch sends it): every line kept, unreadable "
            "lines flagged with why; the same file twice stores nothing.",
            json_help="Print {invoice_id, period, duplicate, lines, unreadable, stated_total, lines_total, ...}.",
        )
        load.add_argument("file", metavar="FILE")
        load.add_argument("--program", type=int, required=True, metavar="ID")
        load.add_argument("--period", metavar="YYYY-MM", help="The month billed (default: as the file says).")
        check = add_action(
            actions,
            "reconcile",
            "Class every line and every expected member-month of an invoice; prepared in the name of --user.",
            json_help="Print {invoice_id, status, classes: [{klass, lines, person_months, billed, expected}], ...}.",
        )
        check.add_argument("invoice", type=int, metavar="ID")
        check.add_argument("--user", metavar="USERNAME", help="Who prepares it (the maker).")
        approve = add_action(
            actions,
            "approve",
            "Approve a prepared reconciliation as --user, who must not be the one who prepared it.",
            json_help="Print {invoice_id, status, approved_by}.",
        )
        approve.add_argument("invoice", type=int, metavar="ID")
        approve.add_argument("--user", metavar="USERNAME", required=True, help="Who approves it (the checker).")
        corrections = add_action(
            actions,
            "corrections",
            "Write the xlsx for BPJS listing the invoice's lines to correct (the open differences).",
            json_help="Print {invoice_id, rows, out}.",
        )
        corrections.add_argument("invoice", type=int, metavar="ID")
        corrections.add_argument("--out", required=True, metavar="FILE.xlsx")

    def handle(self, *args, action: str, **options) -> None:
        try:
            data = getattr(self, f"_{action}")(options)
        except (ValidationError, FileRejected) as exc:
            raise CommandError(_message(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(data, default=str))
        else:
            self.stdout.write(_text(action, data))

    def _import(self, options) -> dict:
        program = program_get(pk=options["program"])
        if program is None:
            raise CommandError(f"Program #{options['program']} tidak ada.")
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas {path} tidak ada.")
        period = None
        if options["period"]:
            try:
                period = CoverMonths.parse(options["period"], 1).start
            except ValueError as exc:
                raise CommandError(f"--period: {exc}") from exc
        result = invoice_import(actor=None, program=program, file_name=path.name, data=path.read_bytes(), period=period)
        return result.to_dict()

    def _reconcile(self, options) -> dict:
        user = option_user(options["user"])
        return invoice_reconcile(actor=user, invoice=_invoice(options["invoice"])).to_dict()

    def _approve(self, options) -> dict:
        user = option_user(options["user"])
        invoice = _invoice(options["invoice"])
        reconciliation_approve(actor=user, invoice=invoice)
        return {"invoice_id": invoice.pk, "status": "approved", "approved_by": user.username}

    def _corrections(self, options) -> dict:
        invoice = _invoice(options["invoice"])
        _name, content, rows = correction_file(invoice=invoice)
        Path(options["out"]).write_bytes(content)
        return {"invoice_id": invoice.pk, "rows": rows, "out": options["out"]}


def _invoice(pk: int) -> Invoice:
    invoice = Invoice.objects.select_related("program__region").filter(pk=pk).first()
    if invoice is None:
        raise CommandError(f"Tagihan #{pk} tidak ada.")
    return invoice


def _message(exc: Exception) -> str:
    if isinstance(exc, FileRejected):
        return f"[{exc.code}] {exc.message}"
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _text(action: str, data: dict) -> str:
    if action == "import":
        if data["duplicate"]:
            return f"Berkas ini sudah diimpor sebagai tagihan #{data['invoice_id']}; tidak ada yang baru."
        lines = [
            f"Tagihan #{data['invoice_id']} periode {data['period']}: {data['lines']} baris, "
            f"{data['unreadable']} tidak terbaca; jumlah baris Rp{data['lines_total']:,}".replace(",", ".")
        ]
        return "\n".join([*lines, *data["warnings"]])
    if action == "reconcile":
        rows = [f"Tagihan #{data['invoice_id']} direkonsiliasi (menunggu persetujuan orang lain):"]
        for row in data["classes"]:
            rows.append(
                f"  {class_label(row['klass']):<36} {row['lines']:>8} baris {row['person_months']:>8} orang-bulan "
                f"tagihan Rp{row['billed']:,} aturan Rp{row['expected']:,}".replace(",", ".")
            )
        return "\n".join(rows)
    if action == "approve":
        return f"Rekonsiliasi tagihan #{data['invoice_id']} disetujui oleh {data['approved_by']}."
    return f"{data['rows']} baris untuk dikoreksi BPJS ditulis ke {data['out']}."
