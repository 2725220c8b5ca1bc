"""Forms check the shape of what comes in; drafting's rules check the rest."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordMixin

from .forums import ROLE_REFUSED


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


class InviteForm(forms.Form):
    """An address and a role. Whether the address can be invited is the invitation
    rules' to say (responses.invitations.invite), with their own messages."""

    email = forms.CharField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "Enter the email address of the person to invite."},
    )
    role = forms.ChoiceField(label="Role", error_messages={"invalid_choice": ROLE_REFUSED})

    def __init__(self, *args, roles: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles


class RoleForm(forms.Form):
    # A plain field: a role the forum does not have is refused by forums.change_role.
    role = forms.CharField()


class NewAccountForm(SetPasswordMixin, forms.Form):
    """A newcomer's name and password, checked by the product's password rules."""

    # Shown, not sent: the account takes the invited address.
    email = forms.EmailField(label="Email address", disabled=True, required=False)
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1="Choose a password", label2="Type the password again"
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["email"].initial = email
        self.fields["email"].widget.attrs["autocomplete"] = "username"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        # The similarity check compares the password with the account it will belong to.
        newcomer = get_user_model()(
            username=self.email,
            email=self.email,
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )
        if "password2" not in self.errors:
            self.validate_password_for_user(newcomer, password_field_name="password1")
        return cleaned
