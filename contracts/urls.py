from django.urls import path

from . import views

app_name = "contracts"

urlpatterns = [
    path("do-przegladu/", views.contract_due, name="contract_due"),
    path(
        "uczestnik/<int:participation_pk>/",
        views.participation_contract,
        name="participation_contract",
    ),
    path(
        "uczestnik/<int:participation_pk>/nowy/",
        views.ContractCreate.as_view(),
        name="contract_create",
    ),
    path("<int:pk>/", views.contract_detail, name="contract_detail"),
    path("<int:pk>/edycja/", views.ContractUpdate.as_view(), name="contract_update"),
    path("<int:pk>/pdf/", views.contract_pdf, name="contract_pdf"),
    path("aneks/<int:pk>/pdf/", views.amendment_pdf, name="amendment_pdf"),
    path("<int:pk>/dzialania/", views.action_add, name="action_add"),
    path("<int:pk>/monitoring/", views.monitoring_add, name="monitoring_add"),
    path("<int:pk>/aneks/", views.amendment_add, name="amendment_add"),
    path("<int:pk>/zamkniecie/", views.contract_close_view, name="contract_close"),
    path("dzialanie/<int:pk>/wykonanie/", views.action_done, name="action_done"),
]
