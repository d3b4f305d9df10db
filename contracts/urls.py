from django.urls import path

from .views import due, page, prints, screens

app_name = "contracts"

urlpatterns = [
    path("do-przegladu/", due.contract_due, name="contract_due"),
    path(
        "uczestnik/<int:participation_pk>/",
        page.participation_contract,
        name="participation_contract",
    ),
    path(
        "uczestnik/<int:participation_pk>/nowy/",
        screens.ContractCreate.as_view(),
        name="contract_create",
    ),
    path("<int:pk>/", page.contract_detail, name="contract_detail"),
    path("<int:pk>/edycja/", screens.ContractUpdate.as_view(), name="contract_update"),
    path("<int:pk>/pdf/", prints.contract_pdf, name="contract_pdf"),
    path("aneks/<int:pk>/pdf/", prints.amendment_pdf, name="amendment_pdf"),
    path("<int:pk>/dzialania/", page.action_add, name="action_add"),
    path("<int:pk>/monitoring/", page.monitoring_add, name="monitoring_add"),
    path("<int:pk>/aneks/", page.amendment_add, name="amendment_add"),
    path("<int:pk>/zamkniecie/", page.contract_close_view, name="contract_close"),
    path("dzialanie/<int:pk>/wykonanie/", page.action_done, name="action_done"),
]
