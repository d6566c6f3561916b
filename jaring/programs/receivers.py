"""Programs follow the persons below them (`jaring.persons.signals`)."""

from typing import Any

from django.dispatch import receiver

from jaring.persons.signals import deaths_changed, persons_merged
from jaring.programs.services import enrolments_end_for_deaths, enrolments_follow_merge


@receiver(persons_merged, dispatch_uid="programs_follow_merge")
def follow_merge(sender: Any, *, region: Any, kept: int, gone: int, **kwargs: Any) -> None:
    enrolments_follow_merge(kept=kept, gone=gone)


@receiver(deaths_changed, dispatch_uid="programs_end_for_deaths")
def end_for_deaths(sender: Any, *, region: Any, person_ids: list[int] | None = None, **kwargs: Any) -> None:
    enrolments_end_for_deaths(region=region, person_ids=person_ids)
