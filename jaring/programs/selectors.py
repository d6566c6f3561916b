"""Reads of programs: the program, its people by stage (eligible, selected, waiting, enrolled), its batches."""

from django.db.models import Count, Q, QuerySet

from jaring.programs.models import Eligibility, Enrolment, EnrolmentBatch, Program, Selection


def program_get(*, pk: int) -> Program | None:
    return Program.objects.select_related("region").prefetch_related("sources").filter(pk=pk).first()


def batch_get(*, pk: int) -> EnrolmentBatch | None:
    return EnrolmentBatch.objects.select_related("program", "program__region").filter(pk=pk).first()


def program_eligible(*, program: Program) -> QuerySet[Eligibility]:
    return Eligibility.objects.filter(program=program, eligible=True).select_related("person").order_by("person__name")


def program_excluded(*, program: Program) -> QuerySet[Eligibility]:
    return Eligibility.objects.filter(program=program, eligible=False).select_related("person").order_by("person__name")


def program_selected(*, program: Program) -> QuerySet[Selection]:
    return (
        Selection.objects.filter(program=program, source__isnull=False)
        .select_related("person", "source")
        .order_by("rank")
    )


def program_waiting(*, program: Program) -> QuerySet[Selection]:
    return Selection.objects.filter(program=program, source__isnull=True).select_related("person").order_by("rank")


def program_enrolled(*, program: Program) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(program=program).select_related("source", "batch").order_by("name", "id")


def program_stage_counts(*, program: Program) -> dict[str, int]:
    """Eligible, selected, waiting and enrolled (by status) shown separately."""
    summary = program.eligibility_summary or {}
    selection = Selection.objects.filter(program=program).aggregate(
        selected=Count("id", filter=Q(source__isnull=False)), waiting=Count("id", filter=Q(source__isnull=True))
    )
    enrolled = dict(Enrolment.objects.filter(program=program).values_list("status").annotate(n=Count("id")).order_by())
    return {
        "persons": summary.get("persons", 0),
        "eligible": summary.get("eligible", 0),
        "selected": selection["selected"],
        "waiting": selection["waiting"],
        **{f"enrolled_{status}": enrolled.get(status, 0) for status in Enrolment.Status.values},
        "enrolled": sum(enrolled.values()),
    }
