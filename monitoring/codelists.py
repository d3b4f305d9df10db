"""The labels the EU monitoring files use, keyed by our code-list values.

SM EFS (2021–2027) first, then what SL2014 (2014–2020) words differently. The interface shows the
labels of participants.codelists; the monitoring file needs the wording of the monitoring system.
A new programme period changes these dictionaries, nothing else.
"""

from participants.codelists import (
    Answer,
    Education,
    LabourMarketStatus,
    Occupation,
    SituationAtExit,
    Urbanisation,
)

COUNTRY = "Polska"
PARTICIPANT_TYPE = "Indywidualny"
NO_PESEL = "Brak PESEL"
YES, NO = "Tak", "Nie"

SEX = {"K": "Kobieta", "M": "Mężczyzna"}

EDUCATION = {
    Education.ISCED_0_2: "Niższe niż podstawowe (ISCED 0–2)",
    Education.ISCED_3_4: "Ponadpodstawowe lub policealne (ISCED 3–4)",
    Education.ISCED_5_8: "Wyższe (ISCED 5–8)",
}

URBANISATION = {
    Urbanisation.CITIES: "Miasta (DEGURBA 1)",
    Urbanisation.TOWNS: "Małe miasta i przedmieścia (DEGURBA 2)",
    Urbanisation.RURAL: "Obszary wiejskie (DEGURBA 3)",
}

LABOUR_MARKET_STATUS = {
    LabourMarketStatus.UNEMPLOYED_REGISTERED: (
        "Osoba bezrobotna zarejestrowana w ewidencji urzędów pracy"
    ),
    LabourMarketStatus.UNEMPLOYED_UNREGISTERED: (
        "Osoba bezrobotna niezarejestrowana w ewidencji urzędów pracy"
    ),
    LabourMarketStatus.INACTIVE: "Osoba bierna zawodowo",
    LabourMarketStatus.EMPLOYED: "Osoba pracująca",
}

ANSWER = {
    Answer.YES: YES,
    Answer.NO: NO,
    Answer.REFUSED: "Odmowa podania informacji",
}

SITUATION_AT_EXIT = {
    SituationAtExit.EMPLOYED: "Osoba pracująca (w tym prowadząca działalność na własny rachunek)",
    SituationAtExit.JOB_SEEKING: "Osoba poszukująca pracy",
    SituationAtExit.IN_EDUCATION: "Osoba kształcąca się lub szkoląca",
    SituationAtExit.QUALIFICATION: "Osoba, która uzyskała kwalifikacje",
    SituationAtExit.INACTIVE: "Osoba bierna zawodowo",
    SituationAtExit.OTHER: "Inna",
}

BOOLEAN = {True: YES, False: NO}


# --- SL2014 (2014–2020) -----------------------------------------------------------------------

SL2014_EDUCATION = {
    Education.ISCED_0: "niższe niż podstawowe (ISCED 0)",
    Education.ISCED_1: "podstawowe (ISCED 1)",
    Education.ISCED_2: "gimnazjalne (ISCED 2)",
    Education.ISCED_3: "ponadgimnazjalne (ISCED 3)",
    Education.ISCED_4: "policealne (ISCED 4)",
    Education.ISCED_5_8: "wyższe (ISCED 5-8)",
}

SL2014_URBANISATION = {
    Urbanisation.CITIES: (
        "1 – Duże obszary miejskie (o ludności > 50 000 i dużej gęstości zaludnienia)"
    ),
    Urbanisation.TOWNS: (
        "2 – Małe obszary miejskie (o ludności > 5000 i średniej gęstości zaludnienia)"
    ),
    Urbanisation.RURAL: "3 – Obszary wiejskie (o małej gęstości zaludnienia)",
}

SL2014_OCCUPATION = {
    Occupation.VOCATIONAL_INSTRUCTOR: "Instruktor praktycznej nauki zawodu",
    Occupation.GENERAL_TEACHER: "Nauczyciel kształcenia ogólnego",
    Occupation.PRESCHOOL_TEACHER: "Nauczyciel wychowania przedszkolnego",
    Occupation.VOCATIONAL_TEACHER: "Nauczyciel kształcenia zawodowego",
    Occupation.HEALTH_CARE: "Pracownik instytucji systemu ochrony zdrowia",
    Occupation.SOCIAL_ASSISTANCE: "Kluczowy pracownik instytucji pomocy i integracji społecznej",
    Occupation.LABOUR_MARKET: "Pracownik instytucji rynku pracy",
    Occupation.HIGHER_EDUCATION: "Pracownik instytucji szkolnictwa wyższego",
    Occupation.FAMILY_SUPPORT: (
        "Pracownik instytucji systemu wspierania rodziny i pieczy zastępczej"
    ),
    Occupation.SOCIAL_ECONOMY: "Pracownik ośrodka wsparcia ekonomii społecznej",
    Occupation.COUNSELLING: "Pracownik poradni psychologiczno-pedagogicznej",
    Occupation.FARMER: "Rolnik",
    Occupation.OTHER: "Inny",
}

SL2014_SITUATION_AT_EXIT = {
    SituationAtExit.EMPLOYED: "Osoba pracująca",
    SituationAtExit.JOB_SEEKING: "Osoba poszukująca pracy",
    SituationAtExit.IN_EDUCATION: "Osoba kontynuuje kształcenie",
    SituationAtExit.QUALIFICATION: "Osoba, która uzyskała kwalifikacje",
    SituationAtExit.INACTIVE: "Osoba bierna zawodowo",
    SituationAtExit.OTHER: "Inne",
}
