import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.linkage.services import link_region
from jaring.regions.cli import option_region


class Command(BaseCommand):
    help = (
        "Link the accepted source rows of a region into persons: one person, one record. Rows linked before "
        "are not compared again; pairs the model is unsure of go to the review queue."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print {persons, new_persons, auto_links, review_pairs, already_covered, seconds}.",
        )

    def handle(self, *args, region: str | None, **options) -> None:
        place = option_region(region)
        try:
            result = link_region(actor=None, region=place)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict()))
            return
        self.stdout.write(
            f"{place.name}: {result.persons} orang ({result.new_persons} baru), {result.auto_links} pasangan "
            f"ditautkan otomatis, {result.review_pairs} menunggu pemeriksaan, {result.already_covered} sudah "
            f"terlindungi BPJS; {result.seconds:.1f} detik."
        )
