"""Demo world room (being built)."""
