"""Views of the employment app."""
