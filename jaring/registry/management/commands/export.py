from pathlib import Path

import polars as pl
from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q

from jaring.commands import action_parsers
from jaring.linkage.models import Person
from jaring.linkage.selectors import person_export_frame
from jaring.registry.exports import safe_text
from jaring.registry.models import SourceRecord
from jaring.registry.selectors import source_record_export_frame


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
            frame = source_record_export_frame(records=SourceRecord.objects.filter(within))
        else:
            frame = person_export_frame(persons=Person.objects.filter(within))
        # Text a spreadsheet could run as a formula is defused, as in every file Jaring writes.
        frame.with_columns(safe_text(pl.col(pl.String))).write_csv(Path(out))
        self.stdout.write(f"{frame.height} baris ditulis ke {out}.")
