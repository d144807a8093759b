"""Coordination room (being built)."""
