"""Bringing in a response drafted offline: a Word file or pasted text, its headings
matched to the response's sections, a preview the user changes, then each section
saved through the drafting page's own merge."""
