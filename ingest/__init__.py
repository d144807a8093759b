"""ingest room (placeholder until its issue lands)."""
