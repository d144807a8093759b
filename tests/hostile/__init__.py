"""Hostile-input regression tests (issue #10): bodies, races, cost bombs, oracles."""
