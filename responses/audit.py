"""Writing decisions to the record. Call inside the transaction of the decision."""

from typing import Any

from django.db import models

from .models import AuditEvent, AuditVerb, Report
from .people import Person


def record(
    *,
    actor: Person | None,
    verb: AuditVerb,
    target: models.Model,
    report: Report | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        target_type=target._meta.model_name or "",  # every model has one; the stubs allow None
        target_id=str(target.pk),
        target_label=str(target)[:300],
        report=report,
        data=data or {},
    )
