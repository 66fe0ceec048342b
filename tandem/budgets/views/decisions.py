"""Placeholder: filled in by its branch."""

urlpatterns: list = []
