from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Amendment, ContractAction, MonitoringEntry, SocialContract


class ContractActionInline(admin.TabularInline):
    model = ContractAction
    extra = 0


class MonitoringEntryInline(admin.TabularInline):
    model = MonitoringEntry
    extra = 0


class AmendmentInline(admin.TabularInline):
    model = Amendment
    extra = 0


@admin.register(SocialContract)
class SocialContractAdmin(SimpleHistoryAdmin):
    list_display = ["number", "participation", "kind", "valid_from", "valid_to", "outcome"]
    list_filter = ["project", "kind", "outcome"]
    search_fields = ["number", "participation__person__last_name"]
    readonly_fields = ["project", "sequence", "number"]
    inlines = [ContractActionInline, MonitoringEntryInline, AmendmentInline]
