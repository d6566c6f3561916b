import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.commands import action_parsers, add_action, option_region
from jaring.core.linkage import nik_check_text
from jaring.core.nik import mask_nik
from jaring.persons.selectors import person_in_region, persons_nik_check_frame
from jaring.persons.services import nik_confirm


class Command(BaseCommand):
    help = "Persons whose NIK must be checked before it goes to BPJS, and the NIK seen on their KTP."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        listing = add_action(
            actions,
            "nik-checks",
            "The persons of the region whose NIK must be checked first (they wait at selection), and why.",
            json_help="Print a JSON array of {person, nik, why}.",
        )
        listing.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        confirm = add_action(
            actions,
            "confirm-nik",
            "The NIK was compared with the worker's KTP and is right: it becomes theirs and needs no check again.",
            json_help="Print {person, nik, nik_check}.",
        )
        confirm.add_argument("person", metavar="PERSON", help="Jaring's number (#12) or the NIK.")
        confirm.add_argument("--nik", help="The NIK on the KTP, when it is another of the person's rows' NIKs.")
        confirm.add_argument("--reason", required=True, help="How it was checked, e.g. 'KTP dilihat di kelurahan'.")
        confirm.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")

    def handle(self, *args, action: str, region: str | None, **options) -> None:
        place = option_region(region)
        if action == "nik-checks":
            frame = persons_nik_check_frame(region=place)
            if options["json"]:
                rows = [{"person": pk, "why": codes.split(",")} for pk, codes in frame.iter_rows()]
                self.stdout.write(json.dumps(rows))
                return
            self.stdout.write(f"{frame.height:,} orang menunggu pemeriksaan NIK.".replace(",", "."))
            for pk, codes in frame.iter_rows():
                self.stdout.write(f"  #{pk}: {nik_check_text(codes)}")
            return
        person = person_in_region(region=place, key=options["person"])
        if person is None:
            raise CommandError(f"Orang {options['person']} tidak ada di {place.name}.")
        try:
            person = nik_confirm(actor=None, person=person, reason=options["reason"], nik=options["nik"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps({"person": person.pk, "nik": person.nik, "nik_check": person.nik_check}))
            return
        self.stdout.write(f"NIK #{person.pk} ({mask_nik(person.nik)}) dikonfirmasi: boleh dipilih dan dikirim ke BPJS.")
