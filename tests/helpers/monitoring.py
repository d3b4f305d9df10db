"""The participants file of the monitoring system (SM EFS): rows to import, a project to export."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from employment.models import JobSupportContact, JobSupportKind
from instruments.hours import refresh_hours
from instruments.models import Attendance
from monitoring.export import sm_efs_bytes
from participants.models import ParticipationStatus

from ..factories import (
    ParticipationFactory,
    PersonFactory,
    ProjectFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
)

# --- Rows to import -------------------------------------------------------------------------

VALID = {
    "country": "Polska", "participant_type": "Indywidualny", "first_name": "Łucja",
    "last_name": "Żółkiewska", "pesel": "85031500240", "other_identifier": "",
    "birth_date": "1985-03-15", "sex": "Kobieta", "age_at_entry": "39",
    "education": "Wyższe (ISCED 5–8)", "voivodeship": "lubelskie", "county": "lubartowski",
    "commune": "Lubartów", "town": "Lubartów", "postcode": "21-100",
    "urbanisation": "Miasta (DEGURBA 1)", "phone": "", "email": "lucja@example.org",
    "start_date": "2025-02-03", "end_date": "",
    "labour_market_status": "Osoba bierna zawodowo", "unemployment_months": "",
    "long_term_unemployed": "", "foreign_origin": "Nie", "third_country_national": "Nie",
    "minority": "Nie", "homeless": "Nie", "disability": "Odmowa podania informacji",
    "situation_at_exit": "", "path_completed": "", "support": "",
}
SECOND = VALID | {
    "first_name": "Piotr", "last_name": "Nowak", "pesel": "80051700135",
    "birth_date": "1980-05-17", "sex": "Mężczyzna", "age_at_entry": "44",
}


def csv_file(*rows: dict) -> bytes:
    """The rows as a participants file in the SM EFS layout."""
    return sm_efs_bytes(list(rows))


def upload(data: bytes, name="uczestnicy.csv"):
    """The bytes as a file sent through the import page."""
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


# --- A small project to export --------------------------------------------------------------


FULL_ENTRY_DATA = {
    "education": "isced_5_8",
    "voivodeship": "lubelskie",
    "county": "lubartowski",
    "commune": "Lubartów",
    "town": "Lubartów",
    "postcode": "21-100",
    "urbanisation": "2",
    "labour_market_status": "unemployed_registered",
    "unemployment_months": 14,
    "foreign_origin": "no",
    "third_country_national": "no",
    "minority": "refused",
    "homeless": "no",
    "disability": "yes",
}


def participation_of(project, person, **data):
    """A participation of this person, saved with its age at entry on the start date."""
    participation = ParticipationFactory(project=project, person=person, **data)
    participation.refresh_age_at_entry()
    participation.save()
    return participation


def make_small_project(short_name="MON-1"):
    """Two participants: one whose first name starts with "=", one without a PESEL."""
    project = ProjectFactory(short_name=short_name)
    support_form = SupportFormFactory(project=project, name="Doradztwo zawodowe")
    zenon = participation_of(
        project,
        PersonFactory(first_name="=Zenon", last_name="Abacki", sex="M",
                      birth_date=date(1980, 5, 17), pesel="80051700135"),
        **FULL_ENTRY_DATA,
        phone="+48 600 100 200",
        email="zenon@example.org",
        start_date=date(2025, 2, 3),
        end_date=date(2025, 6, 30),
        status=ParticipationStatus.COMPLETED,
        situation_at_exit="employed",
        path_completed=True,
    )
    ReferralFactory(participation=zenon, support_form=support_form, referred_on=date(2025, 2, 10))
    # Support begins at the first session attended, not at the referral; a mark dated after the
    # participation ended (as an earlier version let pass) is not support of this participation.
    for day, present in [(date(2025, 2, 12), False), (date(2025, 2, 17), True),
                         (date(2025, 3, 3), True), (date(2025, 7, 15), True)]:
        Attendance.objects.create(
            session=SessionFactory(support_form=support_form, date=day), participation=zenon,
            present=present,
        )
    refresh_hours(participations=[zenon])
    JobSupportContact.objects.create(
        participation=zenon, kind=JobSupportKind.OFFER_PRESENTED, date=date(2025, 5, 5),
        employer_name="Hurtownia Lubartów",
    )
    participation_of(
        project,
        PersonFactory(first_name="Maria", last_name="Żak", sex="K", birth_date=date(1990, 2, 3),
                      pesel="", other_identifier="AB1234567"),
        **FULL_ENTRY_DATA | {
            "education": "isced_0_2", "commune": "Serniki", "town": "Wola Sernicka",
            "postcode": "21-107", "urbanisation": "3", "labour_market_status": "inactive",
            "unemployment_months": None, "minority": "no", "homeless": "yes",
        },
        start_date=date(2025, 3, 1),
    )
    return project
