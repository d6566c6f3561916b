from pathlib import Path

import polars as pl
from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q

from jaring.commands import action_parsers
from jaring.registry.exports import safe_text
from jaring.registry.models import SourceRecord
from jaring.registry.selectors import source_record_export_frame


class Command(BaseCommand):
    help = "Export stored data as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        about = "One line per stored source row: submission, file, sheet, row, status, issue codes and main fields."
        records = actions.add_parser("records", help=about, description=about)
        records.add_argument("--out", required=True, metavar="FILE.csv", help="Where to write the CSV.")
        records.add_argument("--region", help="Only this region and what lies below it.")

    def handle(self, *args, action: str, out: str, region: str | None, **options) -> None:
        records = SourceRecord.objects.all()
        if region:
            records = records.filter(Q(region__code=region) | Q(region__code__startswith=f"{region}."))
        frame = source_record_export_frame(records=records)
        frame.with_columns(safe_text(pl.col(pl.String))).write_csv(Path(out))
        self.stdout.write(f"{frame.height} baris ditulis ke {out}.")
