"""Forms check the shape of what comes in; drafting's rules check the rest."""

from django import forms


class TypedTextField(forms.CharField):
    """What an editor typed in a textarea, exactly, with its line breaks as the
    textarea counts them: browsers send each as CR LF, the page's script (a caret
    position, say) counts one character."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea)
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class SectionForm(forms.Form):
    text = TypedTextField()
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
