"""Views of the reporting app."""
