"""The demo loaded once for many tests: it records everything through the services (seconds,
not milliseconds), so a module or class of tests shares one load, rolled back after them."""

from contextlib import contextmanager

from django.db import transaction

from demo.loader import load_demo


@contextmanager
def demo_loaded(django_db_blocker):
    """Inside: the demo loaded in an open transaction, rolled back on leaving."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_demo()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
