"""Shared test helpers: real platform processes and valid test identities."""
