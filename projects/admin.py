from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from aktywizacja.declension import propose_fund_genitive, propose_programme_genitive

from .forms import SignatoryForm, SignatoryRows
from .models import (
    Edition,
    FundingProgramme,
    IndicatorDefinition,
    IndicatorTarget,
    Membership,
    Organisation,
    Project,
    Signatory,
    SupportAreaCommune,
)


class SignatoryInline(admin.TabularInline):
    """Who signs each kind of document, checked as on the organisation's page."""

    model = Signatory
    form = SignatoryForm
    formset = SignatoryRows
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "nip", "town", "in_registry", "recorded_by"]
    list_filter = ["kind", "in_registry"]
    inlines = [SignatoryInline]

    def get_changeform_initial_data(self, request):
        # The administrator records the shared registry unless they untick it.
        return super().get_changeform_initial_data(request) | {"in_registry": True}
    search_fields = ["name", "short_name", "nip", "regon"]


class FundingProgrammeForm(forms.ModelForm):
    """Empty declined names are proposed from the names; the administrator saves or corrects
    them."""

    class Meta:
        model = FundingProgramme
        fields = [
            "code", "name", "name_genitive", "short_name", "fund", "fund_genitive",
            "period_start_year", "period_end_year", "family", "marks", "marks_description",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programme = self.instance
        if programme.name and not programme.name_genitive:
            self.initial["name_genitive"] = propose_programme_genitive(programme.name)
        if programme.fund and not programme.fund_genitive:
            self.initial["fund_genitive"] = propose_fund_genitive(programme.fund)


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(admin.ModelAdmin):
    """The administrator keeps the programmes' code list, and uploads each one's logo strip."""

    form = FundingProgrammeForm
    list_display = ["short_name", "name", "period_start_year", "period_end_year", "family",
                    "marks"]
    list_filter = ["family"]


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "unit", "order"]


class EditionInline(admin.TabularInline):
    model = Edition
    extra = 0


class SupportAreaInline(admin.TabularInline):
    model = SupportAreaCommune
    extra = 0


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "title", "lead_beneficiary", "start_date", "end_date"]
    list_filter = ["programme"]
    search_fields = ["title", "short_name", "agreement_number"]
    filter_horizontal = ["partners"]
    inlines = [EditionInline, SupportAreaInline, IndicatorTargetInline, MembershipInline]
