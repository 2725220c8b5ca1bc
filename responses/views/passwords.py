from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from ..passwords import TOO_MANY_RESETS, QueuedPasswordResetForm, reset_allowed


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def form_valid(self, form) -> HttpResponse:
        if not reset_allowed(email=form.cleaned_data["email"], request=self.request):
            form.add_error(None, TOO_MANY_RESETS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
