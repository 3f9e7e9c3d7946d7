"""Accounts and roles: who may read and write what, for the dashboard and the API."""

from tsifra.accounts.throttle import TooManyAttempts, sign_in, unlock
from tsifra.accounts.tokens import issue_token, revoke_tokens, user_for_token
from tsifra.accounts.users import (
    ROLES,
    Account,
    authenticate,
    can_write_region,
    create_user,
    set_active,
    set_password,
)
from tsifra.kernel.problems import Forbidden

__all__ = [
    "ROLES",
    "Account",
    "Forbidden",
    "TooManyAttempts",
    "authenticate",
    "can_write_region",
    "create_user",
    "issue_token",
    "revoke_tokens",
    "set_active",
    "set_password",
    "sign_in",
    "unlock",
    "user_for_token",
]
