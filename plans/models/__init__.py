from .organization import Department, Organization
from .people import Membership, User

__all__ = ["Department", "Membership", "Organization", "User"]
