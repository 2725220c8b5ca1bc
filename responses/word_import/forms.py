"""The forms of bringing a response in: the upload (or pasted text), and the preview's
choices. They check the shape of input; the plan's own functions apply it."""

from django import forms

from ..importing.forms import StartImportForm
from ..models import Stance
from . import preview
from .preview import ADD, REPLACE, Plan

MAX_BYTES = 10 * 1024 * 1024


class BringInForm(StartImportForm):
    max_bytes = MAX_BYTES
    extensions = (".docx",)
    nothing_given = "Choose your Word file, or paste your text."

    document = forms.FileField(
        label="Your Word file",
        required=False,
        help_text="A .docx file of up to 10 MB.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document"
            }
        ),
    )
    text = forms.CharField(
        label="Or paste your text",
        required=False,
        max_length=preview.MAX_CHARACTERS,
        help_text="Put each heading on a line of its own, such as “Recommendation 3”.",
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
    )


class PreviewChoicesForm(forms.Form):
    """Every choice the preview page shows, posted together by any of its buttons: where
    each piece of text goes, each item's position, and whether text is added to a
    section's text or replaces it. `leave_out` and `put_back` name one piece."""

    leave_out = forms.IntegerField(required=False)
    put_back = forms.IntegerField(required=False)

    def __init__(self, data, *, plan: Plan):
        super().__init__(data)
        self.plan = plan
        sections = [("", "Not placed")] + [(pk, pk) for pk in plan.bases]
        for piece in plan.pieces:
            self.fields[f"piece-{piece.key}"] = forms.ChoiceField(choices=sections, required=False)
        for pk in plan.bases:
            self.fields[f"stance-{pk}"] = forms.ChoiceField(choices=Stance.choices, required=False)
            self.fields[f"mode-{pk}"] = forms.ChoiceField(
                choices=[(ADD, ADD), (REPLACE, REPLACE)], required=False
            )

    def apply(self) -> int | None:
        """Make the chosen changes to the plan; the piece a button named, if any."""
        data, plan = self.cleaned_data, self.plan
        for piece in plan.pieces:
            name = f"piece-{piece.key}"
            if name in self.data:
                preview.move_piece(plan, piece.key, int(data[name]) if data[name] else None)
        for pk in plan.bases:
            if data.get(f"stance-{pk}"):
                preview.choose_stance(plan, int(pk), data[f"stance-{pk}"])
            if data.get(f"mode-{pk}"):
                preview.choose_mode(plan, int(pk), data[f"mode-{pk}"])
        if data.get("leave_out") is not None:
            preview.leave_out(plan, data["leave_out"])
            return data["leave_out"]
        if data.get("put_back") is not None:
            preview.put_back(plan, data["put_back"])
            return data["put_back"]
        return None
