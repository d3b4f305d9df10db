"""No PESEL in any log line or error mail (SECURITY.md; RODO art. 32).

conftest.py also keeps every log record of the whole suite, passed through the filters of the
configured console handler, and fails the run if one of them holds a valid PESEL.
"""

import io
import logging

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import RequestFactory

PESEL = "85041200226"
DUPLICATE = (
    'duplicate key value violates unique constraint "person_pesel_unique"\n'
    f"DETAIL:  Key (pesel)=({PESEL}) already exists."
)


def _console_handler() -> logging.Handler:
    [handler] = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    return handler


def _raised_duplicate():
    try:
        raise IntegrityError(DUPLICATE)
    except IntegrityError as error:
        return (type(error), error, error.__traceback__)


def test_a_database_error_quoting_a_pesel_is_logged_without_it():
    handler = _console_handler()
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", f"/uczestnicy/?q={PESEL}", exc_info=_raised_duplicate(),
        )
    finally:
        handler.setStream(previous)

    written = stream.getvalue()
    assert "Key (pesel)=(***********) already exists." in written
    assert PESEL not in written


@pytest.mark.django_db
def test_an_error_mail_carries_no_pesel(settings):
    settings.ADMINS = [("Administrator", "admin@example.org")]
    settings.DEBUG = False
    request = RequestFactory().post("/uczestnicy/nowy/", {"pesel": PESEL})

    logging.getLogger("django.request").error(
        "Internal Server Error: %s", request.path, exc_info=_raised_duplicate(),
        extra={"status_code": 500, "request": request},
    )

    [message] = mail.outbox
    assert "already exists" in message.body
    assert PESEL not in message.subject + message.body
    assert all(PESEL not in str(content) for content, _type in message.alternatives)
