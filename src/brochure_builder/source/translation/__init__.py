"""Translations of a brochure through gettext catalogues (PO files), with Babel."""
