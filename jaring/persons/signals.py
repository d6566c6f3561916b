"""What persons tell the apps above them; it imports none of them.

`persons_merged(region=..., kept=..., gone=...)` is sent inside the transaction that made two persons one
(`person_merge`), after the rows moved: programs move the gone person's enrolments to the kept one, so
money and membership follow the worker, and two enrolments for the same months become one person's
double enrolment that billing shows.

`deaths_changed(region=..., person_ids=...)` is sent inside the transaction that stored deaths (a death
list or a match run: `person_ids` None, anyone may have died; a death recorded on a person's page: that
person): programs end the active enrolments of those who died.
"""

from django.dispatch import Signal

persons_merged = Signal()
deaths_changed = Signal()
