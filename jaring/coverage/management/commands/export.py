from pathlib import Path

import polars as pl
from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q

from jaring.bpjs.selectors import participation_frame
from jaring.lib.cli import action_parsers
from jaring.lib.spreadsheets import safe_text
from jaring.persons.models import Person
from jaring.persons.selectors import person_export_frame, record_export_frame
from jaring.registry.models import SourceRecord


class Command(BaseCommand):
    help = "Export stored data as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        for name, about in (
            (
                "records",
                "One line per stored source row: submission, file, sheet, row, status, issue codes, main "
                "fields and the person it was linked to.",
            ),
            ("persons", "One line per person: golden-record fields, how many source rows, BPJS status and KPJ."),
        ):
            action = actions.add_parser(name, help=about, description=about)
            action.add_argument("--out", required=True, metavar="FILE.csv", help="Where to write the CSV.")
            action.add_argument("--region", help="Only this region and what lies below it.")

    def handle(self, *args, action: str, out: str, region: str | None, **options) -> None:
        within = Q(region__code=region) | Q(region__code__startswith=f"{region}.") if region else Q()
        if action == "records":
            frame = record_export_frame(records=SourceRecord.objects.filter(within))
        else:
            frame = person_export_frame(persons=Person.objects.filter(within)).join(
                participation_frame(region_code=region), on="person_id", how="left", maintain_order="left"
            )
            frame = frame.with_columns(pl.col("bpjs_status").fill_null("none"), pl.col("kpj").fill_null(""))
        # Text a spreadsheet could run as a formula is defused, as in every file Jaring writes.
        frame.with_columns(safe_text(pl.col(pl.String))).write_csv(Path(out))
        self.stdout.write(f"{frame.height} baris ditulis ke {out}.")
