import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.lib.cli import action_parsers, add_action
from jaring.programs.models import EnrolmentBatch
from jaring.programs.selectors import batch_get, program_get
from jaring.programs.services import (
    batch_create,
    batch_file,
    batch_profile_for,
    batch_profile_update,
    batch_response_import,
    profile_columns_from_text,
)
from jaring.regions.cli import option_region


class Command(BaseCommand):
    help = "Enrolment batches to BPJS: make one, export its file (xlsx/csv), import BPJS's response."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        create = add_action(
            actions, "create", "Put every selected person not yet sent into a new batch.", json_help="Print as JSON."
        )
        create.add_argument("--program", type=int, required=True, metavar="ID")
        export = add_action(actions, "export", "Write a batch's bulk-registration file.", json_help="Print as JSON.")
        export.add_argument("batch", type=int, metavar="BATCH_ID")
        export.add_argument("--out", help="File to write (.xlsx or .csv; default: batch-<program>-<n>.xlsx here).")
        response = add_action(
            actions,
            "import-response",
            "Apply BPJS's response file (NIK, KPJ, status, reason) to a batch: all rows or none.",
            json_help="Print the counts as JSON.",
        )
        response.add_argument("batch", type=int, metavar="BATCH_ID")
        response.add_argument("file")
        profile = add_action(
            actions,
            "profile",
            "Show the region's batch-file columns, or set them from a text file of 'HEADER = field' lines.",
            json_help="Print the columns as JSON.",
        )
        profile.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        profile.add_argument("--set", metavar="FILE", help="Text file with one 'HEADER = field' line per column.")

    def handle(self, *args, action: str, **options) -> None:
        try:
            data, text = getattr(self, f"_{action.replace('-', '_')}")(options)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self.stdout.write(text)

    def _create(self, options: dict) -> tuple[dict, str]:
        program = program_get(pk=options["program"])
        if program is None:
            raise CommandError(f"Program #{options['program']} tidak ada.")
        result = batch_create(actor=None, program=program)
        text = f"Batch #{result.batch_id} (ke-{result.number}): {result.persons:,} orang."
        if result.nik_check_waiting:
            text += f" {result.nik_check_waiting:,} tidak ikut sampai NIK-nya diperiksa."
        return result.to_dict(), text.replace(",", ".")

    def _export(self, options: dict) -> tuple[dict, str]:
        batch = _batch(options["batch"])
        out = Path(options["out"]) if options["out"] else None
        fmt = "csv" if out is not None and out.suffix.lower() == ".csv" else "xlsx"
        name, content = batch_file(batch=batch, fmt=fmt)
        path = out or Path(name)
        path.write_bytes(content)
        persons = batch.counts.get("persons", 0)
        return {"batch": batch.pk, "file": str(path), "persons": persons}, f"{path}: {persons:,} orang.".replace(
            ",", "."
        )

    def _import_response(self, options: dict) -> tuple[dict, str]:
        batch = _batch(options["batch"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ada.")
        result = batch_response_import(actor=None, batch=batch, file_name=path.name, data=path.read_bytes())
        return result.to_dict(), (
            f"Diterima {result.accepted:,}, ditolak {result.rejected:,} (kembali ke daftar tunggu: "
            f"{result.returned_to_waiting:,}), tidak berubah {result.unchanged:,}."
        ).replace(",", ".")

    def _profile(self, options: dict) -> tuple[dict, str]:
        profile = batch_profile_for(region=option_region(options["region"]))
        if options["set"]:
            text = Path(options["set"]).read_text(encoding="utf-8")
            profile = batch_profile_update(actor=None, profile=profile, columns=profile_columns_from_text(text))
        lines = [f"{header} = {field}" for header, field in profile.columns]
        return {"name": profile.name, "columns": profile.columns}, "\n".join([f"Profil {profile.name}:", *lines])


def _batch(pk: int) -> EnrolmentBatch:
    batch = batch_get(pk=pk)
    if batch is None:
        raise CommandError(f"Batch #{pk} tidak ada.")
    return batch
