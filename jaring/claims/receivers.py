"""Claims follow the persons below them (`jaring.persons.signals`)."""

from typing import Any

from django.dispatch import receiver

from jaring.claims.services import claims_follow_merge
from jaring.persons.signals import persons_merged


@receiver(persons_merged, dispatch_uid="claims_follow_merge")
def follow_merge(sender: Any, *, region: Any, kept: int, gone: int, **kwargs: Any) -> None:
    claims_follow_merge(kept=kept, gone=gone)
