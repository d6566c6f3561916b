"""The one reader of every list Jaring takes: a file's sheets, their header rows matched to a vocabulary's
fields, their data rows as one frame; a layout matched by a close spelling only waits for a person."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from jaring.core.intake.headers import WORKER_LIST, TableLayout, Vocabulary, detect_layout, extract_rows, raw_labels
from jaring.core.intake.tabular import ROW, ReadLimits, Sheet, read_table_file


class MappingNeedsConfirmation(Exception):
    """Some columns were matched by a close spelling only; a person should confirm them first."""

    def __init__(self, sheets: list[dict[str, Any]]):
        super().__init__("column mapping needs confirmation")
        self.sheets = sheets  # layout summaries with sample values


@dataclass
class Listing:
    """The data rows of every sheet of a file, one frame, with how each sheet was read."""

    frame: pl.DataFrame  # one column per recognised field, plus sheet, row and raw
    layouts: list[TableLayout]
    skipped: dict[str, int]  # blank, header and footer rows passed over


def list_read(
    *,
    file_name: str,
    data: bytes,
    limits: ReadLimits,
    vocabulary: Vocabulary = WORKER_LIST,
    sheet: str | None = None,
    overrides: dict[str, dict[str, str]] | None = None,
    confirm_uncertain: bool = False,
    on_read: Callable[[], None] | None = None,
) -> Listing:
    """Read any list Jaring takes (worker lists, BPJS rosters and responses, death lists, Dukcapil's answers):
    sheets, header rows, data rows, each field named by `vocabulary`; `limits` bound what is read.

    Raises FileRejected for a file that cannot be read, and, with `confirm_uncertain`,
    MappingNeedsConfirmation when a sheet's columns were matched by a close spelling only.
    """
    sheets = read_table_file(data, file_name=file_name, sheet=sheet, limits=limits)
    if on_read is not None:
        on_read()
    layouts, frames, skipped = [], [], {"blank": 0, "header": 0, "footer": 0}
    uncertain = []
    for item in sheets:
        layout = detect_layout(item, vocabulary=vocabulary, overrides=(overrides or {}).get(item.name))
        if confirm_uncertain and layout.uncertain and item.name not in (overrides or {}):
            uncertain.append(layout_summary(layout, samples=item))
        rows = extract_rows(item, layout)
        layouts.append(layout)
        frames.append(rows.frame.with_columns(sheet=pl.lit(item.name)))
        skipped = {reason: skipped[reason] + count for reason, count in rows.skipped.items()}
    if uncertain:
        raise MappingNeedsConfirmation(uncertain)
    return Listing(frame=pl.concat(frames, how="diagonal_relaxed"), layouts=layouts, skipped=skipped)


def layout_summary(layout: TableLayout, *, samples: Sheet | None = None) -> dict[str, Any]:
    below = samples.frame.filter(pl.col(ROW) > layout.header_row).head(20) if samples is not None else None
    return {
        "name": layout.sheet,
        "header_row": layout.header_row,
        "columns": [
            {
                "column": match.column,
                "label": label,
                "field": match.field,
                "certain": match.certain,
                **(
                    {"samples": below.get_column(match.column).drop_nulls().head(3).to_list()}
                    if below is not None
                    else {}
                ),
            }
            for match, label in zip(layout.columns, raw_labels(layout), strict=True)
        ],
    }
