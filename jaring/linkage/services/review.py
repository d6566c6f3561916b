"""People's decisions on pairs and persons: remembered, so linking never undoes them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.linkage.models import MatchPair
from jaring.persons.models import Person
from jaring.persons.selectors import person_record_ids, record_person_ids
from jaring.persons.services import person_merge
from jaring.persons.services import person_split as persons_split


def review_decide(*, actor: User | None, pair: MatchPair, same: bool) -> MatchPair:
    """Record a person's decision on a pair; "same" merges the two persons when they differ."""
    if pair.decision not in (MatchPair.Decision.REVIEW, MatchPair.Decision.AUTO):
        raise ValidationError("Pasangan ini sudah diputuskan.")
    owners = record_person_ids(record_ids=[pair.record_l_id, pair.record_r_id])
    left, right = owners.get(pair.record_l_id), owners.get(pair.record_r_id)
    before = {"decision": pair.decision, "person_l": left, "person_r": right}
    with transaction.atomic():
        pair.decision = MatchPair.Decision.SAME if same else MatchPair.Decision.DIFFERENT
        pair.decided_by, pair.decided_at = actor, timezone.now()
        pair.save(update_fields=["decision", "decided_by", "decided_at"])
        merged_into = None
        if same and left and right and left != right:
            merged_into = person_merge(actor=actor, region=pair.region, person_ids=(left, right)).pk
        audit_record(
            actor=actor,
            action="linkage.review_decide",
            obj=pair,
            region=pair.region,
            before=before,
            after={"decision": pair.decision, "merged_into": merged_into},
        )
    return pair


def person_split(*, actor: User, person: Person, record_ids: list[int]) -> Person:
    """Move `record_ids` out of `person` into a new person, and remember that the two are different."""
    with transaction.atomic():
        own = person_record_ids(person=person)
        other = persons_split(actor=actor, person=person, record_ids=record_ids)
        moving = set(record_ids)
        _remember_different(actor=actor, person=person, left=moving, right=own - moving)
    return other


def _remember_different(*, actor: User, person: Person, left: set[int], right: set[int]) -> None:
    """Every pair across the two groups is remembered as different people, so linking does not rejoin them."""
    wanted = {(min(a, b), max(a, b)) for a in left for b in right}
    decided = {"decision": MatchPair.Decision.DIFFERENT, "decided_by": actor, "decided_at": timezone.now()}
    stored = MatchPair.objects.filter(
        record_l_id__in=[low for low, _high in wanted], record_r_id__in=[h for _l, h in wanted]
    )
    known = {
        (pair.record_l_id, pair.record_r_id): pair.pk
        for pair in stored
        if (pair.record_l_id, pair.record_r_id) in wanted
    }
    MatchPair.objects.filter(pk__in=known.values()).update(**decided)
    MatchPair.objects.bulk_create(
        MatchPair(region=person.region, record_l_id=low, record_r_id=high, probability=0.0, **decided)
        for low, high in sorted(wanted - known.keys())
    )
