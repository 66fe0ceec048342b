"""Placeholder: filled in by its helper."""

urlpatterns: list = []
