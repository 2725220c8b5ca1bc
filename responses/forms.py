"""Forms check the shape of what comes in; drafting's rules check the rest."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordMixin
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .forums import ROLE_REFUSED
from .models import Forum, ForumKind, Report, Stance
from .search import MAX_QUERY, Filters


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


class ChoiceList(forms.Select):
    """A select written in Python, not through a template per option: the search's
    forum filter offers every forum, and templates cost a millisecond per 20."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(each) for each in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')  # noqa: S308 (escaped)


class PublicSearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=MAX_QUERY,
        required=False,
        error_messages={"max_length": f"Search for at most {MAX_QUERY} characters."},
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
    )

    page = forms.IntegerField(min_value=1, max_value=100, required=False, widget=forms.HiddenInput)

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1

    @property
    def words(self) -> str:
        """What to search for, once the form is valid; empty when nothing was asked."""
        return self.cleaned_data["q"].strip() if self.is_bound and self.is_valid() else ""


class SearchForm(PublicSearchForm):
    """Search and its filters; the reports and forums offered are those the person may
    read, so a forged choice is refused as any unknown one."""

    report = forms.ChoiceField(required=False)
    level = forms.ChoiceField(choices=[("", "Every level"), *ForumKind.choices], required=False)
    forum = forms.ChoiceField(required=False)
    stance = forms.ChoiceField(
        label="Position", choices=[("", "Any position"), *Stance.choices], required=False
    )

    def __init__(self, *args, reports: QuerySet[Report], forums: QuerySet[Forum], **kwargs):
        super().__init__(*args, **kwargs)
        offered = {
            "report": [("", "Every report"), *reports.values_list("slug", "title")],
            "level": self.fields["level"].choices,
            "forum": [("", "Every forum"), *forums.values_list("slug", "name")],
            "stance": self.fields["stance"].choices,
        }
        for name, choices in offered.items():
            self.fields[name].choices = choices
            self.fields[name].widget = ChoiceList(attrs={"class": "form-select"}, choices=choices)

    @property
    def narrowed(self) -> bool:
        """A filter was chosen, or refused: the page shows the filters open."""
        return any(self.data.get(name) for name in ("report", "level", "forum", "stance"))

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            report=data["report"],
            level=data["level"],
            forum=data["forum"],
            stance=data["stance"],
        )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What is it for?",
        max_length=100,
        help_text="A name to tell your tokens apart, e.g. “Forum spreadsheet”.",
        error_messages={"required": "Give the token a name, to tell it apart later."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
