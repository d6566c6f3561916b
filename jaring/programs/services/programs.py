"""Programs, their funding and rules, and the planner's answers for a program. Money is integer rupiah."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.bpjs.selectors import already_covered_count
from jaring.core.occupations import CATALOGUE
from jaring.core.programs import (
    DEFAULT_RULES,
    LAPSE_AFTER_MONTHS,
    BudgetPlan,
    CoverMonths,
    TargetPlan,
    continuity_gap_months,
    plan_budget,
    plan_target,
    priority_from,
)
from jaring.programs.models import FundingSource, Program
from jaring.programs.selectors import program_cover, program_pricing
from jaring.regions.models import Region

MAX_MONTHS = 36


@transaction.atomic
def program_create(
    *,
    actor: User | None,
    region: Region,
    name: str,
    budget_year: int,
    cover: CoverMonths,
    package: str = Program.Package.JKK_JKM,
    kind: str = Program.Kind.YEARLY,
    target_workers: int | None = None,
    income_level: int = 1_000_000,
) -> Program:
    """A draft program of a kabupaten/kota."""
    name = " ".join(name.split())
    if not region.is_regency:
        raise ValidationError(_("A program belongs to a regency or city, not to %(name)s.") % {"name": region.name})
    if len(name) < 3:
        raise ValidationError(_("Give the program a name."))
    if not 2000 <= budget_year <= 2100:
        raise ValidationError(_("The budget year %(year)s is not a year.") % {"year": budget_year})
    if not 1 <= cover.count <= MAX_MONTHS:
        raise ValidationError(_("Months of cover must be between 1 and %(max)s.") % {"max": MAX_MONTHS})
    if package not in Program.Package.values or kind not in Program.Kind.values:
        raise ValidationError(_("Unknown package or kind of program."))
    if target_workers is not None and (not isinstance(target_workers, int) or target_workers < 0):
        raise ValidationError(_("The target number of workers must be a whole number."))
    try:
        DEFAULT_RULES.check_income(income_level)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    program = Program.objects.create(
        region=region,
        name=name,
        budget_year=budget_year,
        cover_start=cover.start,
        cover_months=cover.count,
        package=package,
        kind=kind,
        target_workers=target_workers,
        income_level=income_level,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="programs.program_create",
        obj=program,
        region=region,
        after={"name": name, "budget_year": budget_year, "cover_start": cover.start.isoformat(), "months": cover.count},
    )
    return program


@transaction.atomic
def funding_add(
    *,
    actor: User | None,
    program: Program,
    kind: str,
    amount: int,
    legal_basis: str = "",
    categories: list[str] | None = None,
    sponsor: str = "",
) -> FundingSource:
    """Money for a program from one fund; a restriction names occupation categories of the catalogue."""
    if kind not in FundingSource.Kind.values:
        raise ValidationError(_("Unknown fund: %(kind)s.") % {"kind": kind})
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValidationError(_("The amount must be whole rupiah above 0, not %(amount)s.") % {"amount": amount})
    unknown = sorted(set(categories or []) - set(CATALOGUE))
    if unknown:
        raise ValidationError(
            _("Unknown occupation categories: %(unknown)s. Known: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(CATALOGUE)}
        )
    if kind == FundingSource.Kind.CSR and not sponsor.strip():
        raise ValidationError(_("Name the CSR sponsor."))
    if not program.is_draft:
        raise ValidationError(_("Funding can change only while the program is a draft."))
    source = FundingSource.objects.create(
        program=program,
        kind=kind,
        amount=amount,
        legal_basis=legal_basis.strip(),
        categories=sorted(set(categories or [])),
        sponsor=sponsor.strip(),
    )
    audit_record(
        actor=actor,
        action="programs.funding_add",
        obj=source,
        region=program.region,
        after={
            "program": program.name,
            "fund": kind,
            "amount": amount,
            "categories": source.categories,
            "legal_basis": source.legal_basis,
        },
    )
    return source


def program_plan_budget(*, program: Program, budget: int, cover: CoverMonths | None = None) -> BudgetPlan:
    """What `budget` buys for the program's package, from its months (or `cover`), paid from its main fund."""
    try:
        return plan_budget(
            budget=budget,
            cover=cover or program_cover(program),
            pricing=program_pricing(program, fund=_main_fund(program)),
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def program_plan_target(*, program: Program, target_percent: str, workforce: int) -> TargetPlan:
    """What reaching `target_percent` coverage costs, counting who BPJS already covers in the region."""
    try:
        return plan_target(
            target_percent=target_percent,
            workforce=workforce,
            covered_now=already_covered_count(region=program.region),
            cover=program_cover(program),
            pricing=program_pricing(program, fund=_main_fund(program)),
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def program_continuity_warning(*, program: Program, cover: CoverMonths | None = None) -> str:
    """A warning when the gap since the region's previous program is longer than the lapse limit, else ""."""
    cover = cover or program_cover(program)
    earlier = (
        Program.objects.filter(region=program.region, cover_start__lt=cover.start)
        .exclude(pk=program.pk)
        .order_by("-cover_start")
        .first()
    )
    last_month = None
    if earlier is not None:
        last_month = program_cover(earlier).end
    gap = continuity_gap_months(last_covered_month=last_month, cover=cover)
    if gap is None or gap <= LAPSE_AFTER_MONTHS:
        return ""
    return _(
        "%(gap)s months without cover since %(last)s: workers' membership lapses after %(limit)s, and they lose "
        "the 3-month JKM threshold and their 3-year scholarship progress."
    ) % {"gap": gap, "last": f"{last_month:%m-%Y}", "limit": LAPSE_AFTER_MONTHS}


def _main_fund(program: Program) -> str:
    source = program.sources.order_by("-amount").first()
    return source.kind if source else FundingSource.Kind.APBD


def months_from_text(text: str, count: int) -> CoverMonths:
    try:
        return CoverMonths.parse(text, count)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


@transaction.atomic
def program_rules_update(
    *,
    actor: User | None,
    program: Program,
    min_age: int,
    max_age: int,
    categories: list[str],
    exclude_bpjs_active: bool = True,
    desil: tuple[int, int] | None = None,
    priority: list[str] | None = None,
) -> Program:
    """The program's eligibility rules and ranking; saved results stay until eligibility is run again."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if not program.is_draft:
        raise ValidationError(_("The program is approved: its rules are frozen."))
    if not 0 <= min_age <= max_age <= 120:
        raise ValidationError(_("The age range %(low)s-%(high)s makes no sense.") % {"low": min_age, "high": max_age})
    unknown = sorted(set(categories) - set(CATALOGUE))
    if unknown:
        raise ValidationError(
            _("Unknown occupation categories: %(unknown)s. Known: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(CATALOGUE)}
        )
    if desil is not None and not 1 <= desil[0] <= desil[1] <= 10:
        raise ValidationError(_("The desil range must lie between 1 and 10, lowest first."))
    try:
        priority_from(priority or [])
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    before = {field: getattr(program, field) for field in RULE_FIELDS}
    program.min_age, program.max_age = min_age, max_age
    program.categories = sorted(set(categories))
    program.exclude_bpjs_active = exclude_bpjs_active
    program.desil_min, program.desil_max = desil or (None, None)
    program.priority = list(priority or [])
    program.save(update_fields=list(RULE_FIELDS))
    after = {field: getattr(program, field) for field in RULE_FIELDS}
    audit_record(
        actor=actor,
        action="programs.rules_update",
        obj=program,
        region=program.region,
        before={k: v for k, v in before.items() if after[k] != v},
        after={"program": program.name, **{k: v for k, v in after.items() if before[k] != v}},
    )
    return program


RULE_FIELDS = ("min_age", "max_age", "categories", "exclude_bpjs_active", "desil_min", "desil_max", "priority")
