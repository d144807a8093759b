"""Regression tests from the hostile probe of issue #10: each keeps one finding fixed."""
