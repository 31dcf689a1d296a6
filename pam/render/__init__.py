"""Formatters: terminal (rich), JSON, and the Jinja environment for reports."""
