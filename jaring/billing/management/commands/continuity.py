import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.billing.selectors import continuity_counts, continuity_risks
from jaring.core.billing import stake_text
from jaring.core.intake import mask_nik
from jaring.core.programs import CoverMonths
from jaring.lib.spreadsheets import rows_xlsx
from jaring.regions.cli import option_region


class Command(BaseCommand):
    help = (
        "Workers whose BPJS membership lapses (more than 3 months without paid cover) unless a program covers "
        "them by --next-cover, with what is at stake; counts per kecamatan and occupation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        parser.add_argument(
            "--next-cover",
            required=True,
            metavar="YYYY-MM",
            help="The first month a next program could cover them (e.g. 2027-04 when next year's budget starts "
            "in April).",
        )
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="Count from this day (default: today).")
        parser.add_argument("--out", metavar="FILE.xlsx", help="Also write the list (full NIK) to an xlsx file.")
        parser.add_argument("--json", action="store_true", help="Print {persons, by_kecamatan, by_occupation}.")

    def handle(self, *args, **options) -> None:
        region = option_region(options["region"])
        try:
            next_cover = CoverMonths.parse(options["next_cover"], 1).start
            today = dt.date.fromisoformat(options["today"]) if options["today"] else dt.date.today()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        risks = continuity_risks(region=region, today=today, next_cover=next_cover)
        if options["out"]:
            Path(options["out"]).write_bytes(
                rows_xlsx(
                    header=["NIK", "Nama", "Kecamatan", "Pekerjaan", "Bulan terakhir", "Gugur pada", "Taruhan"],
                    rows=(
                        [
                            r["nik"],
                            r["name"],
                            r["kecamatan"],
                            r["occupation"],
                            r["run_end"],
                            r["lapses_on"],
                            stake_text(r),
                        ]
                        for r in risks.iter_rows(named=True)
                    ),
                )
            )
        data = {
            "persons": risks.height,
            "jkm_at_stake": int(risks.get_column("jkm_at_stake").sum()) if risks.height else 0,
            "by_kecamatan": continuity_counts(risks, "kecamatan"),
            "by_occupation": continuity_counts(risks, "occupation"),
        }
        if options["json"]:
            self.stdout.write(json.dumps(data))
            return
        self.stdout.write(
            f"{data['persons']} pekerja gugur kepesertaannya jika tidak ada program yang menanggung mulai "
            f"{next_cover:%m-%Y}; {data['jkm_at_stake']} di antaranya sudah berhak JKM penuh."
        )
        for row in risks.head(20).iter_rows(named=True):
            self.stdout.write(f"  {mask_nik(row['nik'] or '')} {row['name'] or ''}: {stake_text(row)}")
