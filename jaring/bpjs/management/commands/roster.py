import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.bpjs.services import roster_import
from jaring.core.intake import FileRejected
from jaring.lib.cli import action_parsers, add_action, option_date
from jaring.regions.cli import option_region


class Command(BaseCommand):
    help = "BPJS Ketenagakerjaan participant rosters."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        load = add_action(
            actions,
            "import",
            "Load BPJS's participant list for the region (KPJ, NIK, name, birth date, segment, status, cover end) "
            "and mark the persons it covers as already covered.",
            json_help="Print {snapshot_id, entries, matched, active, inactive, unmatched, already_covered}.",
        )
        load.add_argument("file", metavar="FILE")
        load.add_argument("--as-of", metavar="YYYY-MM-DD", help="The day the roster describes (default: today).")
        load.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")

    def handle(self, *args, action: str, file: str, as_of: str | None, region: str | None, **options) -> None:
        place = option_region(region)
        day = option_date(as_of, flag="--as-of")
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Berkas {path} tidak ada.")
        try:
            result = roster_import(actor=None, region=place, file_name=path.name, data=path.read_bytes(), as_of=day)
        except FileRejected as exc:
            raise CommandError(f"[{exc.code}] {exc.message}") from exc
        data = result.to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data))
            return
        if result.duplicate_of:
            self.stdout.write(f"{path.name}: sama persis dengan daftar #{data['snapshot_id']}; tidak ada yang baru.")
            return
        self.stdout.write(
            f"{path.name}: {data['entries']} peserta, {data['matched']} cocok dengan orang di Jaring "
            f"({data['active']} aktif, {data['inactive']} tidak aktif), {data['unmatched']} tidak cocok. "
            f"Sudah terlindungi: {data['already_covered']} orang."
        )
