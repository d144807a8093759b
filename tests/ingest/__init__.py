"""Tests of the ingest room: feed contracts, mapping, extraction, resolution, import."""
