import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.lib.cli import option_rupiah
from jaring.programs.selectors import program_cover, program_get
from jaring.programs.services import (
    months_from_text,
    program_continuity_warning,
    program_plan_budget,
    program_plan_target,
)


class Command(BaseCommand):
    help = (
        "The planner: what a budget buys for a program (--budget), or what a coverage target costs (--target). "
        "Warns when the gap since the previous program would let workers' membership lapse."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", type=int, required=True, metavar="ID")
        ask = parser.add_mutually_exclusive_group(required=True)
        ask.add_argument(
            "--budget", help="Whole rupiah (30240000, 30.240.000 or Rp30.240.000): how many workers does it cover?"
        )
        ask.add_argument("--target", help="Coverage target in percent (e.g. 41.23): what does it cost?")
        parser.add_argument("--from", dest="start", metavar="YYYY-MM", help="Start of cover (default: the program's).")
        parser.add_argument(
            "--months", type=int, help="Months of cover (default: the program's), e.g. 9 instead of 12."
        )
        parser.add_argument("--workforce", type=int, help="The region's workforce figure (needed with --target).")
        parser.add_argument("--json", action="store_true", help="Print the plan as JSON.")

    def handle(self, *args, **options) -> None:
        program = program_get(pk=options["program"])
        if program is None:
            raise CommandError(f"Program #{options['program']} tidak ada.")
        cover = program_cover(program)
        if options["start"] or options["months"]:
            try:
                cover = months_from_text(options["start"] or f"{cover.start:%Y-%m}", options["months"] or cover.count)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        warning = program_continuity_warning(program=program, cover=cover)
        try:
            if options["budget"] is not None:
                plan = program_plan_budget(
                    program=program, budget=option_rupiah(options["budget"], flag="--budget"), cover=cover
                )
                data = {
                    "budget": plan.budget,
                    "from": f"{cover.start:%Y-%m}",
                    "months": cover.count,
                    "per_worker": plan.per_worker,
                    "workers": plan.workers,
                    "cost": plan.cost,
                    "left_over": plan.left_over,
                }
                text = (
                    f"Rp{plan.budget:,} membiayai {plan.workers:,} pekerja selama {cover.count} bulan dari "
                    f"{cover.start:%m-%Y} (Rp{plan.per_worker:,} per pekerja); terpakai Rp{plan.cost:,}, "
                    f"sisa Rp{plan.left_over:,}."
                ).replace(",", ".")
            else:
                if options["workforce"] is None:
                    raise CommandError("Sebutkan --workforce (jumlah angkatan kerja wilayah) untuk --target.")
                target_plan = program_plan_target(
                    program=program, target_percent=options["target"], workforce=options["workforce"]
                )
                data = {
                    "target_percent": target_plan.target_percent,
                    "workforce": target_plan.workforce,
                    "covered_now": target_plan.covered_now,
                    "workers_needed": target_plan.workers_needed,
                    "per_worker": target_plan.per_worker,
                    "cost": target_plan.cost,
                }
                text = (
                    f"Target {target_plan.target_percent}% dari {target_plan.workforce:,} pekerja: "
                    f"sudah terlindungi {target_plan.covered_now:,}, perlu {target_plan.workers_needed:,} lagi, "
                    f"biaya Rp{target_plan.cost:,}."
                ).replace(",", ".")
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        data["warning"] = warning
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(text)
        if warning:
            self.stderr.write(f"PERINGATAN: {warning}")
