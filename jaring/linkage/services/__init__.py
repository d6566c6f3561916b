"""Writes of the linkage: linking rows and rosters to persons, and people's review decisions."""

from jaring.linkage.services.linking import LinkResult, link_region, roster_import
from jaring.linkage.services.review import person_split, review_decide

__all__ = ["LinkResult", "link_region", "person_split", "review_decide", "roster_import"]
