"""Report import: reading a document, splitting it into parts and items, a preview the
user edits, and the report created when they confirm."""
