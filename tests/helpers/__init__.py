"""Helpers the test modules share, one module per part of the domain.

A test module never imports another test module: factories live in tests/factories.py, the
shared helpers (what a form posts, the steps of a scenario, sample data) live here.
"""
