"""The pages of a project, grouped as the project page lists them, each behind the permission
its view checks: a link is shown only to a role that may open it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import has_project_perm


@dataclass(frozen=True)
class ProjectPage:
    label: str
    url_name: str
    permission: str


SECTIONS = [
    (_("Support"), [
        ProjectPage(_("Support forms and hours"), "instruments:support_form_list",
                    "instruments.view_supportform"),
        ProjectPage(_("Vocational trainings"), "trainings:course_list",
                    "trainings.view_trainingcourse"),
        ProjectPage(_("Internships"), "employment:internship_list", "employment.view_internship"),
        ProjectPage(_("Job placement"), "employment:placement_summary",
                    "employment.view_jobsupportcontact"),
        ProjectPage(_("Events"), "events:event_list", "events.view_event"),
    ]),
    (_("Participants"), [
        ProjectPage(_("Recruitment"), "participants:recruitment_summary",
                    "participants.view_participation"),
        ProjectPage(_("Change the status of many people"), "participants:bulk_status",
                    "participants.change_participation"),
        ProjectPage(_("Monitoring export (SM EFS, SL2014, XLSX)"), "monitoring:export",
                    "monitoring.export_participants"),
        ProjectPage(_("Import participants from a spreadsheet"), "monitoring:import",
                    "monitoring.import_participants"),
        ProjectPage(_("Forms to sign and the information clause"), "consents:template_list",
                    "consents.view_formtemplate"),
    ]),
    (_("Results and documents"), [
        ProjectPage(_("Dashboard"), "reporting:dashboard", "projects.view_indicatortarget"),
        ProjectPage(_("Indicators"), "reporting:project_indicators",
                    "results.view_effectivenessrule"),
        ProjectPage(_("Final summary"), "reporting:summary", "projects.view_indicatortarget"),
        ProjectPage(_("Certificates and issued documents"), "documents:document_list",
                    "documents.view_issueddocument"),
    ]),
]


def project_pages(user, project) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(label, url)]) of the pages the user's role on the project may open."""
    sections = []
    for title, pages in SECTIONS:
        links = [
            (page.label, reverse(page.url_name, args=[project.pk]))
            for page in pages
            if has_project_perm(user, project, page.permission)
        ]
        if links:
            sections.append((title, links))
    return sections
