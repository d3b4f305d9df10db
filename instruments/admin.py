from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Referral, SupportForm


@admin.register(SupportForm)
class SupportFormAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "instrument", "mode", "provider"]
    list_filter = ["instrument", "project"]


@admin.register(Referral)
class ReferralAdmin(SimpleHistoryAdmin):
    list_display = ["participation", "support_form", "status", "referred_on"]
    list_filter = ["status"]
