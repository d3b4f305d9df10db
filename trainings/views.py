"""Views of the trainings app."""
