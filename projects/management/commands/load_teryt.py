"""Loads the communes of the TERYT register (TERC) from the file GUS publishes.

The official file (TERC, "wersja urzędowa", CSV) is downloaded from eteryt.stat.gov.pl:
semicolon-separated, UTF-8, columns WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA. Voivodeship rows
have no POW, county rows no GMI; communes are the rows of kind (RODZ) 1, 2 and 3 (the parts of
an urban-rural commune, 4 and 5, and city districts are not communes). Loading again updates the
names and adds new communes; a commune no longer in the file is kept (records may name it).
"""

import csv
import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from projects.models import Commune, CommuneKind

COLUMNS = {"WOJ", "POW", "GMI", "RODZ", "NAZWA"}


def read_terc(text: str) -> list[Commune]:
    """The communes of a TERC file, with the names of their county and voivodeship."""
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    if not rows or not set(rows[0]) >= COLUMNS:
        raise CommandError(_("This is not a TERC file: it needs the columns %(columns)s.")
                           % {"columns": ";".join(sorted(COLUMNS))})
    voivodeships = {r["WOJ"]: r["NAZWA"].lower() for r in rows if r["WOJ"] and not r["POW"]}
    counties = {(r["WOJ"], r["POW"]): r["NAZWA"] for r in rows if r["POW"] and not r["GMI"]}
    return [
        Commune(
            code=f"{r['WOJ']}{r['POW']}{r['GMI']}{r['RODZ']}", name=r["NAZWA"], kind=r["RODZ"],
            county=counties.get((r["WOJ"], r["POW"]), ""),
            voivodeship=voivodeships.get(r["WOJ"], ""),
        )
        for r in rows
        if r["GMI"] and r["RODZ"] in CommuneKind.values
    ]


class Command(BaseCommand):
    help = "Loads the communes of the TERYT register from GUS's TERC file (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="TERC_Urzedowy_<date>.csv from eteryt.stat.gov.pl")

    def handle(self, *args, path, **options):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(_("Cannot read %(path)s: %(error)s") % {
                "path": path, "error": error
            }) from error
        communes = read_terc(text)
        with transaction.atomic():
            Commune.objects.bulk_create(
                communes, update_conflicts=True, unique_fields=["code"],
                update_fields=["name", "kind", "county", "voivodeship"],
            )
        self.stdout.write(_("Communes loaded: %(count)d.") % {"count": len(communes)})
