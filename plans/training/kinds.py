"""Training's kinds of work item (guiding a person on the QMS after a new role or unit; renewing
an internal auditor's certificate) and what it completes in the plan."""

import re

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.organizations import merging
from plans.planning.fulfilment import Fulfilment
from plans.planning.fulfilment import register as register_fulfilment
from plans.work.kinds import RecordStep, WorkKind, register

from .services import CERTIFICATE_RENEWAL, ONBOARDED, ONBOARDING, TRAINING_HELD

register(
    WorkKind(
        name=ONBOARDING,
        label=_("QMS guidance for a person in a new role"),
        model="plans.Onboarding",
        source_field="onboarding",  # the onboarding holds its item
        related=("person", "department"),
        title=str,
        search=("person__full_name",),
        origin=lambda onboarding: str(_("Training and onboarding")),
        closed_on_record=RecordStep(
            _("Record the guidance on its page"),
            lambda item: item.record.get_absolute_url(),
        ),
    )
)
register(
    WorkKind(
        name=CERTIFICATE_RENEWAL,
        label=_("Renewal of an internal auditor's certificate"),
        model="plans.AuditorCertificate",
        source_field="auditor_certificate",  # the certificate holds its item
        related=("person",),
        title=lambda certificate: str(
            _("Renew the auditor's certificate of %(person)s") % {"person": certificate.person}
        ),
        search=("person__full_name", "number"),
        origin=lambda certificate: str(_("Auditors' certificates")),
        url=lambda certificate: reverse("plans:certificate_list"),
        closed_on_record=RecordStep(
            _("Record the new certificate"),
            lambda item: reverse("plans:certificate_create") + f"?nguoi={item.record.person_id}",
        ),
    )
)

register_fulfilment(
    Fulfilment(
        ONBOARDED,
        _("Guidance of a person in a new role recorded"),
        re.compile(
            r"huong dan[^.;]{0,120}(bo tri cong viec moi|cong chuc[^.;]{0,20}moi|nguoi moi)"
        ),
    )
)
register_fulfilment(
    Fulfilment(
        TRAINING_HELD,
        _("Training held and recorded"),
        re.compile(r"(dao tao|tap huan)[^.;]{0,60}(iso|htqlcl|he thong quan ly chat luong)"),
    )
)


# --- merging agencies (plans/organizations/merging.py) ------------------------------------------
def _certificates(ctx):
    from .models import AuditorCertificate

    return AuditorCertificate.objects.filter(organization__in=ctx.source_ids)


def _guidance(ctx):
    from .models import Onboarding

    return Onboarding.objects.filter(organization__in=ctx.source_ids, guided_on=None)


merging.register(
    merging.Mover(
        "certificates",
        _("Internal auditors' certificates"),
        count=lambda ctx: _certificates(ctx).count(),
        move=lambda ctx: ctx.move(_certificates(ctx)),
    )
)
merging.register(
    merging.Mover(
        "onboarding",
        _("Newcomers' guidance still due"),
        count=lambda ctx: _guidance(ctx).count(),
        move=lambda ctx: ctx.move(_guidance(ctx)),
    )
)
