"""Vietnamese first (issue 26, point 4): the language is the person's choice, never the browser's;
dates are typed and shown dd/mm/yyyy in both languages; the admin is Vietnamese throughout."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from audits.internal_audit.forms import FinishForm
from audits.models import Audit
from isoplan.dates import DatePickerInput, TimeField, TimeTextInput
from plans.choices import Role
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_an_english_browser_gets_vietnamese(client, secretary):
    response = client.get(reverse("login"), **ENGLISH_BROWSER)
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi">' in response.content.decode()
    client.force_login(secretary)
    content = client.get(reverse("home"), **ENGLISH_BROWSER).content.decode()
    assert "Đăng xuất" in content
    assert "Log out" not in content


def test_the_footer_names_each_language_in_itself(client):
    content = client.get(reverse("login")).content.decode()
    assert ">Tiếng Việt</button>" in content
    assert ">English</button>" in content
    assert "Tiếng Anh" not in content


def test_english_before_logging_in_is_the_cookie(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/dang-nhap/"})
    assert "Log in" in client.get(reverse("login"), **ENGLISH_BROWSER).content.decode()


def test_the_chosen_english_is_remembered_for_the_person_across_sessions(client, secretary):
    client.force_login(secretary)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    secretary.refresh_from_db()
    assert secretary.language == "en"

    # Another browser (no cookie), Vietnamese by its Accept-Language: still English.
    client.logout()  # the test client's cookies go too
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies
    client.force_login(secretary)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Content-Language"] == "en"
    assert "Log out" in response.content.decode()

    # Back to Vietnamese, also remembered.
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert "Đăng xuất" in client.get(reverse("home"), **ENGLISH_BROWSER).content.decode()
    secretary.refresh_from_db()
    assert secretary.language == "vi"


def test_the_saved_choice_wins_over_a_cookie_left_by_someone_else(client, secretary):
    secretary.language = "vi"
    secretary.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(secretary)
    assert client.get(reverse("home"))["Content-Language"] == "vi"


def test_an_unknown_language_is_not_saved(client, secretary):
    client.force_login(secretary)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    secretary.refresh_from_db()
    assert secretary.language == ""


def test_the_language_is_also_chosen_in_my_settings(client, secretary):
    client.force_login(secretary)
    url = reverse("plans:profile")
    content = client.get(url).content.decode()
    assert '<option value="vi" selected>Tiếng Việt</option>' in content
    response = client.post(
        url, {"email": "", "email_reminders": "on", "handoff_email": "at_once", "language": "en"}
    )
    assert response.status_code == 302
    secretary.refresh_from_db()
    assert secretary.language == "en"
    assert "My settings" in client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()


# --- dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_typed_date_is_day_first_in_both_languages(language):
    with translation.override(language):
        form = FinishForm(data={"finished_on": "05/03/2024", "conclusions": "Đạt"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["finished_on"] == datetime.date(2024, 3, 5)
        # ISO dates (what a browser's own date input sent) are still read.
        form = FinishForm(data={"finished_on": "2024-03-05", "conclusions": "Đạt"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["finished_on"] == datetime.date(2024, 3, 5)
        html = str(FinishForm(initial={"finished_on": datetime.date(2024, 3, 5)})["finished_on"])
        assert 'value="05/03/2024"' in html
        assert 'type="text"' in html
        assert "data-datepicker" in html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_date_typed_in_a_page_is_stored_day_first(
    client, secretary, department, organization, make_member, language
):
    auditor = make_member(Role.AUDITOR, department=DepartmentFactory(organization=organization))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(secretary)
    response = client.post(
        reverse("audits:audit_create"),
        {
            "title": "Đánh giá nội bộ năm 2024",
            "year": 2024,
            "units": [department.pk],
            "processes": "Giải quyết TTHC",
            "criteria": "TCVN ISO 9001:2015",
            "lead_auditor": auditor.pk,
            "team": [secretary.pk],
            "starts_on": "05/03/2024",
            "ends_on": "12/03/2024",
        },
        **ENGLISH_BROWSER,
    )
    assert response.status_code == 302, response.context["form"].errors
    audit = Audit.objects.get()
    assert (audit.starts_on, audit.ends_on) == (
        datetime.date(2024, 3, 5),
        datetime.date(2024, 3, 12),
    )
    content = client.get(reverse("audits:audit_edit", args=[audit.pk])).content.decode()
    assert re.search(r'name="starts_on" value="05/03/2024"', content)


def _date_fields_of_every_form(kind=None):
    """Every form class of the project's apps, with its date fields (declared or from a model),
    or its fields of ``kind``."""
    from django import forms

    seen = set()
    stack = [forms.Form, forms.ModelForm]
    while stack:
        for cls in stack.pop().__subclasses__():
            stack.append(cls)
            if cls in seen or cls.__module__.split(".")[0] not in {"plans", "audits", "reports"}:
                continue
            seen.add(cls)
            for name, field in cls.base_fields.items():
                if (
                    isinstance(field, kind)
                    if kind
                    else isinstance(field, forms.DateField)
                    and not isinstance(field, forms.DateTimeField)
                ):
                    yield f"{cls.__module__}.{cls.__qualname__}.{name}", field


def test_every_date_field_of_every_form_has_the_picker():
    import isoplan.urls  # noqa: F401  (every page's module, so every form class)

    fields = dict(_date_fields_of_every_form())
    assert len(fields) >= 10
    assert [name for name, f in fields.items() if not isinstance(f.widget, DatePickerInput)] == []


def test_every_time_field_of_every_form_is_24_hour_text():
    """No browser time input (12-hour AM/PM in an en-US browser): hh:mm typed, on 24 hours,
    with the Vietnamese message when it is not a time."""
    from django import forms

    import isoplan.urls  # noqa: F401

    fields = dict(_date_fields_of_every_form(forms.TimeField))
    assert len(fields) >= 4  # session from/to, meeting start, minutes' closing time
    assert [name for name, f in fields.items() if not isinstance(f, TimeField)] == []
    assert [name for name, f in fields.items() if f.widget.input_type != "text"] == []
    field = TimeField()
    for typed in ("08:30", "8:30", "8h30", "8.30"):
        assert field.clean(typed) == datetime.time(8, 30), typed
    assert TimeTextInput().value_from_datadict({"t": "0830"}, {}, "t") == "08:30"
    with translation.override("vi"):
        with pytest.raises(forms.ValidationError) as error:
            field.clean("25:00")
        assert error.value.messages == ["Nhập giờ dạng hh:mm (24 giờ), ví dụ 08:30 hoặc 14:00."]


# --- admin ---------------------------------------------------------------------------------
def test_the_admin_is_vietnamese_throughout(client, admin_user):
    client.force_login(admin_user)
    content = client.get(reverse("admin:index"), **ENGLISH_BROWSER).content.decode()
    for english in ("Axes", "Access attempts", "Access failures", "Access logs"):
        assert english not in content
    assert "Lần đăng nhập" in content
    content = client.get(
        reverse("admin:axes_accessattempt_changelist"), **ENGLISH_BROWSER
    ).content.decode()
    for english in ("User Agent", "IP Address", "Attempt Time", "Failed Logins", "Locked Out"):
        assert english not in content
