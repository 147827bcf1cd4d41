"""The province receives the annual reports its agencies send: its coordinator comments, asks for
a correction (the report goes back to the agency as a draft, to be approved and sent again) or
accepts it. Each reply is kept on the report and told to the agency's ISO secretary."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isoplan.workflow import AUTHOR, Action, Workflow
from plans.choices import Role
from plans.models import Membership
from plans.work.handoffs import tell
from plans.work.services import items_reopen_for

from .annual import AnnualReportError
from .models import AnnualReport, AnnualReportStatus, ProvinceReply, ReplyKind


def _awaiting(report: AnnualReport) -> bool:
    return report.submitted_on is not None and report.accepted_on is None


def _check_awaiting(saved: AnnualReport) -> None:
    if not _awaiting(saved):
        raise AnnualReportError(_("This report is not waiting for the province's answer."))


@transaction.atomic
def report_accept(*, report: AnnualReport, user, text: str = "") -> AnnualReport:
    report = RECEIPT_ACTIONS.take(
        "accept", report, user=user, check=_check_awaiting, accepted_on=timezone.localdate()
    )
    ProvinceReply.objects.create(report=report, kind=ReplyKind.ACCEPTED, text=text, written_by=user)
    return report


@transaction.atomic
def report_ask_correction(*, report: AnnualReport, user, text: str) -> AnnualReport:
    """Back to the agency as a draft: not sent any more, so the plan's reporting task of that
    year is open again until it is sent anew."""
    if not text.strip():
        raise AnnualReportError(_("Say what should be corrected."))
    report = RECEIPT_ACTIONS.take(
        "correct",
        report,
        user=user,
        check=_check_awaiting,
        reason=text,
        submitted_on=None,
        approved_by=None,
        approved_at=None,
    )
    ProvinceReply.objects.create(
        report=report, kind=ReplyKind.CORRECTION, text=text, written_by=user
    )
    items_reopen_for(report, user=user)
    return report


@transaction.atomic
def report_comment(*, report: AnnualReport, user, text: str) -> ProvinceReply:
    if not text.strip():
        raise AnnualReportError(_("Write the comment."))
    reply = ProvinceReply.objects.create(
        report=report, kind=ReplyKind.COMMENT, text=text, written_by=user
    )
    secretaries = Membership.objects.filter(
        organization=report.organization, role=Role.ISO_SECRETARY, user__is_active=True
    ).values_list("user_id", flat=True)
    tell(
        list(secretaries),
        organization=report.organization,
        key=f"province_reply:{reply.pk}",
        title=_("%(who)s commented on %(record)s.")
        % {"who": user.get_full_name(), "record": report},
        body=text,
        link=report.get_absolute_url(),
    )
    return reply


RECEIPT_ACTIONS = Workflow(
    Action(
        "accept",
        permission="reports.receive_annualreport",
        from_statuses=frozenset({AnnualReportStatus.APPROVED}),
        label=gettext_lazy("Accept"),
        done=gettext_lazy("The report is accepted."),
        when=_awaiting,
        refused=gettext_lazy("This report is not waiting for the province's answer."),
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s accepted %(record)s."),
    ),
    Action(
        "correct",
        permission="reports.receive_annualreport",
        from_statuses=frozenset({AnnualReportStatus.APPROVED}),
        to_status=AnnualReportStatus.DRAFT,
        label=gettext_lazy("Ask for a correction"),
        done=gettext_lazy("The report went back to the agency for a correction."),
        when=_awaiting,
        refused=gettext_lazy("This report is not waiting for the province's answer."),
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s asked for a correction of %(record)s."),
    ),
    record="report",
    error=AnnualReportError,
    refused="",
)
