from .approval import Approval, Reminder
from .audit import AuditEvent, AuditVerb
from .drafting import (
    Comment,
    Response,
    ResponseStatus,
    Revision,
    RevisionKind,
    Section,
    SectionKind,
    SectionPresence,
    Stance,
)
from .forums import Forum, ForumKind, Membership, Role
from .importing import ReportImport
from .invitations import Invitation, InvitationStatus
from .merging import Provenance, ProvenanceHow
from .publishing import Publication, PublishedSection
from .rendering import RenderedText
from .reports import Item, ItemKind, Part, Report
from .search import PublishedSearch, SectionSearch
from .tokens import ApiToken

__all__ = [
    "ApiToken",
    "Approval",
    "Reminder",
    "Publication",
    "PublishedSection",
    "PublishedSearch",
    "AuditEvent",
    "AuditVerb",
    "Comment",
    "Forum",
    "ForumKind",
    "Invitation",
    "InvitationStatus",
    "Item",
    "ItemKind",
    "Membership",
    "Part",
    "Provenance",
    "ProvenanceHow",
    "RenderedText",
    "Report",
    "ReportImport",
    "Response",
    "ResponseStatus",
    "Revision",
    "RevisionKind",
    "Role",
    "Section",
    "SectionKind",
    "SectionPresence",
    "SectionSearch",
    "Stance",
]
