"""analysis room (placeholder until its issue lands)."""
