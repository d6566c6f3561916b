import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.commands import action_parsers, add_action, option_region, option_rupiah
from jaring.programs.models import FundingSource, Program
from jaring.programs.selectors import program_get
from jaring.programs.services import funding_add, months_from_text, program_create


class Command(BaseCommand):
    help = "Programs that pay for workers' cover: months, package and funding sources."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        create = add_action(actions, "create", "Create a draft program.", json_help="Print the program as JSON.")
        create.add_argument("--name", required=True)
        create.add_argument("--year", type=int, required=True, help="Budget year.")
        create.add_argument("--from", dest="start", required=True, metavar="YYYY-MM", help="First month of cover.")
        create.add_argument("--months", type=int, required=True, help="Months of cover (part years are normal).")
        create.add_argument("--package", choices=Program.Package.values, default=Program.Package.JKK_JKM)
        create.add_argument("--kind", choices=Program.Kind.values, default=Program.Kind.YEARLY)
        create.add_argument("--target", type=int, help="Target number of workers.")
        create.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        fund = add_action(actions, "fund", "Add a funding source to a draft program.", json_help="Print it as JSON.")
        fund.add_argument("program", type=int, metavar="ID")
        fund.add_argument("--kind", choices=FundingSource.Kind.values, required=True)
        fund.add_argument("--amount", required=True, help="Whole rupiah, e.g. 5300000000.")
        fund.add_argument("--basis", default="", help="Legal basis, e.g. 'Perwal Malang 12/2026'.")
        fund.add_argument("--only", default="", help="Occupation categories it may pay for, comma-separated.")
        fund.add_argument("--sponsor", default="", help="The CSR sponsor's name.")
        show = add_action(actions, "show", "A program with its funding sources.", json_help="Print it as JSON.")
        show.add_argument("program", type=int, metavar="ID")

    def handle(self, *args, action: str, **options) -> None:
        try:
            if action == "create":
                program = program_create(
                    actor=None,
                    region=option_region(options["region"]),
                    name=options["name"],
                    budget_year=options["year"],
                    cover=months_from_text(options["start"], options["months"]),
                    package=options["package"],
                    kind=options["kind"],
                    target_workers=options["target"],
                )
            else:
                program = program_get(pk=options["program"])
                if program is None:
                    raise CommandError(f"Program #{options['program']} tidak ada.")
                if action == "fund":
                    funding_add(
                        actor=None,
                        program=program,
                        kind=options["kind"],
                        amount=option_rupiah(options["amount"], flag="--amount"),
                        legal_basis=options["basis"],
                        categories=[c.strip() for c in options["only"].split(",") if c.strip()],
                        sponsor=options["sponsor"],
                    )
                    program = program_get(pk=program.pk)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        data = program_dict(program)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(
            f"Program #{program.pk} {program.name} ({program.get_status_display()}): {program.cover_months} bulan "
            f"dari {program.cover_start:%m-%Y}, {program.get_package_display()}"
        )
        for source in data["sources"]:
            only = f" (hanya {', '.join(source['categories'])})" if source["categories"] else ""
            self.stdout.write(f"  {source['kind']:<10} Rp{source['amount']:,}{only}".replace(",", "."))


def program_dict(program: Program) -> dict:
    return {
        "id": program.pk,
        "name": program.name,
        "region": program.region_id,
        "budget_year": program.budget_year,
        "cover_start": program.cover_start.strftime("%Y-%m"),
        "months": program.cover_months,
        "package": program.package,
        "kind": program.kind,
        "status": program.status,
        "target_workers": program.target_workers,
        "sources": [
            {
                "kind": s.kind,
                "amount": s.amount,
                "categories": s.categories,
                "sponsor": s.sponsor,
                "basis": s.legal_basis,
            }
            for s in program.sources.all()
        ],
        "total_funds": sum(s.amount for s in program.sources.all()),
    }
