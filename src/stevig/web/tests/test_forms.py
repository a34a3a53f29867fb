"""The one form layer: renderer, base form, submit helper."""

from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from stevig.core.errors import VersionConflict
from stevig.web.forms import CONFLICT_MESSAGE, StevigForm, form_status, submit


class Example(StevigForm):
    name = forms.CharField(label="Achternaam")
    kind = forms.ChoiceField(label="Soort", choices=[("a", "A"), ("b", "B")])
    topics = forms.MultipleChoiceField(
        label="Onderwerpen", choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="Ik ga akkoord")
    note = forms.CharField(label="Opmerking", required=False, widget=forms.Textarea)
    since = forms.DateField(label="Sinds")
    version = forms.IntegerField(widget=forms.HiddenInput)


def test_every_field_renders_through_the_one_template_with_utrecht_classes():
    html = str(Example())
    # Checkbox groups are square checkboxes in a fieldset with a legend, never radio buttons.
    assert 'type="checkbox" name="topics"' in html
    assert "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom" in html
    assert "utrecht-radio-button" not in html
    assert '<legend class="utrecht-form-fieldset__legend' in html
    assert "utrecht-select utrecht-select--html-select" in html
    assert "utrecht-textarea utrecht-textarea--html-textarea" in html
    # Optional fields say so; no field is marked with the browser's `required` (no red before typing).
    assert 'Opmerking <span class="stevig-optional">(niet verplicht)</span>' in html
    assert " required" not in html and 'aria-required="true"' in html
    assert "--invalid" not in html and "aria-invalid" not in html
    # Control left of its label: the input comes before the label in the checkbox field.
    agree = html[html.index("utrecht-form-field--checkbox utrecht-form-field--distanced") :]
    assert agree.index('name="agree"') < agree.index(">Ik ga akkoord<")
    assert 'type="date"' in html


def test_no_app_keeps_its_own_field_template():
    src = Path(__file__).resolve().parents[2]
    copies = [
        p
        for p in src.glob("*/templates/**/*.html")
        if p.name in {"_field.html", "_fields.html", "_form_errors.html", "_errors.html"}
    ]
    assert copies == []


def test_required_messages_name_the_field():
    form = Example(data={})
    assert not form.is_valid()
    assert form.errors["name"] == [
        "Vul \N{LEFT DOUBLE QUOTATION MARK}Achternaam\N{RIGHT DOUBLE QUOTATION MARK} in."
    ]
    assert form.errors["kind"] == [
        "Kies een antwoord bij \N{LEFT DOUBLE QUOTATION MARK}Soort\N{RIGHT DOUBLE QUOTATION MARK}."
    ]
    assert form.errors["agree"] == [
        "Vink \N{LEFT DOUBLE QUOTATION MARK}Ik ga akkoord\N{RIGHT DOUBLE QUOTATION MARK} aan."
    ]
    assert "Dit veld is vereist." not in str(form.errors)
    html = str(form)
    assert 'aria-invalid="true"' in html and 'id="id_name_error"' in html
    assert "utrecht-textbox--invalid" in html


def test_one_date_format_is_accepted_both_ways():
    base = {"name": "a", "kind": "a", "topics": ["x"], "agree": "on", "version": "1"}
    for typed in ("2026-11-29", "29-11-2026", "29/11/2026"):
        form = Example(data={**base, "since": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["since"].isoformat() == "2026-11-29"
    form = Example(data={**base, "since": "morgen"})
    assert not form.is_valid() and form.errors["since"] == ["Vul een datum in zoals 17-05-2026."]


def _valid_data(**extra):
    return {
        "name": "Jansen",
        "kind": "a",
        "topics": ["x"],
        "agree": "on",
        "since": "2026-11-29",
        "version": "1",
    } | extra


def test_submit_maps_service_errors_to_their_field_and_answers_400():
    request = RequestFactory().post("/")
    form = Example(data=_valid_data())

    def service(data):
        raise ValidationError({"name": "Deze naam bestaat al.", "other": "Iets anders klopt niet."})

    done = submit(request, form, service)
    assert not done.ok and not done.conflict
    assert form.errors["name"] == ["Deze naam bestaat al."]
    assert form.non_field_errors() == ["Iets anders klopt niet."]
    assert form_status(request) == 400


def test_submit_on_a_version_conflict_keeps_what_was_typed_and_answers_409():
    request = RequestFactory().post("/")
    form = Example(data=_valid_data(note="Wat ik net typte"))

    def service(data):
        raise VersionConflict()

    done = submit(request, form, service, current_version=lambda: 7)
    assert done.conflict
    assert form_status(request) == 409
    assert form.data["note"] == "Wat ik net typte" and form.data["version"] == "7"
    assert str(CONFLICT_MESSAGE) in form.non_field_errors()
    html = str(form)
    assert "Wat ik net typte" in html and 'value="7"' in html


def test_submit_returns_the_service_result():
    request = RequestFactory().post("/")
    done = submit(request, Example(data=_valid_data()), lambda data: data["name"].upper())
    assert done.ok and done.result == "JANSEN"
    assert form_status(request) == 200


@pytest.mark.django_db
def test_a_failed_submit_puts_fout_in_the_title_and_an_error_summary_with_links(world):
    from stevig.testing.personas import web_client

    response = web_client(world.own_worker).post(
        f"/trajecten/huishouden/{world.household.id}/openen/", {"opened_from": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Fout: " in html
    assert "data-error-summary" in html and 'href="#id_opened_from"' in html
