"""Personalised copies: one PDF per data row."""
