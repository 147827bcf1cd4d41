from plans.organizations.access import current_organization


class OrganizationMiddleware:
    """Sets ``request.organization``: the organization the person works in (None if none).

    Loading it costs the one membership query that the navigation bar needs anyway; the result
    is cached on the user object for the permission checks of the same request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organization = current_organization(request)
        return self.get_response(request)
