"""Forms check the shape of what comes in; drafting's rules check the rest."""

from django import forms


class SectionForm(forms.Form):
    text = forms.CharField(required=False, strip=False, widget=forms.Textarea)
    # A plain field: an unknown stance is refused by drafting with its own message.
    stance = forms.CharField(required=False)
    base_revision_id = forms.IntegerField(required=False, min_value=1)


class AfterSaveForm(forms.Form):
    """Where a plain (script-free) save goes back to: a fixed choice, never a URL."""

    next = forms.ChoiceField(required=False, choices=[("workspace", "The drafting workspace")])


class CommentForm(forms.Form):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class PresenceForm(forms.Form):
    section = forms.IntegerField(required=False, min_value=1)


class PreviewForm(forms.Form):
    text = forms.CharField(required=False, strip=False)


class CompareForm(forms.Form):
    older = forms.IntegerField(required=False, min_value=1)
    newer = forms.IntegerField(required=False, min_value=1)
