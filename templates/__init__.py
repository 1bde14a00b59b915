"""Scaffolding templates for `skillkit new` (shipped inside the wheel as skillkit.templates)."""
