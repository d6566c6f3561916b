"""Reading the lists Jaring takes — OPD worker lists, BPJS rosters and responses, death lists, Dukcapil's
answers: what the apps may use. Everything else in this package is internal.

- `list_read` reads any file (sheets, header rows matched to a `Vocabulary`, data rows, `ReadLimits`);
  `FileRejected` says why a whole file cannot be read, `MappingNeedsConfirmation` that a person
  should confirm columns matched by a close spelling.
- `normalise_records` types and checks worker rows (NIK, names, dates, address, occupation, desil)
  for a region (`RegionPlaces`) and reference date (`Rules`); `normalise_roster` does BPJS's rows.
- `match_corrections` and friends: which rows of a corrected list sent back correct which stored rows.
- `parse_nik`/`parse_nik_frame`, `mask_nik`, `excel_copies`: the NIK; `messages`: issue texts in
  Indonesian and English.
"""

from jaring.core.intake.address import RegionPlaces
from jaring.core.intake.checks import Rules
from jaring.core.intake.corrections import (
    STORED_SCHEMA,
    STORED_TEXT_FIELDS,
    changed_corrections,
    corrected_values,
    issue_codes,
    issues_json,
    match_corrections,
    named_record_ids,
)
from jaring.core.intake.headers import (
    FIELD_LABELS,
    ROSTER,
    SYNONYMS,
    WORKER_LIST,
    TableLayout,
    Vocabulary,
    detect_layout,
    extract_rows,
    field_label,
    raw_labels,
)
from jaring.core.intake.messages import (
    LABELS,
    Label,
    Template,
    file_rejection_text,
    is_english,
    issue_label,
    issue_message,
)
from jaring.core.intake.nik import excel_copies, mask_nik, parse_nik, parse_nik_frame
from jaring.core.intake.reader import Listing, MappingNeedsConfirmation, layout_summary, list_read
from jaring.core.intake.records import (
    ACCEPTED,
    ACCEPTED_WITH_WARNINGS,
    REJECTED,
    normalise_records,
    parse_date_expr,
)
from jaring.core.intake.roster import ACTIVE, INACTIVE, normalise_roster
from jaring.core.intake.tabular import ROW, FileRejected, ReadLimits, Sheet, read_table_file

__all__ = [
    "ACCEPTED",
    "ACCEPTED_WITH_WARNINGS",
    "ACTIVE",
    "FIELD_LABELS",
    "INACTIVE",
    "LABELS",
    "REJECTED",
    "ROSTER",
    "ROW",
    "STORED_SCHEMA",
    "STORED_TEXT_FIELDS",
    "SYNONYMS",
    "WORKER_LIST",
    "FileRejected",
    "Label",
    "Listing",
    "MappingNeedsConfirmation",
    "ReadLimits",
    "RegionPlaces",
    "Rules",
    "Sheet",
    "TableLayout",
    "Template",
    "Vocabulary",
    "changed_corrections",
    "corrected_values",
    "detect_layout",
    "excel_copies",
    "extract_rows",
    "field_label",
    "file_rejection_text",
    "is_english",
    "issue_codes",
    "issue_label",
    "issue_message",
    "issues_json",
    "layout_summary",
    "list_read",
    "mask_nik",
    "match_corrections",
    "named_record_ids",
    "normalise_records",
    "normalise_roster",
    "parse_date_expr",
    "parse_nik",
    "parse_nik_frame",
    "raw_labels",
    "read_table_file",
]
