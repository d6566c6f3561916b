"""Writes of the linkage: linking rows into persons, matching rosters onto them, and review decisions."""

from jaring.linkage.services.linking import LinkResult, link_region
from jaring.linkage.services.review import person_split, review_decide
from jaring.linkage.services.roster import roster_match

__all__ = ["LinkResult", "link_region", "person_split", "review_decide", "roster_match"]
