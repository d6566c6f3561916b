import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.claims.models import Claim
from jaring.claims.services import claim_add, claims_import
from jaring.core.benefits import CLAIM_CAUSES, CLAIM_PROGRAMS, SCHOLARSHIP_LEVELS
from jaring.core.intake import FileRejected
from jaring.core.money import rupiah_text
from jaring.lib.cli import action_parsers, add_action, option_date, option_rupiah
from jaring.persons.selectors import person_in_region
from jaring.regions.cli import option_region


class Command(BaseCommand):
    help = "Claims BPJS paid for the region's workers: its claim reports, or one claim by hand."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        load = add_action(
            actions,
            "import",
            "Record the claims of a BPJS claim report (NIK, KPJ, name, program, date of the event, amount, status, "
            "claim number); each row of an unknown or never-enrolled person, an unknown program, a negative or "
            "fractional amount or a bad date is refused with its reason. The same file twice stores nothing.",
            json_help="Print {report_id, duplicate_of, rows, stored, updated, unchanged, refused, with_warning, paid, "
            "reasons, refused_rows}.",
        )
        load.add_argument("file", metavar="FILE")
        load.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        add = add_action(
            actions,
            "add",
            "Record one claim for a person of the region, with what the benefit rules give; a warning when the "
            "amount differs.",
            json_help="Print {claim_id, person_id, program, amount_paid, expected, warning}.",
        )
        add.add_argument("--nik", required=True, metavar="NIK", help="The person's NIK, or Jaring's number as #123.")
        add.add_argument("--program", required=True, choices=CLAIM_PROGRAMS)
        add.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="The day of the event (death, accident).")
        add.add_argument("--amount", required=True, metavar="RUPIAH", help="What BPJS paid, e.g. 42000000.")
        add.add_argument("--status", choices=Claim.Status.values, default=Claim.Status.PAID, help="Default: paid.")
        add.add_argument("--level", choices=SCHOLARSHIP_LEVELS, default="", help="A scholarship's school level.")
        add.add_argument("--cause", choices=CLAIM_CAUSES, default="", help="For JKK and scholarship claims.")
        add.add_argument("--months", type=int, help="Months unable to work (JKK temporary inability).")
        add.add_argument("--claim-number", default="", metavar="NUMBER", help="BPJS's claim number.")
        add.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")

    def handle(self, *args, action: str, region: str | None, **options) -> None:
        place = option_region(region)
        if action == "import":
            self._import(place, options)
        else:
            self._add(place, options)

    def _import(self, place, options) -> None:
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas {path} tidak ada.")
        try:
            result = claims_import(actor=None, region=place, file_name=path.name, data=path.read_bytes())
        except FileRejected as exc:
            raise CommandError(f"[{exc.code}] {exc.message}") from exc
        data = result.to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data))
            return
        if result.duplicate_of:
            self.stdout.write(f"{path.name}: sama persis dengan laporan #{data['report_id']}; tidak ada yang baru.")
            return
        self.stdout.write(
            f"{path.name}: {data['rows']} baris, {data['stored']} klaim dicatat ({data['with_warning']} dengan "
            f"peringatan), {data['updated']} diperbarui, {data['unchanged']} sudah tercatat, {data['refused']} ditolak."
        )
        for row in data["refused_rows"]:
            self.stdout.write(f"  baris {row['row']}: {row['reason']}")

    def _add(self, place, options) -> None:
        person = person_in_region(region=place, key=options["nik"])
        if person is None:
            raise CommandError(f"Tidak ada orang di {place.name} dengan NIK atau nomor {options['nik']}.")
        day = option_date(options["date"], flag="--date")
        if day is None:
            raise CommandError("Sebutkan --date (YYYY-MM-DD).")
        try:
            claim = claim_add(
                actor=None,
                person=person,
                program=options["program"],
                event_date=day,
                amount_paid=option_rupiah(options["amount"], flag="--amount"),
                status=options["status"],
                level=options["level"],
                cause=options["cause"],
                months=options["months"],
                claim_number=options["claim_number"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        data = {
            "claim_id": claim.pk,
            "person_id": person.pk,
            "program": claim.program,
            "amount_paid": claim.amount_paid,
            "expected": claim.expected,
            "warning": claim.warning,
        }
        if options["json"]:
            self.stdout.write(json.dumps(data))
            return
        expected = rupiah_text(claim.expected) if claim.expected is not None else "tidak dihitung"
        self.stdout.write(
            f"Klaim #{claim.pk} dicatat: {claim.program.upper()} {rupiah_text(claim.amount_paid)} untuk "
            f"{person.name or f'#{person.pk}'} (perhitungan: {expected})."
        )
        if claim.warning:
            self.stdout.write(f"Peringatan: {claim.warning}")
