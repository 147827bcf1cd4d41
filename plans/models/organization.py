"""Kept for migration 0001 only, which names the calendar keys' default by this path
(``plans.models.organization.new_token``). The models are in plans/organizations/models.py."""

from plans.organizations.models import new_token

__all__ = ["new_token"]
