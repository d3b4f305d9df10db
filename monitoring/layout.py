"""The column layouts of the participants file.

COLUMNS is the SM EFS layout (2021–2027), shared by the export, the office's spreadsheet and the
import; SL2014_COLUMNS is the 2014–2020 monitoring system's layout, export only.
docs/monitoring-columns.md documents both; the headers are the monitoring systems' Polish wording,
part of the file format, so they are not translated.
"""

from dataclasses import dataclass

from results.delivered import INTERNSHIP, JOB_COACHING, JOB_PLACEMENT

from . import codelists as labels

TEXT, DATE, NUMBER = "text", "date", "number"
SUPPORT_SEPARATOR = " | "
# A cell starting with one of these would be read as a formula by a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = TEXT
    labels: dict | None = None  # code-list value → the label in the file


COLUMNS = [
    Column("country", "Kraj"),
    Column("participant_type", "Rodzaj uczestnika"),
    Column("first_name", "Imię"),
    Column("last_name", "Nazwisko"),
    Column("pesel", "PESEL"),
    Column("other_identifier", "Inny identyfikator"),
    Column("birth_date", "Data urodzenia", DATE),
    Column("sex", "Płeć", labels=labels.SEX),
    Column("age_at_entry", "Wiek w chwili przystąpienia do projektu", NUMBER),
    Column("education", "Wykształcenie", labels=labels.EDUCATION),
    Column("voivodeship", "Województwo"),
    Column("county", "Powiat"),
    Column("commune", "Gmina"),
    Column("town", "Miejscowość"),
    Column("postcode", "Kod pocztowy"),
    Column(
        "urbanisation", "Obszar wg stopnia urbanizacji (DEGURBA)", labels=labels.URBANISATION
    ),
    Column("phone", "Telefon kontaktowy"),
    Column("email", "Adres e-mail"),
    Column("start_date", "Data rozpoczęcia udziału w projekcie", DATE),
    Column("end_date", "Data zakończenia udziału w projekcie", DATE),
    Column(
        "labour_market_status",
        "Status osoby na rynku pracy w chwili przystąpienia do projektu",
        labels=labels.LABOUR_MARKET_STATUS,
    ),
    Column("unemployment_months", "Okres pozostawania bez pracy (w miesiącach)", NUMBER),
    Column("long_term_unemployed", "Osoba długotrwale bezrobotna", labels=labels.BOOLEAN),
    Column("foreign_origin", "Osoba obcego pochodzenia", labels=labels.ANSWER),
    Column("third_country_national", "Osoba państwa trzeciego", labels=labels.ANSWER),
    Column(
        "minority",
        "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności "
        "marginalizowane)",
        labels=labels.ANSWER,
    ),
    Column(
        "homeless",
        "Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań",
        labels=labels.ANSWER,
    ),
    Column("disability", "Osoba z niepełnosprawnościami", labels=labels.ANSWER),
    Column(
        "situation_at_exit",
        "Sytuacja osoby w momencie zakończenia udziału w projekcie",
        labels=labels.SITUATION_AT_EXIT,
    ),
    Column(
        "path_completed",
        "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną ścieżką",
        labels=labels.BOOLEAN,
    ),
    Column("support", "Rodzaj przyznanego wsparcia (data rozpoczęcia)"),
]
HEADERS = [column.header for column in COLUMNS]
BY_KEY = {column.key: column for column in COLUMNS}

SL2014_COLUMNS = [
    Column("country", "Kraj"),
    Column("participant_type", "Rodzaj uczestnika"),
    Column("institution_name", "Nazwa instytucji"),
    Column("first_name", "Imię"),
    Column("last_name", "Nazwisko"),
    Column("pesel", "PESEL"),
    Column("no_pesel", "Brak PESEL"),
    Column("sex", "Płeć", labels=labels.SEX),
    Column("age_at_entry", "Wiek w chwili przystępowania do projektu", NUMBER),
    Column("education", "Wykształcenie", labels=labels.SL2014_EDUCATION),
    Column("voivodeship", "Województwo"),
    Column("county", "Powiat"),
    Column("commune", "Gmina"),
    Column("town", "Miejscowość"),
    Column("street", "Ulica"),
    Column("building_number", "Nr budynku"),
    Column("flat_number", "Nr lokalu"),
    Column("postcode", "Kod pocztowy"),
    Column(
        "urbanisation", "Obszar wg stopnia urbanizacji (DEGURBA)",
        labels=labels.SL2014_URBANISATION,
    ),
    Column("phone", "Telefon kontaktowy"),
    Column("email", "Adres e-mail"),
    Column("start_date", "Data rozpoczęcia udziału w projekcie", DATE),
    Column("end_date", "Data zakończenia udziału w projekcie", DATE),
    Column(
        "labour_market_status",
        "Status osoby na rynku pracy w chwili przystąpienia do projektu",
        labels=labels.LABOUR_MARKET_STATUS,
    ),
    Column("occupation", "Wykonywany zawód", labels=labels.SL2014_OCCUPATION),
    Column("employer", "Zatrudniony w"),
    Column(
        "situation_at_exit",
        "Sytuacja osoby w momencie zakończenia udziału w projekcie",
        labels=labels.SL2014_SITUATION_AT_EXIT,
    ),
    Column("youth_results", "Inne rezultaty dotyczące osób młodych (dotyczy IZM)"),
    Column(
        "path_completed",
        "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką "
        "uczestnictwa",
        labels=labels.BOOLEAN,
    ),
    Column("support_kinds", "Rodzaj przyznanego wsparcia"),
    Column("support_start", "Data rozpoczęcia udziału we wsparciu", DATE),
    Column("business_start_date", "Data założenia działalności gospodarczej", DATE),
    Column(
        "business_grant", "Kwota przyznanych środków na założenie działalności gospodarczej",
        NUMBER,
    ),
    Column("business_pkd", "PKD założonej działalności gospodarczej"),
    Column(
        "minority_migrant_foreign",
        "Osoba należąca do mniejszości narodowej lub etnicznej, migrant, osoba obcego "
        "pochodzenia",
        labels=labels.ANSWER,
    ),
    Column(
        "homeless",
        "Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań",
        labels=labels.ANSWER,
    ),
    Column("disability", "Osoba z niepełnosprawnościami", labels=labels.ANSWER),
    Column(
        "jobless_household",
        "Osoba przebywająca w gospodarstwie domowym bez osób pracujących",
        labels=labels.ANSWER,
    ),
    Column(
        "jobless_household_children",
        "w tym: w gospodarstwie domowym z dziećmi pozostającymi na utrzymaniu",
        labels=labels.ANSWER,
    ),
    Column(
        "single_adult_household",
        "Osoba żyjąca w gospodarstwie składającym się z jednej osoby dorosłej i dzieci "
        "pozostających na utrzymaniu",
        labels=labels.ANSWER,
    ),
    Column(
        "other_disadvantage",
        "Osoba w innej niekorzystnej sytuacji społecznej (innej niż wymienione powyżej)",
        labels=labels.ANSWER,
    ),
]


# Support named for an internship or a job-support contact without a support form: the import
# knows the names and creates nothing from them (they are recorded on their own pages).
RECORDED_ELSEWHERE = {INTERNSHIP, JOB_PLACEMENT, JOB_COACHING}


def support_text(items: list[tuple[str, object]]) -> str:
    """The kinds of support received as "Name (yyyy-MM-dd) | Name (yyyy-MM-dd)"."""
    return SUPPORT_SEPARATOR.join(f"{name} ({day:%Y-%m-%d})" for name, day in items)


def neutralise(text: str) -> str:
    """Text that a spreadsheet shows as typed: an apostrophe before a formula character."""
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def unneutralise(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text
