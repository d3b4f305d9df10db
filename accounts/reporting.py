import re

from django.views.debug import SafeExceptionReporterFilter

PESEL_LIKE = re.compile(r"\b\d{11}\b")


class PersonalDataExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports hide PESEL numbers and identifiers besides Django's usual secrets."""

    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|PESEL|DATABASE_URL", flags=re.I
    )

    def get_post_parameters(self, request):
        cleansed = super().get_post_parameters(request)
        for key in list(cleansed):
            if "pesel" in key.lower():
                cleansed[key] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request, tb_frame):
        return [
            (name, self.cleansed_substitute if PESEL_LIKE.search(repr(value)) else value)
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]
