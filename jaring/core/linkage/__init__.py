"""Linking people across lists: what the apps may use. Everything else in this package is internal.

- `link_people` scores and clusters a region's rows (training a model, or with a stored one);
  `link_new_records` scores only new rows against existing ones.
- `apply_remembered_decisions`, `assign_persons` and `golden_records` turn scored pairs into
  persons; the apps read rows, call these, and write the frames back in bulk.
- `match_roster` matches a BPJS roster's entries to persons (sure matches, then the model);
  `duplicate_heavy_submissions` is the circuit breaker on lists that mostly repeat known persons;
  `pairs_to_store` shapes scored pairs for the review queue.
- `Engine` carries the limits (DuckDB memory) the caller passes in; nothing here reads settings.
"""

from jaring.core.linkage.database import Engine
from jaring.core.linkage.pairs import duplicate_heavy_submissions, pairs_to_store
from jaring.core.linkage.persons import (
    DIFFERENT,
    GOLDEN_FIELDS,
    GOLDEN_RULE,
    PERSON_FIELDS,
    SAME,
    apply_remembered_decisions,
    assign_persons,
    golden_records,
    nik_check_text,
    person_schema,
    persons_sharing_nik,
)
from jaring.core.linkage.pipeline import (
    APART,
    AUTO,
    BASELINE,
    EVIDENCE_COLUMNS,
    INDONESIAN,
    MIN_ROWS_TO_TRAIN,
    REVIEW,
    LinkageResult,
    Model,
    Thresholds,
    connected_components,
    default_model,
    link_new_records,
    link_people,
)
from jaring.core.linkage.roster import ROSTER_MATCH_SCHEMA, match_roster, sure_roster_matches

__all__ = [
    "APART",
    "AUTO",
    "BASELINE",
    "DIFFERENT",
    "EVIDENCE_COLUMNS",
    "GOLDEN_FIELDS",
    "GOLDEN_RULE",
    "INDONESIAN",
    "MIN_ROWS_TO_TRAIN",
    "PERSON_FIELDS",
    "REVIEW",
    "ROSTER_MATCH_SCHEMA",
    "SAME",
    "Engine",
    "LinkageResult",
    "Model",
    "Thresholds",
    "apply_remembered_decisions",
    "assign_persons",
    "connected_components",
    "default_model",
    "duplicate_heavy_submissions",
    "golden_records",
    "link_new_records",
    "link_people",
    "match_roster",
    "nik_check_text",
    "pairs_to_store",
    "person_schema",
    "persons_sharing_nik",
    "sure_roster_matches",
]
