"""Accounts and roles: who may read and write what, for the dashboard and the API."""

from tsifra.accounts.users import (
    ROLES,
    Account,
    authenticate,
    can_write_region,
    create_user,
    issue_token,
    user_for_token,
)
from tsifra.kernel.problems import Forbidden

__all__ = [
    "ROLES",
    "Account",
    "Forbidden",
    "authenticate",
    "can_write_region",
    "create_user",
    "issue_token",
    "user_for_token",
]
