from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ClauseReceipt, Consent, FormTemplate


@admin.register(FormTemplate)
class FormTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["project", "kind", "version", "changed_on"]
    list_filter = ["kind"]


@admin.register(ClauseReceipt)
class ClauseReceiptAdmin(SimpleHistoryAdmin):
    list_display = ["participation", "version", "given_on"]


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["participation", "kind", "given_on", "withdrawn_on"]
    list_filter = ["kind"]
