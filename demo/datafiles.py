"""The demo's data files (demo/data/*.toml), which a person reads and edits."""

import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read(name: str) -> dict:
    """One data file, ``demo/data/<name>.toml``."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)
