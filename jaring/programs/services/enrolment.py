"""Approval (the selection frozen into enrolments), batches to BPJS and BPJS's responses."""

import hashlib
from dataclasses import asdict, dataclass

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.core.intake import FileRejected, list_read
from jaring.core.occupations import occupation_label
from jaring.core.programs import (
    DEFAULT_COLUMNS,
    PROGRAM_CODES,
    RESPONSE,
    WADAH_BY_FUND,
    batch_file_frame,
    check_columns,
    read_response,
    response_changes,
)
from jaring.lib.bulk import in_chunks, insert_frame, read_frame, update_from_frame
from jaring.lib.spreadsheets import read_limits, rows_csv, rows_xlsx
from jaring.linkage.selectors import undecided_person_pairs_frame
from jaring.persons.selectors import (
    deceased_frame,
    person_ids_frame,
    person_ids_with_nik_check,
    persons_enrolment_frame,
    persons_nik_check_frame,
)
from jaring.programs.models import BatchProfile, BatchResponse, Enrolment, EnrolmentBatch, Program
from jaring.programs.selectors import LIVE_ENROLMENT, program_ranking
from jaring.regions.models import Region
from jaring.regions.selectors import region_descendants

DEFAULT_PROFILE_NAME = "Standar BPJS"
PROBLEMS_SHOWN = 20


def enrolments_create(*, program: Program, chosen: pl.DataFrame) -> int:
    """One enrolment per chosen person (person_id, source_id, cost), with a frozen copy of their data."""
    if chosen.is_empty():
        return 0
    copy = _person_copy(program, chosen.get_column("person_id").to_list())
    frame = chosen.join(copy, on="person_id", how="left").select(
        "person_id",
        "source_id",
        "cost",
        *[pl.col(name) if name == "birth_date" else pl.col(name).fill_null("") for name in _COPIED],
        program_id=pl.lit(program.pk, dtype=pl.Int64),
        cover_start=pl.lit(program.cover_start),
        cover_months=pl.lit(program.cover_months, dtype=pl.Int64),
        status=pl.lit(Enrolment.Status.SELECTED.value),
        kpj=pl.lit(""),
        rejection_reason=pl.lit(""),
        end_reason=pl.lit(""),
        updated_at=pl.lit(timezone.now()),
    )
    insert_frame(Enrolment, frame)
    return frame.height


# The person's data an enrolment keeps a copy of: what its batch file sends BPJS.
_COPIED = (
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "kelurahan_code",
    "kelurahan",
    "kecamatan",
    "occupation",
    "phone",
)


_COPIED_SCHEMA = pl.Schema({name: pl.Date if name == "birth_date" else pl.String for name in _COPIED})


def _person_copy(program: Program, person_ids: list[int]) -> pl.DataFrame:
    """person_id and the _COPIED fields of each person as their golden record is now."""
    people = persons_enrolment_frame(person_ids=person_ids)
    places = {region.code: region.name for region in region_descendants(code=program.region.code)}
    # "RT 001/RW 003" when either is known; an address with neither says nothing of them.
    rt_rw = pl.when(pl.col("rt").is_not_null() | pl.col("rw").is_not_null()).then(
        pl.concat_str(pl.lit("RT "), pl.col("rt").fill_null("-"), pl.lit("/RW "), pl.col("rw").fill_null("-"))
    )
    return people.select(
        "person_id",
        nik=pl.col("nik").fill_null(""),
        name=pl.col("name").fill_null(""),
        birth_place=pl.col("birth_place").fill_null(""),
        birth_date="birth_date",
        sex=pl.col("sex").fill_null(""),
        address=pl.concat_str(pl.col("street"), rt_rw, separator=" ", ignore_nulls=True).fill_null(""),
        kelurahan_code=pl.col("kelurahan_code").fill_null(""),
        kelurahan=pl.col("kelurahan_code").replace_strict(places, default="").fill_null(""),
        kecamatan=pl.col("kelurahan_code").str.slice(0, 8).replace_strict(places, default="").fill_null(""),
        occupation=pl.col("occupation").fill_null(""),
        phone=pl.col("phone").fill_null(""),
    )


def _refresh_copies(program: Program, enrolment_ids: list[int]) -> int:
    """Bring the copies of the enrolments up to their persons' golden records; how many NIKs changed.

    Approval freezes who is paid for, not a NIK found wrong since: a NIK corrected by its OPD, confirmed
    against the KTP or settled by Dukcapil after approval is the one BPJS must get.
    """
    schema = pl.Schema({"id": pl.Int64(), "person_id": pl.Int64(), **_COPIED_SCHEMA})
    frozen = pl.concat(
        [pl.DataFrame(schema=schema)]
        + [read_frame(Enrolment.objects.filter(pk__in=chunk).order_by(), schema) for chunk in in_chunks(enrolment_ids)]
    )
    if frozen.is_empty():
        return 0
    now = _person_copy(program, frozen.get_column("person_id").to_list()).cast(_COPIED_SCHEMA)
    compared = frozen.join(now, on="person_id", how="inner", suffix="_now")
    differs = pl.any_horizontal(pl.col(name).ne_missing(pl.col(f"{name}_now")) for name in _COPIED)
    changed = compared.filter(differs)
    if changed.is_empty():
        return 0
    fresh = changed.select("id", *[pl.col(f"{name}_now").alias(name) for name in _COPIED])
    update_from_frame(Enrolment, fresh.with_columns(updated_at=pl.lit(timezone.now())), key="id")
    return changed.filter(pl.col("nik") != pl.col("nik_now")).height


@transaction.atomic
def program_approve(*, actor: User | None, program: Program) -> int:
    """Freeze the selection: every selected person gets an enrolment with a copy of their data as it is now."""
    program = Program.objects.select_for_update().select_related("region").get(pk=program.pk)
    if not program.is_draft:
        raise ValidationError(
            _("Only a draft program can be approved; this one is %(status)s.")
            % {"status": program.get_status_display()}
        )
    if not program.selection_summary:
        raise ValidationError(_("Select within the budget first: approval freezes the selection."))
    chosen = (
        program_ranking(program=program)
        .filter(pl.col("source_id").is_not_null())
        .select("person_id", "source_id", "cost")
    )
    if chosen.is_empty():
        raise ValidationError(_("Nobody is selected: there is nothing to approve."))
    merged = chosen.filter(~pl.col("person_id").is_in(person_ids_frame(region=program.region)["person_id"].implode()))
    if not merged.is_empty():
        raise ValidationError(
            _(
                "%(n)s selected person(s) were merged into another person since the selection; "
                "save the eligibility and select again before approving."
            )
            % {"n": merged.height}
        )
    _refuse_unsafe_approval(program, chosen.get_column("person_id"))
    created = enrolments_create(program=program, chosen=chosen)
    program.status = Program.Status.APPROVED
    program.approved_by = actor
    program.approved_at = timezone.now()
    program.save(update_fields=["status", "approved_by", "approved_at"])
    audit_record(
        actor=actor,
        action="programs.approve",
        obj=program,
        region=program.region,
        before={"status": Program.Status.DRAFT},
        after={"program": program.name, "status": Program.Status.APPROVED, "enrolments": created},
    )
    return created


PAIRS_NAMED = 10


def _refuse_unsafe_approval(program: Program, selected: pl.Series) -> None:
    """Approval would pay one worker twice, or send BPJS a NIK to be checked: refuse, and say who.

    The selection holds such people back; this catches what changed since it ran (a new link run
    found a pair, a NIK came under doubt).
    """
    taken = pl.concat(
        [
            selected,
            pl.Series(
                "person_id",
                list(
                    Enrolment.objects.filter(status__in=LIVE_ENROLMENT, program__region=program.region)
                    .exclude(program=program)
                    .values_list("person_id", flat=True)
                ),
                dtype=pl.Int64,
            ),
        ]
    ).implode()
    pairs = undecided_person_pairs_frame(region=program.region).filter(
        pl.col("person_l").is_in(taken)
        & pl.col("person_r").is_in(taken)
        & (pl.col("person_l").is_in(selected.implode()) | pl.col("person_r").is_in(selected.implode()))
    )
    if not pairs.is_empty():
        named = ", ".join(f"#{left} dan #{right}" for left, right in pairs.head(PAIRS_NAMED).iter_rows())
        more = pairs.height - min(pairs.height, PAIRS_NAMED)
        raise ValidationError(
            _(
                "%(n)s possible duplicate pair(s) of selected or enrolled persons wait for a decision (%(pairs)s): "
                "one worker could be paid twice. Decide them in the review queue, then select again."
            )
            % {"n": pairs.height, "pairs": named + (f", … (+{more})" if more else "")}
        )
    doubtful = persons_nik_check_frame(region=program.region).filter(pl.col("person_id").is_in(selected.implode()))
    if not doubtful.is_empty():
        raise ValidationError(
            _(
                "The NIK of %(n)s selected person(s) must now be checked (%(persons)s); "
                "save the eligibility and select again before approving."
            )
            % {"n": doubtful.height, "persons": ", ".join(f"#{pk}" for pk in doubtful["person_id"].head(PAIRS_NAMED))}
        )


@transaction.atomic
def program_close(*, actor: User | None, program: Program) -> int:
    """The program's months are over: active enrolments end."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status not in (Program.Status.APPROVED, Program.Status.RUNNING):
        raise ValidationError(_("Only an approved or running program can be closed."))
    ended = Enrolment.objects.filter(program=program, status=Enrolment.Status.ACTIVE).update(
        status=Enrolment.Status.ENDED, updated_at=timezone.now()
    )
    before = program.status
    program.status = Program.Status.CLOSED
    program.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="programs.close",
        obj=program,
        region=program.region,
        before={"status": before},
        after={"program": program.name, "status": program.status, "ended": ended},
    )
    return ended


def batch_profile_for(*, region: Region) -> BatchProfile:
    """The region's batch-file profile; the standard one is made on first use."""
    profile = BatchProfile.objects.filter(region=region).order_by("id").first()
    if profile is None:
        profile = BatchProfile.objects.create(
            region=region, name=DEFAULT_PROFILE_NAME, columns=[list(pair) for pair in DEFAULT_COLUMNS]
        )
    return profile


def profile_columns_from_text(text: str) -> list[tuple[str, str]]:
    """Columns from lines like "NAMA LENGKAP = name" (one column per line, in the file's order)."""
    columns = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if "=" not in line:
            raise ValidationError(
                _("Line %(n)s: write the column as 'HEADER = field', e.g. 'NAMA LENGKAP = name'.") % {"n": number}
            )
        header, field = line.rsplit("=", 1)
        columns.append((" ".join(header.split()), field.strip()))
    return columns


@transaction.atomic
def batch_profile_update(*, actor: User | None, profile: BatchProfile, columns: list[tuple[str, str]]) -> BatchProfile:
    problems = check_columns(columns)
    if problems:
        raise ValidationError("; ".join(problems))
    before = profile.columns
    profile.columns = [[header.strip(), field] for header, field in columns]
    profile.updated_by = actor
    profile.save()
    audit_record(
        actor=actor,
        action="programs.batch_profile",
        obj=profile,
        region=profile.region,
        before={"columns": before},
        after={"columns": profile.columns},
    )
    return profile


@dataclass
class BatchResult:
    batch_id: int
    number: int
    persons: int
    nik_check_waiting: int = 0  # selected, not sent: their NIK must be checked first
    niks_updated: int = 0  # sent with the NIK corrected since approval, not the one frozen then

    def to_dict(self) -> dict:
        return asdict(self)


@transaction.atomic
def batch_create(*, actor: User | None, program: Program) -> BatchResult:
    """Every selected enrolment not yet sent goes into a new batch and counts as submitted to BPJS."""
    program = Program.objects.select_for_update().select_related("region").get(pk=program.pk)
    if program.status not in (Program.Status.APPROVED, Program.Status.RUNNING):
        raise ValidationError(_("Approve the program first: only its frozen selection is sent to BPJS."))
    pending = Enrolment.objects.filter(program=program, status=Enrolment.Status.SELECTED, batch__isnull=True)
    # Ids, not nested subqueries: PostgreSQL plans NOT IN over a subquery of a subquery row by row.
    doubtful = pending.filter(person_id__in=person_ids_with_nik_check(region=program.region))
    # A NIK that came under doubt since approval is not sent: the person stays selected until it is checked.
    sendable = set(pending.values_list("id", flat=True)) - set(doubtful.values_list("id", flat=True))
    held = doubtful.count()
    niks_updated = _refresh_copies(program, sorted(sendable))
    # A NIK corrected into one another enrolment of the program holds is not sent twice: both wait for a look.
    shared = (
        Enrolment.objects.filter(program=program)
        .exclude(nik="")
        .values("nik")
        .annotate(holders=Count("id"))
        .filter(holders__gt=1)
        .values("nik")
    )
    twice = sendable & set(Enrolment.objects.filter(program=program, nik__in=shared).values_list("id", flat=True))
    held += len(twice)
    sendable -= twice
    if not sendable:
        if held:
            raise ValidationError(
                _("Nobody can be sent: the NIK of all %(n)s waiting enrolment(s) must be checked first.") % {"n": held}
            )
        raise ValidationError(_("Everybody selected has already been sent: there is nobody for a new batch."))
    profile = batch_profile_for(region=program.region)
    number = (program.batches.aggregate(last=Max("number"))["last"] or 0) + 1
    batch = EnrolmentBatch.objects.create(
        program=program, number=number, columns=profile.columns, profile_name=profile.name, created_by=actor
    )
    now = timezone.now()
    persons = sum(
        Enrolment.objects.filter(pk__in=chunk).update(batch=batch, status=Enrolment.Status.SUBMITTED, updated_at=now)
        for chunk in in_chunks(sorted(sendable))
    )
    batch.counts = {"persons": persons, "accepted": 0, "rejected": 0}
    batch.save(update_fields=["counts"])
    if program.status == Program.Status.APPROVED:
        program.status = Program.Status.RUNNING
        program.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="programs.batch_create",
        obj=batch,
        region=program.region,
        after={
            "program": program.name,
            "batch": batch.number,
            "persons": persons,
            "nik_check_waiting": held,
            "niks_updated": niks_updated,
        },
    )
    return BatchResult(
        batch_id=batch.pk, number=number, persons=persons, nik_check_waiting=held, niks_updated=niks_updated
    )


BATCH_SCHEMA = {
    "nik": pl.String,
    "name": pl.String,
    "birth_place": pl.String,
    "birth_date": pl.Date,
    "sex": pl.String,
    "address": pl.String,
    "kelurahan": pl.String,
    "kecamatan": pl.String,
    "occupation": pl.String,
    "phone": pl.String,
    "fund": pl.String,
    "start_month": pl.Date,
    "months": pl.Int64,
}


def batch_file(*, batch: EnrolmentBatch, fmt: str) -> tuple[str, bytes]:
    """The bulk-registration file of a batch (xlsx or csv), built from its frozen enrolments and columns."""
    program = batch.program
    enrolments = read_frame(
        batch.enrolments.order_by("id"),
        BATCH_SCHEMA,
        fields={"fund": "source__kind", "start_month": "cover_start", "months": "cover_months"},
    ).with_columns(
        occupation=pl.col("occupation").map_elements(occupation_label, return_dtype=pl.String),
        program_code=pl.lit(PROGRAM_CODES.get(program.package, program.package)),
        wadah_code=pl.col("fund").replace_strict(WADAH_BY_FUND, default="SG"),
    )
    table = batch_file_frame(enrolments, [tuple(pair) for pair in batch.columns])
    stem = f"batch-{program.pk}-{batch.number:03d}"
    if fmt == "csv":
        return f"{stem}.csv", rows_csv(header=table.columns, rows=table.iter_rows())
    return f"{stem}.xlsx", rows_xlsx(header=table.columns, rows=table.iter_rows(), sheet="Pendaftaran")


@dataclass
class ResponseResult:
    batch_id: int
    accepted: int
    rejected: int
    unchanged: int
    returned_to_waiting: int

    def to_dict(self) -> dict:
        return asdict(self)


def batch_response_import(*, actor: User | None, batch: EnrolmentBatch, file_name: str, data: bytes) -> ResponseResult:
    """Apply BPJS's response: accepted people become active with their KPJ, rejected ones go back to the
    waiting list with BPJS's reason (and are not chosen again). All or nothing; the same file twice is refused."""
    digest = hashlib.sha256(data).hexdigest()
    earlier = BatchResponse.objects.filter(batch=batch, sha256=digest).first()
    if earlier is not None:
        raise ValidationError(
            _("This response was already imported on %(when)s; nothing was changed.")
            % {"when": timezone.localtime(earlier.imported_at).strftime("%d-%m-%Y %H:%M")}
        )
    try:
        rows = list_read(file_name=file_name, data=data, limits=read_limits(), vocabulary=RESPONSE).frame
    except FileRejected as exc:
        raise ValidationError(str(exc)) from exc
    members = read_frame(
        batch.enrolments.order_by(),
        {
            "id": pl.Int64,
            "person_id": pl.Int64,
            "nik": pl.String,
            "status": pl.String,
            "kpj": pl.String,
            "rejection_reason": pl.String,
        },
    )
    response = read_response(rows, set(members.get_column("nik").to_list()))
    if response.problems:
        shown = [f"baris {row}: {message}" if row else message for row, message in response.problems[:PROBLEMS_SHOWN]]
        more = len(response.problems) - len(shown)
        raise ValidationError(
            _("The response was not imported; nothing was changed. %(count)s row(s) cannot be applied: %(rows)s")
            % {"count": len(response.problems), "rows": "; ".join(shown) + (f"; … (+{more})" if more > 0 else "")}
        )
    changes = response_changes(
        members,
        response.rows,
        accepted_status=Enrolment.Status.ACTIVE.value,
        rejected_status=Enrolment.Status.REJECTED.value,
    )
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=batch.program_id)
        update_from_frame(Enrolment, changes.changed.with_columns(updated_at=pl.lit(timezone.now())), key="id")
        # Those BPJS rejected are back on the waiting list with its reason (the waiting list reads
        # the enrolments' status), and are never chosen again.
        counts = dict(batch.enrolments.values_list("status").annotate(n=Count("id")).order_by())
        batch.counts = {
            "persons": sum(counts.values()),
            "accepted": counts.get(Enrolment.Status.ACTIVE, 0) + counts.get(Enrolment.Status.ENDED, 0),
            "rejected": counts.get(Enrolment.Status.REJECTED, 0),
        }
        batch.save(update_fields=["counts"])
        result = ResponseResult(
            batch_id=batch.pk,
            accepted=changes.accepted,
            rejected=changes.rejected,
            unchanged=changes.unchanged,
            returned_to_waiting=changes.rejected,
        )
        BatchResponse.objects.create(
            batch=batch, file_name=file_name, sha256=digest, counts=result.to_dict(), imported_by=actor
        )
        audit_record(
            actor=actor,
            action="programs.batch_response",
            obj=batch,
            region=program.region,
            after={"program": program.name, "batch": batch.number, "file": file_name, **result.to_dict()},
        )
    return result


def enrolments_follow_merge(*, kept: int, gone: int) -> int:
    """A merged-away person's enrolments move to the person they became (inside the merge's transaction).

    Each keeps `merged_from`, so where the kept person was enrolled in the same program too, both stay
    visible: the double enrolment billing lists, rather than one silently dropped.
    """
    return Enrolment.objects.filter(person_id=gone).update(person_id=kept, merged_from=gone, updated_at=timezone.now())


def enrolment_exit(*, actor: User | None, enrolment: Enrolment, last_month, reason: str) -> Enrolment:
    """The worker left the program (moved away, now a wage worker, withdrew): their cover ends after
    `last_month` (any day of it), which must lie within the enrolment's months. Audited."""
    reason = " ".join(reason.split())
    if len(reason) < 5:
        raise ValidationError(_("Say why the worker leaves the program (at least 5 characters)."))
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().select_related("program").get(pk=enrolment.pk)
        if enrolment.status != Enrolment.Status.ACTIVE:
            raise ValidationError(
                _("Only an active enrolment can end: this one is “%(status)s”.")
                % {"status": enrolment.get_status_display()}
            )
        month = last_month.replace(day=1)
        start = enrolment.cover_start.replace(day=1)
        index = start.year * 12 + start.month - 1 + enrolment.cover_months - 1
        planned_end = start.replace(year=index // 12, month=index % 12 + 1)
        if not (start <= month <= planned_end):
            raise ValidationError(
                _("The last month paid must lie within the cover, %(start)s to %(end)s.")
                % {"start": f"{start:%m-%Y}", "end": f"{planned_end:%m-%Y}"}
            )
        before = {"status": enrolment.status, "end_month": None}
        enrolment.status = Enrolment.Status.ENDED
        enrolment.end_month = month
        enrolment.end_reason = reason
        enrolment.save(update_fields=["status", "end_month", "end_reason", "updated_at"])
        audit_record(
            actor=actor,
            action="programs.enrolment_exit",
            obj=enrolment,
            region=enrolment.program.region,
            before=before,
            after={"status": enrolment.status, "end_month": month.isoformat(), "reason": reason},
        )
    return enrolment


def enrolments_end_for_deaths(*, region: Region, person_ids: list[int] | None = None) -> int:
    """The active enrolments of the region's persons who died end with the month of death (a death before
    the cover began: it covers nothing). Run when deaths are stored (`person_ids`: only theirs, e.g. the one
    death recorded on a page); changes only what a death ends."""
    active_enrolments = Enrolment.objects.filter(program__region=region, status=Enrolment.Status.ACTIVE)
    if person_ids is not None:
        active_enrolments = active_enrolments.filter(person_id__in=person_ids)
        if not active_enrolments.exists():
            return 0
    deaths = deceased_frame(region=region)
    if deaths.is_empty():
        return 0
    active = read_frame(
        active_enrolments,
        {"id": pl.Int64, "person_id": pl.Int64},
    )
    ending = active.join(deaths.select("person_id", "death_date"), on="person_id").with_columns(
        # A death before the cover began ends it before its first month: it covered nothing.
        end_month=pl.col("death_date").dt.month_start(),
        end_reason=pl.format("meninggal {}", pl.col("death_date").dt.strftime("%d-%m-%Y")),
    )
    if ending.is_empty():
        return 0
    return update_from_frame(
        Enrolment,
        ending.select(
            "id",
            "end_month",
            "end_reason",
            status=pl.lit(Enrolment.Status.ENDED),
            updated_at=pl.lit(timezone.now()),
        ),
        key="id",
    )
