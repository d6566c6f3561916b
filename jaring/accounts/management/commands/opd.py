import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jaring.accounts.models import Opd
from jaring.accounts.services import opd_create
from jaring.lib.cli import action_parsers, add_action, read_rows
from jaring.regions.cli import option_region


class Command(BaseCommand):
    help = "The OPDs and kelurahan offices of a region that send worker lists."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        add = add_action(
            actions,
            "add",
            "Add one OPD (--code, --name), or every row of a spreadsheet (--file with columns Kode, Nama, Jenis).",
            json_help="Print the added OPDs as a JSON array.",
        )
        add.add_argument("--code", help="Short code, e.g. DISHUB or KEL_SUMBERSARI.")
        add.add_argument("--name", help="Full name, e.g. 'Dinas Perhubungan Kota Malang'.")
        add.add_argument("--kind", choices=Opd.Kind.values, default=Opd.Kind.OPD, help="Type (default: opd).")
        add.add_argument("--file", metavar="FILE", help="xlsx/csv with columns Kode, Nama and optionally Jenis.")
        add.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        listing = add_action(actions, "list", "The region's OPDs.", json_help="Print a JSON array.")
        listing.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")

    def handle(self, *args, action: str, **options) -> None:
        region = option_region(options["region"])
        if action == "list":
            opds = Opd.objects.filter(region=region).order_by("code")
            if options["json"]:
                self.stdout.write(json.dumps([_as_dict(opd) for opd in opds], ensure_ascii=False))
                return
            for opd in opds:
                state = "" if opd.is_active else " (nonaktif)"
                self.stdout.write(f"{opd.code:<20} {opd.get_kind_display():<28} {opd.name}{state}")
            if not opds:
                self.stdout.write(f"{region.name} belum punya OPD; tambahkan dengan `jaring opd add`.")
            return
        rows = self._rows(options)
        added = []
        # All or nothing: a spreadsheet with one bad row adds none, and the message names the row.
        with transaction.atomic():
            for number, (code, name, kind) in rows:
                try:
                    added.append(opd_create(actor=None, region=region, code=code, name=name, kind=kind))
                except ValidationError as exc:
                    where = f"baris {number}: " if number else ""
                    raise CommandError(f"{where}{' '.join(exc.messages)} Tidak ada OPD yang ditambahkan.") from exc
        if options["json"]:
            self.stdout.write(json.dumps([_as_dict(opd) for opd in added], ensure_ascii=False))
        else:
            for opd in added:
                self.stdout.write(f"Ditambahkan: {opd.code} — {opd.name}")

    def _rows(self, options) -> list[tuple[int | None, tuple[str, str, str]]]:
        if options["file"]:
            path = Path(options["file"])
            if not path.exists():
                raise CommandError(f"Berkas {path} tidak ada.")
            rows = read_rows(
                path,
                columns={"code": ("kode", "code"), "name": ("nama", "name"), "kind": ("jenis", "type", "kind")},
                required=("code", "name"),
            )
            return [(number, (row["code"] or "", row["name"] or "", _kind(row["kind"]))) for number, row in rows]
        if not options["code"] or not options["name"]:
            raise CommandError("Sebutkan --code dan --name, atau --file berisi kolom Kode dan Nama.")
        return [(None, (options["code"], options["name"], options["kind"]))]


def _kind(text: str | None) -> str:
    """The type from a spreadsheet cell: a code (opd, kelurahan) or the start of a word (Kelurahan, Kecamatan)."""
    text = (text or "opd").strip().lower()
    for value in Opd.Kind.values:
        if text == value or text.startswith(value) or (value == "kelurahan" and text.startswith("desa")):
            return value
    return text  # refused by opd_create with the list of types


def _as_dict(opd: Opd) -> dict:
    return {
        "id": opd.pk,
        "code": opd.code,
        "name": opd.name,
        "kind": opd.kind,
        "active": opd.is_active,
        "region": opd.region_id,
    }
