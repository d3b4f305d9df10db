"""What the apps above may follow about participations without the participants app knowing them.

``participations_changed`` is sent by the services, inside their transaction, with the
``participations`` whose dates or edition may have changed: the hours summed per participation
(``instruments.hours``, an app above this one) are recomputed by its receiver.
"""

from django.dispatch import Signal

participations_changed = Signal()
