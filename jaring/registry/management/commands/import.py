import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jaring.accounts.selectors import opd_by_code, opd_missing_text
from jaring.core.intake import FileRejected
from jaring.lib.cli import option_date
from jaring.regions.cli import option_region
from jaring.registry.services import SameFileElsewhere, submission_import


class Command(BaseCommand):
    help = (
        "Import OPD worker lists (xlsx, xls, ods, csv): every row kept, normalised, validated and explained. "
        "Exit status 1 when a file was refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--source",
            required=True,
            help="The OPD that sent the list, by its code (e.g. DINSOS; see `jaring opd list`): the list becomes "
            "that OPD's, as if its operator had uploaded it.",
        )
        parser.add_argument(
            "--same-file-ok",
            action="store_true",
            help="Store the file even when another OPD already sent the very same file (refused otherwise).",
        )
        parser.add_argument("--sheet", help="Read only this sheet (default: every sheet with data).")
        parser.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        parser.add_argument("--on", metavar="YYYY-MM-DD", help="Reference date for ages (default: today).")
        parser.add_argument("--json", action="store_true", help="Print one JSON object per file.")

    def handle(
        self, *args, files: list[str], source: str, sheet: str | None, region: str | None, on: str | None, **options
    ) -> None:
        place = option_region(region)
        reference = option_date(on, flag="--on") or timezone.localdate()
        opd = opd_by_code(region=place, code=source)
        if opd is None:
            raise CommandError(opd_missing_text(region=place, code=source))
        if not opd.is_active:
            raise CommandError(f"OPD {opd.code} sudah dinonaktifkan dan tidak menerima daftar baru.")
        failed = False
        for path in map(Path, files):
            try:
                result = submission_import(
                    actor=None,
                    region=place,
                    source=opd.code,
                    opd=opd,
                    file_name=path.name,
                    data=path.read_bytes(),
                    sheet=sheet,
                    on=reference,
                    progress=None if options["json"] else self._progress_bar(path.name),
                    same_file_ok=options["same_file_ok"],
                )
            except FileNotFoundError as exc:
                raise CommandError(f"Berkas {path} tidak ada.") from exc
            except SameFileElsewhere as exc:
                failed = True
                message = (
                    f"{exc.message} Ulangi dengan --same-file-ok untuk tetap menyimpannya sebagai daftar {opd.code}."
                )
                if options["json"]:
                    self.stdout.write(
                        json.dumps({"file": path.name, "error": "file.same_elsewhere", "message": message})
                    )
                else:
                    self.stderr.write(f"{path.name}: DITAHAN {message}")
                continue
            except FileRejected as exc:
                failed = True
                if options["json"]:
                    self.stdout.write(json.dumps({"file": path.name, "error": exc.code, "message": exc.message}))
                else:
                    self.stderr.write(f"{path.name}: DITOLAK [{exc.code}] {exc.message}")
                continue
            if options["json"]:
                self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False))
            else:
                self._report(result)
        if failed:
            raise SystemExit(1)

    def _progress_bar(self, name: str):
        """A one-line progress bar on stderr, so stdout keeps only the result."""

        def show(percent: int, stage: str) -> None:
            filled = percent // 5
            self.stderr.write(
                f"\r{name}: [{'#' * filled}{'.' * (20 - filled)}] {percent:3d}% {stage:<40}",
                ending="\n" if percent >= 100 else "",
            )
            self.stderr.flush()

        return show

    def _report(self, result) -> None:
        data = result.to_dict()
        if result.duplicate_of:
            self.stdout.write(
                f"{data['file']}: sama persis dengan kiriman #{data['submission_id']}; tidak ada yang baru."
            )
            return
        self.stdout.write(
            f"{data['file']}: kiriman #{data['submission_id']}, {data['rows']} baris: {data['accepted']} diterima, "
            f"{data['warnings']} diterima dengan catatan, {data['rejected']} ditolak, {data['updated']} memperbaiki "
            f"baris lama, {data['skipped']} dilewati."
        )
        for layout in result.layouts:
            for match in layout.uncertain:
                self.stdout.write(
                    f"  lembar {layout.sheet}: kolom “{match.label}” dibaca sebagai {match.field} (periksa)"
                )
            for match in layout.unknown:
                self.stdout.write(f"  lembar {layout.sheet}: kolom “{match.label}” tidak dikenali; disimpan apa adanya")
        for code, count in data["issues"].items():
            self.stdout.write(f"  {code}: {count}")
