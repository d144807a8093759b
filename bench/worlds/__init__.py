"""Evaluation worlds for the benches: seeded generators of partner feeds with ground truth.

Each world is written independently of the hub's own demo world (``demo/``), so that a
quality figure measured on it says how the hub does on data it did not shape.
"""
