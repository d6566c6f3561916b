"""The reconciliation's classes and details in words, in the page's language."""

from django.utils.translation import gettext_lazy as _

CLASS_LABELS = {
    "matched": _("Matched"),
    "amount_differs": _("Amount differs from the rule"),
    "not_enrolled": _("Billed but not enrolled"),
    "not_billed": _("Enrolled but not billed"),
    "after_end": _("Billed after death or exit"),
    "billed_twice": _("Billed twice"),
    "kpj_nik_mismatch": _("KPJ and NIK do not belong together"),
    "unreadable": _("Line cannot be read"),
}
DETAIL_LABELS = {
    "income_level": _("wrong declared income level"),
    "discount": _("discount applied to public money"),
    "jht": _("JHT billed, the package has none"),
    "other": _("other amount"),
    "death": _("after death"),
    "exit": _("after exit"),
    "same_invoice": _("twice in this invoice"),
    "two_kpj": _("under two KPJs"),
    "other_program": _("also covered or billed by another program"),
    "amount_negative": _("negative amount"),
    "amount_fraction": _("amount with cents"),
    "amount_invalid": _("amount cannot be read"),
    "month_invalid": _("month not recognised"),
    "nik_missing": _("no valid NIK or KPJ"),
    "total_parts": _("total is not JKK + JKM + JHT"),
}
# What BPJS should do about each class, for the correction file.
ACTIONS = {
    "amount_differs": _("Bill the contribution rule's amount"),
    "not_enrolled": _("Remove: not in the program"),
    "not_billed": _("Check: enrolled and active, but not billed"),
    "after_end": _("Remove: membership ended"),
    "billed_twice": _("Remove the repeat"),
    "kpj_nik_mismatch": _("Correct the KPJ or NIK"),
    "unreadable": _("Correct the line"),
}


def class_label(klass: str) -> str:
    return str(CLASS_LABELS.get(klass, klass))


def detail_label(detail: str) -> str:
    return str(DETAIL_LABELS.get(detail, detail)) if detail else ""
