"""Single sign-on: the province's directory (LDAP) and its OpenID Connect provider.

Both are off unless configured from the environment (README, "Single sign-on"). Either way a
person logs into an account an administrator already made: a directory or provider identity is
matched to an existing active account by user name or email (accounts.py), never creates one,
and never gives or takes a role or membership. Local passwords keep working.
"""
