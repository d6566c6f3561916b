"""Eligibility, hand decisions and selection within the budget: frames through the core, written back in bulk.

Every write holds the program's row lock (`select_for_update`), so two selections of one program
run one after the other and the second sees what the first did: the money is never spent twice.
"""

from dataclasses import asdict, dataclass, field

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.bpjs.selectors import participation_frame
from jaring.bulk import insert_frame, read_frame, update_from_frame
from jaring.core.programs import Package, worker_cost
from jaring.core.programs.contributions import TRANSPORT_SECTORS
from jaring.core.programs.eligibility import EligibilityRules, eligibility, reason_counts
from jaring.core.programs.selection import OCCUPATION_RISK, Source, allocate, priority_from, rank
from jaring.persons.models import Person
from jaring.persons.selectors import persons_program_frame
from jaring.programs.models import Decision, Eligibility, Enrolment, FundingSource, Program, Selection
from jaring.programs.services.enrolment import enrolments_create
from jaring.programs.services.programs import program_cover

LIVE_ENROLMENT = (Enrolment.Status.SELECTED, Enrolment.Status.SUBMITTED, Enrolment.Status.ACTIVE)


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


def program_eligibility(*, actor: User | None, program: Program, save: bool) -> EligibilityResult:
    """Every person of the region judged by the program's rules; with `save`, the results are stored
    (and any earlier selection, now stale, is dropped). Without it, nothing is written: the preview."""
    with transaction.atomic():
        program = _locked(program)
        if save and program.status != Program.Status.DRAFT:
            raise ValidationError(_("The program is approved: its selection is frozen."))
        result = eligibility(_persons_frame(program), program_rules(program), _decisions_frame(program))
        counts = reason_counts(result)
        eligible = int(result.get_column("eligible").sum())
        outcome = EligibilityResult(
            program_id=program.pk, persons=result.height, eligible=eligible, reasons=counts, saved=save
        )
        if not save:
            return outcome
        Selection.objects.filter(program=program).delete()
        Eligibility.objects.filter(program=program).delete()
        insert_frame(
            Eligibility,
            result.select(
                program_id=pl.lit(program.pk, dtype=pl.Int64),
                person_id="person_id",
                eligible="eligible",
                age="age",
                reasons=pl.col("reasons").list.join(","),
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
            after={"persons": result.height, "eligible": eligible},
        )
        return outcome


def _persons_frame(program: Program) -> pl.DataFrame:
    persons = persons_program_frame(region=program.region)
    active = participation_frame(region_code=program.region.code).filter(pl.col("bpjs_status") == "active")
    overlap = _other_programs_frame(program)
    return persons.with_columns(
        bpjs_active=pl.col("person_id").is_in(active.get_column("person_id").implode()),
        deceased=pl.lit(None, dtype=pl.Boolean),  # no death records yet (claims will bring them)
        desil=pl.lit(None, dtype=pl.Int8),  # no DTSEN data yet
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
    if program.status != Program.Status.DRAFT:
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
        after={"person": person.pk, "include": include, "reason": reason},
    )
    return decision


@transaction.atomic
def decision_clear(*, actor: User | None, program: Program, person: Person) -> None:
    program = _locked(program)
    if program.status != Program.Status.DRAFT:
        raise ValidationError(_("The program is approved: its selection is frozen."))
    deleted, _kinds = Decision.objects.filter(program=program, person=person).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="programs.decision_clear",
            obj=program,
            region=program.region,
            after={"person": person.pk},
        )


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
        cost = worker_cost(
            cover,
            income=program.income_level,
            package=Package(program.package),
            sector=sorted(funding.categories)[0] if transport else "",
            fund=funding.kind,
        )
        sources.append(
            (
                funding,
                Source(label, funding.amount, cost, frozenset(funding.categories) if funding.categories else None),
            )
        )
    return sources


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
        if program.status == Program.Status.DRAFT:
            return _select_draft(actor, program, sources)
        return _select_top_up(actor, program, sources)


def _select_draft(actor: User | None, program: Program, sources: list[tuple[FundingSource, Source]]) -> SelectionResult:
    if not program.eligibility_summary:
        raise ValidationError(_("Run the eligibility check and save it first."))
    candidates = read_frame(
        Eligibility.objects.filter(program=program, eligible=True).order_by(),
        {"person_id": pl.Int64, "age": pl.Int16, "occupation": pl.String},
        fields={"occupation": "person__occupation"},
    )
    ranked = rank(_candidates(program, candidates), _priority(program))
    chosen, exhausted_at = allocate(ranked, [source for _funding, source in sources])
    Selection.objects.filter(program=program).delete()
    insert_frame(
        Selection,
        chosen.select(
            program_id=pl.lit(program.pk, dtype=pl.Int64),
            person_id="person_id",
            rank="rank",
            source_id=_source_ids(sources),
            cost="cost",
            waiting_reason=pl.col("waiting_reason").fill_null(""),
            returned_reason=pl.lit(""),
        ),
    )
    result = _summarise(program, chosen, sources, exhausted_at)
    audit_record(
        actor=actor,
        action="programs.select",
        obj=program,
        region=program.region,
        after={"selected": result.selected, "waiting": result.waiting, "spent": result.spent},
    )
    return result


def _select_top_up(
    actor: User | None, program: Program, sources: list[tuple[FundingSource, Source]]
) -> SelectionResult:
    used = dict(
        Enrolment.objects.filter(program=program, status__in=LIVE_ENROLMENT)
        .values_list("source_id")
        .annotate(total=Sum("cost"))
        .order_by()
    )
    remaining = [
        Source(source.code, max(funding.amount - used.get(funding.pk, 0), 0), source.cost_per_person, source.categories)
        for funding, source in sources
    ]
    waiting = read_frame(
        Selection.objects.filter(program=program, source__isnull=True, returned_reason="").order_by("rank"),
        {"id": pl.Int64, "rank": pl.Int64, "person_id": pl.Int64, "occupation": pl.String},
        fields={"occupation": "person__occupation"},
    )
    chosen = (
        allocate(waiting.drop("id"), remaining)[0]
        .filter(pl.col("source").is_not_null())
        .join(waiting.select("id", "person_id"), on="person_id")
        .with_columns(source_id=_source_ids(sources))
    )
    update_from_frame(Selection, chosen.select("id", "source_id", "cost", waiting_reason=pl.lit("")), key="id")
    created = enrolments_create(program=program, chosen=chosen.select("person_id", "source_id", "cost"))
    labels = {funding.pk: source.code for funding, source in sources}
    everyone = read_frame(
        Selection.objects.filter(program=program).order_by("rank"),
        {"person_id": pl.Int64, "source_id": pl.Int64, "cost": pl.Int64},
    ).select("person_id", "cost", source=pl.col("source_id").replace_strict(labels, default=None))
    result = _summarise(program, everyone, sources, program.selection_summary.get("exhausted_at", {}))
    result.new_enrolments = created
    audit_record(
        actor=actor,
        action="programs.select_top_up",
        obj=program,
        region=program.region,
        after={"new_enrolments": created, "spent": result.spent},
    )
    return result


def _source_ids(sources: list[tuple[FundingSource, Source]]) -> pl.Expr:
    ids = {source.code: funding.pk for funding, source in sources}
    return pl.col("source").replace_strict(ids, default=None, return_dtype=pl.Int64)


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
        desil=pl.lit(None, dtype=pl.Int8),
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
    program: Program, chosen: pl.DataFrame, sources: list[tuple[FundingSource, Source]], exhausted_at: dict[str, int]
) -> SelectionResult:
    """Counts and money per fund (`chosen`: person_id, source label or null, cost), kept on the program."""
    picked = chosen.filter(pl.col("source").is_not_null())
    spent = dict(picked.group_by("source").agg(pl.col("cost").sum()).iter_rows())
    result = SelectionResult(
        program_id=program.pk,
        candidates=chosen.height,
        selected=picked.height,
        waiting=chosen.height - picked.height,
        spent={source.code: int(spent.get(source.code) or 0) for _funding, source in sources},
        exhausted_at=exhausted_at,
    )
    program.selection_summary = {**result.to_dict(), "at": timezone.now().isoformat()}
    program.save(update_fields=["selection_summary"])
    return result


def _locked(program: Program) -> Program:
    """The program's row, locked until the transaction ends (PostgreSQL; SQLite serialises writers anyway)."""
    return Program.objects.select_for_update().select_related("region").get(pk=program.pk)
