"""Views of the results app."""
