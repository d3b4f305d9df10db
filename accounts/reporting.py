import re

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

PESEL_LIKE = re.compile(r"\b\d{11}\b")


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
        if "request_insecure_uri" in data:
            data["request_insecure_uri"] = PESEL_LIKE.sub(
                substitute, str(data["request_insecure_uri"])
            )
        return data
