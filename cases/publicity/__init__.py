"""Publicity of takedowns (公示): the public, read-only record made from the ledger."""
