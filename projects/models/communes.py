"""The TERYT communes: a code list loaded from GUS's file, chosen from by code."""


from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommuneKind(models.TextChoices):
    """The kind of commune, the last digit of its TERYT code (RODZ in the TERC register)."""

    URBAN = "1", _("urban commune")
    RURAL = "2", _("rural commune")
    URBAN_RURAL = "3", _("urban-rural commune")


TERYT_CODE = RegexValidator(r"^\d{7}$", _("A TERYT commune code has 7 digits."))


class Commune(models.Model):
    """A code list entry: a commune of the TERYT register (TERC), loaded from GUS's file.

    ``manage.py load_teryt TERC_Urzedowy_<date>.csv`` fills it; residence and the support area
    are then chosen from it and compared by code, not by typed names.
    """

    code = models.CharField(_("TERYT code"), max_length=7, unique=True, validators=[TERYT_CODE])
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=1, choices=CommuneKind.choices)
    county = models.CharField(_("county"), max_length=100)
    voivodeship = models.CharField(_("voivodeship"), max_length=40)

    class Meta:
        verbose_name = _("commune (TERYT)")
        verbose_name_plural = _("communes (TERYT)")
        ordering = ["voivodeship", "county", "name", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """As it is chosen: "Lubartów (urban commune), county lubartowski, lubelskie [0608011]"."""
        return _("%(name)s (%(kind)s), county %(county)s, %(voivodeship)s [%(code)s]") % {
            "name": self.name, "kind": self.get_kind_display(), "county": self.county,
            "voivodeship": self.voivodeship, "code": self.code,
        }


def chosen_commune(code: str, field: str = "teryt") -> Commune | None:
    """The commune of the code list a code names; a ValidationError when the list is loaded and
    does not know it (before the list is loaded, the code is kept as typed)."""
    return CommuneLookup([code]).chosen(code, field=field)


class CommuneLookup:
    """The communes of many codes, read in one query, so a batch of records is checked against
    the code list without a query per record (``chosen_commune`` is the lookup of one code)."""

    def __init__(self, codes):
        codes = {code for code in codes if code}
        self.by_code = Commune.objects.in_bulk(codes, field_name="code") if codes else {}
        self.list_loaded = None if codes - set(self.by_code) else True

    def chosen(self, code: str, field: str = "teryt") -> Commune | None:
        if not code:
            return None
        commune = self.by_code.get(code)
        if commune is None and self._list_loaded():
            raise ValidationError(
                {field: _("No commune has this TERYT code: choose from the list.")}
            )
        return commune

    def _list_loaded(self) -> bool:
        if self.list_loaded is None:
            self.list_loaded = Commune.objects.exists()
        return self.list_loaded
