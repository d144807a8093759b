"""Quarterly enforcement statistics per region (003 §4.4) and the report files."""
