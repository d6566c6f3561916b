"""Eligibility, hand decisions and selection within the budget: frames through the core, written back in bulk.

Every write holds the program's row lock (`select_for_update`), so two selections of one program
run one after the other and the second sees what the first did: the money is never spent twice.
"""

import io
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.bpjs.selectors import covered_niks, participation_frame
from jaring.core.programs import (
    OCCUPATION_RISK,
    EligibilityRules,
    Source,
    allocate_unheld,
    eligibility,
    hold_back,
    priority_from,
    rank,
    reason_counts,
)
from jaring.lib.bulk import insert_frame, read_frame
from jaring.linkage.selectors import undecided_person_pairs_frame
from jaring.persons.models import Person
from jaring.persons.selectors import (
    deceased_frame,
    person_ids_frame,
    persons_nik_check_frame,
    persons_program_frame,
)
from jaring.programs.models import Decision, Eligibility, Enrolment, FundingSource, Program, Ranking
from jaring.programs.selectors import (
    LIVE_ENROLMENT,
    RANKING_SCHEMA,
    funding_sources,
    program_cover,
    program_ranking,
    program_returned,
    program_spent,
)
from jaring.programs.services.enrolment import enrolments_create


@dataclass
class EligibilityResult:
    program_id: int
    persons: int
    eligible: int
    reasons: dict[str, int]
    saved: bool

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SelectionResult:
    program_id: int
    candidates: int
    selected: int
    waiting: int
    spent: dict[str, int]  # source label -> rupiah
    exhausted_at: dict[str, int] = field(default_factory=dict)  # source label -> rank where its money ran out
    new_enrolments: int = 0
    # Waiting, whatever the money: "nik" their NIK must be checked first, "pair" a possible duplicate of another
    held: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def program_rules(program: Program) -> EligibilityRules:
    desil = (program.desil_min, program.desil_max) if program.desil_min and program.desil_max else None
    try:
        return EligibilityRules(
            cover_start=program.cover_start,
            region_code=program.region.code,
            min_age=program.min_age,
            max_age=program.max_age,
            categories=frozenset(program.categories) if program.categories else None,
            exclude_bpjs_active=program.exclude_bpjs_active,
            desil_range=desil,
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def program_eligibility(
    *, actor: User | None, program: Program, save: bool, progress: Callable[[int, str], None] | None = None
) -> EligibilityResult:
    """Every person of the region judged by the program's rules; with `save`, the results are stored
    (and any earlier selection, now stale, is dropped). Without it, nothing is written: the preview.
    `progress(percent, stage)` hears of the work before it starts: inside the transaction a progress
    write would hold the job's row until the end, where the worker's heartbeat waits for it."""
    if progress is not None:
        progress(10, _("Reading the region's persons and judging each by the program's rules"))
    with transaction.atomic():
        program = _locked(program)
        if save and not program.is_draft:
            raise ValidationError(_("The program is approved: its selection is frozen."))
        result = eligibility(_persons_frame(program), program_rules(program), _decisions_frame(program))
        counts = reason_counts(result)
        eligible = int(result.get_column("eligible").sum())
        outcome = EligibilityResult(
            program_id=program.pk, persons=result.height, eligible=eligible, reasons=counts, saved=save
        )
        if not save:
            return outcome
        Ranking.objects.filter(program=program).delete()
        Eligibility.objects.filter(program=program).delete()
        insert_frame(
            Eligibility,
            result.select(
                program_id=pl.lit(program.pk, dtype=pl.Int64),
                person_id="person_id",
                eligible="eligible",
                age="age",
                reasons=pl.col("reasons").list.join(","),
                occupation=pl.col("occupation").fill_null(""),
                desil="desil",
                nik_check=pl.col("nik_check").fill_null(""),
                manual="manual",
            ),
        )
        program.eligibility_summary = {
            "persons": result.height,
            "eligible": eligible,
            "reasons": counts,
            "at": timezone.now().isoformat(),
        }
        program.selection_summary = {}
        program.save(update_fields=["eligibility_summary", "selection_summary"])
        audit_record(
            actor=actor,
            action="programs.eligibility",
            obj=program,
            region=program.region,
            after={"program": program.name, "persons": result.height, "eligible": eligible},
        )
        return outcome


def _persons_frame(program: Program) -> pl.DataFrame:
    persons = persons_program_frame(region=program.region)
    active = participation_frame(region_code=program.region.code).filter(pl.col("bpjs_status") == "active")
    overlap = _other_programs_frame(program)
    # Active by the person BPJS's roster was matched to, or by the NIK itself: BPJS registers a NIK once.
    covered = covered_niks(region=program.region).implode()
    return persons.with_columns(
        bpjs_active=pl.col("person_id").is_in(active.get_column("person_id").implode())
        | pl.col("nik").is_in(covered).fill_null(False),
        # A death list names them: nobody registers a worker who has died, whatever the date.
        deceased=pl.col("person_id").is_in(deceased_frame(region=program.region).get_column("person_id").implode()),
    ).join(overlap, on="person_id", how="left")


def _other_programs_frame(program: Program) -> pl.DataFrame:
    """person_id, other_program: persons with a live enrolment in another program covering any of the same months."""
    cover = program_cover(program)
    overlapping = [
        other.pk
        for other in Program.objects.filter(region=program.region).exclude(pk=program.pk)
        if other.cover_start <= cover.end and cover.start <= program_cover(other).end
    ]
    frame = read_frame(
        Enrolment.objects.filter(program_id__in=overlapping, status__in=LIVE_ENROLMENT).order_by("person_id"),
        {"person_id": pl.Int64, "other_program": pl.String},
        fields={"other_program": "program__name"},
    )
    return frame.unique("person_id", keep="first")


def _decisions_frame(program: Program) -> pl.DataFrame:
    return read_frame(
        Decision.objects.filter(program=program).order_by(), {"person_id": pl.Int64, "include": pl.Boolean}
    )


@transaction.atomic
def decision_set(*, actor: User | None, program: Program, person: Person, include: bool, reason: str) -> Decision:
    """Include or exclude a person by hand, with a reason; re-running eligibility never undoes it."""
    program = _locked(program)
    reason = " ".join(reason.split())
    if not program.is_draft:
        raise ValidationError(_("The program is approved: its selection is frozen."))
    if person.region_id != program.region_id:
        raise ValidationError(_("This person is not in the program's region."))
    if len(reason) < 5:
        raise ValidationError(_("Say why (at least 5 characters): the decision is kept with its reason."))
    before = Decision.objects.filter(program=program, person=person).first()
    decision, _created = Decision.objects.update_or_create(
        program=program, person=person, defaults={"include": include, "reason": reason, "decided_by": actor}
    )
    Eligibility.objects.filter(program=program, person=person).update(eligible=include, manual=include)
    audit_record(
        actor=actor,
        action="programs.decision",
        obj=program,
        region=program.region,
        before={"person": person.pk, "include": before.include, "reason": before.reason} if before else None,
        after={"program": program.name, "person": person.pk, "include": include, "reason": reason},
    )
    return decision


@transaction.atomic
def decision_clear(*, actor: User | None, program: Program, person: Person) -> None:
    program = _locked(program)
    if not program.is_draft:
        raise ValidationError(_("The program is approved: its selection is frozen."))
    deleted, _kinds = Decision.objects.filter(program=program, person=person).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="programs.decision_clear",
            obj=program,
            region=program.region,
            after={"program": program.name, "person": person.pk},
        )


def program_select(*, actor: User | None, program: Program) -> SelectionResult:
    """Rank the eligible and give each fund's money to whole people in rank order; the rest wait, in order.

    On a draft the whole selection is made anew. On an approved program it tops up: money freed by
    people BPJS rejected goes to the next on the waiting list, who get enrolments of their own.
    """
    with transaction.atomic():
        program = _locked(program)
        if program.status == Program.Status.CLOSED:
            raise ValidationError(_("The program is closed."))
        sources = funding_sources(program)
        if not sources:
            raise ValidationError(_("Add a funding source first: without money nobody can be selected."))
        if program.is_draft:
            return _select_draft(actor, program, sources)
        return _select_top_up(actor, program, sources)


def _current_nik_checks(program: Program, candidates: pl.DataFrame) -> pl.DataFrame:
    """The candidates with their NIK doubts as they are now, not as the saved eligibility found them: a NIK
    confirmed, corrected or answered by Dukcapil since frees its person, and one refuted since holds them.
    An age read from a NIK still in doubt stays uncertain ("age_from_nik", from the eligibility)."""
    now = persons_nik_check_frame(region=program.region).rename({"nik_check": "_now"})
    age_doubt = pl.col("nik_check").fill_null("").str.contains("age_from_nik")
    current = pl.col("_now").fill_null("")
    return (
        candidates.join(now, on="person_id", how="left")
        .with_columns(
            nik_check=pl.when(age_doubt & (current != "")).then(current + pl.lit(",age_from_nik")).otherwise(current)
        )
        .drop("_now")
    )


def _select_draft(actor: User | None, program: Program, sources: list[tuple[FundingSource, Source]]) -> SelectionResult:
    if not program.eligibility_summary:
        raise ValidationError(_("Run the eligibility check and save it first."))
    # The eligibility as saved (age and occupation as judged): no join with a million persons.
    candidates = read_frame(
        Eligibility.objects.filter(program=program, eligible=True).order_by(),
        {"person_id": pl.Int64, "age": pl.Int16, "occupation": pl.String, "desil": pl.Int8, "nik_check": pl.String},
    )
    candidates = _current_nik_checks(program, candidates)
    ranked = rank(_candidates(program, candidates), _priority(program))
    # One worker is never paid twice, nor sent to BPJS with a NIK that may not be theirs.
    held = hold_back(ranked, undecided_person_pairs_frame(region=program.region))
    chosen, exhausted_at = allocate_unheld(held, [source for _funding, source in sources])
    ranking = _with_source_ids(chosen, sources)
    exhausted = _by_source_id(exhausted_at, sources)
    _ranking_save(program, ranking, exhausted)
    result = _summarise(program, ranking, sources, exhausted)
    audit_record(
        actor=actor,
        action="programs.select",
        obj=program,
        region=program.region,
        after={
            "program": program.name,
            "selected": result.selected,
            "waiting": result.waiting,
            "spent": sum(result.spent.values()),
        },
    )
    return result


def _select_top_up(
    actor: User | None, program: Program, sources: list[tuple[FundingSource, Source]]
) -> SelectionResult:
    """Money not held by a live enrolment goes to the waiting in rank order; nobody is chosen twice."""
    used = program_spent(program=program)  # an approved program's: what enrolments BPJS did not reject hold
    remaining = [
        Source(source.code, max(funding.amount - used.get(funding.pk, 0), 0), source.cost_per_person, source.categories)
        for funding, source in sources
    ]
    ranking = program_ranking(program=program)
    enrolled = read_frame(Enrolment.objects.filter(program=program).order_by(), {"person_id": pl.Int64})
    waiting = ranking.filter(
        pl.col("source_id").is_null()
        & ~pl.col("person_id").is_in(enrolled.get_column("person_id").implode())
        # merged into another person since the run: nobody to enrol
        & pl.col("person_id").is_in(person_ids_frame(region=program.region).get_column("person_id").implode())
    )
    # Holds as they are now: a NIK corrected since frees its person, a pair found since holds one back,
    # and nobody who may be an enrolled worker is paid for again.
    checks = persons_nik_check_frame(region=program.region)
    waiting = waiting.drop("hold").join(checks, on="person_id", how="left")
    live = Enrolment.objects.filter(program=program, status__in=LIVE_ENROLMENT).values_list("person_id", flat=True)
    held = hold_back(
        waiting, undecided_person_pairs_frame(region=program.region), taken=pl.Series(list(live), dtype=pl.Int64)
    )
    chosen, exhausted_at = allocate_unheld(held, remaining)
    allocated = _with_source_ids(chosen, sources)
    picked = allocated.filter(pl.col("source_id").is_not_null())
    ranking = ranking.update(
        allocated.select("person_id", "source_id", "cost", "hold"),
        on="person_id",
        how="left",
        include_nulls=True,
    )
    exhausted = _by_source_id(exhausted_at, sources)
    _ranking_save(program, ranking, exhausted)
    created = enrolments_create(program=program, chosen=picked.select("person_id", "source_id", "cost"))
    result = _summarise(program, ranking, sources, exhausted)
    result.new_enrolments = created
    audit_record(
        actor=actor,
        action="programs.select_top_up",
        obj=program,
        region=program.region,
        after={"program": program.name, "new_enrolments": created, "spent": sum(result.spent.values())},
    )
    return result


def _with_source_ids(chosen: pl.DataFrame, sources: list[tuple[FundingSource, Source]]) -> pl.DataFrame:
    """The core's frame (source by label) as the ranking keeps it (source by funding source id)."""
    ids = {source.code: funding.pk for funding, source in sources}
    return chosen.select(
        "rank",
        "person_id",
        "occupation",
        source_id=pl.col("source").replace_strict(ids, default=None, return_dtype=pl.Int64),
        cost="cost",
        hold="hold",
    ).cast(pl.Schema(RANKING_SCHEMA))


def _by_source_id(exhausted_at: dict[str, int], sources: list[tuple[FundingSource, Source]]) -> dict[str, int]:
    ids = {source.code: funding.pk for funding, source in sources}
    return {str(ids[label]): at for label, at in exhausted_at.items()}


def _ranking_save(program: Program, ranking: pl.DataFrame, exhausted_at: dict[str, int]) -> None:
    buffer = io.BytesIO()
    ranking.write_parquet(buffer, compression="zstd")
    Ranking.objects.update_or_create(
        program=program, defaults={"data": buffer.getvalue(), "exhausted_at": exhausted_at}
    )


def _candidates(program: Program, candidates: pl.DataFrame) -> pl.DataFrame:
    """The eligible with the ranking keys: desil, the occupation's risk, continuity and age."""
    last_year = read_frame(
        Enrolment.objects.filter(
            program__region=program.region,
            program__budget_year=program.budget_year - 1,
            status__in=(Enrolment.Status.SUBMITTED, Enrolment.Status.ACTIVE, Enrolment.Status.ENDED),
        ).order_by(),
        {"person_id": pl.Int64},
    ).get_column("person_id")
    return candidates.select(
        "person_id",
        "occupation",
        "nik_check",
        desil=pl.col("desil"),
        risk=pl.col("occupation").replace_strict(OCCUPATION_RISK, default=1, return_dtype=pl.Int8),
        covered_last_year=pl.col("person_id").is_in(last_year.implode()),
        age=pl.col("age"),
    )


def _priority(program: Program):
    try:
        return priority_from(program.priority)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def _summarise(
    program: Program, ranking: pl.DataFrame, sources: list[tuple[FundingSource, Source]], exhausted: dict[str, int]
) -> SelectionResult:
    """The run's counts and money per fund, kept on the program by funding source id (labels are in the
    reader's language; the page takes BPJS's later rejections off these figures live), and the result:
    where things stand now, with the people BPJS rejected waiting again and holding no money."""
    picked = ranking.filter(pl.col("source_id").is_not_null())
    held = dict(
        ranking.filter(pl.col("source_id").is_null() & pl.col("hold").is_not_null())
        .group_by(pl.col("hold").str.extract(r"^(\w+):", 1))
        .len()
        .iter_rows()
    )
    program.selection_summary = {
        "candidates": ranking.height,
        "selected": picked.height,
        "waiting": ranking.height - picked.height,
        "spent": {str(funding.pk): _spent(picked).get(funding.pk, 0) for funding, _source in sources},
        "exhausted_at": exhausted,
        "held": held,
        "at": timezone.now().isoformat(),
    }
    program.save(update_fields=["selection_summary"])
    holding = picked.filter(~pl.col("person_id").is_in(list(program_returned(program=program))))
    spent = _spent(holding)
    return SelectionResult(
        program_id=program.pk,
        candidates=ranking.height,
        selected=holding.height,
        waiting=ranking.height - holding.height,
        spent={source.code: spent.get(funding.pk, 0) for funding, source in sources},
        exhausted_at={
            source.code: exhausted[str(funding.pk)] for funding, source in sources if str(funding.pk) in exhausted
        },
        held=held,
    )


def _spent(picked: pl.DataFrame) -> dict[int, int]:
    return {int(k): int(v) for k, v in picked.group_by("source_id").agg(pl.col("cost").sum()).iter_rows()}


def _locked(program: Program) -> Program:
    """The program's row, locked until the transaction ends (PostgreSQL; SQLite serialises writers anyway)."""
    return Program.objects.select_for_update().select_related("region").get(pk=program.pk)
