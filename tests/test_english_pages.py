"""English mode with no Polish left (issue 12, point 6): the main pages of each role, rendered in
English, hold no Polish letter outside the data people typed (names, places, titles)."""

import re
from html import unescape

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from .factories import SupportFormFactory

POLISH_LETTERS = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
OWN_NAME = re.compile(r'<[^>]+lang="pl"[^>]*>.*?</[a-z]+>', re.S)  # the "Polski" switch


def typed_data() -> list[str]:
    """Every text stored in the database, longest first: what the page may show as data."""
    values = set()
    for model in apps.get_models():
        fields = [field.name for field in model._meta.concrete_fields
                  if isinstance(field, (models.CharField, models.TextField))]
        if fields and model._meta.app_label not in {"sessions", "admin"}:
            for row in model._default_manager.values_list(*fields):
                values.update(str(value) for value in row if value)
    return sorted(values, key=len, reverse=True)


def polish_left(html: str, data: list[str]) -> list[str]:
    text = unescape(re.sub(r"<[^>]+>", " ", OWN_NAME.sub(" ", html)))
    text = re.sub(r"<script.*?</script>", " ", text, flags=re.S)
    for value in data:
        text = text.replace(value, " ")
    return sorted({
        " ".join(text[max(0, found.start() - 30): found.end() + 30].split())
        for found in POLISH_LETTERS.finditer(text)
    })


def pages(participation, support_form) -> list[str]:
    project, card = participation.project, participation.pk
    return [
        reverse("home:start"), reverse("home:todo"),
        reverse("participants:participant_list"), reverse("participants:my_participants"),
        reverse("participants:participant_create", args=[project.pk]),
        reverse("participants:recruitment_summary", args=[project.pk]),
        *(reverse("card:participation_tab", args=[card, tab])
          for tab in ("data", "recruitment", "path", "support", "results", "history")),
        reverse("card:path_create", args=[card]),
        reverse("projects:project_list"), reverse("projects:organisation_list"),
        reverse("projects:project_detail", args=[project.pk]),
        reverse("projects:project_update", args=[project.pk]),
        reverse("reporting:project_indicators", args=[project.pk]),
        reverse("reporting:dashboard", args=[project.pk]),
        reverse("password_change"), reverse("accounts:two_factor"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["social_worker", "coordinator"])
def test_english_pages_have_no_polish_outside_the_data(client, personas, participation, persona):
    support_form = SupportFormFactory(project=participation.project)
    client.force_login(personas[persona])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = typed_data()

    left = {}
    for url in pages(participation, support_form):
        response = client.get(url)
        if response.status_code == 200:
            assert 'lang="en"' in response.content.decode()[:200]
            found = polish_left(response.content.decode(), data)
            if found:
                left[url] = found
    assert left == {}, "\n".join(f"{url}: {found}" for url, found in left.items())
