"""Views of the documents app."""
