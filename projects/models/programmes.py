"""Code lists of the funding periods: programmes and the indicators they define."""

import base64

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from aktywizacja.constraints import Check

MARKS_MAX_BYTES = 2 * 1024 * 1024


def validate_marks_image(upload) -> None:
    """A logo strip is a PNG or JPEG image that Pillow reads, of at most 2 MB."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > MARKS_MAX_BYTES:
        raise ValidationError(_("The logo strip may be at most 2 MB."), code="too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("The logo strip must be a PNG or JPEG image."),
                              code="not_image") from error
    finally:
        upload.seek(0)
    if kind not in ("PNG", "JPEG"):
        raise ValidationError(_("The logo strip must be a PNG or JPEG image."), code="not_image")


def marks_data_uri(name: str) -> str:
    """A stored strip (by its name in the storage) inline, read through the storage API."""
    if not name:
        return ""
    with FundingProgramme._meta.get_field("marks").storage.open(name, "rb") as image:
        data = image.read()
    kind = "png" if data.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


class ProgrammeFamily(models.TextChoices):
    """Programmes that share their rules: the regional programmes of one period set the same
    effectiveness measures, so a new one takes its family's rules (results.effectiveness)."""

    POKL_2007_2013 = "pokl-2007-2013", _("Human Capital 2007–2013 (ESF)")
    RPO_2014_2020 = "rpo-2014-2020", _("regional operational programmes 2014–2020 (ESF)")
    FE_2021_2027 = "fe-2021-2027", _("regional European Funds programmes 2021–2027 (ESF+)")
    OTHER = "other", _("other")


class FundingProgramme(models.Model):
    """A code list entry: an EU funding programme of one period (data, not code)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=40)
    fund = models.CharField(_("fund"), max_length=120, help_text=_("e.g. European Social Fund"))
    name_genitive = models.CharField(
        _("name after “w ramach” (genitive)"), max_length=255, blank=True,
        help_text=_("e.g. “Programu Operacyjnego Kapitał Ludzki”. Left empty, documents name "
                    "the programme after a colon."),
    )
    fund_genitive = models.CharField(
        _("fund after “ze środków” (genitive)"), max_length=120, blank=True,
        help_text=_("e.g. “Europejskiego Funduszu Społecznego”. Left empty, documents name the "
                    "fund after a colon."),
    )
    period_start_year = models.PositiveSmallIntegerField(_("first year of the period"))
    period_end_year = models.PositiveSmallIntegerField(_("last year of the period"))
    marks = models.FileField(
        _("logo strip"), upload_to="programmes/marks/", blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"]), validate_marks_image],
        help_text=_("The strip of marks the funding body publishes for this programme, as a PNG "
                    "or JPEG image; printed at the top of its projects' documents. With none, "
                    "documents print no marks."),
    )
    marks_description = models.CharField(
        _("what the logo strip shows"), max_length=255, blank=True,
        help_text=_("Read out by assistive technology, e.g. “European Funds, Republic of "
                    "Poland, European Union”."),
    )
    family = models.CharField(
        _("programme family"), max_length=20, choices=ProgrammeFamily.choices,
        default=ProgrammeFamily.OTHER,
        help_text=_("A new programme takes the effectiveness and employment rules of its family; "
                    "its own rows may then differ, as its calls say."),
    )

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["-period_start_year", "name"]
        constraints = [
            Check(
                condition=Q(period_end_year__gte=F("period_start_year")),
                name="programme_period_ordered",
                field="period_end_year",
                violation_error_message=_("The programme period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.short_name} {self.period_start_year}–{self.period_end_year}"

    def marks_data_uri(self) -> str:
        """The uploaded strip inline (a data: address), for the PDF renderer; empty with none."""
        return marks_data_uri(self.marks.name)

    @property
    def marks_alt(self) -> str:
        return self.marks_description or _("Logo strip: %(programme)s") % {"programme": self.name}

    @property
    def reports_to_sl2014(self) -> bool:
        """A 2014–2020 programme: its projects report participants to the SL2014 system."""
        return self.period_start_year == 2014


class IndicatorUnit(models.TextChoices):
    PERSONS = "persons", _("persons")
    PERCENT = "percent", _("per cent")


class IndicatorDefinition(models.Model):
    """A code list entry: an indicator a project can set a target for."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=10, choices=IndicatorUnit.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name
