"""The summary's results: numbered sentences generated from counts ("7 osób uzyskało…"),
worded when read so that they follow the language of the document being rendered."""

from dataclasses import dataclass

from django.utils.translation import ngettext

from instruments.models import InstrumentKind


def persons_text(count: int) -> str:
    """"1 osoba", "4 osoby", "6 osób" by the Polish plural rule."""
    return ngettext("%(count)d person", "%(count)d persons", count) % {"count": count}


def _result_completed_training(count, _result):
    return ngettext(
        "%(count)d participant completed a vocational training course.",
        "%(count)d participants completed vocational training courses.", count,
    ) % {"count": count}


def _result_instrument(count, result):
    # One sentence per kind: Polish declines the instrument's name inside the sentence.
    kind = InstrumentKind(result.detail)
    if kind == InstrumentKind.EDUCATIONAL:
        text = ngettext(
            "%(count)d participant received support under the educational instrument.",
            "%(count)d participants received support under the educational instrument.", count,
        )
    elif kind == InstrumentKind.VOCATIONAL:
        text = ngettext(
            "%(count)d participant received support under the vocational instrument.",
            "%(count)d participants received support under the vocational instrument.", count,
        )
    elif kind == InstrumentKind.SOCIAL:
        text = ngettext(
            "%(count)d participant received support under the social instrument.",
            "%(count)d participants received support under the social instrument.", count,
        )
    else:
        text = ngettext(
            "%(count)d participant received support under the health instrument.",
            "%(count)d participants received support under the health instrument.", count,
        )
    return text % {"count": count}


def _result_contracts(count, result):
    return ngettext(
        "A social contract was concluded with %(count)d participant; fulfilled: %(fulfilled)s.",
        "Social contracts were concluded with %(count)d participants; fulfilled: %(fulfilled)s.",
        count,
    ) % {"count": count, "fulfilled": persons_text(result.extra)}


def _result_agreements(count, result):
    return ngettext(
        "An agreement modelled on the social contract was concluded with %(count)d participant; "
        "fulfilled: %(fulfilled)s.",
        "Agreements modelled on the social contract were concluded with %(count)d participants; "
        "fulfilled: %(fulfilled)s.",
        count,
    ) % {"count": count, "fulfilled": persons_text(result.extra)}


def _result_qualifications(count, result):
    """"7 osób uzyskało dokument potwierdzający kwalifikacje lub kompetencje, w tym 6 osób
    kwalifikacje": the indicator's count, and how many of them are qualifications."""
    return ngettext(
        "%(count)d person obtained a document confirming qualifications or competences, "
        "of whom %(qualified)s qualifications.",
        "%(count)d persons obtained a document confirming qualifications or competences, "
        "of whom %(qualified)s qualifications.", count,
    ) % {"count": count, "qualified": persons_text(result.extra)}


def _result_path_completed(count, _result):
    return ngettext(
        "%(count)d participant completed the individual reintegration path as planned.",
        "%(count)d participants completed the individual reintegration path as planned.", count,
    ) % {"count": count}


def _result_employed(count, _result):
    return ngettext(
        "%(count)d participant took up employment.",
        "%(count)d participants took up employment.", count,
    ) % {"count": count}


def _result_social_progress(count, _result):
    return ngettext(
        "The social situation of %(count)d participant improved, as documented.",
        "The social situation of %(count)d participants improved, as documented.", count,
    ) % {"count": count}


def _result_event(count, result):
    return ngettext(
        "%(count)d participant took part in “%(event)s”.",
        "%(count)d participants took part in “%(event)s”.", count,
    ) % {"count": count, "event": result.detail}


RESULT_TEXTS = {
    "completed_training": _result_completed_training,
    "instrument": _result_instrument,
    "contracts": _result_contracts,
    "agreements": _result_agreements,
    "qualifications": _result_qualifications,
    "path_completed": _result_path_completed,
    "employed": _result_employed,
    "social_progress": _result_social_progress,
    "event": _result_event,
}


@dataclass(frozen=True)
class Result:
    """One numbered result: a kind of fact and its count, worded when read."""

    kind: str
    count: int
    detail: str = ""
    extra: int = 0

    def __str__(self):
        return RESULT_TEXTS[self.kind](self.count, self)
