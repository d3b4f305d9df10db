"""Rows of the access table per app, so each part of the domain keeps its own rows.

A module here defines ``ROWS`` (a list of ``tests.access_rows.Row``) and may define
``add_objects(objects) -> dict`` (more objects the rows point at, made from the base ones),
``POST_DATA`` (``{kind: callable(obj, objects) -> dict}``) and ``STATE_MODELS`` (models whose rows
and history a refused POST must leave untouched). tests/test_access.py runs them all.
"""

import importlib
import pkgutil


def modules():
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
    ]
