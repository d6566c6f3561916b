"""Reads of the linkage: the review queue, stored pairs and remembered decisions."""

from dataclasses import dataclass, field

import polars as pl
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jaring.core.occupations import occupation_label
from jaring.lib.bulk import read_frame
from jaring.linkage.evidence import explain
from jaring.linkage.models import MatchPair
from jaring.regions.models import Region
from jaring.regions.selectors import region_names
from jaring.registry.models import SourceRecord
from jaring.registry.selectors import source_records

# The fields shown side by side for a pair, with their labels.
PAIR_FIELDS = (
    ("nik", "NIK"),
    ("name", _("Name")),
    ("birth_date", _("Birth date")),
    ("sex", _("Sex")),
    ("kelurahan_code", _("Kelurahan")),
    ("phone", _("Phone")),
    ("occupation", _("Occupation")),
)


@dataclass
class ReviewCard:
    """One pair waiting for a decision, as the page and `jaring review list` show it."""

    pair: MatchPair
    left: SourceRecord
    right: SourceRecord
    evidence: list[dict]
    places: dict[str, str] = field(default_factory=dict)  # kelurahan code -> name

    @property
    def percent(self) -> int:
        return round(self.pair.probability * 100)

    @property
    def rows(self) -> list[dict]:
        rows = []
        for name, label in PAIR_FIELDS:
            left, right = getattr(self.left, name), getattr(self.right, name)
            same = left == right and left not in ("", None)
            if name == "occupation":  # a catalogue code (guru_ngaji) is shown by its label
                left, right = (occupation_label(value) if value else value for value in (left, right))
            if name == "kelurahan_code":  # 35.73.05.1004 is shown as the kelurahan's name
                left, right = (self.places.get(value, value) if value else value for value in (left, right))
            rows.append(
                {
                    "label": str(label),
                    "left": left or "—",
                    "right": right or "—",
                    "same": same,
                }
            )
        return rows

    def to_dict(self) -> dict:
        return {
            "pair_id": self.pair.pk,
            "probability": round(self.pair.probability, 4),
            "left": {"record_id": self.left.pk, "name": self.left.name, "nik": self.left.nik},
            "right": {"record_id": self.right.pk, "name": self.right.name, "nik": self.right.nik},
            "evidence": [line["text"] for line in self.evidence],
        }


def undecided_pairs_count(*, region: Region) -> int:
    """Possible duplicates of the kabupaten/kota still waiting for a person's decision."""
    return MatchPair.objects.filter(region=region, decision=MatchPair.Decision.REVIEW).count()


def review_queue(*, pairs: QuerySet[MatchPair]) -> QuerySet[MatchPair]:
    """Pairs waiting for a decision, most likely first; `pairs` is already scoped to the reader."""
    return pairs.filter(decision=MatchPair.Decision.REVIEW).order_by("-probability", "id")


def review_cards(*, pairs) -> list[ReviewCard]:
    """The cards of a page of the queue, with both rows and the evidence in plain Indonesian."""
    pairs = list(pairs)
    records = source_records(ids=[p.record_l_id for p in pairs] + [p.record_r_id for p in pairs]).in_bulk()
    codes = {record.kelurahan_code for record in records.values() if record.kelurahan_code}
    places = region_names(codes=codes)
    return [
        ReviewCard(
            pair=pair,
            left=records[pair.record_l_id],
            right=records[pair.record_r_id],
            evidence=explain(pair.evidence),
            places=places,
        )
        for pair in pairs
    ]


def decided_pairs_frame(*, region: Region) -> pl.DataFrame:
    """Pairs a person decided (l < r, remembered "same" or "different")."""
    return read_frame(
        MatchPair.objects.filter(
            region=region, decision__in=[MatchPair.Decision.SAME, MatchPair.Decision.DIFFERENT]
        ).order_by(),
        {"l": pl.Int64, "r": pl.Int64, "remembered": pl.String},
        fields={"l": "record_l_id", "r": "record_r_id", "remembered": "decision"},
    )


def undecided_person_pairs_frame(*, region: Region) -> pl.DataFrame:
    """person_l, person_r (l < r): two persons a pair of their rows says may be one, still waiting for a decision.

    Until someone decides, paying both may pay one worker twice: programs take at most one of them.
    """
    pairs = read_frame(
        MatchPair.objects.filter(region=region, decision=MatchPair.Decision.REVIEW).order_by(),
        {"a": pl.Int64, "b": pl.Int64},
        fields={"a": "record_l__person_link__person_id", "b": "record_r__person_link__person_id"},
    )
    return (
        pairs.drop_nulls()
        .filter(pl.col("a") != pl.col("b"))
        .select(person_l=pl.min_horizontal("a", "b"), person_r=pl.max_horizontal("a", "b"))
        .unique(maintain_order=True)
    )
