"""Reads of programs: the program, its funds as the core prices them, its people by stage (eligible,
selected, waiting, enrolled) and its batches."""

import io
from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl
from django.db.models import Count, QuerySet, Sum
from django.utils import formats
from django.utils.translation import ngettext

from jaring.accounts.models import User
from jaring.core.programs import (
    TRANSPORT_SECTORS,
    CoverMonths,
    Package,
    Pricing,
    Source,
    hold_text,
    rejected_text,
    with_waiting_reasons,
    worker_cost,
)
from jaring.jobs.selectors import job_done_for_user
from jaring.lib.bulk import read_frame
from jaring.linkage.selectors import undecided_pairs_count
from jaring.persons.models import Person
from jaring.programs.models import Eligibility, Enrolment, EnrolmentBatch, FundingSource, Program, Ranking

# The job kind of an eligibility preview (jaring.programs.tasks runs it; the program page reads its result).
ELIGIBILITY_PREVIEW = "programs.eligibility_preview"
LIVE_ENROLMENT = (Enrolment.Status.SELECTED, Enrolment.Status.SUBMITTED, Enrolment.Status.ACTIVE)
RANKING_SCHEMA = {
    "rank": pl.Int64,
    "person_id": pl.Int64,
    "occupation": pl.String,
    "source_id": pl.Int64,  # null: waiting
    "cost": pl.Int64,
    "hold": pl.String,  # why a waiting person may not be paid for now (core.programs.selection.hold_back)
}


def program_get(*, pk: int) -> Program | None:
    return Program.objects.select_related("region").prefetch_related("sources").filter(pk=pk).first()


def batch_get(*, pk: int) -> EnrolmentBatch | None:
    return EnrolmentBatch.objects.select_related("program", "program__region").filter(pk=pk).first()


def program_cover(program: Program) -> CoverMonths:
    return CoverMonths(program.cover_start, program.cover_months)


def program_pricing(program: Program, *, fund: str, sector: str = "") -> Pricing:
    """How the core prices one worker of the program's package and income level, paid from `fund`."""
    return Pricing(income=program.income_level, package=Package(program.package), sector=sector, fund=fund)


def funding_sources(program: Program) -> list[tuple[FundingSource, Source]]:
    """The program's funds as the core's Sources: what one person costs from each for the program's months.

    The PP 50/2025 discount depends on the worker's sector; a fund restricted to transport workers is
    priced with it, any other fund at the undiscounted price, so the money is never overspent.
    """
    cover = program_cover(program)
    labels: dict[str, int] = {}
    sources = []
    for funding in program.sources.all():
        label = str(funding)
        labels[label] = labels.get(label, 0) + 1
        if labels[label] > 1:
            label = f"{label} #{funding.pk}"
        transport = set(funding.categories) <= TRANSPORT_SECTORS if funding.categories else False
        sector = sorted(funding.categories)[0] if transport else ""
        cost = worker_cost(cover, program_pricing(program, fund=funding.kind, sector=sector))
        categories = frozenset(funding.categories) if funding.categories else None
        sources.append((funding, Source(label, funding.amount, cost, categories)))
    return sources


def program_ranking(*, program: Program) -> pl.DataFrame:
    """The last selection run's ranking (RANKING_SCHEMA, in rank order); empty when there was none."""
    data = Ranking.objects.filter(program=program).values_list("data", flat=True).first()
    if data is None:
        return pl.DataFrame(schema=RANKING_SCHEMA)
    ranking = pl.read_parquet(io.BytesIO(bytes(data)))
    if "hold" not in ranking.columns:  # a ranking made before holds existed
        ranking = ranking.with_columns(hold=pl.lit(None, dtype=pl.String))
    return ranking


def program_spent(*, program: Program) -> dict[int, int]:
    """Rupiah per funding source id: the enrolments BPJS did not reject once approved, the selection's plan before."""
    if program.is_draft:
        return {int(source): amount for source, amount in (program.selection_summary or {}).get("spent", {}).items()}
    return dict(
        Enrolment.objects.filter(program=program)
        .exclude(status=Enrolment.Status.REJECTED)
        .values_list("source_id")
        .annotate(total=Sum("cost"))
        .order_by()
    )


def program_eligible(*, program: Program) -> QuerySet[Eligibility]:
    return Eligibility.objects.filter(program=program, eligible=True).select_related("person").order_by("person__name")


def program_excluded(*, program: Program) -> QuerySet[Eligibility]:
    return Eligibility.objects.filter(program=program, eligible=False).select_related("person").order_by("person__name")


@dataclass(frozen=True)
class RankedPerson:
    rank: int
    person: Person | None  # None: merged into another person since the run
    source: FundingSource | None
    waiting_reason: str


class RankedList:
    """The selected or the waiting of a program's ranking, in rank order, read a page at a time.

    A sequence for Django's Paginator (len and slices) with a queryset's `iterator()` for downloads;
    the persons and the waiting reasons are looked up only for the rows asked for.
    """

    def __init__(self, program: Program, frame: pl.DataFrame, returned: dict[int, str], language: str):
        self.language = language
        self.frame = frame
        self.returned = returned
        funds = funding_sources(program)
        self.funding = {funding.pk: funding for funding, _source in funds}
        self.sources = [source for _funding, source in funds]
        self.labels = {funding.pk: source.code for funding, source in funds}
        exhausted = Ranking.objects.filter(program=program).values_list("exhausted_at", flat=True).first() or {}
        self.exhausted_at = {self.labels[int(key)]: at for key, at in exhausted.items() if int(key) in self.labels}

    def __len__(self) -> int:
        return self.frame.height

    def __getitem__(self, index: slice) -> list[RankedPerson]:
        start, stop, _step = index.indices(self.frame.height)
        return self._rows(self.frame.slice(start, max(stop - start, 0)))

    def iterator(self, chunk_size: int = 5000) -> Iterator[RankedPerson]:
        for start in range(0, self.frame.height, chunk_size):
            yield from self._rows(self.frame.slice(start, chunk_size))

    def _rows(self, part: pl.DataFrame) -> list[RankedPerson]:
        labelled = part.with_columns(
            source=pl.col("source_id").replace_strict(self.labels, default=None, return_dtype=pl.String)
        )
        reasons = with_waiting_reasons(labelled, self.sources, self.exhausted_at, self.language)
        persons = Person.objects.in_bulk(part.get_column("person_id").to_list())
        rows = []
        for rank, person_id, source_id, reason, hold in reasons.select(
            "rank", "person_id", "source_id", "waiting_reason", "hold"
        ).iter_rows():
            if person_id in self.returned:
                source_id, reason = None, rejected_text(self.returned[person_id], self.language)
            elif hold is not None and source_id is None:
                reason = hold_text(hold, self.language)
            rows.append(RankedPerson(rank, persons.get(person_id), self.funding.get(source_id), reason or ""))
        return rows


def program_selected(*, program: Program, language: str = "id") -> RankedList:
    """Those the selection gives money to, in rank order (BPJS's rejections are back on the waiting list)."""
    return _ranked(program, language, waiting=False)


def program_waiting(*, program: Program, language: str = "id") -> RankedList:
    """The waiting list in rank order, with why each waits: the money ran out, or BPJS refused them."""
    return _ranked(program, language, waiting=True)


def _ranked(program: Program, language: str, *, waiting: bool) -> RankedList:
    returned = program_returned(program=program)
    selected = pl.col("source_id").is_not_null() & ~pl.col("person_id").is_in(list(returned))
    frame = program_ranking(program=program).filter(~selected if waiting else selected)
    return RankedList(program, frame, returned, language)


def program_returned(*, program: Program) -> dict[int, str]:
    """person_id -> BPJS's reason, for those BPJS rejected: they wait, and are not chosen again."""
    return dict(
        Enrolment.objects.filter(program=program, status=Enrolment.Status.REJECTED).values_list(
            "person_id", "rejection_reason"
        )
    )


def program_rules_key(program: Program) -> dict:
    """What of the program its eligibility is judged by, as a job's result keeps it (JSON)."""
    return {
        "cover_start": program.cover_start.isoformat(),
        "cover_months": program.cover_months,
        "min_age": program.min_age,
        "max_age": program.max_age,
        "desil": [program.desil_min, program.desil_max],
        "categories": sorted(program.categories or []),
        "exclude_bpjs_active": program.exclude_bpjs_active,
    }


@dataclass(frozen=True)
class EligibilityPreview:
    """An eligibility preview's outcome, as its job found it: nothing of it was saved."""

    persons: int
    eligible: int
    reasons: dict[str, int]  # reason code -> persons it excludes
    rules_changed: bool  # the program's rules are no longer those the preview judged by


def program_eligibility_preview(*, user: User, program: Program, job_id: int) -> EligibilityPreview | None:
    """The preview a finished job made of the program's eligibility, if the user may see that job;
    None for a job of another region, of another program or kind, or not done."""
    job = job_done_for_user(user=user, pk=job_id, kind=ELIGIBILITY_PREVIEW)
    if job is None or job.input.get("program") != program.pk:
        return None
    result = job.result
    return EligibilityPreview(
        persons=result.get("persons", 0),
        eligible=result.get("eligible", 0),
        reasons=result.get("reasons", {}),
        rules_changed=result.get("rules") != program_rules_key(program),
    )


def program_enrolled(*, program: Program) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(program=program).select_related("source", "batch").order_by("name", "id")


def program_stage_counts(*, program: Program) -> dict[str, int]:
    """Persons judged, eligible, selected, waiting and enrolled, with the enrolments per status
    (`enrolled_<status>`). "enrolled" counts the enrolments BPJS did not reject (selected, submitted,
    active, ended): a rejected person is back on the waiting list, counted in `enrolled_rejected` only."""
    eligibility = program.eligibility_summary or {}
    selection = program.selection_summary or {}
    by_status = dict(Enrolment.objects.filter(program=program).values_list("status").annotate(n=Count("id")).order_by())
    rejected = by_status.get(Enrolment.Status.REJECTED, 0)
    return {
        "persons": eligibility.get("persons", 0),
        "eligible": eligibility.get("eligible", 0),
        # The run's figures; those BPJS rejected have gone back to waiting.
        "selected": selection.get("selected", 0) - rejected,
        "waiting": selection.get("waiting", 0) + rejected,
        **{f"enrolled_{status}": by_status.get(status, 0) for status in Enrolment.Status.values},
        "enrolled": sum(n for status, n in by_status.items() if status != Enrolment.Status.REJECTED),
    }


def programs_for_region(*, region_code: str) -> QuerySet[Program]:
    """A kabupaten/kota's programs, newest first, each with `total_funds`: the rupiah of all its funding sources."""
    return (
        Program.objects.filter(region__code=region_code)
        .annotate(total_funds=Sum("sources__amount", default=0))
        .order_by("-budget_year", "-cover_start", "name", "pk")
    )


def program_duplicates_warning(*, program: Program) -> str | None:
    """What a draft program's page and `jaring program eligibility|select|approve` say while possible
    duplicates of its region wait for review (in the active language), or None."""
    if not program.is_draft:
        return None
    waiting = undecided_pairs_count(region=program.region)
    if not waiting:
        return None
    return ngettext(
        "%(n)s possible duplicate in this region still waits for a decision: of such a pair only one person "
        "is selected, the other waits until someone decides whether they are one worker.",
        "%(n)s possible duplicates in this region still wait for a decision: of such a pair only one person "
        "is selected, the other waits until someone decides whether they are one worker.",
        waiting,
    ) % {"n": formats.number_format(waiting, force_grouping=True)}


def person_enrolments(*, person_id: int) -> QuerySet[Enrolment]:
    """A person's enrolments in every program, the latest cover first, with the program, fund and batch."""
    return (
        Enrolment.objects.filter(person_id=person_id)
        .select_related("program", "source", "batch")
        .order_by("-cover_start", "-id")
    )


ENROLMENT_FRAME = {
    "enrolment_id": pl.Int64,
    "person_id": pl.Int64,
    "program_id": pl.Int64,
    "source_id": pl.Int64,
    "fund": pl.String,
    "status": pl.String,
    "cover_start": pl.Date,
    "cover_months": pl.Int64,
    "end_month": pl.Date,
    "kpj": pl.String,
    "nik": pl.String,
    "name": pl.String,
    "sector": pl.String,
}


def enrolments_frame(
    *, region_code: str, program_id: int | None = None, person_ids: list[int] | None = None
) -> pl.DataFrame:
    """A region's enrolments (or one program's, or some persons') as billing's membership reads them
    (`core.billing.ENROLMENT_SCHEMA`, with name and sector: the occupation a discount depends on)."""
    enrolments = Enrolment.objects.filter(program__region__code=region_code)
    if program_id is not None:
        enrolments = enrolments.filter(program_id=program_id)
    if person_ids is not None:
        enrolments = enrolments.filter(person_id__in=person_ids)
    frame = read_frame(
        enrolments,
        ENROLMENT_FRAME,
        fields={"enrolment_id": "id", "fund": "source__kind", "sector": "occupation"},
    )
    return frame.with_columns(pl.col("kpj").replace("", None), pl.col("nik").replace("", None))


def programs_by_ids(*, ids: list[int]) -> dict[int, Program]:
    return {program.pk: program for program in Program.objects.filter(pk__in=ids).select_related("region")}
