"""The register of processing activities of one project (rejestr czynności przetwarzania, RODO
art. 30), built from the project's data: its programme and period, lead and partners, and the
kinds of record the application keeps about its participants."""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from consents.models import Consent
from contracts.models import SocialContract
from dossier.models import DossierFile
from instruments.models import Attendance
from participants.models import IndividualPath, Participation, Person
from results.models import Employment, SocialProgress
from trainings.models import TrainingResult


@dataclass(frozen=True)
class Entry:
    heading: str
    lines: list[str]


def _period(project) -> str:
    start = project.programme.period_start_year
    if start >= 2021:
        return "2021"
    if start >= 2014:
        return "2014"
    return "2007"


def _regulations(project) -> list[str]:
    return {
        "2021": [
            _("Regulation (EU) 2021/1060 laying down common provisions on the funds (art. 4, "
              "annex XVII: data of the monitoring system)"),
            _("Regulation (EU) 2021/1057 establishing the European Social Fund Plus (ESF+), "
              "art. 17 and annexes I–III (participant indicators)"),
            _("The act of 28 April 2022 on the rules for implementing tasks financed from EU "
              "funds in the 2021–2027 financial perspective (art. 87–92)"),
        ],
        "2014": [
            _("Regulation (EU) No 1303/2013 laying down common provisions on the funds "
              "(art. 125: the data of each operation)"),
            _("Regulation (EU) No 1304/2013 on the European Social Fund, annexes I and II "
              "(participant indicators)"),
            _("The act of 11 July 2014 on the rules for implementing cohesion policy programmes "
              "financed in the 2014–2020 financial perspective (art. 6c, 9)"),
        ],
        "2007": [
            _("Council Regulation (EC) No 1083/2006 laying down general provisions on the funds"),
            _("Regulation (EC) No 1081/2006 on the European Social Fund"),
            _("The act of 6 December 2006 on the principles of development policy"),
        ],
    }[_period(project)]


def _monitoring_system(project) -> str:
    return {
        "2021": _("the central ICT system CST2021 (SM EFS)"),
        "2014": _("the central ICT system SL2014 (SM EFS)"),
        "2007": _("the monitoring system of the 2007–2013 period (PEFS, KSI SIMIK 07-13)"),
    }[_period(project)]


def _labels(model, names) -> str:
    return ", ".join(str(model._meta.get_field(name).verbose_name) for name in names)


def _data_categories() -> list[str]:
    return [
        _("identity: %(fields)s") % {"fields": _labels(
            Person, ["first_name", "last_name", "pesel", "other_identifier", "sex",
                     "birth_date"])},
        _("contact and address: %(fields)s") % {"fields": _labels(
            Participation, ["phone", "email", "town", "street", "postcode", "commune"])},
        _("situation at entry: %(fields)s") % {"fields": _labels(
            Participation, ["labour_market_status", "education", "homeless",
                            "centre_client", "exclusion_reasons"])},
        _("special category (art. 9 RODO): %(fields)s") % {"fields": _labels(
            Participation, ["disability", "disability_degree", "minority"])},
        _("support and its course: %(records)s") % {"records": ", ".join(
            str(model._meta.verbose_name_plural)
            for model in (IndividualPath, SocialContract, Attendance)
        )},
        _("results: %(records)s") % {"records": ", ".join(
            str(model._meta.verbose_name_plural)
            for model in (Employment, SocialProgress, TrainingResult)
        )},
        _("consents and signed documents: %(records)s") % {"records": ", ".join(
            str(model._meta.verbose_name_plural) for model in (Consent, DossierFile)
        )},
    ]


def _retention(project) -> str:
    keep_until = getattr(project, "keep_until", None)
    if keep_until:
        return _("The documentation is kept until %(date)s, then the personal data is "
                 "anonymised; the project's totals stay.") % {
            "date": formats.date_format(keep_until, "d.m.Y")}
    return _("Until the end of the archiving period set in the grant agreement, then the "
             "personal data is anonymised; the project's totals stay.")


def processing_register(project) -> list[Entry]:
    programme = project.programme
    partners = ", ".join(partner.name for partner in project.partners.all())
    agreement = project.agreement_number or _("not recorded")
    return [
        Entry(_("Name of the processing"), [
            _("Carrying out the project “%(title)s” (%(short)s), grant agreement No. "
              "%(agreement)s, %(programme)s") % {
                "title": project.title, "short": project.short_name, "agreement": agreement,
                "programme": programme.name},
        ]),
        Entry(_("Controller and joint processing"), [
            _("Lead beneficiary: %(name)s") % {"name": project.lead_beneficiary.name},
            _("Partners: %(names)s") % {"names": partners or _("none")},
            _("The data of the monitoring system is processed on behalf of the managing "
              "authority of %(programme)s, under the entrustment of the grant agreement.")
            % {"programme": programme.name},
        ]),
        Entry(_("Purposes"), [
            _("Recruitment and support of the participants: diagnosis, individual paths, "
              "social contracts, training, internships, job placement."),
            _("Monitoring, evaluation, control and audit of the project; reporting the "
              "indicators; archiving the documentation."),
        ]),
        Entry(_("Categories of data subjects"), [
            _("Participants and candidates of the project: %(group)s") % {
                "group": project.target_group or _("as the grant agreement defines")},
            _("Staff of the beneficiary and the partners who record the data."),
        ]),
        Entry(_("Categories of personal data"), _data_categories()),
        Entry(_("Legal basis"), [
            _("Art. 6(1)(c) RODO: processing necessary for compliance with a legal obligation "
              "of the controller (the regulations below)."),
            _("Art. 6(1)(e) RODO: a task carried out in the public interest (social assistance, "
              "the act of 12 March 2004 on social assistance)."),
            _("Art. 9(2)(b) RODO: obligations in the field of social security and social "
              "protection law (the disability of participants)."),
            _("Art. 9(2)(g) RODO: substantial public interest on the basis of Union or Member "
              "State law (the ESF/ESF+ regulations)."),
            *_regulations(project),
        ]),
        Entry(_("Recipients"), [
            _("The intermediate body and the managing authority of %(programme)s.") % {
                "programme": programme.name},
            _("The monitoring system: %(system)s.") % {"system": _monitoring_system(project)},
            _("Auditors and control bodies: the European Commission, the European Court of "
              "Auditors, the audit authority (National Revenue Administration), evaluators "
              "commissioned by the managing authority."),
            _("Partners of the project, each for its own participants."),
        ]),
        Entry(_("Transfers to third countries"), [_("None.")]),
        Entry(_("Retention"), [_retention(project)]),
        Entry(_("Technical and organisational security measures"), [
            _("Access by the need to know: each person sees only the projects on whose team "
              "they are, and a partner's staff only their organisation's participants."),
            _("Roles with their own permissions; exports of personal data for the "
              "coordinator only, with the password typed again."),
            _("A log of every view of a person's record, every document downloaded and every "
              "export, read by the data protection officer."),
            _("Every change of personal data recorded with who, when and what."),
            _("Sign-in with lockout after repeated failures, two-factor sign-in, sessions that "
              "end after inactivity, encrypted connections (HTTPS, HSTS)."),
            _("Uploaded files checked by their content and served only to who may see them."),
            _("Backups by the documented dump and restore."),
        ]),
    ]
