"""What bpjs tells the apps above it; it imports none of them.

`roster_stored(snapshot=...)` is sent inside the transaction that stored a roster (or met the same file
again): the linkage matches the entries still unmatched to persons (`roster_apply_matches`) before the
roster's counts are audited, whether the roster came from the page, a job or `jaring roster import`.
"""

from django.dispatch import Signal

roster_stored = Signal()
