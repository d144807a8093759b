"""Tests of the demo room: the generated world and its feeds."""
