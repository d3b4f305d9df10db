from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EffectivenessRule, Employment, SocialProgress


@admin.register(Employment)
class EmploymentAdmin(SimpleHistoryAdmin):
    list_display = ["participation", "contract_type", "employer", "employer_name", "start_date"]
    list_filter = ["contract_type"]


@admin.register(SocialProgress)
class SocialProgressAdmin(SimpleHistoryAdmin):
    list_display = ["participation", "description", "date"]


@admin.register(EffectivenessRule)
class EffectivenessRuleAdmin(SimpleHistoryAdmin):
    list_display = [
        "programme", "kind", "threshold_percent", "threshold_percent_severe_disability",
        "window_months",
    ]
