"""Import worker lists: every row kept with its provenance, normalised, validated and explained."""

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from jaring.accounts.models import Opd, User
from jaring.accounts.services import audit_record
from jaring.core.intake import (
    FIELD_LABELS,
    STORED_SCHEMA,
    STORED_TEXT_FIELDS,
    RegionPlaces,
    Rules,
    TableLayout,
    changed_corrections,
    corrected_values,
    issue_codes,
    issues_json,
    layout_summary,
    list_read,
    match_corrections,
    named_record_ids,
    normalise_records,
)
from jaring.core.occupations import CATALOGUE, OTHER
from jaring.jobs.models import Job
from jaring.jobs.services import job_delete, job_resume, job_retry
from jaring.lib.bulk import in_chunks, insert_frame, read_frame, update_from_frame
from jaring.lib.spreadsheets import read_limits
from jaring.regions.models import Region
from jaring.regions.selectors import region_get
from jaring.registry.models import OccupationSynonym, SourceRecord, Submission
from jaring.registry.selectors import occupation_synonyms

Progress = Callable[[int, str], None]
IMPORT_KIND = "registry.import"  # the job kind of an upload (registered in tasks.py)


def _silent(percent: int, stage: str) -> None:
    """The progress listener of callers that do not show progress."""


class SameFileElsewhere(Exception):
    """The same file was already stored as another sender's list; a person should say whether to store it again."""

    def __init__(self, earlier: Submission):
        super().__init__("the same file was uploaded by another sender")
        self.earlier = earlier

    @property
    def message(self) -> str:
        return _("This file was already uploaded by %(sender)s on %(day)s.") % {
            "sender": self.earlier.opd.code if self.earlier.opd else self.earlier.source,
            "day": timezone.localtime(self.earlier.created_at).strftime("%d-%m-%Y"),
        }


@dataclass
class ImportResult:
    submission: Submission
    duplicate_of: Submission | None = None  # the same file was imported before; nothing new was stored
    layouts: list[TableLayout] = field(default_factory=list)

    def to_dict(self) -> dict:
        counts = self.submission.counts
        return {
            "submission_id": self.submission.pk,
            "file": self.submission.file_name,
            "duplicate_of": self.duplicate_of.pk if self.duplicate_of else None,
            "rows": counts.get("rows", 0),
            "accepted": counts.get("accepted", 0),
            "warnings": counts.get("warnings", 0),
            "rejected": counts.get("rejected", 0),
            "updated": counts.get("updated", 0),
            "skipped": sum(counts.get("skipped", {}).values()),
            "issues": counts.get("issues", {}),
        }


def region_places(region: Region) -> RegionPlaces:
    prefix = f"{region.code}."
    districts = Region.objects.filter(code__startswith=prefix, level=Region.Level.DISTRICT)
    villages = Region.objects.filter(code__startswith=prefix, level=Region.Level.VILLAGE)
    return RegionPlaces(
        region_code=region.code,
        region_name=region.name,
        districts=read_frame(districts.order_by("code"), {"code": pl.String, "name": pl.String, "name_key": pl.String}),
        villages=read_frame(
            villages.order_by("code"),
            {"code": pl.String, "name": pl.String, "name_key": pl.String, "district_code": pl.String},
            fields={"district_code": "parent_id"},
        ),
    )


def submission_import(
    *,
    actor: User | None,
    region: Region,
    source: str,
    opd: Opd | None,
    file_name: str,
    data: bytes,
    sheet: str | None = None,
    on: dt.date | None = None,
    overrides: dict[str, dict[str, str]] | None = None,
    progress: Progress | None = None,
    confirm_uncertain: bool = False,
    same_file_ok: bool = True,
) -> ImportResult:
    """Read, normalise, validate and store one file; raise FileRejected (storing nothing) when unreadable.

    Rows that correct earlier rejected or flagged rows of the same source update those rows instead
    of adding new ones. `progress(percent, stage)` hears about each stage. With `confirm_uncertain`,
    a sheet whose columns were matched by a close spelling only (and not overridden) stops the import
    with MappingNeedsConfirmation before anything is stored; without `same_file_ok`, a file already
    stored as another sender's list stops it with SameFileElsewhere.
    """
    report = progress or _silent
    digest = hashlib.sha256(data).hexdigest()
    # The same file from the same sender is a repeat; from another OPD it is that OPD's own list.
    earlier = Submission.objects.filter(
        region=region, sha256=digest, status=Submission.Status.DONE, opd=opd, source=source
    ).first()
    if earlier is not None:
        return ImportResult(submission=earlier, duplicate_of=earlier)
    if not same_file_ok:
        elsewhere = (
            Submission.objects.filter(region=region, sha256=digest, status=Submission.Status.DONE)
            .select_related("opd")
            .order_by("created_at")
            .first()
        )
        if elsewhere is not None:
            raise SameFileElsewhere(elsewhere)

    report(5, _("Reading the file"))
    listing = list_read(
        file_name=file_name,
        data=data,
        limits=read_limits(),
        sheet=sheet,
        overrides=overrides,
        confirm_uncertain=confirm_uncertain,
        on_read=lambda: report(20, _("Looking for the header row and columns")),
    )
    layouts, skipped = listing.layouts, listing.skipped
    report(30, _("Checking %(rows)s rows") % {"rows": formats.number_format(listing.frame.height, force_grouping=True)})
    reference = on or timezone.localdate()
    records = normalise_records(
        listing.frame,
        rules=Rules(on=reference, min_age=settings.ELIGIBLE_MIN_AGE, max_age=settings.ELIGIBLE_MAX_AGE),
        places=region_places(region),
        extra_occupations=occupation_synonyms(region=region),
    )
    # From here on only the normalised rows are needed; a million-row read is let go before storing.
    del listing

    report(70, _("Storing %(rows)s rows") % {"rows": formats.number_format(records.height, force_grouping=True)})
    with transaction.atomic():
        submission = Submission.objects.create(
            region=region,
            opd=opd,
            source=source,
            uploaded_by=actor,
            file_name=file_name,
            sha256=digest,
            size=len(data),
            sheets=[layout_summary(layout) for layout in layouts],
        )
        corrections, corrected = _update_corrected_records(records, region=region, opd=opd, source=source)
        rows_in_file = records.height
        if not corrections.is_empty():
            records = records.with_columns(pl.col("row").cast(pl.Int64)).join(
                corrections.select("sheet", "row"), on=["sheet", "row"], how="anti", maintain_order="left"
            )
            # A problems file sent back is a correction of its list: its rows are counted there, once.
            submission.corrects_id = corrections.get_column("submission_id").mode().sort().item(0)
        # Counted over the rows stored anew, so a list and its correction never count a row twice.
        submission.counts = {
            **_counts(records, skipped, updated=corrected),
            "rows": rows_in_file,
            "corrections": corrections.height,
        }
        stored = _record_columns(records, submission)
        del records  # only the columns being stored stay in memory during the COPY
        insert_frame(SourceRecord, stored)
        del stored
        submission.status = Submission.Status.DONE
        submission.finished_at = timezone.now()
        submission.save(update_fields=["counts", "status", "finished_at", "corrects"])
        audit_record(
            actor=actor,
            action="registry.submission_import",
            obj=submission,
            region=region,
            opd=opd,
            after={
                "file": file_name,
                "sha256": digest,
                **{k: v for k, v in submission.counts.items() if k != "issues"},
            },
        )
    report(100, _("Done"))
    return ImportResult(submission=submission, layouts=layouts)


def _record_columns(records: pl.DataFrame, submission: Submission) -> pl.DataFrame:
    now = timezone.now()
    return records.select(
        pl.lit(submission.pk).alias("submission_id"),
        pl.lit(submission.region_id).alias("region_id"),
        pl.lit(submission.opd_id, dtype=pl.Int64).alias("opd_id"),
        pl.col("sheet"),
        pl.col("row").cast(pl.Int64),
        pl.col("raw"),
        pl.col("status"),
        issues_json().alias("issues"),
        issue_codes().alias("issue_codes"),
        *[pl.col(name).fill_null("").cast(pl.String) for name in STORED_TEXT_FIELDS],
        pl.col("note_text").fill_null("").alias("note"),
        pl.col("birth_date"),
        pl.col("desil"),
        pl.lit(now).alias("updated_at"),
    )


def _update_corrected_records(
    records: pl.DataFrame, *, region: Region, opd: Opd | None, source: str
) -> tuple[pl.DataFrame, int]:
    """Replace earlier rows of the same sender that this file corrects (`core.intake.corrections`).

    A row finds the row it corrects by the "ID Jaring" column of the problems file (any row of the
    sender's: Jaring asks for NIKs to be checked on rows accepted without notes too), else by NIK
    among the refused and flagged rows, one row for one row. Only the sender's own rows are looked
    at: another OPD's list never rewrites a row (linkage joins the two into one person instead).
    Returns the (sheet, row) of the file's rows used that way (they are not stored again) with the
    list each corrects, and how many earlier rows really changed.
    """
    own = SourceRecord.objects.filter(region=region)
    own = own.filter(opd=opd) if opd is not None else own.filter(submission__source=source, opd=None)
    fields = {"target_id": "id", "target_submission": "submission_id"}
    # A row Jaring itself sent back by its id may be corrected whatever its status; by NIK alone, only rows
    # that were refused or flagged.
    waiting = own.exclude(status=SourceRecord.Status.ACCEPTED)
    accepted = [
        read_frame(
            own.filter(status=SourceRecord.Status.ACCEPTED, id__in=chunk).order_by("id"), STORED_SCHEMA, fields=fields
        )
        for chunk in in_chunks(named_record_ids(records))
    ]
    stored = pl.concat([read_frame(waiting.order_by("id"), STORED_SCHEMA, fields=fields), *accepted]).sort("target_id")
    none = pl.DataFrame(schema={"sheet": pl.String, "row": pl.Int64, "submission_id": pl.Int64})
    if stored.is_empty():
        return none, 0
    matches = match_corrections(records, stored)
    if matches.is_empty():
        return none, 0
    changed = changed_corrections(corrected_values(matches), stored)
    update_from_frame(SourceRecord, changed.with_columns(updated_at=pl.lit(timezone.now())), key="id")
    for submission_id in (
        SourceRecord.objects.filter(id__in=changed.get_column("id").to_list())
        .values_list("submission_id", flat=True)
        .distinct()
    ):
        submission_recount(submission_id=submission_id)
    corrected_lists = matches.join(stored.select("target_id", "target_submission"), on="target_id", how="left")
    return corrected_lists.select("sheet", "row", submission_id="target_submission"), changed.height


def submission_recount(*, submission_id: int) -> None:
    """Recompute a submission's status counts from its records (after corrections updated them)."""
    submission = Submission.objects.get(pk=submission_id)
    statuses = dict(
        SourceRecord.objects.filter(submission_id=submission_id).values_list("status").annotate(n=Count("id"))
    )
    issues: dict[str, int] = {}
    for codes in (
        SourceRecord.objects.filter(submission_id=submission_id)
        .exclude(issue_codes="")
        .values_list("issue_codes", flat=True)
    ):
        for code in codes.split(","):
            issues[code] = issues.get(code, 0) + 1
    submission.counts = {
        **submission.counts,
        "accepted": statuses.get(SourceRecord.Status.ACCEPTED, 0),
        "warnings": statuses.get(SourceRecord.Status.ACCEPTED_WITH_WARNINGS, 0),
        "rejected": statuses.get(SourceRecord.Status.REJECTED, 0),
        "issues": dict(sorted(issues.items())),
    }
    submission.save(update_fields=["counts"])


def _counts(records: pl.DataFrame, skipped: dict[str, int], *, updated: int) -> dict:
    statuses = dict(records.group_by("status").len().iter_rows())
    issues = (
        records.select(pl.col("issues").list.eval(pl.element().struct.field("code").unique()).explode().alias("code"))
        .drop_nulls()
        .group_by("code")
        .len()
        .sort("code")
    )
    return {
        "rows": records.height,
        "accepted": statuses.get("accepted", 0),
        "warnings": statuses.get("accepted_with_warnings", 0),
        "rejected": statuses.get("rejected", 0),
        "updated": updated,
        "skipped": skipped,
        "issues": dict(issues.iter_rows()),
    }


def occupation_synonym_add(*, actor: User, region: Region, category: str, synonym: str) -> OccupationSynonym:
    """Teach the region's imports another word for an occupation category."""
    text = " ".join(synonym.lower().split())
    if category not in CATALOGUE or category == OTHER:
        raise ValidationError(_("Choose an occupation category from the catalogue."))
    if len(text) < 3:
        raise ValidationError(_("The synonym is too short; write at least 3 letters."))
    if OccupationSynonym.objects.filter(region=region, synonym=text).exists():
        raise ValidationError(f"“{text}” sudah ada di katalog wilayah ini.")
    with transaction.atomic():
        entry = OccupationSynonym.objects.create(region=region, category=category, synonym=text, created_by=actor)
        audit_record(
            actor=actor,
            action="registry.occupation_synonym_add",
            obj=entry,
            region=region,
            after={"category": category, "synonym": text},
        )
    return entry


def submissions_hold_for_linkage(*, shares: dict[int, float]) -> None:
    """Hold submissions whose rows mostly repeat known persons; `shares` gives each one's share of repeats."""
    for submission_id, share in shares.items():
        Submission.objects.filter(pk=submission_id).update(linkage_held_share=share)


def submission_release_linkage(*, actor: User | None, submission: Submission) -> Submission:
    """Let a held submission's rows be linked at the next run."""
    if not submission.linkage_held:
        raise ValidationError(_("This list is not on hold."))
    with transaction.atomic():
        submission.linkage_released_by, submission.linkage_released_at = actor, timezone.now()
        submission.save(update_fields=["linkage_released_by", "linkage_released_at"])
        audit_record(
            actor=actor,
            action="registry.submission_release_linkage",
            obj=submission,
            region=submission.region,
            opd=submission.opd,
            after={"held_share": submission.linkage_held_share},
        )
    return submission


def submission_reject_linkage(*, actor: User | None, submission: Submission, reason: str = "") -> Submission:
    """Refuse a held list: its rows stay for the record, and none of them is ever linked to a person."""
    if not submission.linkage_held:
        raise ValidationError(_("This list is not on hold."))
    with transaction.atomic():
        submission.linkage_rejected_by, submission.linkage_rejected_at = actor, timezone.now()
        submission.save(update_fields=["linkage_rejected_by", "linkage_rejected_at"])
        audit_record(
            actor=actor,
            action="registry.submission_reject_linkage",
            obj=submission,
            region=submission.region,
            opd=submission.opd,
            after={"held_share": submission.linkage_held_share, "reason": reason.strip()},
        )
    return submission


def import_retry(*, actor: User | None, job: Job) -> Job:
    """Run a failed upload again from the file it kept."""
    if job.kind != IMPORT_KIND or job.status != Job.Status.FAILED:
        raise ValidationError(_("Only a failed upload can be tried again."))
    with transaction.atomic():
        _audit_job(actor, job, "registry.import_retry")
        return job_retry(job=job)


def import_remove(*, actor: User | None, job: Job) -> None:
    """Remove a failed upload (or one waiting for a decision) and the file it kept; the audit log keeps its name."""
    if job.kind != IMPORT_KIND or job.status not in (Job.Status.FAILED, Job.Status.WAITING):
        raise ValidationError(_("Only a failed or waiting upload can be removed."))
    with transaction.atomic():
        _audit_job(actor, job, "registry.import_remove")
        job_delete(job=job)


def import_same_file_decide(*, actor: User, job: Job, store: bool) -> Job | None:
    """The person's answer to "this file was already uploaded by another OPD": store it anyway, or cancel."""
    if job.status != Job.Status.WAITING or "same_file" not in job.input:
        raise ValidationError(_("This upload is not waiting for that decision."))
    if not store:
        import_remove(actor=actor, job=job)
        return None
    with transaction.atomic():
        _audit_job(actor, job, "registry.import_same_file_ok")
        return job_resume(job=job, input={"same_file_ok": True})


def _audit_job(actor: User | None, job: Job, action: str) -> None:
    opd = Opd.objects.filter(pk=job.scope_opd).first() if job.scope_opd else None
    audit_record(
        actor=actor,
        action=action,
        obj=job,
        region=region_get(code=job.scope_region),
        opd=opd,
        after={"file": job.title, "error": job.error_message} if job.error_message else {"file": job.title},
    )


def import_confirm_columns(*, actor: User, job: Job, choices: dict[str, dict[str, str]]) -> Job:
    """Record the person's reading of each column (sheet -> column -> field or "") and import again."""
    if job.status != Job.Status.WAITING or "sheets" not in job.input:
        raise ValidationError(_("This work is not waiting for its columns to be confirmed."))
    allowed = set(FIELD_LABELS) | {""}
    sheets = {sheet["name"]: {column["column"] for column in sheet["columns"]} for sheet in job.input["sheets"]}
    for sheet, columns in choices.items():
        if sheet not in sheets or not set(columns) <= sheets[sheet] or not set(columns.values()) <= allowed:
            raise ValidationError(_("Unknown column choice."))
    with transaction.atomic():
        opd = Opd.objects.get(pk=job.scope_opd) if job.scope_opd else None
        audit_record(
            actor=actor,
            action="registry.import_confirm_columns",
            obj=job,
            region=region_get(code=job.scope_region),
            opd=opd,
            after={"overrides": choices},
        )
        return job_resume(job=job, input={"overrides": choices, "confirmed": True})
