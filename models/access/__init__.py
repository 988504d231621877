"""Clerk accounts: passwords, roles, lock-out."""
