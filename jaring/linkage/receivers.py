"""The linkage's answers to what the apps below it announce (connected in LinkageConfig.ready)."""

from django.dispatch import receiver

from jaring.bpjs.models import RosterSnapshot
from jaring.bpjs.signals import roster_stored
from jaring.linkage.services.roster import roster_match


@receiver(roster_stored, sender=RosterSnapshot, dispatch_uid="linkage.roster_match")
def match_stored_roster(sender, *, snapshot: RosterSnapshot, **kwargs) -> None:
    roster_match(snapshot=snapshot)
