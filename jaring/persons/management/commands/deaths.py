import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.core.deaths import reason_label
from jaring.core.intake import FileRejected
from jaring.lib.cli import action_parsers, add_action
from jaring.persons.models import DeathList
from jaring.persons.selectors import death_lists
from jaring.persons.services import deaths_import, deaths_match
from jaring.regions.cli import option_region


class Command(BaseCommand):
    help = "Death lists (Dukcapil, a kelurahan): mark the persons they name deceased."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        load = add_action(
            actions,
            "import",
            "Load a death list (NIK, name, date of death; KETERANGAN/SEBAB kept) and mark the persons it names "
            "deceased. Every row is kept with its outcome: matched, to check (the NIK is a person's, the name "
            "differs), not matched, or refused with the reason. The same file again stores nothing new; its rows "
            "are matched again.",
            json_help="Print {death_list_id, rows, matched, check, unmatched, refused, reasons, problems}.",
        )
        load.add_argument("file", metavar="FILE")
        load.add_argument("--source", required=True, help="Who wrote the list, e.g. 'Dukcapil' or 'Kelurahan X'.")
        load.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        listing = add_action(
            actions,
            "list",
            "The region's death lists, newest first, with what became of their rows.",
            json_help="Print a JSON array of lists.",
        )
        listing.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        match = add_action(
            actions,
            "match",
            "Match the region's deaths again (after a link run): rows that waited for a person may meet them now.",
            json_help="Print {rows, changed, matched, unmatched, check}.",
        )
        match.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")

    def handle(self, *args, action: str, region: str | None, **options) -> None:
        place = option_region(region)
        if action == "import":
            self._import(place, options)
        elif action == "list":
            self._list(place, options)
        else:
            result = deaths_match(actor=None, region=place)
            data = result.to_dict()
            if options["json"]:
                self.stdout.write(json.dumps(data))
                return
            self.stdout.write(
                f"{data['rows']} baris kematian dicocokkan ulang, {data['changed']} berubah: "
                f"{data['matched']} ditandai meninggal, {data['check']} perlu diperiksa, "
                f"{data['unmatched']} tidak cocok."
            )

    def _import(self, place, options) -> None:
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas {path} tidak ada.")
        try:
            result = deaths_import(
                actor=None, region=place, file_name=path.name, data=path.read_bytes(), source=options["source"]
            )
        except FileRejected as exc:
            raise CommandError(f"[{exc.code}] {exc.message}") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        data = result.to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        if result.duplicate_of:
            self.stdout.write(
                f"{path.name}: sama persis dengan daftar kematian #{data['death_list_id']}; tidak ada yang baru "
                f"disimpan ({data['matched']} ditandai meninggal)."
            )
            return
        self.stdout.write(
            f"{path.name} (daftar kematian #{data['death_list_id']}, sumber {data['source']}): {data['rows']} baris, "
            f"{data['matched']} ditandai meninggal, {data['check']} perlu diperiksa, {data['unmatched']} tidak cocok, "
            f"{data['refused']} ditolak."
        )
        for code, count in data["reasons"].items():
            self.stdout.write(f"  {reason_label(code, 'id')}: {count}")
        for problem in data["problems"]:
            where = f"{problem['sheet']} baris {problem['row']}" if problem["sheet"] else f"baris {problem['row']}"
            self.stdout.write(f"  {where} {problem['name'] or '—'}: {problem['reason']}")

    def _list(self, place, options) -> None:
        lists = death_lists(lists=DeathList.objects.filter(region=place))
        items = [
            {
                "death_list_id": item.pk,
                "file": item.file_name,
                "source": item.source,
                "uploaded_at": item.created_at.isoformat(),
                **{key: item.counts.get(key, 0) for key in ("rows", "matched", "check", "unmatched", "refused")},
            }
            for item in lists
        ]
        if options["json"]:
            self.stdout.write(json.dumps(items, ensure_ascii=False))
            return
        for item in items:
            self.stdout.write(
                f"#{item['death_list_id']} {item['uploaded_at'][:10]} {item['file']} ({item['source']}): "
                f"{item['rows']} baris, {item['matched']} ditandai meninggal, {item['check']} perlu diperiksa, "
                f"{item['unmatched']} tidak cocok, {item['refused']} ditolak."
            )
        if not items:
            self.stdout.write("Belum ada daftar kematian di wilayah ini.")
