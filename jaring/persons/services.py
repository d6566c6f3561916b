"""Writes of persons: clusters from the linkage become persons, golden records, merge and split."""

import datetime as dt
import hashlib
from dataclasses import dataclass

import polars as pl
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.core.deaths import DEATH_LIST, match_deaths, normalise_deaths
from jaring.core.dukcapil import FOUND, NIK_VERIFICATION, NOT_FOUND, OTHER_NAME, latest_answers, normalise_verifications
from jaring.core.intake import FileRejected, list_read, mask_nik
from jaring.core.linkage import GOLDEN_FIELDS, golden_records
from jaring.lib.bulk import in_chunks, insert_frame, reserve_ids, update_from_frame
from jaring.lib.spreadsheets import read_limits
from jaring.persons.models import Death, DeathList, NikConfirmation, NikVerification, Person, PersonRecord
from jaring.persons.selectors import (
    DeathProblem,
    confirmed_niks,
    death_candidates_frame,
    death_list_of_file,
    death_outcome_counts,
    death_problems,
    deaths_to_match_frame,
    dukcapil_answers,
    nik_verification_of_file,
    person_record_ids,
    person_record_niks,
    record_person_frame,
)
from jaring.persons.signals import deaths_changed, persons_merged
from jaring.regions.models import Region
from jaring.registry.selectors import linkable_records_frame


@dataclass
class ApplyResult:
    new_persons: int
    links: pl.DataFrame  # record_id, person_id of the rows linked now


def persons_apply_clusters(*, region: Region, records: pl.DataFrame, assignments: pl.DataFrame) -> ApplyResult:
    """Link new rows to persons and rebuild the golden records they touch, in bulk.

    `assignments` (from `core.linkage.assign_persons`) gives each new row an existing `person_id`
    or a `cluster_id` that becomes a new person. `records` holds the region's linkable rows with the
    `person_id` of the rows linked before (null for the others); golden records are computed from them.
    Call inside the caller's transaction.
    """
    if assignments.is_empty():
        return ApplyResult(new_persons=0, links=pl.DataFrame(schema={"record_id": pl.Int64, "person_id": pl.Int64}))
    clusters = assignments.filter(pl.col("person_id").is_null()).get_column("cluster_id").unique(maintain_order=True)
    fresh = pl.DataFrame(
        {"cluster_id": clusters, "new_id": reserve_ids(Person, clusters.len())},
        schema={"cluster_id": pl.String, "new_id": pl.Int64},
    )
    links = assignments.join(fresh, on="cluster_id", how="left").select(
        record_id=pl.col("id"), person_id=pl.coalesce("person_id", "new_id")
    )
    insert_frame(PersonRecord, links.with_columns(region_id=pl.lit(region.code)))
    touched = links.get_column("person_id").unique().implode()
    rows = (
        records.join(links.rename({"record_id": "id", "person_id": "new_person_id"}), on="id", how="left")
        .with_columns(person_id=pl.coalesce("new_person_id", "person_id"))
        .filter(pl.col("person_id").is_in(touched))
        .drop("new_person_id")
    )
    golden = _golden_columns(golden_records(rows, confirmed_niks(region=region), dukcapil_answers(region=region)))
    now = timezone.now()
    new_ids = fresh.get_column("new_id").implode()
    insert_frame(
        Person,
        golden.filter(pl.col("id").is_in(new_ids)).with_columns(
            region_id=pl.lit(region.code), created_at=pl.lit(now), updated_at=pl.lit(now)
        ),
    )
    update_from_frame(
        Person, golden.filter(~pl.col("id").is_in(new_ids)).with_columns(updated_at=pl.lit(now)), key="id"
    )
    return ApplyResult(new_persons=fresh.height, links=links)


def persons_refresh(*, region: Region, person_ids: set[int]) -> None:
    """Rebuild the golden records of `person_ids` from their rows as they are now."""
    if not person_ids:
        return
    # Only these persons' links are read: a merge or split on a page must not read a million rows.
    links = record_person_frame(region=region, person_ids=person_ids)
    rows = linkable_records_frame(region=region, ids=links.get_column("id").to_list()).join(links, on="id")
    golden = _golden_columns(golden_records(rows, confirmed_niks(region=region), dukcapil_answers(region=region)))
    update_from_frame(Person, golden.with_columns(updated_at=pl.lit(timezone.now())), key="id")
    # A person left without rows keeps no stale fields.
    emptied = person_ids - set(golden.get_column("id").to_list())
    if emptied:
        Person.objects.filter(pk__in=emptied).update(
            **{name: None if name in _NULLABLE else "" for name in GOLDEN_FIELDS},
            field_sources={},
            nik_check="",
            birth_date_from_nik=False,
        )


def nik_confirm(*, actor: User | None, person: Person, reason: str, nik: str | None = None) -> Person:
    """The NIK (the person's, or `nik`, one their rows give) was compared with their KTP (or Dukcapil) and
    is right: it becomes the person's, need not be checked again, and may go to BPJS. Kept by NIK, so
    the next link run keeps it too. Audited."""
    reason = " ".join(reason.split())
    nik = "".join((nik or person.nik).split())
    if not nik:
        raise ValidationError(_("This person has no NIK to confirm."))
    if nik != person.nik and nik not in person_record_niks(person=person):
        raise ValidationError(_("Confirm one of the NIKs this person's rows give."))
    if len(reason) < 5:
        raise ValidationError(
            _("Say how the NIK was checked (at least 5 characters), e.g. 'KTP seen at the kelurahan'.")
        )
    with transaction.atomic():
        before = person.nik_check
        NikConfirmation.objects.update_or_create(
            region_id=person.region_id, nik=nik, defaults={"reason": reason, "confirmed_by": actor}
        )
        persons_refresh(region=person.region, person_ids={person.pk})
        person.refresh_from_db()
        audit_record(
            actor=actor,
            action="persons.nik_confirm",
            obj=person,
            region=person.region,
            before={"nik_check": before},
            after={"person": person.pk, "nik": mask_nik(person.nik), "reason": reason},
        )
    return person


def person_merge(*, actor: User | None, region: Region, person_ids: tuple[int, int]) -> Person:
    """Make two persons one: the older keeps every row, the other is removed. Audited."""
    keep, gone = sorted(person_ids)
    with transaction.atomic():
        PersonRecord.objects.filter(person_id=gone).update(person_id=keep)
        Person.objects.filter(pk=gone).delete()
        persons_refresh(region=region, person_ids={keep})
        kept = Person.objects.get(pk=keep)
        persons_merged.send(sender=Person, region=region, kept=keep, gone=gone)
        audit_record(
            actor=actor,
            action="persons.person_merge",
            obj=kept,
            region=region,
            before={"persons": [keep, gone]},
            after={"person": keep},
        )
    return kept


def person_split(*, actor: User, person: Person, record_ids: list[int]) -> Person:
    """Move `record_ids` out of `person` into a new person. Audited on both persons."""
    moving = set(record_ids)
    own = person_record_ids(person=person)
    if not moving or not moving < own:
        raise ValidationError("Pilih sebagian baris milik orang ini (tidak semuanya) untuk dipisahkan.")
    with transaction.atomic():
        other = Person.objects.create(region=person.region)
        PersonRecord.objects.filter(record_id__in=moving).update(person_id=other.pk)
        persons_refresh(region=person.region, person_ids={person.pk, other.pk})
        audit_record(
            actor=actor,
            action="persons.person_split",
            obj=person,
            region=person.region,
            before={"person": person.pk, "records": sorted(own)},
            after={
                "person": person.pk,
                "records": sorted(own - moving),
                "new_person": other.pk,
                "new_records": sorted(moving),
            },
        )
        audit_record(
            actor=actor,
            action="persons.person_split_from",
            obj=other,
            region=person.region,
            after={"from_person": person.pk, "records": sorted(moving)},
        )
    other.refresh_from_db()
    return other


def _golden_columns(golden: pl.DataFrame) -> pl.DataFrame:
    """Golden records as Person columns: `id`, text fields with "" for no value."""
    return golden.rename({"person_id": "id"}).with_columns(
        pl.col(name).fill_null("") for name in GOLDEN_FIELDS if name not in _NULLABLE
    )


_NULLABLE = ("birth_date", "desil")  # the golden fields kept as null when no row has them


# --- Dukcapil's answers on NIKs ------------------------------------------------------------------------


@dataclass
class NikVerificationResult:
    file_name: str
    rows: int
    found: int  # NIKs Dukcapil knows under the person's name: they need no other check
    other_name: int  # NIKs Dukcapil knows as someone else's
    not_found: int  # NIKs Dukcapil does not know
    refused: int  # rows that could not be used, each in `problems` with its reason
    persons: int  # persons of the region holding one of the answered NIKs
    persons_waiting: int  # of them, those whose NIK Dukcapil refuted: kept out of enrolment batches
    niks_without_person: int  # answered NIKs no person of the region holds (yet)
    problems: list[dict]
    duplicate_of: str = ""  # the same file was loaded before: nothing was changed, and this says when

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def nik_verifications_import(
    *, actor: User | None, region: Region, file_name: str, data: bytes, on: dt.date | None = None
) -> NikVerificationResult:
    """Keep Dukcapil's answer on a list of NIKs and rebuild the golden records of the persons holding them.

    Each NIK keeps its latest answer (`jaring.core.dukcapil`): "found" clears every other doubt on it,
    "someone else's" and "unknown" keep the person out of enrolment batches until a NIK is confirmed
    against the KTP. Rows that cannot be used are returned with their reasons and change nothing.
    Raises FileRejected (storing nothing) for an unreadable file or one without NIK and result columns.
    Audited.
    """
    digest = hashlib.sha256(data).hexdigest()
    earlier = nik_verification_of_file(region=region, sha256=digest)
    if earlier is not None:
        # Loaded again, an old answer would undo the newer ones given since.
        when = timezone.localtime(earlier).strftime("%d-%m-%Y %H:%M")
        return NikVerificationResult(
            file_name=file_name, rows=0, found=0, other_name=0, not_found=0, refused=0, persons=0,
            persons_waiting=0, niks_without_person=0, problems=[],
            duplicate_of=_("The very same file was loaded on %(when)s.") % {"when": when},
        )  # fmt: skip
    listing = list_read(file_name=file_name, data=data, limits=read_limits(), vocabulary=NIK_VERIFICATION)
    found_columns = {match.field for layout in listing.layouts for match in layout.columns}
    if not {"nik", "result"} <= found_columns:
        raise FileRejected(
            "verification.columns",
            "Berkas ini tidak punya kolom NIK dan kolom hasil verifikasi (HASIL, STATUS atau KETERANGAN) "
            "di baris judulnya; ini bukan berkas jawaban Dukcapil.",
        )
    rows = normalise_verifications(listing.frame, on=on or timezone.localdate())
    answers = latest_answers(rows)
    niks = answers.get_column("nik").to_list()
    with transaction.atomic():
        for chunk in in_chunks(niks):
            NikVerification.objects.filter(region=region, nik__in=chunk).delete()
        insert_frame(
            NikVerification,
            answers.select(
                region_id=pl.lit(region.code),
                nik=pl.col("nik"),
                result=pl.col("result"),
                name=pl.col("name").fill_null("").str.slice(0, 200),
                file_name=pl.lit(file_name[:255]),
                sha256=pl.lit(digest),
                sheet=pl.col("sheet").fill_null("").str.slice(0, 100),
                row=pl.col("row"),
                uploaded_by_id=pl.lit(actor.pk if actor else None, dtype=pl.Int64),
                answered_at=pl.lit(timezone.now()),
            ),
        )
        holders = death_candidates_frame(region=region, niks=niks)
        person_ids = set(holders.get_column("person_id").to_list())
        held_niks = set(holders.get_column("nik").to_list())
        persons_refresh(region=region, person_ids=person_ids)
        waiting = Person.objects.filter(pk__in=person_ids, nik_check__contains="dukcapil").count()
        counts = answers.get_column("result").value_counts()
        by_result = dict(zip(counts.get_column("result").to_list(), counts.get_column("count").to_list(), strict=True))
        refused = rows.filter(pl.col("reason").is_not_null())
        result = NikVerificationResult(
            file_name=file_name,
            rows=rows.height,
            found=by_result.get(FOUND, 0),
            other_name=by_result.get(OTHER_NAME, 0),
            not_found=by_result.get(NOT_FOUND, 0),
            refused=refused.height,
            persons=len(person_ids),
            persons_waiting=waiting,
            niks_without_person=len(set(niks) - held_niks),
            problems=[
                {
                    "sheet": row["sheet"] or "",
                    "row": row["row"],
                    "nik": mask_nik(row["nik_text"] or ""),
                    "name": row["name"] or "",
                    # The reason quotes what was written; a NIK is shown masked there too.
                    "reason": row["reason"].replace(row["nik_text"], mask_nik(row["nik_text"]))
                    if row["nik_text"]
                    else row["reason"],
                }
                for row in refused.iter_rows(named=True)
            ],
        )
        audit_record(
            actor=actor,
            action="persons.nik_verify",
            obj=None,
            region=region,
            after={
                "file": file_name,
                "sha256": digest,
                **{key: value for key, value in result.to_dict().items() if key not in ("file_name", "problems")},
            },
        )
    return result


# --- deaths ------------------------------------------------------------------------------------------


@dataclass
class DeathsResult:
    death_list: DeathList
    duplicate_of: DeathList | None = None  # the same file was imported before; nothing new was stored
    problems: list[DeathProblem] | None = None  # the first rows refused or to check

    def to_dict(self) -> dict:
        counts = self.death_list.counts
        return {
            "death_list_id": self.death_list.pk,
            "file": self.death_list.file_name,
            "source": self.death_list.source,
            "duplicate_of": self.duplicate_of.pk if self.duplicate_of else None,
            **{key: counts.get(key, 0) for key in ("rows", *Death.Outcome.values)},
            "reasons": counts.get("reasons", {}),
            "problems": self.problems or [],
        }


@dataclass
class DeathsMatchResult:
    rows: int  # deaths of the region that can be matched (not refused)
    changed: int  # of which the outcome or the person changed now
    matched: int
    unmatched: int
    check: int

    def to_dict(self) -> dict:
        return {
            "rows": self.rows,
            "changed": self.changed,
            "matched": self.matched,
            "unmatched": self.unmatched,
            "check": self.check,
        }


def deaths_import(
    *,
    actor: User | None,
    region: Region,
    file_name: str,
    data: bytes,
    source: str,
    on: dt.date | None = None,
    progress=None,
) -> DeathsResult:
    """Keep a death list, every row with its outcome, and mark the persons it names deceased. Audited.

    `source` says who wrote the list ("Dukcapil", "Kelurahan Sumbersari"). A person is marked when a
    valid NIK of the row is their golden record's or a linked row's and the name is not clearly
    someone else's (`jaring.core.deaths`). The same file again stores nothing; its rows still
    unmatched meet the persons linked since. Raises FileRejected (storing nothing) when unreadable.
    """
    source = " ".join(source.split())
    if not source:
        raise ValidationError("Sebutkan sumber daftar kematian, mis. Dukcapil atau Kelurahan Sumbersari.")
    report = progress or (lambda percent, stage: None)
    digest = hashlib.sha256(data).hexdigest()
    earlier = death_list_of_file(region=region, sha256=digest)
    if earlier is not None:
        return _deaths_repeat(actor, region, earlier)
    report(10, _("Reading the file"))
    listing = list_read(file_name=file_name, data=data, limits=read_limits(), vocabulary=DEATH_LIST)
    deaths = normalise_deaths(listing.frame, on=on or timezone.localdate()).with_row_index("index")
    report(50, _("Matching the deaths to persons"))
    candidates = death_candidates_frame(region=region, niks=deaths.get_column("nik").drop_nulls().to_list())
    matches = match_deaths(deaths, candidates)
    rows = deaths.with_columns(pl.col("index").cast(pl.Int64)).join(
        matches, on="index", how="left", suffix="_match", maintain_order="left"
    )
    report(80, _("Storing %(rows)s rows") % {"rows": rows.height})
    try:
        with transaction.atomic():
            death_list = DeathList.objects.create(
                region=region, file_name=file_name, sha256=digest, source=source[:200], uploaded_by=actor
            )
            insert_frame(
                Death,
                rows.select(
                    region_id=pl.lit(region.code),
                    death_list_id=pl.lit(death_list.pk),
                    sheet=pl.col("sheet").fill_null("").str.slice(0, 100),
                    row=pl.col("row"),
                    nik_text=pl.col("nik_text").fill_null("").str.slice(0, 100),
                    nik=pl.col("nik").fill_null(""),
                    name=pl.col("name").fill_null("").str.slice(0, 200),
                    death_date=pl.col("death_date"),
                    death_date_text=pl.col("death_date_text").fill_null("").str.slice(0, 100),
                    note=pl.col("note").fill_null(""),
                    raw=pl.col("raw").fill_null(""),
                    person_id=pl.col("person_id"),
                    match=pl.col("match").fill_null(""),
                    outcome=pl.coalesce("outcome", "outcome_match"),
                    reason_code=pl.coalesce("reason_code", "reason_code_match").fill_null(""),
                    reason=pl.coalesce("reason", "reason_match").fill_null(""),
                ),
            )
            death_list.counts = death_outcome_counts(death_list_ids=[death_list.pk])[death_list.pk]
            death_list.save(update_fields=["counts"])
            deaths_changed.send(sender=Death, region=region, person_ids=None)
            audit_record(
                actor=actor,
                action="persons.deaths_import",
                obj=death_list,
                region=region,
                after={
                    "file": file_name,
                    "sha256": digest,
                    "source": death_list.source,
                    **{key: value for key, value in death_list.counts.items() if key != "reasons"},
                },
            )
    except IntegrityError:
        # The same file, uploaded twice at the same moment: the other upload stored it.
        earlier = death_list_of_file(region=region, sha256=digest)
        if earlier is None:
            raise
        return _deaths_repeat(actor, region, earlier)
    report(100, _("Done"))
    return DeathsResult(death_list=death_list, problems=death_problems(death_list=death_list))


def _deaths_repeat(actor: User | None, region: Region, earlier: DeathList) -> DeathsResult:
    """A file stored before: nothing new, but its rows may meet the persons linked since."""
    deaths_match(actor=actor, region=region)
    earlier.refresh_from_db()
    return DeathsResult(death_list=earlier, duplicate_of=earlier, problems=death_problems(death_list=earlier))


def deaths_match(*, actor: User | None, region: Region) -> DeathsMatchResult:
    """Match every death of the region again that was not refused; audited when anything changed.

    Persons linked since take the deaths that waited for them, a person merged into another hands
    their death on, and a row split off takes its NIK's death along. Run after a link run.
    """
    stored = deaths_to_match_frame(region=region)
    if stored.is_empty():
        return DeathsMatchResult(rows=0, changed=0, matched=0, unmatched=0, check=0)
    candidates = death_candidates_frame(region=region, niks=stored.get_column("nik").drop_nulls().to_list())
    fresh = match_deaths(stored.select("index", "nik", "name", "outcome"), candidates)
    compared = ("person_id", "match", "outcome", "reason_code", "reason")
    joined = stored.join(fresh, on="index", how="inner", suffix="_new")
    changed = joined.filter(pl.any_horizontal(pl.col(name).ne_missing(pl.col(f"{name}_new")) for name in compared))
    outcomes = fresh.get_column("outcome").value_counts()
    tally = dict(zip(outcomes.get_column("outcome").to_list(), outcomes.get_column("count").to_list(), strict=True))
    result = DeathsMatchResult(
        rows=stored.height,
        changed=changed.height,
        matched=tally.get(Death.Outcome.MATCHED, 0),
        unmatched=tally.get(Death.Outcome.UNMATCHED, 0),
        check=tally.get(Death.Outcome.CHECK, 0),
    )
    if changed.is_empty():
        return result
    with transaction.atomic():
        update_from_frame(
            Death,
            changed.select(
                id=pl.col("index"),
                person_id=pl.col("person_id_new"),
                match=pl.col("match_new").fill_null(""),
                outcome=pl.col("outcome_new"),
                reason_code=pl.col("reason_code_new").fill_null(""),
                reason=pl.col("reason_new").fill_null(""),
            ),
            key="id",
        )
        touched = changed.get_column("death_list_id").unique().sort().to_list()
        for death_list_id, counts in death_outcome_counts(death_list_ids=touched).items():
            DeathList.objects.filter(pk=death_list_id).update(counts=counts)
        deaths_changed.send(sender=Death, region=region, person_ids=None)
        audit_record(actor=actor, action="persons.deaths_match", region=region, after=result.to_dict())
    return result


def death_record(
    *, actor: User | None, person: Person, death_date: dt.date, note: str, today: dt.date | None = None
) -> Death:
    """A death someone saw (a kelurahan's letter, the family at the office), recorded on the person's page.

    Kept as a one-row death list of its own, so every death — from a file or by hand — is read the same way
    (`deceased_frame`): programs stop paying after that month and claims suggest the JKM benefit. Audited.
    """
    today = today or timezone.localdate()
    note = " ".join(note.split())
    if death_date > today:
        raise ValidationError(_("The date of death %(date)s is in the future.") % {"date": f"{death_date:%d-%m-%Y}"})
    if person.birth_date and death_date < person.birth_date:
        raise ValidationError(
            _("The date of death %(date)s is before the birth date (%(birth)s).")
            % {"date": f"{death_date:%d-%m-%Y}", "birth": f"{person.birth_date:%d-%m-%Y}"}
        )
    if len(note) < 5:
        raise ValidationError(_("Say how the death is known (at least 5 characters), e.g. 'surat kematian kelurahan'."))
    with transaction.atomic():
        stamp = f"manual:{person.pk}:{death_date.isoformat()}:{timezone.now().isoformat()}"
        death_list = DeathList.objects.create(
            region_id=person.region_id,
            file_name="",
            sha256=hashlib.sha256(stamp.encode()).hexdigest(),
            source=_("Recorded on the person's page"),
            counts={"rows": 1, "matched": 1, "unmatched": 0, "check": 0, "refused": 0},
            uploaded_by=actor,
        )
        death = Death.objects.create(
            region_id=person.region_id,
            death_list=death_list,
            row=1,
            nik_text=person.nik,
            nik=person.nik,
            name=person.name,
            death_date=death_date,
            death_date_text=f"{death_date:%d-%m-%Y}",
            note=note,
            person_id=person.pk,
            match="nik",
            outcome=Death.Outcome.MATCHED,
        )
        deaths_changed.send(sender=Death, region=person.region, person_ids=[person.pk])
        audit_record(
            actor=actor,
            action="persons.death_record",
            obj=person,
            region=person.region,
            after={"person": person.pk, "death_date": death_date.isoformat(), "note": note},
        )
    return death
