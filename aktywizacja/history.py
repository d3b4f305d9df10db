"""Who made a change: each save of a record with history (django-simple-history) names the
person it was made by, in the request or not (an import in the background, a command)."""


def attributed(instance, by):
    """``instance``, its next save recorded in its history as made by ``by``."""
    instance._history_user = by
    return instance
