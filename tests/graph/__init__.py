"""Tests of the graph room: the model, identifiers, the store port and its engines."""
