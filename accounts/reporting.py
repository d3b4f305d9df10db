import logging
import re

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

PESEL_LIKE = re.compile(r"(?<!\d)\d{11}(?!\d)")
HIDDEN = "***********"


def hide_pesel(text: str) -> str:
    return PESEL_LIKE.sub(HIDDEN, text)


class HidePeselInLogs(logging.Filter):
    """Every log line and traceback with an 11-digit number has it masked, whatever logged it.

    A database error quotes the duplicate key ("Key (pesel)=(…) already exists"), a request line
    its address: the message, its arguments and the formatted exception are masked before any
    handler (console, file, error mail) writes them.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if PESEL_LIKE.search(message):
            record.msg, record.args = hide_pesel(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = hide_pesel(record.exc_text)
        return True


class PersonalDataExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports hide PESEL numbers and identifiers besides Django's usual secrets."""

    hidden_settings = re.compile(
        SafeExceptionReporterFilter.hidden_settings.pattern + "|PESEL|DATABASE_URL", flags=re.I
    )

    def get_safe_request_meta(self, request):
        return {
            name: PESEL_LIKE.sub(self.cleansed_substitute, value) if isinstance(value, str)
            else value
            for name, value in super().get_safe_request_meta(request).items()
        }

    def get_post_parameters(self, request):
        cleansed = super().get_post_parameters(request).copy()
        for key in list(cleansed):
            if "pesel" in key.lower():
                cleansed[key] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request, tb_frame):
        return [
            (name, self.cleansed_substitute if PESEL_LIKE.search(repr(value)) else value)
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]


class PersonalDataExceptionReporter(ExceptionReporter):
    """Masks PESEL-like numbers in the query string and the URL of an error report."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        substitute = self.filter.cleansed_substitute
        if "request_GET_items" in data:
            data["request_GET_items"] = [
                (name, PESEL_LIKE.sub(substitute, value))
                for name, value in data["request_GET_items"]
            ]
        if "exception_value" in data:
            data["exception_value"] = hide_pesel(str(data["exception_value"]))
        if "request_insecure_uri" in data:
            data["request_insecure_uri"] = PESEL_LIKE.sub(
                substitute, str(data["request_insecure_uri"])
            )
        return data
