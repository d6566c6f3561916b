"""What persons tell the apps above them; it imports none of them.

`persons_merged(region=..., kept=..., gone=...)` is sent inside the transaction that made two persons one
(`person_merge`), after the rows moved: programs move the gone person's enrolments to the kept one, so
money and membership follow the worker, and two enrolments for the same months become one person's
double enrolment that billing shows.
"""

from django.dispatch import Signal

persons_merged = Signal()
