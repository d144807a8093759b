"""Entity extraction from free Chinese text (being built)."""
