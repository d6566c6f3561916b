"""Reads of billing: the member-month ledger (from the enrolments), a bill's lines and differences, what
each fund owes and has paid, budget realisation, and the continuity guard's list."""

import datetime as dt
import io
from typing import Any

import polars as pl
from django.db.models import Q, QuerySet, Sum

from jaring.billing.models import Difference, Invoice, InvoiceLines, Payment, Reconciliation, Resolution
from jaring.core.billing import (
    AMOUNT_DIFFERS,
    DEATH,
    EXIT,
    LINE_SCHEMA,
    BillShare,
    Context,
    FundMoney,
    cover_ends_next_month,
    fund_bills,
    lapse_risks,
    member_month_counts,
    member_months,
    membership_ends,
    with_expected_amounts,
)
from jaring.core.programs import Package
from jaring.lib.bulk import read_frame
from jaring.persons.selectors import deceased_frame, person_details_frame, person_ids_by_nik
from jaring.programs.models import Enrolment, FundingSource, Program
from jaring.programs.selectors import LIVE_ENROLMENT, enrolments_frame
from jaring.regions.models import Region
from jaring.regions.selectors import region_names

ITEM_COLUMNS = [
    pl.col("line_id"),
    pl.col("row"),
    pl.col("enrolment_id"),
    pl.col("person_id"),
    pl.col("source_id"),
    pl.col("nik").fill_null(""),
    pl.col("kpj").fill_null(""),
    pl.col("name").fill_null(""),
    pl.col("month"),
    pl.col("klass"),
    pl.col("detail").fill_null(""),
    pl.col("billed").fill_null(0),
    pl.col("expected").fill_null(0),
    pl.col("resolved").fill_null(""),
    pl.col("accepted"),
]


# --- membership --------------------------------------------------------------------------------------


def member_months_frame(
    *, region: Region, program_id: int | None = None, person_ids: list[int] | None = None
) -> pl.DataFrame:
    """The member-month ledger (`core.billing.MONTH_SCHEMA`) of a region, one program or some persons:
    from the enrolments BPJS accepted, ended by death (any death list, or recorded by hand) or exit."""
    enrolments = enrolments_frame(region_code=region.code, program_id=program_id, person_ids=person_ids)
    return member_months(enrolments, _deaths(region))


def membership_ends_frame(*, region: Region, program_id: int | None = None) -> pl.DataFrame:
    """Each member enrolment's first and last month and what ended it (program_end, death, exit)."""
    enrolments = enrolments_frame(region_code=region.code, program_id=program_id)
    return membership_ends(enrolments, _deaths(region))


def members_active_on(*, region: Region, day: dt.date) -> pl.DataFrame:
    """Who a program of the region covers in the month of `day`, by which enrolment, program and fund."""
    enrolments = enrolments_frame(region_code=region.code)
    return member_months(enrolments, _deaths(region), months=[day])


def member_months_by_fund(*, region: Region, program_id: int | None = None) -> dict[int, dict[str, int]]:
    """Person-months and persons per funding source (id) of the region's programs, or of one program."""
    counts = member_month_counts(member_months_frame(region=region, program_id=program_id), ["source_id"])
    return {
        int(row["source_id"]): {"person_months": int(row["person_months"]), "persons": int(row["persons"])}
        for row in counts.iter_rows(named=True)
    }


def enrolment_covering(months: pl.DataFrame, *, day: dt.date) -> int | None:
    """The enrolment of a ledger (`member_months_frame`) that covers the month of `day`, if any."""
    covering = months.filter(pl.col("month") == day.replace(day=1)).get_column("enrolment_id")
    return int(covering[0]) if covering.len() else None


def cover_ending_next_month(*, region: Region, today: dt.date) -> pl.DataFrame:
    """Persons whose last covered month, in any program, is next month (person_id, last_month)."""
    return cover_ends_next_month(member_months_frame(region=region), today=today)


def _deaths(region: Region) -> pl.DataFrame:
    return deceased_frame(region=region).select("person_id", "death_date")


# --- a bill ------------------------------------------------------------------------------------------


def invoices_for_program(*, program: Program) -> QuerySet[Invoice]:
    return Invoice.objects.filter(program=program).select_related("reconciliation").order_by("-period", "-id")


def lines_parquet(lines: pl.DataFrame) -> bytes:
    """A bill's typed lines as stored: `core.billing.LINE_SCHEMA` with `line_id` their place from 1, and the sheet."""
    buffer = io.BytesIO()
    # The NIK as written is kept only where it is not the NIK read from it (a damaged one, an apostrophe).
    as_written = pl.when(pl.col("nik").is_null() | (pl.col("nik_text") != pl.col("nik"))).then(pl.col("nik_text"))
    lines.with_row_index("line_id", offset=1).select(
        pl.col("line_id").cast(pl.Int64),
        *(name for name in LINE_SCHEMA if name != "line_id"),
        "sheet",
        nik_text=as_written,
    ).write_parquet(buffer, compression="zstd")
    return buffer.getvalue()


def invoice_lines_frame(*, invoice: Invoice) -> pl.DataFrame:
    """A bill's lines (`core.billing.LINE_SCHEMA`, with the sheet, and the NIK as written where it differs from the
    NIK read from it), in the file's order."""
    stored = InvoiceLines.objects.filter(invoice=invoice).values_list("data", flat=True).first()
    if stored is None:
        return pl.DataFrame(schema={**LINE_SCHEMA, "sheet": pl.String, "nik_text": pl.String})
    return pl.read_parquet(io.BytesIO(bytes(stored)))


def _lines_of(invoices: QuerySet[Invoice]) -> pl.DataFrame:
    """The lines of several bills, with the invoice and its program."""
    frames = [
        invoice_lines_frame(invoice=invoice).with_columns(
            invoice_id=pl.lit(invoice.pk, dtype=pl.Int64), program_id=pl.lit(invoice.program_id, dtype=pl.Int64)
        )
        for invoice in invoices.only("id", "program_id")
    ]
    if not frames:
        return pl.DataFrame(
            schema={
                **LINE_SCHEMA,
                "sheet": pl.String,
                "nik_text": pl.String,
                "invoice_id": pl.Int64,
                "program_id": pl.Int64,
            }
        )
    return pl.concat(frames)


def _refused_lines(invoice_ids: list[int], *, open_only: bool) -> pl.DataFrame:
    """invoice_id, line_id of the bills' lines a difference holds back from what is owed."""
    rows = Difference.objects.filter(reconciliation__invoice_id__in=invoice_ids, line_id__isnull=False)
    rows = rows.filter(resolved="") if open_only else rows.exclude(klass=AMOUNT_DIFFERS)
    return read_frame(
        rows, {"invoice_id": pl.Int64, "line_id": pl.Int64}, fields={"invoice_id": "reconciliation__invoice_id"}
    )


def reconciliation_inputs(
    *, program: Program, invoice: Invoice, lines: pl.DataFrame, months: list[dt.date]
) -> tuple[pl.DataFrame, Context]:
    """What a reconciliation compares the bill's lines with: the program's member-months in `months`, priced
    by its contribution rule (`core.billing.EXPECTED_SCHEMA`), and what the region knows besides
    (`core.billing.Context`). The region's enrolments and deaths are read once."""
    region = program.region
    everyone = enrolments_frame(region_code=region.code)
    deaths = _deaths(region)
    ours = everyone.filter(pl.col("program_id") == program.pk)
    ledger = member_months(ours, deaths, months=months)
    ledger = ledger.join(ours.select("enrolment_id", "name", "sector"), on="enrolment_id", how="left")
    priced = with_expected_amounts(ledger, income=program.income_level, package=Package(program.package))
    expected = priced.select(
        "enrolment_id",
        "person_id",
        "source_id",
        "fund",
        "kpj",
        "nik",
        "name",
        "month",
        "exp_jkk",
        "exp_jkm",
        "exp_jht",
        "exp_total",
        "exp_discounted",
    )
    known = expected.select("nik").unique()
    unknown = lines.select("nik").drop_nulls().unique().join(known, on="nik", how="anti").get_column("nik").to_list()
    persons = person_ids_by_nik(region=region, niks=unknown)
    # The KPJs of the member-months come with `expected`; every other enrolment's (other programs', and this
    # one's outside these months) is one a line may carry for someone else.
    kpj_owners = (
        everyone.filter(pl.col("kpj").is_not_null())
        .join(expected.select("enrolment_id").unique(), on="enrolment_id", how="anti")
        .select("kpj", "nik", "person_id")
    )
    ends = membership_ends(ours, deaths)
    ended = pl.concat(
        [
            ends.filter(pl.col("ended_by").is_in([DEATH, EXIT])).select(
                "person_id",
                from_month=pl.col("last_month").dt.offset_by("1mo"),
                ended_by="ended_by",
            ),
            deaths.select(
                "person_id",
                from_month=pl.col("death_date").dt.month_start().dt.offset_by("1mo"),
                ended_by=pl.lit(DEATH),
            ),
        ]
    )
    others = member_months(everyone.filter(pl.col("program_id") != program.pk), deaths, months=months)
    resolutions = read_frame(
        Resolution.objects.filter(program=program),
        {"nik": pl.String, "month": pl.Date, "klass": pl.String, "reason": pl.String, "accepted": pl.Boolean},
    )
    context = Context(
        persons=persons,
        kpj_owners=kpj_owners,
        ended=ended,
        other_members=others.select("person_id", "month"),
        other_billed=other_billed_frame(program=program, invoice=invoice, months=months),
        resolutions=resolutions,
    )
    return expected, context


def other_billed_frame(*, program: Program, invoice: Invoice, months: list[dt.date]) -> pl.DataFrame:
    """nik, month the region's other reconciled bills charged (lines not refused as a difference other than
    an amount), for the months of this bill."""
    others = Invoice.objects.filter(
        program__region=program.region, status__in=[Invoice.Status.PREPARED, Invoice.Status.APPROVED]
    ).exclude(pk=invoice.pk)
    lines = _lines_of(others).filter(pl.col("month").is_in(months) & pl.col("nik").is_not_null())
    if lines.is_empty():
        return pl.DataFrame(schema={"nik": pl.String, "month": pl.Date})
    refused = _refused_lines(lines.get_column("invoice_id").unique().to_list(), open_only=False)
    return lines.join(refused, on=["invoice_id", "line_id"], how="anti").select("nik", "month").unique()


def differences(
    *, reconciliation: Reconciliation, klass: str | None = None, to_correct: bool = False
) -> QuerySet[Difference]:
    """A reconciliation's differences; `to_correct`: those BPJS is asked to correct (open, or resolved so)."""
    rows = Difference.objects.filter(reconciliation=reconciliation)
    if klass:
        rows = rows.filter(klass=klass)
    if to_correct:
        rows = rows.filter(Q(resolved="") | Q(accepted=False))
    return rows.order_by("klass", "row", "month", "nik", "id")


def difference_in_region(*, pk: int) -> Difference | None:
    return Difference.objects.select_related("reconciliation__invoice__program__region").filter(pk=pk).first()


def payable_by_source(*, reconciliation: Reconciliation) -> dict[str, int]:
    """What each fund owes for the bill: its matched lines; of the differences of amount someone resolved, the
    billed amount when accepted, the rule's when BPJS is to correct it (`core.billing.payable_by_source`)."""
    owed = {key: int(value) for key, value in reconciliation.matched_by_source.items()}
    resolved = Difference.objects.filter(reconciliation=reconciliation, klass=AMOUNT_DIFFERS, source_id__isnull=False)
    for accepted, amount in ((True, "billed"), (False, "expected")):
        sums = (
            resolved.filter(accepted=accepted)
            .exclude(resolved="")
            .values_list("source_id")
            .annotate(total=Sum(amount))
            .order_by()
        )
        for source_id, total in sums:
            owed[str(source_id)] = owed.get(str(source_id), 0) + int(total)
    return owed


def program_bill_shares(*, program: Program, source: FundingSource) -> list[BillShare]:
    """The fund's share of each approved bill of the program, in period order, credit carried on."""
    approved = (
        Invoice.objects.filter(program=program, status=Invoice.Status.APPROVED)
        .select_related("reconciliation")
        .order_by("period", "id")
    )
    owed = [
        (invoice.pk, payable_by_source(reconciliation=invoice.reconciliation).get(str(source.pk), 0))
        for invoice in approved
    ]
    paid = dict(
        Payment.objects.filter(source=source).values_list("invoice_id").annotate(total=Sum("amount")).order_by()
    )
    return fund_bills(owed, {int(key): int(value) for key, value in paid.items()})


def invoice_payments(*, invoice: Invoice) -> QuerySet[Payment]:
    return Payment.objects.filter(invoice=invoice).select_related("source", "recorded_by")


def invoice_shares(*, invoice: Invoice) -> list[dict[str, Any]]:
    """Each fund of the program with its share of this bill (owed, credit in, paid, outstanding)."""
    rows = []
    for source in FundingSource.objects.filter(program=invoice.program).order_by("id"):
        share = next(
            (s for s in program_bill_shares(program=invoice.program, source=source) if s.invoice_id == invoice.pk),
            None,
        )
        if share is None and invoice.status == Invoice.Status.APPROVED:
            continue
        if share is None:
            owed = (
                payable_by_source(reconciliation=invoice.reconciliation).get(str(source.pk), 0)
                if hasattr(invoice, "reconciliation")
                else 0
            )
            share = BillShare(invoice.pk, owed, 0, 0, 0)
        rows.append({"source": source, "share": share})
    return rows


def fund_realisation(*, program: Program) -> list[dict[str, Any]]:
    """Per fund: pagu, committed by live enrolments, invoiced (payable on reconciled bills), paid, remaining, and
    the person-months and persons its members were covered for."""
    committed: dict[int, int] = dict(
        Enrolment.objects.filter(program=program)
        .filter(Q(status__in=LIVE_ENROLMENT) | Q(status=Enrolment.Status.ENDED, end_month__isnull=True))
        .values_list("source_id")
        .annotate(total=Sum("cost"))
        .order_by()
    )
    # An enrolment ended early (death, exit) commits only its months up to the end; its cost is whole months.
    ended = Enrolment.objects.filter(program=program, status=Enrolment.Status.ENDED, end_month__isnull=False)
    for source_id, cost, start, cover_months, end in ended.values_list(
        "source_id", "cost", "cover_start", "cover_months", "end_month"
    ).iterator(chunk_size=5000):
        if end is None:  # filtered out above; says so to the type checker
            continue
        covered = min(max((end.year - start.year) * 12 + end.month - start.month + 1, 0), cover_months)
        committed[source_id] = committed.get(source_id, 0) + cost * covered // cover_months
    paid = dict(
        Payment.objects.filter(invoice__program=program)
        .values_list("source_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    invoiced: dict[str, int] = {}
    for reconciliation in Reconciliation.objects.filter(invoice__program=program):
        for key, value in payable_by_source(reconciliation=reconciliation).items():
            invoiced[key] = invoiced.get(key, 0) + value
    members = member_months_by_fund(region=program.region, program_id=program.pk)
    rows = []
    for source in FundingSource.objects.filter(program=program).order_by("id"):
        money = FundMoney(
            pagu=source.amount,
            committed=int(committed.get(source.pk, 0)),
            invoiced=invoiced.get(str(source.pk), 0),
            paid=int(paid.get(source.pk, 0)),
        )
        rows.append({"source": source, "money": money, "members": members.get(source.pk, {})})
    return rows


# --- continuity ---------------------------------------------------------------------------------------


def continuity_risks(*, region: Region, today: dt.date, next_cover: dt.date) -> pl.DataFrame:
    """The continuity guard's list: persons whose membership lapses before `next_cover` unless a program
    covers them, with what is at stake, their name, NIK, kecamatan (by domicile) and occupation."""
    # Whoever died is not at risk of lapsing: their cover ended with them.
    living = member_months_frame(region=region).join(_deaths(region).select("person_id"), on="person_id", how="anti")
    risks = lapse_risks(living, today=today, next_cover=next_cover)
    if risks.is_empty():
        return risks.with_columns(
            pl.lit(None, dtype=pl.String).alias(name)
            for name in ("nik", "name", "kecamatan_code", "kecamatan", "occupation")
        )
    persons = person_details_frame(region=region, person_ids=risks.get_column("person_id").to_list())
    frame = risks.join(persons, on="person_id", how="left")
    names = region_names(codes=set(frame.get_column("kecamatan_code").drop_nulls().to_list()))
    return frame.with_columns(kecamatan=pl.col("kecamatan_code").replace_strict(names, default=None))


def continuity_counts(risks: pl.DataFrame, by: str) -> list[tuple[str, int]]:
    """Persons at risk per kecamatan or occupation, most first."""
    counts = risks.group_by(by).len().sort(["len", by], descending=[True, False], nulls_last=True)
    return [(value or "", int(n)) for value, n in counts.iter_rows()]


# --- value for money ------------------------------------------------------------------------------------

CONTRIBUTION_SCHEMA = {
    "program_id": pl.Int64,
    "source_id": pl.Int64,
    "fund": pl.String,
    "enrolment_id": pl.Int64,
    "person_id": pl.Int64,
    "occupation": pl.String,
    "month": pl.Date,
    "amount": pl.Int64,
}


def contributions_frame(*, region: Region) -> pl.DataFrame:
    """The contributions the region's programs owe BPJS for each member-month of an approved bill
    (`CONTRIBUTION_SCHEMA`): the billed amount of lines that matched, or whose difference was accepted.

    Matched lines are not stored as differences, so they are the approved bills' lines of a member-month
    (by NIK, in the bill's program) that no refused difference names. `amount` is what the bill asked.
    """
    approved = Invoice.objects.filter(program__region=region, status=Invoice.Status.APPROVED)
    lines = _lines_of(approved).filter(pl.col("problem").is_null() & pl.col("nik").is_not_null())
    refused = _refused_lines(lines.get_column("invoice_id").unique().to_list(), open_only=True)
    lines = lines.join(refused, on=["invoice_id", "line_id"], how="anti").select(
        "program_id", "nik", "month", amount="total"
    )
    everyone = enrolments_frame(region_code=region.code)
    enrolments = everyone.select(
        "program_id", "nik", "source_id", "fund", "enrolment_id", "person_id", occupation="sector"
    )
    ledger = member_months(everyone, _deaths(region)).select("enrolment_id", "month")
    joined = lines.join(enrolments, on=["program_id", "nik"], how="inner").join(
        ledger, on=["enrolment_id", "month"], how="inner"
    )
    return joined.unique(["enrolment_id", "month"], keep="first").select(*CONTRIBUTION_SCHEMA)
