"""The forms of the import pages. They check the shape of input; reading and
splitting the document happen in `reading` and `splitting`."""

import datetime

from django import forms
from django.utils import timezone

from ..models import ItemKind, Report
from .reading import (
    EXTENSIONS,
    MAX_BYTES,
    MAX_PDF_PAGES,
    Block,
    UnreadableDocument,
    read_aside,
    read_text,
    refuse_oversized,
)

MAX_PASTED_CHARACTERS = 1_000_000  # under the 2.5 MB a request body may hold


class StartImportForm(forms.Form):
    max_bytes = MAX_BYTES
    extensions = EXTENSIONS
    nothing_given = "Upload the report's file or paste its text."

    document = forms.FileField(
        label="Upload the report",
        required=False,
        help_text=(
            "A .docx, .pdf, .txt or .md file of up to 20 MB, and a PDF of up to "
            f"{MAX_PDF_PAGES} pages. A long PDF takes a few seconds to read."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.md"}),
    )
    text = forms.CharField(
        label="Or paste its text",
        required=False,
        max_length=MAX_PASTED_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 12}),
        strip=False,
    )

    def clean(self):
        cleaned = super().clean()
        document, text = cleaned.get("document"), (cleaned.get("text") or "")
        if self.errors:
            return cleaned
        if document and text.strip():
            raise forms.ValidationError("Upload a file or paste text, not both.")
        if not document and not text.strip():
            raise forms.ValidationError(self.nothing_given)
        try:
            if document:
                # Refused before the upload is read into memory.
                refuse_oversized(document.size, self.max_bytes)
                cleaned["blocks"] = read_aside(
                    document.read(),
                    document.name,
                    max_bytes=self.max_bytes,
                    extensions=self.extensions,
                )
                cleaned["source_name"] = document.name
            else:
                cleaned["blocks"] = read_text(text)
                cleaned["source_name"] = "Pasted text"
        except UnreadableDocument as error:
            self.add_error("document" if document else "text", str(error))
        return cleaned

    @property
    def blocks(self) -> list[Block]:
        return self.cleaned_data["blocks"]


class ItemForm(forms.Form):
    number = forms.CharField(
        max_length=30, required=False, help_text='The report\'s own number, e.g. "3" or "10a".'
    )
    title = forms.CharField(max_length=300)
    kind = forms.ChoiceField(choices=ItemKind.choices)


class ItemChangeForm(forms.Form):
    """One of the preview's item buttons. "edit" changes nothing: it opens the item's
    own page, after the details typed on the preview have been kept."""

    action = forms.ChoiceField(
        choices=[(a, a) for a in ("merge", "split", "drop", "restore", "edit")],
    )
    paragraph = forms.IntegerField(min_value=0, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "split" and cleaned.get("paragraph") is None:
            raise forms.ValidationError("Choose a paragraph to split at.")
        return cleaned


class ReportDetailsForm(forms.ModelForm):
    source_url = forms.URLField(
        label="Source link", required=False, max_length=200, assume_scheme="https"
    )
    approval_quorum = forms.IntegerField(
        label="Approvals needed",
        min_value=1,
        max_value=50,
        help_text="How many steering members must approve each national section.",
    )

    class Meta:
        model = Report
        fields = [
            "title",
            "publisher",
            "source_url",
            "published_on",
            "response_deadline",
            "approval_quorum",
        ]
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "response_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_response_deadline(self):
        deadline = self.cleaned_data["response_deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError("The response deadline has already passed.")
        return deadline

    @classmethod
    def initial_for(cls, title: str) -> dict:
        return {
            "title": title,
            "response_deadline": timezone.localdate() + datetime.timedelta(days=28),
            "approval_quorum": 2,
        }
