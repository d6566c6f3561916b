"""Reads of claims: the region's claims and reports, each claim's calculation in the reader's language, the
JKM benefits nobody has claimed yet, and what the cover paid out beside what it cost."""

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.db.models import QuerySet

from jaring.billing.selectors import contributions_frame, member_months_frame
from jaring.claims.models import Claim, ClaimReport
from jaring.core.benefits import (
    DEFAULT_INCOME,
    Benefit,
    claim_reason_label,
    claim_reason_text,
    claim_warning,
    claims_cover,
    jkm_benefit_from_months,
    membership_months,
    value_total,
)
from jaring.core.benefits import value_for_money as value_groups
from jaring.core.intake import mask_nik
from jaring.core.occupations import occupation_label
from jaring.lib.bulk import read_frame
from jaring.persons.selectors import deceased_frame, person_details_frame
from jaring.programs.models import FundingSource
from jaring.programs.selectors import enrolments_frame, programs_by_ids
from jaring.regions.models import Region

# --- claims --------------------------------------------------------------------------------------------


def claim_list(*, claims: QuerySet[Claim], program: str = "", status: str = "") -> QuerySet[Claim]:
    """Claims (pass a queryset already scoped to the user), newest event first, of one program or status."""
    if program:
        claims = claims.filter(program=program)
    if status:
        claims = claims.filter(status=status)
    return claims.select_related("person", "region").order_by("-event_date", "-id")


def claim_numbers_recorded(*, region: Region, numbers: list[str]) -> dict[str, Claim]:
    """The region's claims holding one of `numbers` as their claim number, by number."""
    wanted = sorted({number for number in numbers if number})
    return {claim.claim_number: claim for claim in Claim.objects.filter(region=region, claim_number__in=wanted)}


CLAIM_KEY_SCHEMA = {
    "claim_id": pl.Int64,
    "person_id": pl.Int64,
    "program": pl.String,
    "level": pl.String,
    "event_date": pl.Date,
    "amount": pl.Int64,
    "status": pl.String,
}


def claims_of_persons_frame(*, region: Region, person_ids: list[int]) -> pl.DataFrame:
    """The region's claims of some persons (CLAIM_KEY_SCHEMA): what a report's rows without a number are compared to."""
    return read_frame(
        Claim.objects.filter(region=region, person_id__in=sorted(set(person_ids))).order_by(),
        CLAIM_KEY_SCHEMA,
        fields={"claim_id": "id", "amount": "amount_paid"},
    )


def claim_benefit(claim: Claim) -> Benefit | None:
    """The calculation the claim was recorded with, as the calculators' `Benefit`; None when there was none."""
    if claim.expected is None:
        return None
    calculation = claim.calculation or {}
    return Benefit(
        total=claim.expected,
        parts=tuple((str(code), int(amount)) for code, amount in calculation.get("parts", [])),
        explanation_id=calculation.get("explanation_id", ""),
        explanation_en=calculation.get("explanation_en", ""),
    )


def claim_warning_text(claim: Claim, *, language: str) -> str:
    """The claim's warning in the reader's language ("" when it has none)."""
    if not claim.warning:
        return ""
    text = claim_warning(claimed=claim.amount_paid, expected=claim_benefit(claim), language=language)
    return text or claim.warning


def claim_reports(*, reports: QuerySet[ClaimReport]) -> QuerySet[ClaimReport]:
    """Claim reports (pass a queryset already scoped to the user), newest first."""
    return reports.select_related("region", "uploaded_by").order_by("-created_at", "-id")


def claim_report_of_file(*, region: Region, sha256: str) -> ClaimReport | None:
    """The claim report stored from the same file before, if any."""
    return ClaimReport.objects.filter(region=region, sha256=sha256).first()


@dataclass(frozen=True)
class RefusedRow:
    sheet: str
    row: int
    name: str
    reason: str


def report_refused_rows(report: ClaimReport, *, language: str) -> list[RefusedRow]:
    """The first refused rows of a report, each reason in the reader's language."""
    return [
        RefusedRow(
            sheet=item.get("sheet") or "",
            row=int(item.get("row") or 0),
            name=item.get("name") or "",
            reason=claim_reason_text(item.get("code") or "", item.get("reason") or "", language),
        )
        for item in (report.counts or {}).get("refused_rows", [])
    ]


def report_reasons(report: ClaimReport, *, language: str) -> list[tuple[str, int]]:
    """How many rows of a report were refused for each reason, most first."""
    reasons = (report.counts or {}).get("reasons", {})
    return sorted(
        ((claim_reason_label(code, language), int(n)) for code, n in reasons.items()), key=lambda item: -item[1]
    )


# --- a person's cover ----------------------------------------------------------------------------------


def cover_frame(*, region: Region, person_ids: list[int] | None = None) -> pl.DataFrame:
    """The member-month ledger (billing's) with each enrolment's occupation: where a claim's worker was covered."""
    ledger = member_months_frame(region=region, person_ids=person_ids)
    occupations = enrolments_frame(region_code=region.code, person_ids=person_ids).select(
        "enrolment_id", occupation="sector"
    )
    return ledger.join(occupations, on="enrolment_id", how="left").select(
        "person_id", "enrolment_id", "program_id", "fund", "occupation", "month"
    )


@dataclass(frozen=True)
class ClaimCover:
    """What the calculators need of a claim's worker: their covered months and the income declared for them."""

    months: tuple[dt.date, ...]
    income: int
    program_id: int | None  # the program whose cover the event fell in (or last before it)


def claim_covers(*, cover: pl.DataFrame, events: pl.DataFrame) -> list[ClaimCover]:
    """For each event (person_id, event_date, in order) the worker's covered months (any program) and the
    declared income of the program covering the event, or of the last one before it (DEFAULT_INCOME without)."""
    placed = claims_cover(events.select("person_id", "event_date", amount=pl.lit(0, dtype=pl.Int64)), cover)
    program_ids = [int(pid) for pid in placed.get_column("program_id").drop_nulls().unique().to_list()]
    incomes = {pk: program.income_level for pk, program in programs_by_ids(ids=program_ids).items()}
    months = {
        int(person_id): tuple(sorted(values))
        for person_id, values in cover.group_by("person_id").agg(pl.col("month").unique()).iter_rows()
    }
    return [
        ClaimCover(
            months=months.get(int(person_id), ()),
            income=incomes.get(program_id, DEFAULT_INCOME) if program_id is not None else DEFAULT_INCOME,
            program_id=program_id,
        )
        for person_id, program_id in placed.select("person_id", "program_id").iter_rows()
    ]


# --- JKM suggestions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class JkmSuggestion:
    """A member who died with no JKM claim recorded: what JKM should pay their heirs, and why."""

    person_id: int
    name: str
    nik: str  # whole, for the family's claim; pages show `masked_nik`
    death_date: dt.date
    source: str  # the death list that says so
    covered_months: int  # membership months up to the death, any program
    amount: int
    parts: tuple[tuple[str, int], ...]
    explanation: str

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik)


def jkm_suggestions(*, region: Region, language: str = "id") -> list[JkmSuggestion]:
    """Persons of the region who died while or after being members (any program) and have no JKM claim
    recorded, with the JKM benefit the calculator gives (Rp0 when the month of death was not covered),
    the most recent death first."""
    deaths = deceased_frame(region=region)
    if deaths.is_empty():
        return []
    claimed = set(Claim.objects.filter(region=region, program="jkm").values_list("person_id", flat=True))
    deaths = deaths.filter(~pl.col("person_id").is_in(sorted(claimed)))
    ids = deaths.get_column("person_id").to_list()
    if not ids:
        return []
    ledger = member_months_frame(region=region, person_ids=ids)
    months = ledger.group_by("person_id").agg(pl.col("month").unique())
    members = deaths.join(months, on="person_id", how="inner")
    details = person_details_frame(region=region, person_ids=members.get_column("person_id").to_list())
    rows = members.join(details.select("person_id", "nik", "name"), on="person_id", how="left").sort(
        ["death_date", "person_id"], descending=[True, False]
    )
    suggestions = []
    for person_id, death_date, source, covered, nik, name in rows.select(
        "person_id", "death_date", "source", "month", "nik", "name"
    ).iter_rows():
        benefit = jkm_benefit_from_months(covered, death_date=death_date)
        suggestions.append(
            JkmSuggestion(
                person_id=person_id,
                name=name or f"#{person_id}",
                nik=nik or "",
                death_date=death_date,
                source=source or "",
                covered_months=membership_months(covered, until=death_date),
                amount=benefit.total,
                parts=benefit.parts,
                explanation=benefit.explanation(language),
            )
        )
    return suggestions


# --- value for money -----------------------------------------------------------------------------------

PAID_SCHEMA = {"person_id": pl.Int64, "event_date": pl.Date, "amount": pl.Int64}


@dataclass(frozen=True)
class ValueRow:
    key: str | None
    label: str
    person_months: int
    contributions: int
    claims: int
    claims_paid: int
    ratio: float | None


@dataclass(frozen=True)
class ValueForMoney:
    by: str
    rows: list[ValueRow]
    total: ValueRow


def value_for_money(*, region: Region, by: str) -> ValueForMoney:
    """Contributions on the region's approved bills beside the claims BPJS paid, per program (by="program_id"),
    fund, occupation or year, with the ratio of claims paid to contributions (`core.benefits.value`)."""
    contributions = contributions_frame(region=region)
    paid = read_frame(
        Claim.objects.filter(region=region, status=Claim.Status.PAID).order_by(),
        PAID_SCHEMA,
        fields={"amount": "amount_paid"},
    )
    groups = value_groups(contributions, paid, cover_frame(region=region), by=by)
    labels = _group_labels(groups.get_column("key").drop_nulls().to_list(), by=by)
    rows = [
        ValueRow(
            key=key,
            label=labels.get(key, key) if key is not None else "—",
            person_months=person_months,
            contributions=contributed,
            claims=claims,
            claims_paid=claims_paid,
            ratio=ratio,
        )
        for key, person_months, contributed, claims, claims_paid, ratio in groups.iter_rows()
    ]
    totals = value_total(groups)
    total = ValueRow(
        key=None,
        label="",
        person_months=int(totals["person_months"] or 0),
        contributions=int(totals["contributions"] or 0),
        claims=int(totals["claims"] or 0),
        claims_paid=int(totals["claims_paid"] or 0),
        ratio=totals["ratio"],
    )
    return ValueForMoney(by=by, rows=rows, total=total)


def _group_labels(keys: list[str], *, by: str) -> dict[str, str]:
    if by == "program_id":
        programs = programs_by_ids(ids=[int(key) for key in keys])
        return {key: str(programs[int(key)]) if int(key) in programs else f"#{key}" for key in keys}
    if by == "fund":
        funds = dict(FundingSource.Kind.choices)
        return {key: str(funds.get(key, key)) for key in keys}
    if by == "occupation":
        return {key: occupation_label(key) for key in keys}
    return {key: key for key in keys}
