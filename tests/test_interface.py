"""The page frame: language, security headers, no inline code, text size, labels and errors."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.textsize import COOKIE

from .helpers.pages import Page, page_of

# (persona fixture or None for an anonymous visitor, URL name)
PAGES = [
    ("social_worker", "home:start"),
    ("coordinator", "home:start"),
    ("director", "home:start"),
    ("coordinator", "projects:project_list"),
    ("social_worker", "projects:project_list"),
    (None, "login"),
]
PAGE_IDS = [f"{persona or 'anonymous'}-{name}" for persona, name in PAGES]


@pytest.fixture
def open_page(client, request):
    def open_(persona, url_name, **kwargs):
        if persona:
            client.force_login(request.getfixturevalue(persona))
        response = client.get(reverse(url_name), **kwargs)
        assert response.status_code == 200, (persona, url_name, response.status_code)
        return response

    return open_


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# Language


@pytest.mark.parametrize(("persona", "url_name"), PAGES, ids=PAGE_IDS)
def test_pages_are_in_polish_by_default(open_page, persona, url_name):
    assert page_of(open_page(persona, url_name)).html_element["lang"] == "pl"


@pytest.mark.parametrize(("persona", "url_name"), PAGES, ids=PAGE_IDS)
def test_the_language_switch_changes_the_page_language(client, open_page, persona, url_name):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert page_of(open_page(persona, url_name)).html_element["lang"] == "en"


# Headers


@pytest.mark.parametrize(("persona", "url_name"), PAGES, ids=PAGE_IDS)
def test_pages_send_a_content_security_policy_without_inline_scripts(open_page, persona, url_name):
    directives = csp_directives(open_page(persona, url_name))
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in " ".join(sum(directives.values(), []))
    assert "'unsafe-eval'" not in directives["script-src"]


@pytest.mark.parametrize(("persona", "url_name"), PAGES, ids=PAGE_IDS)
def test_pages_send_nosniff_and_a_referrer_policy(open_page, persona, url_name):
    response = open_page(persona, url_name)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]


@pytest.mark.parametrize(
    ("persona", "url_name"), [page for page in PAGES if page[0]], ids=PAGE_IDS[:-1]
)
def test_signed_in_pages_are_not_stored_by_browsers(open_page, persona, url_name):
    cache_control = open_page(persona, url_name)["Cache-Control"]
    assert "no-store" in [part.strip() for part in cache_control.split(",")]


# No inline code, nothing from elsewhere


@pytest.mark.parametrize(("persona", "url_name"), PAGES, ids=PAGE_IDS)
def test_pages_have_no_inline_scripts(open_page, persona, url_name):
    page = page_of(open_page(persona, url_name))
    assert page.scripts
    for attributes, body in page.scripts:
        assert attributes.get("src"), attributes
        assert body.strip() == ""


@pytest.mark.parametrize(("persona", "url_name"), PAGES, ids=PAGE_IDS)
def test_pages_have_no_inline_styles_or_event_handlers(open_page, persona, url_name):
    response = open_page(persona, url_name)
    assert 'style="' not in response.content.decode()
    for tag, attributes in page_of(response).elements:
        assert "style" not in attributes, tag
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
    assert not page_of(response).find("style")


@pytest.mark.parametrize(("persona", "url_name"), PAGES, ids=PAGE_IDS)
def test_pages_load_nothing_from_other_sites(open_page, persona, url_name):
    page = page_of(open_page(persona, url_name))
    references = [attributes.get("href", "") for attributes in page.find("link")]
    references += [attributes.get("src", "") for attributes in page.find("script")]
    assert references
    for reference in references:
        assert not re.match(r"(https?:)?//", reference), reference


# Text size


def set_text_size(client, size, next_url="/projekty/"):
    return client.post(reverse("accounts:text_size"), {"size": size, "next": next_url})


def test_the_text_size_control_sets_a_cookie_and_the_page_class(client, coordinator):
    client.force_login(coordinator)
    response = set_text_size(client, "large")

    assert response.status_code == 302
    assert response.url == "/projekty/"
    assert client.cookies[COOKIE].value == "large"
    page = page_of(client.get(response.url))
    assert "text-size-large" in page.html_element["class"].split()


def test_the_text_size_control_works_before_sign_in(client):
    set_text_size(client, "larger", reverse("login"))
    page = page_of(client.get(reverse("login")))
    assert "text-size-larger" in page.html_element["class"].split()


def test_the_text_size_control_ignores_an_unknown_size(client, coordinator):
    client.force_login(coordinator)
    response = set_text_size(client, "gigantic")

    assert response.status_code == 302
    assert COOKIE not in response.cookies
    page = page_of(client.get("/projekty/"))
    assert "text-size-normal" in page.html_element["class"].split()


def test_a_forged_text_size_cookie_is_ignored(client):
    client.cookies[COOKIE] = '"><script>alert(1)</script>'
    page = page_of(client.get(reverse("login")))
    assert page.html_element["class"] == "text-size-normal"


def test_the_text_size_control_requires_post(client):
    assert client.get(reverse("accounts:text_size")).status_code == 405


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example.org/",
        "//evil.example.org/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "\\\\evil.example.org",
    ],
)
def test_the_text_size_control_does_not_redirect_elsewhere(client, next_url):
    response = set_text_size(client, "large", next_url)
    assert response.status_code == 302
    assert response.url == "/"


# Forms: labels, errors


def form_controls(page: Page) -> list[tuple[str, dict]]:
    """Inputs a person fills in (not hidden fields, not buttons)."""
    return [
        (tag, attributes)
        for tag, attributes in page.elements
        if tag in {"input", "select", "textarea"}
        and attributes.get("type") not in {"hidden", "submit", "button", "reset"}
    ]


def assert_every_control_is_labelled(page: Page):
    labelled = {attributes.get("for") for attributes in page.find("label")}
    controls = form_controls(page)
    assert controls
    for tag, attributes in controls:
        control_id = attributes.get("id")
        assert control_id, (tag, attributes)
        assert control_id in labelled, (tag, attributes)
        assert len(page.by_id(control_id)) == 1, control_id


def test_every_field_of_the_project_edit_page_has_a_label(client, coordinator, project):
    client.force_login(coordinator)
    response = client.get(reverse("projects:project_update", args=[project.pk]))
    assert response.status_code == 200
    assert_every_control_is_labelled(page_of(response))


def test_every_field_of_the_organisation_form_has_a_label(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("projects:organisation_create"))
    assert response.status_code == 200
    assert_every_control_is_labelled(page_of(response))


@pytest.fixture
def invalid_organisation_post(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:organisation_create"),
        {"name": "", "kind": "mops", "nip": "1234567890", "town": "Lubartów"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors
    return page_of(response)


def test_organisation_form_errors_are_listed_at_the_top(invalid_organisation_post):
    page = invalid_organisation_post
    summary = page.by_id("form-errors")
    assert len(summary) == 1
    summary_index = page.elements.index(summary[0])
    main = page.elements.index(page.by_id("content")[0])  # the top bar's search box is before
    first_control = min(index for index in map(page.elements.index, form_controls(page))
                        if index > main)
    assert main < summary_index < first_control
    links = [a.get("href") for a in page.find("a")]
    assert "#id_name" in links
    assert "#id_nip" in links


@pytest.mark.parametrize("field", ["name", "nip"])
def test_an_invalid_organisation_field_is_marked_invalid(invalid_organisation_post, field):
    ((_tag, attributes),) = invalid_organisation_post.by_id(f"id_{field}")
    assert attributes.get("aria-invalid") == "true"


@pytest.mark.parametrize("field", ["name", "nip"])
def test_an_invalid_organisation_field_points_to_its_error(invalid_organisation_post, field):
    page = invalid_organisation_post
    ((_tag, attributes),) = page.by_id(f"id_{field}")
    described_by = attributes.get("aria-describedby", "").split()
    error_ids = [
        element_id
        for element_id in described_by
        if any("invalid-feedback" in found.get("class", "") for _t, found in page.by_id(element_id))
    ]
    assert error_ids, (field, attributes)
    for element_id in described_by:
        assert page.by_id(element_id), element_id


def templates_rendering_a_form() -> list[Path]:
    form = re.compile(r"\|crispy\s*}}|{%\s*crispy\s")
    return [
        template
        for template in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
        if form.search(template.read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize(
    "template", templates_rendering_a_form(), ids=lambda template: template.name
)
def test_every_form_lists_its_errors_at_the_top(template):
    """The summary (includes/_form_errors.html, also inside the shared form partials) comes with
    every form, so an error is never only on a field further down the page."""
    text = template.read_text(encoding="utf-8")
    summaries = ["includes/_form_errors.html", "includes/_simple_form.html", "_page_form.html"]
    assert any(summary in text for summary in summaries), template


def test_the_error_summary_takes_the_focus(invalid_organisation_post):
    """Its script moves the focus to it when the page opens (browser test:
    tests/browser/test_forms_and_reflow.py)."""
    scripts = [attributes.get("src", "") for attributes, _body in invalid_organisation_post.scripts]
    assert any(src.endswith("js/form-errors.js") for src in scripts)
    assert 'summary.focus()' in Path(finders.find("js/form-errors.js")).read_text()


class ChoicesForm(forms.Form):
    weekdays = forms.MultipleChoiceField(
        choices=[("0", "Mon"), ("1", "Tue")], widget=forms.CheckboxSelectMultiple
    )
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    unit = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])


def test_an_error_of_a_list_of_boxes_links_to_its_first_box():
    """A list of checkboxes or radio buttons has no element of the field's own id; a select has."""
    form = ChoicesForm(data={})
    assert not form.is_valid()
    html = render_to_string("includes/_form_errors.html", {"form": form})
    assert 'href="#id_weekdays_0"' in html
    assert 'href="#id_kind_0"' in html
    assert 'href="#id_unit"' in html


# Static files


def static_references() -> set[str]:
    pattern = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]""")
    references = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        references.update(pattern.findall(template.read_text(encoding="utf-8")))
    return references


def test_templates_refer_to_static_files():
    assert "css/app.css" in static_references()


@pytest.mark.parametrize("path", sorted(static_references()))
def test_every_static_file_referenced_by_a_template_exists(path):
    assert finders.find(path), path
