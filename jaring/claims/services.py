"""Writes of claims: a claim recorded by hand, a BPJS claim report, and claims following a merge. Audited.

Every claim is checked against the benefit calculators (`core.benefits.claim_expected`) from the
worker's covered months across every program and the declared income of the program covering the
event: what they give is kept beside what BPJS paid, and a paid or submitted claim whose amount
differs keeps a warning (`claim_warning`) — BPJS may know what Jaring does not, so it is not refused.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.claims.models import Claim, ClaimReport
from jaring.claims.selectors import (
    ClaimCover,
    claim_benefit,
    claim_covers,
    claim_numbers_recorded,
    claim_report_of_file,
    claims_of_persons_frame,
    cover_frame,
)
from jaring.core.benefits import (
    BEFORE_BIRTH,
    CLAIM_PROGRAMS,
    CLAIM_REPORT,
    NEVER_ENROLLED,
    NUMBER_OTHER_PERSON,
    PERSON_UNKNOWN,
    PROGRAM_CAUSES,
    SCHOLARSHIP_LEVELS,
    TEMPORARY_INABILITY,
    Benefit,
    claim_expected,
    claim_warning,
    membership_months,
    normalise_claims,
    with_refusal,
)
from jaring.core.intake import list_read
from jaring.core.money import MAX_RUPIAH, rupiah_text
from jaring.lib.spreadsheets import read_limits
from jaring.persons.models import Person
from jaring.persons.selectors import person_ids_by_nik, persons_enrolment_frame
from jaring.programs.selectors import enrolments_frame
from jaring.regions.models import Region

REFUSED_ROWS_KEPT = 100
WARNED_STATUSES = (Claim.Status.PAID, Claim.Status.SUBMITTED)


# --- what the rules give -------------------------------------------------------------------------------


def claim_calculation(
    *, program: str, event_date: dt.date, cover: ClaimCover, level: str, cause: str, months: int | None
) -> tuple[Benefit | None, dict[str, Any]]:
    """What the calculators give for a claim and the calculation to keep with it (parts, explanations,
    membership months, income)."""
    benefit = claim_expected(
        program=program,
        event_date=event_date,
        covered_months=cover.months,
        income=cover.income,
        level=level,
        cause=cause,
        months=months,
    )
    if benefit is None:
        return None, {}
    return benefit, {
        "parts": [[code, amount] for code, amount in benefit.parts],
        "explanation_id": benefit.explanation_id,
        "explanation_en": benefit.explanation_en,
        "covered_months": membership_months(cover.months, until=event_date),
        "income": cover.income,
        "program_id": cover.program_id,
    }


def _warning(*, status: str, amount: int, benefit: Benefit | None) -> str:
    """The stored warning (Indonesian): only where the amount is meant as the benefit (paid or submitted)."""
    if status not in WARNED_STATUSES:
        return ""
    return claim_warning(claimed=amount, expected=benefit) or ""


# --- by hand -------------------------------------------------------------------------------------------


def claim_add(
    *,
    actor: User | None,
    person: Person,
    program: str,
    event_date: dt.date,
    amount_paid: int,
    status: str,
    level: str = "",
    cause: str = "",
    claim_number: str = "",
    months: int | None = None,
    today: dt.date | None = None,
) -> Claim:
    """Record one claim for `person` (the region is the person's), with what the rules give; audited.

    Refused (ValidationError): a person never enrolled in any program, an event in the future or
    before the birth date, a negative amount, a level, cause or months the program does not take, a
    claim number already recorded in the region.
    """
    today = today or timezone.localdate()
    claim_number = " ".join(claim_number.split())
    _check_claim(
        person=person,
        program=program,
        event_date=event_date,
        amount=amount_paid,
        status=status,
        level=level,
        cause=cause,
        months=months,
        today=today,
    )
    if claim_number and claim_numbers_recorded(region=person.region, numbers=[claim_number]):
        raise ValidationError(_("Claim number %(number)s is already recorded.") % {"number": claim_number})
    cover = cover_frame(region=person.region, person_ids=[person.pk])
    if cover.is_empty():
        raise ValidationError(_("This is a claim for a person never enrolled in any program: it is not recorded."))
    events = pl.DataFrame({"person_id": [person.pk], "event_date": [event_date]})
    (person_cover,) = claim_covers(cover=cover, events=events)
    benefit, calculation = claim_calculation(
        program=program, event_date=event_date, cover=person_cover, level=level, cause=cause, months=months
    )
    with transaction.atomic():
        claim = Claim.objects.create(
            region_id=person.region_id,
            person=person,
            program=program,
            level=level,
            cause=cause,
            event_date=event_date,
            months=months,
            amount_paid=amount_paid,
            status=status,
            claim_number=claim_number,
            expected=benefit.total if benefit is not None else None,
            calculation=calculation,
            warning=_warning(status=status, amount=amount_paid, benefit=benefit),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="claims.claim_add",
            obj=claim,
            region=person.region,
            after={
                "person": person.pk,
                "claim_program": program,
                "event_date": event_date.isoformat(),
                "amount_paid": amount_paid,
                "expected": claim.expected,
                "claim_status": status,
                "claim_number": claim_number,
            },
        )
    return claim


def _check_claim(
    *,
    person: Person,
    program: str,
    event_date: dt.date,
    amount: int,
    status: str,
    level: str,
    cause: str,
    months: int | None,
    today: dt.date,
) -> None:
    if program not in CLAIM_PROGRAMS:
        raise ValidationError(_("Unknown claim program %(program)s.") % {"program": program})
    if status not in Claim.Status.values:
        raise ValidationError(_("Unknown claim status %(status)s.") % {"status": status})
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise ValidationError(_("The amount of a claim cannot be negative."))
    if amount > MAX_RUPIAH:
        raise ValidationError(
            _("The amount is more than %(most)s: check the zeros.") % {"most": rupiah_text(MAX_RUPIAH)}
        )
    if event_date > today:
        raise ValidationError(
            _("The date of the event %(date)s is in the future.") % {"date": f"{event_date:%d-%m-%Y}"}
        )
    if person.birth_date and event_date < person.birth_date:
        raise ValidationError(
            _("The date of the event %(date)s is before the birth date (%(birth)s).")
            % {"date": f"{event_date:%d-%m-%Y}", "birth": f"{person.birth_date:%d-%m-%Y}"}
        )
    if level and program != "beasiswa":
        raise ValidationError(_("A school level is only recorded for a scholarship claim."))
    if level and level not in SCHOLARSHIP_LEVELS:
        raise ValidationError(_("Unknown school level %(level)s.") % {"level": level})
    if cause and cause not in PROGRAM_CAUSES.get(program, ()):
        raise ValidationError(_("This cause does not go with a claim of this program."))
    if months is not None and cause != TEMPORARY_INABILITY:
        raise ValidationError(_("Months unable to work are only recorded for a JKK temporary inability."))
    if months is not None and months < 0:
        raise ValidationError(_("Months unable to work cannot be negative."))


# --- a BPJS claim report ---------------------------------------------------------------------------------


@dataclass
class ClaimsImportResult:
    report: ClaimReport
    duplicate_of: ClaimReport | None = None
    claims: list[Claim] = field(default_factory=list)

    def to_dict(self) -> dict:
        counts = {key: value for key, value in self.report.counts.items() if key != "refused_rows"}
        return {
            "report_id": self.report.pk,
            "duplicate_of": self.duplicate_of.pk if self.duplicate_of else None,
            **counts,
            "refused_rows": self.report.counts.get("refused_rows", []),
        }


def claims_import(
    *, actor: User | None, region: Region, file_name: str, data: bytes, today: dt.date | None = None
) -> ClaimsImportResult:
    """Record the claims of a BPJS claim report (xlsx, xls, ods, csv) for the region; audited.

    Each row is refused with its reason when it names no person of the region (by NIK, else KPJ) or a
    person never enrolled, no known program, a negative or fractional amount, or a missing, unreadable,
    future or pre-birth date. A row with a claim number already recorded updates that claim's status
    and amount (a claim submitted last month is paid now); a row without one that is already recorded
    as it stands is left alone. The same file again stores nothing and says so (`duplicate_of`).
    Raises FileRejected (storing nothing) for a file that cannot be read.
    """
    digest = hashlib.sha256(data).hexdigest()
    earlier = claim_report_of_file(region=region, sha256=digest)
    if earlier is not None:
        return ClaimsImportResult(report=earlier, duplicate_of=earlier)
    today = today or timezone.localdate()
    listing = list_read(file_name=file_name, data=data, limits=read_limits(), vocabulary=CLAIM_REPORT)
    rows = _with_persons(normalise_claims(listing.frame, on=today), region)
    person_ids = rows.get_column("person_id").drop_nulls().unique().to_list()
    cover = cover_frame(region=region, person_ids=person_ids)
    members = cover.get_column("person_id").unique().implode()
    births = persons_enrolment_frame(person_ids=person_ids).select("person_id", "birth_date")
    rows = rows.join(births, on="person_id", how="left", maintain_order="left")
    rows = with_refusal(rows, pl.col("person_id").is_null(), PERSON_UNKNOWN)
    rows = with_refusal(rows, ~pl.col("person_id").is_in(members), NEVER_ENROLLED)
    rows = with_refusal(
        rows,
        pl.col("event_date") < pl.col("birth_date"),
        BEFORE_BIRTH,
        pl.col("event_date").dt.strftime("%d-%m-%Y"),
        pl.col("birth_date").dt.strftime("%d-%m-%Y"),
    )
    recorded = claim_numbers_recorded(
        region=region, numbers=rows.get_column("claim_number").drop_nulls().unique().to_list()
    )
    owners = {number: claim.person_id for number, claim in recorded.items()}
    rows = with_refusal(
        rows,
        pl.col("claim_number").replace_strict(owners, default=None, return_dtype=pl.Int64) != pl.col("person_id"),
        NUMBER_OTHER_PERSON,
        pl.col("claim_number"),
    )
    accepted = rows.filter(pl.col("reason_code").is_null())
    known = pl.col("claim_number").is_in(pl.Series(list(recorded), dtype=pl.String).implode()).fill_null(False)
    updates, fresh = accepted.filter(known), accepted.filter(~known)
    fresh, unchanged = _without_recorded(fresh, region)
    new_claims = _new_claims(fresh, cover, region=region, actor=actor)
    changed = _changed_claims(updates, recorded)
    refused = rows.filter(pl.col("reason_code").is_not_null())
    counts = {
        "rows": rows.height,
        "stored": len(new_claims),
        "updated": len(changed),
        "unchanged": unchanged + updates.height - len(changed),
        "refused": refused.height,
        "with_warning": sum(1 for claim in new_claims if claim.warning),
        "paid": sum(claim.amount_paid for claim in new_claims if claim.status == Claim.Status.PAID),
        "reasons": dict(refused.group_by("reason_code").len().iter_rows()),
        "refused_rows": refused.head(REFUSED_ROWS_KEPT)
        .select(
            sheet=pl.col("sheet").fill_null(""),
            row=pl.col("row"),
            name=pl.col("name").fill_null(""),
            code=pl.col("reason_code"),
            reason=pl.col("reason"),
        )
        .to_dicts(),
    }
    try:
        with transaction.atomic():
            report = ClaimReport.objects.create(
                region=region, file_name=file_name[:255], sha256=digest, counts=counts, uploaded_by=actor
            )
            for claim in new_claims:
                claim.report = report
            Claim.objects.bulk_create(new_claims, batch_size=1000)
            Claim.objects.bulk_update(changed, ["status", "amount_paid", "warning", "updated_at"], batch_size=1000)
            audit_record(
                actor=actor,
                action="claims.import",
                obj=report,
                region=region,
                after={
                    "file": file_name,
                    "sha256": digest,
                    "rows": counts["rows"],
                    "stored": counts["stored"],
                    "claims_updated": counts["updated"],
                    "unchanged": counts["unchanged"],
                    "refused": counts["refused"],
                    "with_warning": counts["with_warning"],
                    "paid": counts["paid"],
                },
            )
    except IntegrityError:
        # The same file, uploaded twice at the same moment: the other upload stored it.
        earlier = claim_report_of_file(region=region, sha256=digest)
        if earlier is None:
            raise
        return ClaimsImportResult(report=earlier, duplicate_of=earlier)
    return ClaimsImportResult(report=report, claims=new_claims)


def _with_persons(rows: pl.DataFrame, region: Region) -> pl.DataFrame:
    """The rows with the person of the region each names: by NIK (a golden record's), else by KPJ (an enrolment's)."""
    by_nik = person_ids_by_nik(region=region, niks=rows.get_column("nik").drop_nulls().unique().to_list())
    kpjs = rows.get_column("kpj").drop_nulls().unique().implode()
    by_kpj = (
        enrolments_frame(region_code=region.code)
        .filter(pl.col("kpj").is_in(kpjs))
        .group_by("kpj")
        .agg(pl.col("person_id").unique())
        .filter(pl.col("person_id").list.len() == 1)  # a KPJ two persons hold names neither
        .explode("person_id")
        .rename({"person_id": "_kpj_person"})
    )
    return (
        rows.join(by_nik.rename({"person_id": "_nik_person"}), on="nik", how="left", maintain_order="left")
        .join(by_kpj, on="kpj", how="left", maintain_order="left")
        .with_columns(person_id=pl.coalesce("_nik_person", "_kpj_person"))
        .drop("_nik_person", "_kpj_person")
    )


def _without_recorded(rows: pl.DataFrame, region: Region) -> tuple[pl.DataFrame, int]:
    """Rows without a claim number that the region already holds exactly (same person, program, level, day,
    amount and status) are left out: a report that covers last month again repeats its claims."""
    numberless = pl.col("claim_number").is_null()
    existing = claims_of_persons_frame(region=region, person_ids=rows.get_column("person_id").to_list())
    if existing.is_empty():
        return rows, 0
    keys = ["person_id", "program", "level", "event_date", "amount", "status"]
    existing = existing.with_columns(pl.col("level").replace("", None)).select(*keys).unique()
    held = rows.join(existing, on=keys, how="semi", nulls_equal=True).filter(numberless)
    kept = rows.join(held.select("row", "sheet"), on=["row", "sheet"], how="anti", nulls_equal=True)
    return kept, held.height


def _new_claims(rows: pl.DataFrame, cover: pl.DataFrame, *, region: Region, actor: User | None) -> list[Claim]:
    """The claims of the rows to store, each with what the rules give (one calculation per claim)."""
    if rows.is_empty():
        return []
    covers = claim_covers(cover=cover, events=rows.select("person_id", "event_date"))
    claims = []
    for row, person_cover in zip(rows.iter_rows(named=True), covers, strict=True):
        level, cause = row["level"] or "", row["cause"] or ""
        benefit, calculation = claim_calculation(
            program=row["program"], event_date=row["event_date"], cover=person_cover, level=level, cause=cause,
            months=None,
        )  # fmt: skip
        claims.append(
            Claim(
                region=region,
                person_id=row["person_id"],
                program=row["program"],
                level=level,
                cause=cause,
                event_date=row["event_date"],
                amount_paid=row["amount"],
                status=row["status"],
                claim_number=(row["claim_number"] or "")[:60],
                expected=benefit.total if benefit is not None else None,
                calculation=calculation,
                warning=_warning(status=row["status"], amount=row["amount"], benefit=benefit),
                recorded_by=actor,
            )
        )
    return claims


def _changed_claims(rows: pl.DataFrame, recorded: dict[str, Claim]) -> list[Claim]:
    """The recorded claims a later report gives another status or amount, changed (not yet saved)."""
    changed = []
    now = timezone.now()
    for number, status, amount in rows.select("claim_number", "status", "amount").iter_rows():
        claim = recorded[number]
        if (claim.status, claim.amount_paid) == (status, amount):
            continue
        claim.status, claim.amount_paid, claim.updated_at = status, amount, now
        claim.warning = _warning(status=status, amount=amount, benefit=claim_benefit(claim))
        changed.append(claim)
    return changed


# --- persons merged below --------------------------------------------------------------------------------


def claims_follow_merge(*, kept: int, gone: int) -> int:
    """A merged-away person's claims move to the person they became (inside the merge's transaction)."""
    return Claim.objects.filter(person_id=gone).update(person_id=kept, updated_at=timezone.now())
