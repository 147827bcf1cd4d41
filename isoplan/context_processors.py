from isoplan.navigation import entries_for
from plans.choices import Role
from plans.organizations.access import organizations_of, roles_in
from plans.work.approvals import waiting_count
from plans.work.reminders import unread_count


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    organization = getattr(request, "organization", None)
    return {
        "nav_entries": entries_for(user, organization),
        "current_organization": organization,
        "my_organizations": organizations_of(user),
        "my_role_labels": [Role(role).label for role in sorted(roles_in(user, organization))],
        "unread_notifications": unread_count(user),
        "waiting_for_me": waiting_count(user, organization, request),
    }
