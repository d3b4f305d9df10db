from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.admin import FundingProgrammeAdmin
from projects.models import FundingProgramme

from .models import EffectivenessRule, Employment, EmploymentRule, MinimumWage, SocialProgress
from .services import programme_rules_adopt


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


@admin.register(EmploymentRule)
class EmploymentRuleAdmin(SimpleHistoryAdmin):
    list_display = [
        "programme", "contract_type", "min_months", "min_working_time",
        "min_value_in_minimum_wages",
    ]
    list_filter = ["programme"]


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "amount"]


class EffectivenessRuleRows(admin.TabularInline):
    model = EffectivenessRule
    extra = 0


class EmploymentRuleRows(admin.TabularInline):
    model = EmploymentRule
    extra = 0


# The programme's page shows its rules; a new programme starts with its family's.
admin.site.unregister(FundingProgramme)


@admin.register(FundingProgramme)
class FundingProgrammeWithRulesAdmin(FundingProgrammeAdmin):
    inlines = [EffectivenessRuleRows, EmploymentRuleRows]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            programme_rules_adopt(programme=form.instance)
