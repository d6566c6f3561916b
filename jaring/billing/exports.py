"""The correction file for BPJS: every open difference of a bill, with what to correct."""

from django.utils.translation import gettext as _

from jaring.billing.labels import ACTIONS, class_label, detail_label
from jaring.billing.models import Invoice, Reconciliation
from jaring.billing.selectors import differences
from jaring.lib.spreadsheets import rows_xlsx


def correction_file(*, invoice: Invoice) -> tuple[str, bytes, int]:
    """(file name, xlsx, rows) of the lines BPJS should correct; the full NIK, as BPJS needs it to find them."""
    reconciliation = Reconciliation.objects.filter(invoice=invoice).first()
    if reconciliation is None:
        rows: list[list] = []
    else:
        rows = [
            [
                item.row,
                item.kpj,
                item.nik,
                item.name,
                f"{item.month:%m-%Y}" if item.month else "",
                class_label(item.klass),
                detail_label(item.detail),
                item.billed,
                item.expected,
                str(ACTIONS.get(item.klass, "")),
                item.resolved,
            ]
            for item in differences(reconciliation=reconciliation, to_correct=True).iterator(chunk_size=5000)
        ]
    header = [
        _("Row in the invoice"),
        "KPJ",
        "NIK",
        _("Name"),
        _("Month"),
        _("Finding"),
        _("Detail"),
        _("Billed (Rp)"),
        _("By the rule (Rp)"),
        _("To do"),
        _("Decision"),
    ]
    content = rows_xlsx(header=header, rows=rows, sheet=_("Corrections"))
    return f"koreksi-tagihan-{invoice.pk}-{invoice.period:%Y-%m}.xlsx", content, len(rows)
