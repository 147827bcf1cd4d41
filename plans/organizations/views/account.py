"""Changing one's password and resetting a forgotten one by email (Django's views, adapted).

Every outcome is a line in the ``isoplan.security`` log. The reset request answers the same page
whether or not the address belongs to an account, and the message leaves through a Celery task
(plans/organizations/services.py says why).
"""

import logging
from functools import partial

from axes.utils import reset as axes_reset
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import ngettext

from isoplan.security import client_address
from plans.organizations.forms import PasswordChangeForm, PasswordResetForm
from plans.organizations.services import password_reset_throttle, password_reset_valid_for
from plans.tasks import send_password_reset

log = logging.getLogger("isoplan.security")


def _ip(request) -> str:
    return client_address(request) or "-"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        # Django keeps this session and ends the person's other sessions.
        response = super().form_valid(form)
        log.info("password changed user=%s ip=%s", form.user.get_username(), _ip(self.request))
        return response


def _queue_reset_message(user_id: int) -> None:
    try:
        send_password_reset.delay(user_id)
    except Exception:  # the broker is down: the page must not tell, so no error page
        log.exception("password reset message not queued user_id=%s", user_id)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        wait = password_reset_throttle(request=self.request, email=email)
        if wait is not None:
            log.warning("password reset throttled email=%s ip=%s", email, _ip(self.request))
            form.add_error(
                None,
                ngettext(
                    "Too many password reset requests. Please try again in %(minutes)d minute.",
                    "Too many password reset requests. Please try again in %(minutes)d minutes.",
                    wait,
                )
                % {"minutes": wait},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        users = list(form.get_users(email))
        for user in users:
            # After the commit, so the worker finds the account as it is now.
            transaction.on_commit(partial(_queue_reset_message, user.pk))
        log.info(
            "password reset requested email=%s ip=%s accounts=%d",
            email,
            _ip(self.request),
            len(users),
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "valid_for": password_reset_valid_for()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    reset_url_token = "mat-khau-moi"  # noqa: S105 - a URL segment, not a secret

    def form_valid(self, form):
        response = super().form_valid(form)
        username = form.user.get_username()
        # Whoever holds the mailbox may log in again at once, lock-out or not.
        axes_reset(username=username)
        log.info("password reset user=%s ip=%s", username, _ip(self.request))
        return response
