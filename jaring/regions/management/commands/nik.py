import json
import sys

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from jaring.core.intake import parse_nik
from jaring.lib.cli import action_parsers, add_action, option_date


class Command(BaseCommand):
    help = "Check NIKs (Nomor Induk Kependudukan)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        about = (
            "Normalise and validate NIKs: 16 digits, known region (old codes are a warning), a real "
            "birth date (day + 40 for women), serial not 0000. Exit status 1 when any NIK has an error."
        )
        check = add_action(actions, "check", about, json_help="Print a JSON array, one object per NIK.")
        check.add_argument(
            "niks",
            nargs="+",
            metavar="NIK",
            help="as written; spaces, dots, dashes, a leading apostrophe and 3.57E+15 notation are undone",
        )
        check.add_argument("--on", metavar="YYYY-MM-DD", help="Reference date for ages (default: today).")

    def handle(self, *args, action: str, niks: list[str], on: str | None, **options) -> None:
        reference = option_date(on, flag="--on") or timezone.localdate()
        results = [parse_nik(value, on=reference) for value in niks]
        if options["json"]:
            self.stdout.write(json.dumps([result.to_dict() for result in results], ensure_ascii=False))
        else:
            for result in results:
                verdict = "SAH" if result.valid else "TIDAK SAH"
                details = ", ".join(
                    part
                    for part in (
                        result.nik,
                        {"L": "laki-laki", "P": "perempuan"}.get(result.sex or ""),
                        result.birth_date.isoformat() if result.birth_date else None,
                        result.region_code,
                    )
                    if part
                )
                self.stdout.write(f"{result.input}: {verdict}" + (f" ({details})" if details else ""))
                place = " / ".join(
                    name for name in (result.province_name, result.regency_name, result.district_name) if name
                )
                if result.current_regency_code:
                    place += f" (kode lama; sekarang {result.current_regency_code})"
                if place:
                    self.stdout.write(f"  wilayah: {place}")
                for issue in result.issues:
                    label = "galat" if issue.is_error else "peringatan"
                    self.stdout.write(f"  - {label} [{issue.code}] {issue.message}")
        if not all(result.valid for result in results):
            sys.exit(1)
