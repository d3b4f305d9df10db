"""The labels the EU monitoring file (SM EFS, 2021–2027) uses, keyed by our code-list values.

The interface shows the labels of participants.codelists; the monitoring file needs the wording of
the monitoring system. A new programme period changes these dictionaries, nothing else.
"""

from participants.codelists import (
    Answer,
    Education,
    LabourMarketStatus,
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
