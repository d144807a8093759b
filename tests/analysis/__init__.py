"""Tests of the analysis room: tracing, sales networks, rings, risk, jurisdiction."""
