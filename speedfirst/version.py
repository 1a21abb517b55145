"""The package version (one place: pyproject reads none of it, tests compare)."""

__version__ = "0.1.0"
