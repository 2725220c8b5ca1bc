from .audit import AuditEvent
from .drafting import Response, ResponseStatus, Revision, Section, SectionKind, Stance
from .forums import Forum, ForumKind, Membership, Role
from .importing import ReportImport
from .merging import Provenance, ProvenanceHow
from .reports import Item, ItemKind, Part, Report

__all__ = [
    "AuditEvent",
    "Forum",
    "ForumKind",
    "Item",
    "ItemKind",
    "Membership",
    "Part",
    "Provenance",
    "ProvenanceHow",
    "Report",
    "ReportImport",
    "Response",
    "ResponseStatus",
    "Revision",
    "Role",
    "Section",
    "SectionKind",
    "Stance",
]
