from django.contrib import admin
from django.urls import include, path

from accounts.urls import auth_urlpatterns

urlpatterns = [
    path("", include("home.urls")),
    path("", include("accounts.urls")),
    path("", include(auth_urlpatterns)),
    path("projekty/", include("projects.urls")),
    path("uczestnicy/", include("participants.urls")),
    path("uczestnicy/", include("card.urls")),
    path("wsparcie/", include("instruments.urls")),
    path("kontrakty/", include("contracts.urls")),
    path("szkolenia/", include("trainings.urls")),
    path("zatrudnienie/", include("employment.urls")),
    path("wydarzenia/", include("events.urls")),
    path("zgody/", include("consents.urls")),
    path("rezultaty/", include("results.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("dokumenty/", include("documents.urls")),
    path("teczka/", include("dossier.urls")),
    path("raporty/", include("reporting.urls")),
    path("ochrona-danych/", include("privacy.urls")),
    path("retencja/", include("retention.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
