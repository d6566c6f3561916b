import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.core.intake import FileRejected, mask_nik
from jaring.core.linkage import nik_check_text
from jaring.lib.cli import action_parsers, add_action
from jaring.persons.selectors import person_in_region, persons_nik_check_frame
from jaring.persons.services import nik_confirm, nik_verifications_import
from jaring.regions.cli import option_region


class Command(BaseCommand):
    help = "Persons whose NIK must be checked before it goes to BPJS, the NIK seen on their KTP, Dukcapil's answers."

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
        verify = add_action(
            actions,
            "verify-niks",
            "Load Dukcapil's answer (NIK and its result: SESUAI, NAMA TIDAK SESUAI or TIDAK "
            "DITEMUKAN, in a column HASIL, STATUS or KETERANGAN) on the NIKs sent to it, e.g. the file of "
            "`jaring program export ID --list dukcapil --out FILE.xlsx`. A NIK Dukcapil knows under the "
            "person's name needs no other check; one it knows as someone else's, or not at all, keeps its person "
            "out of enrolment batches until the NIK on the KTP is confirmed. Rows that cannot be used are listed "
            "with the reason and change nothing.",
            json_help="Print {file_name, duplicate_of, rows, found, other_name, not_found, refused, persons, "
            "persons_waiting, niks_without_person, problems}.",
        )
        verify.add_argument("file", metavar="FILE")
        verify.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")

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
        if action == "verify-niks":
            self._verify(place, options)
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

    def _verify(self, place, options) -> None:
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas {path} tidak ada.")
        try:
            result = nik_verifications_import(actor=None, region=place, file_name=path.name, data=path.read_bytes())
        except FileRejected as exc:
            raise CommandError(f"[{exc.code}] {exc.message}") from exc
        data = result.to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        if data["duplicate_of"]:
            self.stdout.write(f"{path.name}: {data['duplicate_of']} Tidak ada yang diubah.")
            return
        self.stdout.write(
            f"{path.name}: {data['rows']} baris; {data['found']} NIK milik orangnya, {data['other_name']} milik orang "
            f"lain, {data['not_found']} tidak ditemukan di Dukcapil, {data['refused']} baris ditolak. "
            f"{data['persons']} orang memegang NIK tersebut; {data['persons_waiting']} menunggu NIK-nya diperiksa dan "
            f"tidak ikut batch. {data['niks_without_person']} NIK yang dijawab tidak dipegang siapa pun di Jaring."
        )
        for problem in data["problems"]:
            where = f"{problem['sheet']} baris {problem['row']}" if problem["sheet"] else f"baris {problem['row']}"
            self.stdout.write(f"  {where} {problem['name'] or '—'}: {problem['reason']}")
